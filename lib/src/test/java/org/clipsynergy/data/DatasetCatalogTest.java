package org.clipsynergy.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.clipsynergy.ProjectLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading and validating datasets.yaml: the project's own catalog, and one test per error. */
class DatasetCatalogTest {

    private static final List<String> SUITE =
            List.of(
                    "imagenet1k",
                    "cifar10",
                    "cifar100",
                    "caltech101",
                    "cars",
                    "fgvc_aircraft",
                    "flowers",
                    "food101",
                    "pets",
                    "dtd",
                    "eurosat",
                    "resisc45",
                    "gtsrb",
                    "mnist",
                    "svhn",
                    "stl10",
                    "sun397",
                    "country211",
                    "fer2013",
                    "pcam",
                    "renderedsst2");

    @TempDir Path dir;

    @BeforeEach
    void classAndTemplateFiles() throws IOException {
        Files.writeString(dir.resolve("classes.txt"), "zero\none\ntwo\n");
        Files.writeString(dir.resolve("templates.txt"), "a photo of {}.\n{} again.\n");
    }

    @Test
    void projectCatalogHasTheDefaultsAndTheWholeSuite() throws IOException {
        DatasetCatalog catalog = TestData.catalog();
        assertTrue(catalog.names().containsAll(SUITE), catalog.names().toString());
        assertTrue(catalog.names().contains("fashion-mnist"));
        assertEquals(22, catalog.names().size());

        DatasetEntry mnist = catalog.entry("mnist");
        assertEquals(ReaderKind.IDX, mnist.reader());
        assertEquals(List.of("train", "test"), List.copyOf(mnist.splits().keySet()));
        assertEquals(OptionalInt.of(10_000), mnist.split("test").expectedSize());
        assertEquals(4, mnist.sha256().size());
        assertEquals("0", mnist.classNames().get(0));

        DatasetEntry fashion = catalog.entry("fashion-mnist");
        assertEquals("ankle boot", fashion.classNames().get(9));
        assertEquals(1000, catalog.entry("imagenet1k").numClasses());
        assertEquals(80, catalog.entry("imagenet1k").templates().size());
        assertEquals(397, catalog.entry("sun397").numClasses());
        assertEquals("cifar100", catalog.entry("cifar100").variant().orElseThrow());
        for (String name : catalog.names()) {
            for (String t : catalog.entry(name).templates()) {
                assertTrue(t.contains("{}"), name + ": " + t);
            }
        }
    }

    @Test
    void absentDataIsUnavailableWithTheExpectedPathAndFailsOnlyOnOpen() throws IOException {
        DatasetCatalog catalog = DatasetCatalog.load(TestData.layout().catalog(), dir);
        Availability a = catalog.availability("cifar10", "test");
        assertFalse(a.available());
        Path expected = dir.resolve("cifar10/cifar-10-batches-bin/test_batch.bin");
        assertEquals(List.of(expected), a.expected());
        assertTrue(a.reason().contains(expected.toString()), a.reason());

        Availability m = catalog.availability("mnist", "train");
        assertFalse(m.available());
        assertTrue(m.reason().contains("fetch_data.py"), m.reason());
        assertEquals(44, catalog.availabilities().size());

        NoSuchFileException e =
                assertThrows(NoSuchFileException.class, () -> catalog.open("cifar10", "test"));
        assertTrue(e.getMessage().contains("test_batch.bin"), e.getMessage());
    }

    @Test
    void presentDataIsAvailable() throws IOException {
        TestData.assumeEmbeddedData();
        DatasetCatalog catalog = TestData.catalog();
        assertTrue(catalog.availability("mnist", "test").available());
        assertTrue(catalog.availability("fashion-mnist", "train").available());
    }

    @Test
    void unknownDatasetOrSplitIsNamed() throws IOException {
        DatasetCatalog catalog = TestData.catalog();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> catalog.entry("kmnist"));
        assertTrue(e.getMessage().contains("'kmnist'"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> catalog.availability("mnist", "validation"));
        assertTrue(e.getMessage().contains("'validation'"), e.getMessage());
        assertTrue(e.getMessage().contains("[train, test]"), e.getMessage());
    }

    @Test
    void validEntryLoads() throws IOException {
        DatasetCatalog catalog = load(entry(""));
        DatasetEntry e = catalog.entry("toy");
        assertEquals(List.of("zero", "one", "two"), e.classNames());
        assertEquals(List.of("a photo of {}.", "{} again."), e.templates());
        assertEquals("toy/test-images", e.split("test").file("images"));
    }

