package org.clipsynergy.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jetbrains.bio.npy.NpyArray;
import org.jetbrains.bio.npy.NpyFile;

/** Reads and writes the cache's arrays as NumPy {@code .npy} files, checking shapes and types. */
final class NpyArrays {

    private NpyArrays() {}

    static void writeMatrix(Path file, float[][] rows, int columns) throws IOException {
        float[] flat = new float[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != columns) {
                throw new IllegalArgumentException(
                        file
                                + ": row "
                                + i
                                + " must have "
                                + columns
                                + " values, got "
                                + rows[i].length);
            }
            System.arraycopy(rows[i], 0, flat, i * columns, columns);
        }
        NpyFile.write(file, flat, new int[] {rows.length, columns});
    }

    static void writeInts(Path file, int[] values) throws IOException {
        NpyFile.write(file, values, new int[] {values.length});
    }

    static void writeLongs(Path file, long[] values) throws IOException {
        NpyFile.write(file, values, new int[] {values.length});
    }

    static float[][] readMatrix(Path file, int expectedRows, int expectedColumns)
            throws IOException {
        NpyArray a = read(file);
        int[] shape = a.getShape();
        if (shape.length != 2
                || shape[0] != expectedRows
                || (expectedColumns >= 0 && shape[1] != expectedColumns)) {
            throw new DamagedEntryException(
                    file
                            + ": shape must be ["
                            + expectedRows
                            + ", "
                            + (expectedColumns >= 0 ? expectedColumns : "d")
                            + "], got "
                            + Arrays.toString(shape));
        }
        if (!(a.getData() instanceof float[] flat)) {
            throw new DamagedEntryException(file + ": dtype must be float32, got " + typeOf(a));
        }
        int d = shape[1];
        float[][] rows = new float[shape[0]][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return rows;
    }

    static int[] readInts(Path file, int expectedLength) throws IOException {
        NpyArray a = readVector(file, expectedLength);
        if (!(a.getData() instanceof int[] v)) {
            throw new DamagedEntryException(file + ": dtype must be int32, got " + typeOf(a));
        }
        return v;
    }

    static long[] readLongs(Path file, int expectedLength) throws IOException {
        NpyArray a = readVector(file, expectedLength);
        if (!(a.getData() instanceof long[] v)) {
            throw new DamagedEntryException(file + ": dtype must be int64, got " + typeOf(a));
        }
        return v;
    }

    /** The first dimension of an array file, read from its header only as far as needed. */
    static int rows(Path file) throws IOException {
        return read(file).getShape()[0];
    }

    private static NpyArray readVector(Path file, int expectedLength) throws IOException {
        NpyArray a = read(file);
        int[] shape = a.getShape();
        if (shape.length != 1 || (expectedLength >= 0 && shape[0] != expectedLength)) {
            throw new DamagedEntryException(
                    file
                            + ": shape must be ["
                            + (expectedLength >= 0 ? expectedLength : "n")
                            + "], got "
                            + Arrays.toString(shape));
        }
        return a;
    }

    private static NpyArray read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DamagedEntryException(file + ": missing");
        }
        NpyArray a;
        try {
            a = NpyFile.read(file, Integer.MAX_VALUE);
        } catch (RuntimeException e) {
            throw new DamagedEntryException(
                    file + ": not a readable .npy file: " + e.getMessage(), e);
        }
        // A truncated file still parses (the reader zero-fills what is missing): compare the
        // file's size with what its header promises.
        long values = 1;
        for (int side : a.getShape()) {
            values *= side;
        }
        long expected = dataOffset(file) + values * itemSize(a);
        long actual = Files.size(file);
        if (actual != expected) {
            throw new DamagedEntryException(
                    file
                            + ": header shape "
                            + Arrays.toString(a.getShape())
                            + " needs "
                            + expected
                            + " bytes, the file has "
                            + actual
                            + " (truncated or damaged)");
        }
        return a;
    }

    /** Where the data start: after the magic, the version, the header length and the header. */
    private static long dataOffset(Path file) throws IOException {
        byte[] head = new byte[12];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < 10) {
                throw new DamagedEntryException(file + ": too short for a .npy header");
            }
        }
        int major = head[6] & 0xff;
        if (major == 1) {
            return 10L + ((head[8] & 0xff) | (head[9] & 0xff) << 8);
        }
        return 12L
                + ((head[8] & 0xffL)
                        | (head[9] & 0xffL) << 8
                        | (head[10] & 0xffL) << 16
                        | (head[11] & 0xffL) << 24);
    }

    private static int itemSize(NpyArray a) {
        Object data = a.getData();
        if (data instanceof long[] || data instanceof double[]) {
            return 8;
        }
        if (data instanceof short[]) {
            return 2;
        }
        if (data instanceof byte[] || data instanceof boolean[]) {
            return 1;
        }
        return 4;
    }

    private static String typeOf(NpyArray a) {
        return a.getData() == null ? "none" : a.getData().getClass().getSimpleName();
    }
}
