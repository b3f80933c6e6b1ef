package org.clipsynergy.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CIFAR binary reader on batches written here in the documented record layout (label byte(s),
 * then 1,024 red, 1,024 green, 1,024 blue bytes, row-major), with pixel values that encode the
 * record, so every decoded pixel can be checked.
 */
class CifarBinaryDatasetTest {

    @TempDir Path root;
    private Path data;

    @BeforeEach
    void catalog() throws IOException {
        data = Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("c10.txt"), names(10));
        Files.writeString(root.resolve("c100.txt"), names(100));
        Files.writeString(root.resolve("t.txt"), "a photo of a {}.\n");
        Files.writeString(
                root.resolve("datasets.yaml"),
                "datasets:\n"
                        + entry("c10", "cifar10", "c10.txt", 10)
                        + "        batches:\n          - c10/b1.bin\n          - c10/b2.bin\n"
                        + entry("c100", "cifar100", "c100.txt", 100)
                        + "        batches:\n          - c100/test.bin\n");
    }

    @Test
    void cifar10RecordsDecodeAcrossBatches() throws IOException {
        Files.createDirectories(data.resolve("c10"));
        Files.write(data.resolve("c10/b1.bin"), records(1, new int[] {3, 0, 9}, new int[0], 0));
        Files.write(data.resolve("c10/b2.bin"), records(1, new int[] {5, 7}, new int[0], 3));
        ImageDataset ds = open("c10");

        assertEquals(5, ds.size());
        assertArrayEquals(new int[] {3, 0, 9, 5, 7}, ds.labels());
        try (Stream<Sample> s = ds.stream(0)) {
            List<Sample> all = s.toList();
            for (Sample sample : all) {
                assertRecordPixels(sample.image(), sample.index());
            }
            assertEquals("c10/b1.bin#2", all.get(2).origin());
            assertEquals("c10/b2.bin#0", all.get(3).origin());
        }
        try (Stream<Sample> s = ds.stream(4)) {
            Sample last = s.findFirst().orElseThrow();
            assertEquals(4, last.index());
            assertEquals(7, last.label());
            assertRecordPixels(last.image(), 4);
        }
    }

    @Test
    void cifar100UsesTheFineLabel() throws IOException {
        Files.createDirectories(data.resolve("c100"));
        // coarse labels 19, 0; fine labels 42, 99
        Files.write(
                data.resolve("c100/test.bin"),
                records(2, new int[] {42, 99}, new int[] {19, 0}, 0));
        ImageDataset ds = open("c100");
        assertArrayEquals(new int[] {42, 99}, ds.labels());
        try (Stream<Sample> s = ds.stream(0)) {
            s.forEach(x -> assertRecordPixels(x.image(), x.index()));
        }
    }

    @Test
    void batchOfWrongLengthIsAnErrorNamingIt() throws IOException {
        Files.createDirectories(data.resolve("c10"));
        Files.write(data.resolve("c10/b1.bin"), records(1, new int[] {1}, new int[0], 0));
        byte[] bad = records(1, new int[] {1, 2}, new int[0], 0);
        Files.write(data.resolve("c10/b2.bin"), java.util.Arrays.copyOf(bad, bad.length - 5));
        IOException e = assertThrows(IOException.class, () -> open("c10"));
        assertTrue(e.getMessage().contains("b2.bin is 6141 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("3073-byte cifar10 records"), e.getMessage());
    }

    @Test
    void labelOutOfRangeIsAnError() throws IOException {
        Files.createDirectories(data.resolve("c10"));
        Files.write(data.resolve("c10/b1.bin"), records(1, new int[] {1}, new int[0], 0));
        Files.write(data.resolve("c10/b2.bin"), records(1, new int[] {12}, new int[0], 1));
        IOException e = assertThrows(IOException.class, () -> open("c10"));
        assertTrue(e.getMessage().contains("b2.bin: label of image 0 is 12"), e.getMessage());
    }

    /**
     * Red = (7i + p) % 256, green = (i + 2p) % 256, blue = (255 - p) % 256 at pixel p of record i.
     */
    private static void assertRecordPixels(BufferedImage image, int i) {
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        assertEquals(32, image.getWidth());
        for (int p = 0; p < 1024; p += 37) {
            int rgb = image.getRGB(p % 32, p / 32);
            assertEquals((7 * i + p) % 256, (rgb >> 16) & 0xff, "red of " + i + " at " + p);
            assertEquals((i + 2 * p) % 256, (rgb >> 8) & 0xff, "green of " + i + " at " + p);
            assertEquals((255 - p) & 0xff, rgb & 0xff, "blue of " + i + " at " + p);
        }
    }

    private static byte[] records(int labelBytes, int[] fine, int[] coarse, int firstIndex) {
        int size = labelBytes + 3072;
        byte[] out = new byte[fine.length * size];
        for (int r = 0; r < fine.length; r++) {
            int at = r * size;
            int i = firstIndex + r;
            if (labelBytes == 2) {
                out[at++] = (byte) coarse[r];
            }
            out[at++] = (byte) fine[r];
            for (int p = 0; p < 1024; p++) {
                out[at + p] = (byte) ((7 * i + p) % 256);
                out[at + 1024 + p] = (byte) ((i + 2 * p) % 256);
                out[at + 2048 + p] = (byte) (255 - p);
            }
        }
        return out;
    }

    private ImageDataset open(String name) throws IOException {
        return DatasetCatalog.load(root.resolve("datasets.yaml"), data).open(name, "test");
    }

    private static String entry(String name, String variant, String classes, int n) {
        return "  - name: "
                + name
                + "\n    title: "
                + name
                + "\n    reader: cifar-binary\n"
                + "    variant: "
                + variant
                + "\n    classes: "
                + classes
                + "\n"
                + "    templates: t.txt\n    num_classes: "
                + n
                + "\n"
                + "    source: made by the test\n    licence: none\n"
                + "    splits:\n      test:\n";
    }

    private static String names(int n) {
        return IntStream.range(0, n).mapToObj(i -> "class " + i).collect(Collectors.joining("\n"));
    }
}
