package org.clipsynergy.similarity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.jetbrains.bio.npy.NpyFile;

/**
 * Blocks of rows of a float32 [n, d] NumPy file (e.g. a cache entry's image_features.npy), read
 * from disk one block at a time so that memory stays bounded by one block whatever n is.
 */
public final class NpyRowBlocks implements Iterator<float[][]>, AutoCloseable {
    private static final int MAX_HEADER_BYTES = 65_536 + 12;

    private final Path file;
    private final FileChannel channel;
    private final long dataOffset;
    private final ByteOrder order;
    private final int rows;
    private final int columns;
    private final int blockRows;
    private final int[] permutation;
    private final ByteBuffer rowBuffer;
    private int next;

    private NpyRowBlocks(Path file, int blockRows, Long seed) throws IOException {
        if (blockRows < 1) {
            throw new IllegalArgumentException(
                    file + ": blockRows expected >= 1, got " + blockRows);
        }
        this.file = file;
        this.blockRows = blockRows;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(channel.size(), MAX_HEADER_BYTES));
            channel.read(head, 0);
            head.flip();
            NpyFile.Header header;
            try {
                header = NpyFile.Header.Companion.read(head);
            } catch (RuntimeException e) {
                throw new IOException(file + ": not a readable .npy header: " + e.getMessage(), e);
            }
            int[] shape = header.getShape();
            if (header.getType() != 'f' || header.getBytes() != Float.BYTES || shape.length != 2) {
                throw new IOException(
                        file
                                + ": array expected float32 [n, d], got type "
                                + header.getType()
                                + header.getBytes()
                                + " shape "
                                + Arrays.toString(shape));
            }
            this.dataOffset = head.position();
            this.order = header.getOrder() == null ? ByteOrder.nativeOrder() : header.getOrder();
            this.rows = shape[0];
            this.columns = shape[1];
            long expected = dataOffset + (long) rows * columns * Float.BYTES;
            if (channel.size() < expected) {
                throw new IOException(
                        file + ": size expected " + expected + " bytes, got " + channel.size());
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.permutation = seed == null ? null : permutation(rows, seed);
        int bufferRows = permutation == null ? Math.min(blockRows, Math.max(rows, 1)) : 1;
        this.rowBuffer = ByteBuffer.allocate(bufferRows * columns * Float.BYTES).order(order);
    }

    /**
     * Blocks in file order.
     *
     * @param file a float32 [n, d] .npy file
     * @param blockRows rows per block (the last block may be shorter)
     * @return the blocks; close them
     * @throws IOException if the file cannot be read or is not float32 [n, d]
     */
    public static NpyRowBlocks open(Path file, int blockRows) throws IOException {
        return new NpyRowBlocks(file, blockRows, null);
    }

    /**
     * Blocks of rows in a seeded random order (the same seed gives the same order, so two files of
     * the same images are read in step).
     *
     * @param file a float32 [n, d] .npy file
     * @param blockRows rows per block (the last block may be shorter)
     * @param seed the seed of the permutation
     * @return the blocks; close them
     * @throws IOException if the file cannot be read or is not float32 [n, d]
     */
    public static NpyRowBlocks shuffled(Path file, int blockRows, long seed) throws IOException {
        return new NpyRowBlocks(file, blockRows, seed);
    }

    /** The number of rows, n. */
    public int rows() {
        return rows;
    }

    /** The number of columns, d. */
    public int columns() {
        return columns;
    }

    @Override
    public boolean hasNext() {
        return next < rows;
    }

    @Override
    public float[][] next() {
        if (!hasNext()) {
            throw new NoSuchElementException(file + ": no rows after " + rows);
        }
        int count = Math.min(blockRows, rows - next);
        float[][] block = new float[count][columns];
        try {
            if (permutation == null) {
                readRows(next, count, block, 0);
            } else {
                for (int i = 0; i < count; i++) {
                    readRows(permutation[next + i], 1, block, i);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": reading rows from " + next, e);
        }
        next += count;
        return block;
    }

    private void readRows(int first, int count, float[][] block, int into) throws IOException {
        long rowBytes = (long) columns * Float.BYTES;
        rowBuffer.clear();
        rowBuffer.limit((int) (count * rowBytes));
        long position = dataOffset + first * rowBytes;
        while (rowBuffer.hasRemaining()) {
            int read = channel.read(rowBuffer, position + rowBuffer.position());
            if (read < 0) {
                throw new IOException(file + ": ended before row " + (first + count));
            }
        }
        rowBuffer.flip();
        FloatBuffer floats = rowBuffer.asFloatBuffer();
        for (int i = 0; i < count; i++) {
            floats.get(block[into + i]);
        }
    }

    private static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Closes the file. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