    @Test
    void unknownEntryKeyIsAnError() {
        assertError(entry("    colour: red\n"), "entry 'toy', field 'colour'", "unknown key");
    }

    @Test
    void unknownTopLevelKeyIsAnError() {
        assertError("version: 2\n" + entry(""), "field 'version'", "unknown key");
    }

    @Test
    void unknownSplitKeyIsAnError() {
        String yaml = entry("").replace("size: 5", "size: 5\n        count: 5");
        assertError(yaml, "entry 'toy', field 'splits.test'", "'count'");
    }

    @Test
    void splitKeyOfAnotherReaderIsAnError() {
        String yaml = entry("").replace("size: 5", "size: 5\n        folder: toy/images");
        assertError(yaml, "field 'splits.test.folder'", "not used by reader idx");
    }

    @Test
    void missingSplitKeyIsAnError() {
        String yaml = entry("").replace("        labels: toy/test-labels\n", "");
        assertError(yaml, "field 'splits.test.labels'", "required by reader idx");
    }

    @Test
    void missingClassFileIsAnError() {
        String yaml = entry("").replace("classes: classes.txt", "classes: nowhere/classes.txt");
        assertError(yaml, "entry 'toy', field 'classes'", "nowhere/classes.txt does not exist");
    }

    @Test
    void missingTemplateFileIsAnError() {
        String yaml = entry("").replace("templates: templates.txt", "templates: t/none.txt");
        assertError(yaml, "entry 'toy', field 'templates'", "t/none.txt does not exist");
    }

    @Test
    void templateWithoutTheClassSlotIsAnError() throws IOException {
        Files.writeString(dir.resolve("templates.txt"), "a photo of {}.\na photo of {c}.\n");
        assertError(entry(""), "entry 'toy', field 'templates'", "line 2 'a photo of {c}.'");
    }

    @Test
    void templateWithTwoClassSlotsIsAnError() throws IOException {
        Files.writeString(dir.resolve("templates.txt"), "{} or {}\n");
        assertError(entry(""), "field 'templates'", "has it 2 times");
    }

    @Test
    void classCountDisagreeingWithTheFileIsAnError() {
        String yaml = entry("").replace("num_classes: 3", "num_classes: 4");
        assertError(yaml, "entry 'toy', field 'num_classes'", "says 4 classes");
        assertError(
                yaml, "entry 'toy', field 'num_classes'", "classes.txt (field 'classes') has 3");
    }

    @Test
    void emptyLineInTheClassFileIsAnError() throws IOException {
        Files.writeString(dir.resolve("classes.txt"), "zero\n\ntwo\n");
        assertError(entry(""), "field 'classes'", "line 2 is empty");
    }

    @Test
    void unknownReaderIsAnError() {
        String yaml = entry("").replace("reader: idx", "reader: tfrecord");
        assertError(yaml, "entry 'toy', field 'reader'", "unknown reader 'tfrecord'");
    }

    @Test
    void missingRequiredFieldIsAnError() {
        String yaml = entry("").replace("    licence: MIT\n", "");
        assertError(yaml, "entry 'toy', field 'licence'", "is required");
    }

    @Test
    void duplicateNameIsAnError() {
        String one = entry("");
        String two = one + one.substring(one.indexOf("  - name"));
        assertError(two, "entry 'toy', field 'name'", "appears twice");
    }

    @Test
    void badNameIsAnError() {
        assertError(entry("").replace("name: toy", "name: Toy Set"), "field 'name'", "must match");
    }

    @Test
    void cifarReaderNeedsAKnownVariant() {
        String cifar =
                entry("")
                        .replace("reader: idx", "reader: cifar-binary")
                        .replace(
                                "        images: toy/test-images\n        labels: toy/test-labels\n",
                                "        batches:\n          - toy/test.bin\n");
        assertError(cifar, "entry 'toy', field 'variant'", "required for reader cifar-binary");
        assertError(
                cifar.replace("    licence", "    variant: cifar1000\n    licence"),
                "field 'variant'",
                "got 'cifar1000'");
        assertError(
                entry("    variant: cifar10\n"), "field 'variant'", "only for reader cifar-binary");
    }

    @Test
    void badChecksumIsAnError() {
        assertError(
                entry("    sha256:\n      toy/test-images: abc123\n"),
                "field 'sha256.toy/test-images'",
                "64 lower-case hex digits");
    }

