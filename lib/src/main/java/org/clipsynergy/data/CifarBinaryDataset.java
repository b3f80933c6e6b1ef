package org.clipsynergy.data;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A split stored as CIFAR binary batches (Krizhevsky 2009, "Learning multiple layers of features
 * from tiny images"): fixed-size records of label byte(s) then 3,072 pixel bytes, 1,024 red, 1,024
 * green, 1,024 blue, each 32 x 32 row-major. CIFAR-10 records have one label byte; CIFAR-100
 * records have a coarse and a fine label byte, and the fine label (100 classes) is used. Batches
 * are read in the order listed and images one record at a time; images decode as {@link
 * BufferedImage#TYPE_INT_RGB}.
 */
final class CifarBinaryDataset extends StreamingDataset {

    /** Image side in pixels. */
    static final int SIDE = 32;

    /** Pixel bytes per record: three 32 x 32 planes. */
    static final int PIXEL_BYTES = 3 * SIDE * SIDE;

    private final List<Path> batches;
    private final List<String> relatives;
    private final int labelBytes;
    private final int[] firstIndex;
    private final String fingerprint;

    private CifarBinaryDataset(
            DatasetEntry entry,
            String split,
            int[] labels,
            List<Path> batches,
            List<String> relatives,
            int labelBytes,
            int[] firstIndex,
            String fingerprint) {
        super(entry, split, labels);
        this.batches = batches;
        this.relatives = relatives;
        this.labelBytes = labelBytes;
        this.firstIndex = firstIndex;
        this.fingerprint = fingerprint;
    }

    /**
     * Opens a split: checks every batch's length and reads every label.
     *
     * @throws IOException if a batch is not a whole number of records or a label is out of range;
     *     the message names the file
     */
    static CifarBinaryDataset open(DatasetEntry entry, SplitSpec spec, Path dataFolder)
            throws IOException {
        int labelBytes = entry.variant().orElseThrow().equals("cifar100") ? 2 : 1;
        int record = labelBytes + PIXEL_BYTES;
        List<String> relatives = spec.files().get("batches");
        List<Path> batches = relatives.stream().map(dataFolder::resolve).toList();
        Fingerprint fp = new Fingerprint(entry, spec.name());

        long total = 0;
        long[] counts = new long[batches.size()];
        for (int b = 0; b < batches.size(); b++) {
            long bytes = Files.size(batches.get(b));
            if (bytes == 0 || bytes % record != 0) {
                throw new IOException(
                        batches.get(b)
                                + " is "
                                + bytes
                                + " bytes, not a whole number of "
                                + record
                                + "-byte "
                                + entry.variant().get()
                                + " records");
            }
            counts[b] = bytes / record;
            total += counts[b];
            fp.add(relatives.get(b))
                    .add(bytes)
                    .add(entry.sha256().getOrDefault(relatives.get(b), ""));
        }
        if (total > Integer.MAX_VALUE) {
            throw new IOException(entry.name() + "/" + spec.name() + ": too many images, " + total);
        }

        int[] labels = new int[(int) total];
        int[] firstIndex = new int[batches.size()];
        int i = 0;
        ByteBuffer label = ByteBuffer.allocate(1);
        for (int b = 0; b < batches.size(); b++) {
            firstIndex[b] = i;
            try (FileChannel channel = FileChannel.open(batches.get(b), StandardOpenOption.READ)) {
                for (long r = 0; r < counts[b]; r++) {
                    label.clear();
                    channel.read(label, r * record + labelBytes - 1);
                    labels[i++] = label.get(0) & 0xff;
                }
            }
            checkLabels(
                    java.util.Arrays.copyOfRange(labels, firstIndex[b], i),
                    entry,
                    batches.get(b).toString());
        }
        return new CifarBinaryDataset(
                entry, spec.name(), labels, batches, relatives, labelBytes, firstIndex, fp.value());
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    Cursor cursor(int fromIndex) throws IOException {
        int[] labels = labels();
        return new Cursor() {
            private int next = fromIndex;
            private int batch = -1;
            private DataInputStream in;
            private final byte[] record = new byte[labelBytes + PIXEL_BYTES];

            @Override
            public Sample next() throws IOException {
                if (next >= labels.length) {
                    return null;
                }
                int b = batchOf(next);
                if (b != batch) {
                    close();
                    in =
                            new DataInputStream(
                                    new BufferedInputStream(
                                            Files.newInputStream(batches.get(b)), 1 << 16));
                    in.skipNBytes((long) (next - firstIndex[b]) * record.length);
                    batch = b;
                }
                try {
                    in.readFully(record);
                } catch (EOFException e) {
                    throw new IOException(batches.get(b) + " ended before image " + next, e);
                }
                int index = next++;
                String origin = relatives.get(b) + "#" + (index - firstIndex[b]);
                return new Sample(index, toImage(record, labelBytes), labels[index], origin);
            }

            @Override
            public void close() throws IOException {
                if (in != null) {
                    in.close();
                    in = null;
                }
            }
        };
    }

    private int batchOf(int index) {
        int b = firstIndex.length - 1;
        while (firstIndex[b] > index) {
            b--;
        }
        return b;
    }

    /** Turns one record's planar pixels into an RGB image. */
    static BufferedImage toImage(byte[] record, int offset) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        int plane = SIDE * SIDE;
        int[] rgb = new int[plane];
        for (int p = 0; p < plane; p++) {
            int r = record[offset + p] & 0xff;
            int g = record[offset + plane + p] & 0xff;
            int b = record[offset + 2 * plane + p] & 0xff;
            rgb[p] = (r << 16) | (g << 8) | b;
        }
        image.setRGB(0, 0, SIDE, SIDE, rgb, 0, SIDE);
        return image;
    }
}
