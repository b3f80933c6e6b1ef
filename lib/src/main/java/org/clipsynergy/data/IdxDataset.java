package org.clipsynergy.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A split stored as two IDX files (the MNIST layout, LeCun et al. 1998): unsigned-byte images
 * {@code n x rows x cols} and unsigned-byte labels {@code n}, raw or gzipped (detected from the
 * gzip magic bytes, whatever the file name). Images are read one at a time from the file; only the
 * labels are held in memory. Images decode as {@link BufferedImage#TYPE_BYTE_GRAY}, 0 black, 255
 * white, as stored.
 */
final class IdxDataset extends StreamingDataset {

    /** IDX type code of unsigned bytes. */
    private static final int UNSIGNED_BYTE = 0x08;

    private static final int GZIP_MAGIC = 0x8b1f;
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path imagesFile;
    private final String imagesRelative;
    private final int rows;
    private final int cols;
    private final long headerBytes;
    private final String fingerprint;

    private IdxDataset(
            DatasetEntry entry,
            String split,
            int[] labels,
            Path imagesFile,
            String imagesRelative,
            int[] imageDims,
            long headerBytes,
            String fingerprint) {
        super(entry, split, labels);
        this.imagesFile = imagesFile;
        this.imagesRelative = imagesRelative;
        this.rows = imageDims[1];
        this.cols = imageDims[2];
        this.headerBytes = headerBytes;
        this.fingerprint = fingerprint;
    }

    /**
     * Opens a split: reads both headers and all labels, and checks that they agree.
     *
     * @throws IOException if a file is not IDX, not unsigned bytes, of the wrong rank, or the image
     *     and label counts differ; the message names the file
     */
    static IdxDataset open(DatasetEntry entry, SplitSpec spec, Path dataFolder) throws IOException {
        String imagesRel = spec.file("images");
        String labelsRel = spec.file("labels");
        Path images = dataFolder.resolve(imagesRel);
        Path labelsPath = dataFolder.resolve(labelsRel);

        int[] dims;
        try (DataInputStream in = open(images)) {
            dims = header(in, images, 3);
        }
        int[] labels;
        try (DataInputStream in = open(labelsPath)) {
            int n = header(in, labelsPath, 1)[0];
            if (n != dims[0]) {
                throw new IOException(
                        labelsPath
                                + " holds "
                                + n
                                + " labels, but "
                                + images
                                + " holds "
                                + dims[0]
                                + " images");
            }
            byte[] raw = new byte[n];
            try {
                in.readFully(raw);
            } catch (EOFException e) {
                throw new IOException(labelsPath + " is truncated: expected " + n + " labels", e);
            }
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = raw[i] & 0xff;
            }
        }
        checkLabels(labels, entry, labelsPath.toString());
        checkLength(images, dims);

        Fingerprint fp = new Fingerprint(entry, spec.name());
        for (String rel : new String[] {imagesRel, labelsRel}) {
            fp.add(rel).add(Files.size(dataFolder.resolve(rel)));
            fp.add(entry.sha256().getOrDefault(rel, ""));
        }
        long headerBytes = 4L + 4L * 3;
        return new IdxDataset(
                entry, spec.name(), labels, images, imagesRel, dims, headerBytes, fp.value());
    }

    /** Height of every image, in pixels. */
    int rows() {
        return rows;
    }

    /** Width of every image, in pixels. */
    int cols() {
        return cols;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    Cursor cursor(int fromIndex) throws IOException {
        DataInputStream in = open(imagesFile);
        long pixels = (long) rows * cols;
        try {
            in.skipNBytes(headerBytes + pixels * fromIndex);
        } catch (EOFException e) {
            in.close();
            throw new IOException(imagesFile + " is truncated before image " + fromIndex, e);
        }
        int[] labels = labels();
        return new Cursor() {
            private int next = fromIndex;

            @Override
            public Sample next() throws IOException {
                if (next >= labels.length) {
                    return null;
                }
                BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
                byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
                try {
                    in.readFully(data);
                } catch (EOFException e) {
                    throw new IOException(
                            imagesFile
                                    + " is truncated: image "
                                    + next
                                    + " of "
                                    + labels.length
                                    + " is incomplete",
                            e);
                }
                int index = next++;
                return new Sample(index, image, labels[index], imagesRelative + "#" + index);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** A raw (not gzipped) images file must be exactly header plus pixels long. */
    private static void checkLength(Path images, int[] dims) throws IOException {
        try (InputStream in = Files.newInputStream(images)) {
            int b0 = in.read();
            int b1 = in.read();
            if ((b0 | (b1 << 8)) == GZIP_MAGIC) {
                return;
            }
        }
        long expected = 4L + 4L * 3 + (long) dims[0] * dims[1] * dims[2];
        long actual = Files.size(images);
        if (actual != expected) {
            throw new IOException(
                    images
                            + " is "
                            + actual
                            + " bytes, expected "
                            + expected
                            + " for "
                            + dims[0]
                            + " images of "
                            + dims[1]
                            + " x "
                            + dims[2]);
        }
    }

    /** Opens a file, unzipping it when it starts with the gzip magic bytes. */
    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        boolean gzipped = b0 >= 0 && b1 >= 0 && (b0 | (b1 << 8)) == GZIP_MAGIC;
        InputStream in =
                gzipped
                        ? new BufferedInputStream(
                                new GZIPInputStream(raw, BUFFER_BYTES), BUFFER_BYTES)
                        : raw;
        return new DataInputStream(in);
    }

    /** Reads an IDX header of unsigned bytes with the given rank; returns the dimensions. */
    private static int[] header(DataInputStream in, Path file, int rank) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IOException(file + " is too short to be an IDX file", e);
        }
        int zero = magic >>> 16;
        int type = (magic >>> 8) & 0xff;
        int dims = magic & 0xff;
        if (zero != 0 || type != UNSIGNED_BYTE || dims != rank) {
            throw new IOException(
                    String.format(
                            "%s: IDX magic 0x%08x, expected 0x%08x (unsigned bytes, %d dimensions)",
                            file, magic, (UNSIGNED_BYTE << 8) | rank, rank));
        }
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readInt();
            if (shape[i] < 0) {
                throw new IOException(file + ": dimension " + i + " is " + shape[i]);
            }
        }
        return shape;
    }
}
