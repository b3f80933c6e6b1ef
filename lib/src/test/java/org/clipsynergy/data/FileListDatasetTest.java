package org.clipsynergy.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image-folder and CSV-manifest readers on small trees made here: labels from sorted class
 * folders or the manifest, images in order, and undecodable files failed or skipped and counted.
 */
class FileListDatasetTest {

    @TempDir Path root;
    private Path data;

    @BeforeEach
    void catalogWithTwoFileDatasets() throws IOException {
        data = Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("classes.txt"), "ant\nbee\ncow\n");
        Files.writeString(root.resolve("templates.txt"), "a photo of a {}.\n");
        writeCatalog(3);
    }

    @Test
    void imageFolderLabelsFollowSortedSubfoldersAndFiles() throws IOException {
        // Class folders created out of order; files named so that sorted order is b1, b2.
        png(data.resolve("toy/test/cow/c1.png"), 30);
        png(data.resolve("toy/test/ant/a1.png"), 10);
        png(data.resolve("toy/test/bee/b2.png"), 22);
        png(data.resolve("toy/test/bee/b1.png"), 21);
        png(data.resolve("toy/test/bee/sub/b3.png"), 23);
        Files.writeString(data.resolve("toy/test/bee/readme.txt"), "not an image");

        ImageDataset ds = catalog(DecodePolicy.FAIL).open("folder", "test");
        assertEquals(5, ds.size());
        assertArrayEquals(new int[] {0, 1, 1, 1, 2}, ds.labels());
        try (Stream<Sample> s = ds.stream(0)) {
            List<Sample> all = s.toList();
            int[] values =
                    all.stream().mapToInt(x -> x.image().getRaster().getSample(0, 0, 0)).toArray();
            assertArrayEquals(new int[] {10, 21, 22, 23, 30}, values);
            assertEquals("bee/b1.png", all.get(1).origin());
        }
        try (Stream<Sample> s = ds.stream(3)) {
            assertEquals(List.of(3, 4), s.map(Sample::index).toList());
        }
    }

    @Test
    void imageFolderWithTheWrongNumberOfClassesIsAnError() throws IOException {
        png(data.resolve("toy/test/ant/a1.png"), 10);
        png(data.resolve("toy/test/bee/b1.png"), 20);
        IOException e =
                assertThrows(
                        IOException.class, () -> catalog(DecodePolicy.FAIL).open("folder", "test"));
        assertTrue(e.getMessage().contains("has 2 class subfolders"), e.getMessage());
        assertTrue(e.getMessage().contains("'folder' has 3 classes"), e.getMessage());
    }

    @Test
    void manifestGivesPathsAndLabels() throws IOException {
        png(data.resolve("man/img/x.png"), 40);
        png(data.resolve("man/img/y.png"), 50);
        Files.copy(
                TestData.resource("images/cmyk.jpg"),
                Files.createDirectories(data.resolve("man/img")).resolve("z.jpg"));
        Files.writeString(
                data.resolve("man/test.csv"),
                "path,label\nimg/y.png,2\nimg/x.png,0\n\"img/z.jpg\",1\n");

        ImageDataset ds = catalog(DecodePolicy.FAIL).open("manifest", "test");
        assertArrayEquals(new int[] {2, 0, 1}, ds.labels());
        try (Stream<Sample> s = ds.stream(0)) {
            List<Sample> all = s.toList();
            assertEquals(50, all.get(0).image().getRaster().getSample(0, 0, 0));
            assertEquals("img/x.png", all.get(1).origin());
            assertEquals(BufferedImage.TYPE_INT_RGB, all.get(2).image().getType());
        }
        String before = ds.fingerprint();
        Files.writeString(
                data.resolve("man/test.csv"),
                "path,label\nimg/y.png,2\nimg/x.png,1\nimg/z.jpg,1\n");
        assertNotEquals(before, catalog(DecodePolicy.FAIL).open("manifest", "test").fingerprint());
    }

    @Test
    void manifestErrorsNameTheManifestAndLine() throws IOException {
        png(data.resolve("man/img/x.png"), 40);
        Path csv = data.resolve("man/test.csv");
        DatasetCatalog catalog = catalog(DecodePolicy.FAIL);

        Files.writeString(csv, "file,class\nimg/x.png,0\n");
        assertOpenError(catalog, "manifest", "header must be 'path,label'");
        Files.writeString(csv, "path,label\nimg/x.png,0\nimg/missing.png,1\n");
        assertOpenError(catalog, "manifest", "line 3: image file");
        Files.writeString(csv, "path,label\nimg/x.png,one\n");
        assertOpenError(catalog, "manifest", "label must be a class index, got 'one'");
        Files.writeString(csv, "path,label\nimg/x.png,3\n");
        assertOpenError(
                catalog, "manifest", "line 2: label 3 is not a class index, expected 0 to 2");
    }

    @Test
    void undecodableFileFailsTheStreamByDefault() throws IOException {
        corruptTree();
        ImageDataset ds = catalog(DecodePolicy.FAIL).open("folder", "test");
        UncheckedIOException e =
                assertThrows(
                        UncheckedIOException.class,
                        () -> {
                            try (Stream<Sample> s = ds.stream(0)) {
                                s.forEach(x -> {});
                            }
                        });
        assertTrue(
                e.getMessage().contains("bee" + java.io.File.separator + "b1.png"), e.getMessage());
        assertTrue(e.getMessage().contains("DecodePolicy.SKIP"), e.getMessage());
    }

    @Test
    void undecodableFileIsSkippedAndCountedUnderSkip() throws IOException {
        corruptTree();
        ImageDataset ds = catalog(DecodePolicy.SKIP).open("folder", "test");
        try (Stream<Sample> s = ds.stream(0)) {
            assertEquals(List.of(0, 2, 3), s.map(Sample::index).toList());
        }
        DecodeReport report = ds.decodeReport();
        assertEquals(1, report.skippedCount());
        DecodeReport.Skipped skipped = report.skipped().get(0);
        assertEquals(1, skipped.index());
        assertTrue(skipped.origin().endsWith("b1.png"), skipped.origin());
        assertTrue(skipped.reason().contains("cannot decode PNG"), skipped.reason());

        try (Stream<Sample> s = ds.stream(0)) {
            assertEquals(3, s.count());
        }
        assertEquals(1, report.skippedCount(), "a second pass counts the same image once");
    }

    /** ant/a1.png fine, bee/b1.png truncated, bee/b2.png fine, cow/c1.png fine. */
    private void corruptTree() throws IOException {
        png(data.resolve("toy/test/ant/a1.png"), 10);
        png(data.resolve("toy/test/bee/b2.png"), 22);
        png(data.resolve("toy/test/cow/c1.png"), 30);
        Files.copy(TestData.resource("images/truncated.png"), data.resolve("toy/test/bee/b1.png"));
    }

    private void assertOpenError(DatasetCatalog catalog, String name, String what) {
        IOException e = assertThrows(IOException.class, () -> catalog.open(name, "test"));
        assertTrue(e.getMessage().contains("test.csv"), e.getMessage());
        assertTrue(e.getMessage().contains(what), "expected '" + what + "' in " + e.getMessage());
    }

    private DatasetCatalog catalog(DecodePolicy policy) throws IOException {
        return DatasetCatalog.load(root.resolve("datasets.yaml"), data).withDecodePolicy(policy);
    }

    private void writeCatalog(int numClasses) throws IOException {
        String common =
                "    classes: classes.txt\n    templates: templates.txt\n    num_classes: "
                        + numClasses
                        + "\n    source: made by the test\n    licence: none\n";
        Files.writeString(
                root.resolve("datasets.yaml"),
                "datasets:\n"
                        + "  - name: folder\n    title: Folder toy\n    reader: image-folder\n"
                        + common
                        + "    splits:\n      test:\n        folder: toy/test\n"
                        + "  - name: manifest\n    title: Manifest toy\n    reader: csv-manifest\n"
                        + common
                        + "    splits:\n      test:\n        manifest: man/test.csv\n");
    }

    /** Writes a 4 x 3 grey PNG of one value. */
    private static void png(Path file, int value) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                image.getRaster().setSample(x, y, 0, value);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