    @Test
    void nonNumericSizeIsAnError() {
        assertError(entry("").replace("size: 5", "size: five"), "field 'size'", "whole number");
    }

    @Test
    void datasetsThatIsNotAListIsAnError() {
        assertError("datasets:\n  toy: {}\n", "field 'datasets'", "must be a list");
    }

    @Test
    void entryThatIsNotAMappingIsAnError() {
        assertError("datasets:\n  - just a name\n", "entry '#0'", "expected a mapping");
    }

    @Test
    void splitsThatAreNotAMappingAreAnError() {
        String yaml = entry("").substring(0, entry("").indexOf("    splits:")) + "    splits: []\n";
        assertError(yaml, "field 'splits'", "must map split names");
    }

    @Test
    void splitThatIsNotAMappingIsAnError() {
        String yaml =
                entry("").substring(0, entry("").indexOf("    splits:"))
                        + "    splits:\n      test: toy/test-images\n";
        assertError(yaml, "field 'splits.test'", "must be a mapping");
    }

    @Test
    void pathThatIsNotTextIsAnError() {
        String yaml = entry("").replace("images: toy/test-images", "images: [a, b]");
        assertError(yaml, "field 'splits.test.images'", "must be a path");
    }

    @Test
    void emptyClassFileIsAnError() throws IOException {
        Files.writeString(dir.resolve("classes.txt"), "\n");
        assertError(entry(""), "field 'classes'", "is empty");
    }

    @Test
    void classCountBelowOneIsAnError() {
        assertError(entry("").replace("num_classes: 3", "num_classes: 0"), "num_classes", ">= 1");
    }

    @Test
    void missingCatalogFileIsNamed() {
        Path missing = dir.resolve("nowhere.yaml");
        NoSuchFileException e =
                assertThrows(NoSuchFileException.class, () -> DatasetCatalog.load(missing, dir));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void invalidYamlNamesTheFile() throws IOException {
        Path yaml = dir.resolve("datasets.yaml");
        Files.writeString(yaml, "datasets: [\n");
        IOException e = assertThrows(IOException.class, () -> DatasetCatalog.load(yaml, dir));
        assertTrue(e.getMessage().contains(yaml.toString()), e.getMessage());
    }

    @Test
    void invalidYamlSaysWhereInOneLine() throws IOException {
        Path yaml = dir.resolve("datasets.yaml");
        Files.writeString(yaml, entry("").replace("    reader: idx\n", "    reader: idx : : [\n"));
        IOException e = assertThrows(IOException.class, () -> DatasetCatalog.load(yaml, dir));
        assertEquals(
                yaml
                        + ": not valid YAML at line 4, column 17: mapping values are not allowed"
                        + " here",
                e.getMessage());
    }

    @Test
    void aMissingCatalogNamesTheRootItLookedIn() {
        Path root = dir.resolve("elsewhere");
        ProjectLayout layout = ProjectLayout.at(root);
        java.nio.file.NoSuchFileException e =
                assertThrows(
                        java.nio.file.NoSuchFileException.class, () -> DatasetCatalog.load(layout));
        assertEquals(root.resolve("datasets.yaml").toString(), e.getFile());
        assertTrue(e.getReason().startsWith("dataset catalog not found in " + root), e.getReason());
    }

    /** A one-entry catalog of a 3-class IDX dataset, with extra entry lines appended. */
    private static String entry(String extra) {
        return "datasets:\n"
                + "  - name: toy\n"
                + "    title: Toy digits\n"
                + "    reader: idx\n"
                + "    classes: classes.txt\n"
                + "    templates: templates.txt\n"
                + "    num_classes: 3\n"
                + "    source: https://example.org/toy\n"
                + "    licence: MIT\n"
                + extra
                + "    splits:\n"
                + "      test:\n"
                + "        images: toy/test-images\n"
                + "        labels: toy/test-labels\n"
                + "        size: 5\n";
    }

    private DatasetCatalog load(String yaml) throws IOException {
        Path file = dir.resolve("datasets.yaml");
        Files.writeString(file, yaml);
        return DatasetCatalog.load(file, dir.resolve("data"));
    }

    private void assertError(String yaml, String where, String what) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(yaml));
        String message = e.getMessage();
        assertTrue(message.contains(dir.resolve("datasets.yaml").toString()), message);
        assertTrue(message.contains(where), "expected '" + where + "' in: " + message);
        assertTrue(message.contains(what), "expected '" + what + "' in: " + message);
    }
}
