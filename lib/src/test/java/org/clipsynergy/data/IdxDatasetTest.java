package org.clipsynergy.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The IDX reader on the real MNIST and Fashion-MNIST files in data/. Expected counts, label
 * histograms and pixel sums come from idx_reference.json, computed with numpy by
 * environment/reference/idx_reference.py.
 */
class IdxDatasetTest {

    private static final JsonNode REFERENCE = TestData.json("idx_reference.json");

    @ParameterizedTest
    @CsvSource({"mnist,train", "mnist,test", "fashion-mnist,train", "fashion-mnist,test"})
    void sizesAndLabelHistogramsMatchNumpy(String name, String split) throws IOException {
        TestData.assumeEmbeddedData();
        JsonNode ref = REFERENCE.get(name + "/" + split);
        ImageDataset dataset = TestData.catalog().open(name, split);

        assertEquals(ref.get("size").asInt(), dataset.size());
        assertEquals(split.equals("train") ? 60_000 : 10_000, dataset.size());
        int[] histogram = new int[10];
        for (int label : dataset.labels()) {
            histogram[label]++;
        }
        assertArrayEquals(ints(ref.get("histogram")), histogram);
        assertEquals(10, dataset.classNames().size());
    }

    @ParameterizedTest
    @CsvSource({"mnist,test", "fashion-mnist,test", "fashion-mnist,train"})
    void streamedPixelsMatchNumpy(String name, String split) throws IOException {
        TestData.assumeEmbeddedData();
        JsonNode ref = REFERENCE.get(name + "/" + split);
        ImageDataset dataset = TestData.catalog().open(name, split);
        long[] total = {0};
        int[] count = {0};
        try (Stream<Sample> samples = dataset.stream(0)) {
            samples.forEach(
                    s -> {
                        assertEquals(count[0]++, s.index());
                        total[0] += pixelSum(s.image());
                    });
        }
        assertEquals(dataset.size(), count[0]);
        assertEquals(ref.get("total_pixel_sum").asLong(), total[0]);

        for (JsonNode image : ref.get("images")) {
            int index = image.get("index").asInt();
            try (Stream<Sample> samples = dataset.stream(index)) {
                Sample s = samples.findFirst().orElseThrow();
                assertEquals(index, s.index());
                assertEquals(image.get("label").asInt(), s.label());
                assertEquals(image.get("pixel_sum").asLong(), pixelSum(s.image()), s.origin());
                assertEquals(
                        image.get("pixel_14_14").asInt(),
                        s.image().getRaster().getSample(14, 14, 0));
                assertEquals(BufferedImage.TYPE_BYTE_GRAY, s.image().getType());
                assertEquals(28, s.image().getWidth());
                assertTrue(s.origin().endsWith("#" + index), s.origin());
            }
        }
    }

    @Test
    void gzippedCopyReadsTheSameAsRaw(@TempDir Path dir) throws IOException {
        TestData.assumeEmbeddedData();
        DatasetCatalog catalog = TestData.catalog();
        for (String f : List.of("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")) {
            Path target = dir.resolve("mnist").resolve(f);
            Files.createDirectories(target.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
                Files.copy(catalog.dataFolder().resolve("mnist").resolve(f), out);
            }
        }
        ImageDataset raw = catalog.open("mnist", "test");
        ImageDataset gz = DatasetCatalog.load(catalog.catalogFile(), dir).open("mnist", "test");

        assertArrayEquals(raw.labels(), gz.labels());
        assertNotEquals(raw.fingerprint(), gz.fingerprint(), "file sizes differ, so must prints");
        try (Stream<Sample> a = raw.stream(9_990);
                Stream<Sample> b = gz.stream(9_990)) {
            List<Sample> as = a.toList();
            List<Sample> bs = b.toList();
            assertEquals(10, as.size());
            for (int i = 0; i < as.size(); i++) {
                assertArrayEquals(bytes(as.get(i).image()), bytes(bs.get(i).image()));
            }
        }
    }

    @Test
    void checksumsFromTheCatalogAreVerified(@TempDir Path dir) throws IOException {
        TestData.assumeEmbeddedData();
        DatasetCatalog catalog = TestData.catalog();
        assertEquals(2, catalog.verifyChecksums("mnist", "test"));
        assertEquals(2, catalog.verifyChecksums("fashion-mnist", "test"));

        Path copy = dir.resolve("mnist/t10k-labels-idx1-ubyte");
        Files.createDirectories(copy.getParent());
        byte[] labels =
                Files.readAllBytes(catalog.dataFolder().resolve("mnist/t10k-labels-idx1-ubyte"));
        labels[100] ^= 1;
        Files.write(copy, labels);
        Files.copy(
                catalog.dataFolder().resolve("mnist/t10k-images-idx3-ubyte"),
                dir.resolve("mnist/t10k-images-idx3-ubyte"));
        DatasetCatalog changed = DatasetCatalog.load(catalog.catalogFile(), dir);
        IOException e =
                assertThrows(IOException.class, () -> changed.verifyChecksums("mnist", "test"));
        assertTrue(e.getMessage().contains(copy + ": SHA-256"), e.getMessage());
        assertTrue(e.getMessage().contains("expected ff7bcfd4"), e.getMessage());
    }

    @Test
    void aFileChangedInPlaceOpensButFailsItsChecksumBeforeUse(@TempDir Path dir)
            throws IOException {
        TestData.assumeEmbeddedData();
        DatasetCatalog catalog = TestData.catalog();
        Path images = dir.resolve("mnist/t10k-images-idx3-ubyte");
        Files.createDirectories(images.getParent());
        Path source = catalog.dataFolder().resolve("mnist/t10k-images-idx3-ubyte");
        byte[] original = Files.readAllBytes(source);
        Files.copy(
                catalog.dataFolder().resolve("mnist/t10k-labels-idx1-ubyte"),
                dir.resolve("mnist/t10k-labels-idx1-ubyte"));
        Files.write(images, original);
        DatasetCatalog copy = DatasetCatalog.load(catalog.catalogFile(), dir);
        assertEquals(2, copy.open("mnist", "test").verifyFiles());

        byte[] damaged = original.clone();
        Arrays.fill(damaged, 16 + 5 * 784, 16 + 6 * 784, (byte) 255);
        Files.write(images, damaged);
        Files.setLastModifiedTime(
                images,
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        ImageDataset opened = copy.open("mnist", "test");
        assertEquals(10_000, opened.size(), "same size: opening cannot tell");
        IOException e = assertThrows(IOException.class, opened::verifyFiles);
        assertTrue(e.getMessage().startsWith(images + ": SHA-256"), e.getMessage());
        assertTrue(e.getMessage().contains("field 'sha256'"), e.getMessage());
        assertTrue(e.getMessage().contains("make data"), e.getMessage());
    }

    @Test
    void fingerprintIsStableAndDiffersBetweenSplits() throws IOException {
        TestData.assumeEmbeddedData();
        DatasetCatalog catalog = TestData.catalog();
        String test = catalog.open("mnist", "test").fingerprint();
        assertEquals(test, catalog.open("mnist", "test").fingerprint());
        assertEquals(16, test.length());
        assertNotEquals(test, catalog.open("mnist", "train").fingerprint());
        assertNotEquals(test, catalog.open("fashion-mnist", "test").fingerprint());
    }

    @Test
    void streamFromTheEndIsEmptyAndBeyondIsAnError() throws IOException {
        TestData.assumeEmbeddedData();
        ImageDataset dataset = TestData.catalog().open("mnist", "test");
        try (Stream<Sample> s = dataset.stream(dataset.size())) {
            assertEquals(0, s.count());
        }
        assertThrows(IndexOutOfBoundsException.class, () -> dataset.stream(dataset.size() + 1));
        assertThrows(IndexOutOfBoundsException.class, () -> dataset.stream(-1));
    }

    @Test
    void truncatedImagesFileIsRejectedWithItsName(@TempDir Path dir) throws IOException {
        byte[][] files = tinyIdx(5, 5);
        Files.createDirectories(dir.resolve("mnist"));
        Files.write(dir.resolve("mnist/t10k-images-idx3-ubyte"), Arrays.copyOf(files[0], 40));
        Files.write(dir.resolve("mnist/t10k-labels-idx1-ubyte"), files[1]);
        DatasetCatalog catalog = DatasetCatalog.load(TestData.layout().catalog(), dir);
        IOException e = assertThrows(IOException.class, () -> catalog.open("mnist", "test"));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + (16 + 5 * 28 * 28)), e.getMessage());
    }

    @Test
    void truncatedGzippedImagesFailTheStreamNamingTheFile(@TempDir Path dir) throws IOException {
        byte[][] files = tinyIdx(3, 10_000);
        Files.createDirectories(dir.resolve("mnist"));
        byte[] images = Arrays.copyOf(files[0], 16 + 28 * 28 * 2 + 100);
        putInt(images, 4, 10_000); // the header promises 10,000 images
        try (OutputStream out =
                new GZIPOutputStream(
                        Files.newOutputStream(dir.resolve("mnist/t10k-images-idx3-ubyte")))) {
            out.write(images);
        }
        Files.write(dir.resolve("mnist/t10k-labels-idx1-ubyte"), files[1]);
        DatasetCatalog catalog = DatasetCatalog.load(TestData.layout().catalog(), dir);
        // The yaml's size (10,000) matches; the gzipped image data stops in image 2.
        ImageDataset dataset = catalog.open("mnist", "test");
        UncheckedIOException e =
                assertThrows(
                        UncheckedIOException.class,
                        () -> {
                            try (Stream<Sample> s = dataset.stream(0)) {
                                s.forEach(x -> {});
                            }
                        });
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte is truncated"), e.getMessage());
    }

    @Test
    void labelAndImageCountsMustAgree(@TempDir Path dir) throws IOException {
        byte[][] files = tinyIdx(3, 4);
        Files.createDirectories(dir.resolve("mnist"));
        Files.write(dir.resolve("mnist/t10k-images-idx3-ubyte"), files[0]);
        Files.write(dir.resolve("mnist/t10k-labels-idx1-ubyte"), files[1]);
        DatasetCatalog catalog = DatasetCatalog.load(TestData.layout().catalog(), dir);
        IOException e = assertThrows(IOException.class, () -> catalog.open("mnist", "test"));
        assertTrue(e.getMessage().contains("4 labels"), e.getMessage());
        assertTrue(e.getMessage().contains("3 images"), e.getMessage());
    }

    @Test
    void sizeDisagreeingWithTheCatalogIsAnError(@TempDir Path dir) throws IOException {
        byte[][] files = tinyIdx(3, 3);
        Files.createDirectories(dir.resolve("mnist"));
        Files.write(dir.resolve("mnist/t10k-images-idx3-ubyte"), files[0]);
        Files.write(dir.resolve("mnist/t10k-labels-idx1-ubyte"), files[1]);
        DatasetCatalog catalog = DatasetCatalog.load(TestData.layout().catalog(), dir);
        IOException e = assertThrows(IOException.class, () -> catalog.open("mnist", "test"));
        assertTrue(e.getMessage().contains("'size' says 10000"), e.getMessage());
        assertTrue(e.getMessage().contains("hold 3"), e.getMessage());
    }

    @Test
    void wrongMagicNamesTheFile(@TempDir Path dir) throws IOException {
        byte[][] files = tinyIdx(3, 3);
        files[1][2] = 0x0d; // float type instead of unsigned byte
        Files.createDirectories(dir.resolve("mnist"));
        Files.write(dir.resolve("mnist/t10k-images-idx3-ubyte"), files[0]);
        Files.write(dir.resolve("mnist/t10k-labels-idx1-ubyte"), files[1]);
        DatasetCatalog catalog = DatasetCatalog.load(TestData.layout().catalog(), dir);
        IOException e = assertThrows(IOException.class, () -> catalog.open("mnist", "test"));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte: IDX magic"), e.getMessage());
    }

    /** Tiny MNIST-shaped IDX files: n images of 28 x 28 (pixel = index), m labels (index % 10). */
    static byte[][] tinyIdx(int n, int m) {
        byte[] images = new byte[16 + n * 28 * 28];
        putInt(images, 0, 0x0803);
        putInt(images, 4, n);
        putInt(images, 8, 28);
        putInt(images, 12, 28);
        for (int i = 0; i < n; i++) {
            Arrays.fill(images, 16 + i * 784, 16 + (i + 1) * 784, (byte) i);
        }
        byte[] labels = new byte[8 + m];
        putInt(labels, 0, 0x0801);
        putInt(labels, 4, m);
        for (int i = 0; i < m; i++) {
            labels[8 + i] = (byte) (i % 10);
        }
        return new byte[][] {images, labels};
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static long pixelSum(BufferedImage image) {
        long sum = 0;
        for (byte b : bytes(image)) {
            sum += b & 0xff;
        }
        return sum;
    }

    private static byte[] bytes(BufferedImage image) {
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
