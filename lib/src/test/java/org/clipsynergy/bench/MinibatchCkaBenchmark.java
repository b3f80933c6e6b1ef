package org.clipsynergy.bench;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.SplittableRandom;
import org.clipsynergy.similarity.CenteredKernelAlignment;
import org.clipsynergy.similarity.MinibatchCka;
import org.clipsynergy.similarity.NpyRowBlocks;
import org.clipsynergy.similarity.Precision;

/**
 * Streams 1,000,000 rows through minibatch CKA and prints throughput and memory: peak heap and peak
 * resident set stay bounded by one minibatch, whatever the row count (run with a small -Xmx to see
 * it).
 *
 * <p>Arguments (optional): rows (1,000,000), dx (256), dy (192), batch (1,000), source ("memory":
 * rows generated block by block; or a folder: two float32 .npy files are written there block by
 * block, then streamed back from disk).
 */
public final class MinibatchCkaBenchmark {
    private MinibatchCkaBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args rows dx dy batch source
     * @throws IOException if the .npy files cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int dx = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int dy = args.length > 2 ? Integer.parseInt(args[2]) : 192;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        String source = args.length > 4 ? args[4] : "memory";
        BenchSupport.RelatedPair pair = new BenchSupport.RelatedPair(32, dx, dy, 1);

        try (CenteredKernelAlignment cka =
                new CenteredKernelAlignment(
                        Engine.getInstance().defaultDevice(), Precision.MIXED, batch)) {
            double value;
            long start;
            double cpuStart;
            if (source.equals("memory")) {
                start = System.nanoTime();
                cpuStart = BenchSupport.cpuSeconds();
                Generated generated = new Generated(pair, rows, batch, dx, dy);
                value = MinibatchCka.stream(cka, generated.x(), generated.y());
                System.out.printf(
                        "generating the rows took %.1f s of the total%n",
                        generated.generatingNanos / 1e9);
            } else {
                Path dir = Path.of(source);
                Files.createDirectories(dir);
                Path fx = dir.resolve("bench_x.npy");
                Path fy = dir.resolve("bench_y.npy");
                long w = System.nanoTime();
                writePair(pair, rows, batch, dx, dy, fx, fy);
                System.out.printf(
                        "wrote %s and %s in %.1f s%n", fx, fy, (System.nanoTime() - w) / 1e9);
                start = System.nanoTime();
                cpuStart = BenchSupport.cpuSeconds();
                try (NpyRowBlocks bx = NpyRowBlocks.open(fx, batch);
                        NpyRowBlocks by = NpyRowBlocks.open(fy, batch)) {
                    value = MinibatchCka.stream(cka, bx, by);
                }
                Files.delete(fx);
                Files.delete(fy);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = BenchSupport.cpuSeconds() - cpuStart;
            System.out.printf(
                    "minibatch CKA %.6f over %,d rows (%d x %d vs %d, batches of %,d, source %s)"
                            + " in %.1f s (%.1f CPU s): %,.0f rows/s (%,.0f rows per CPU s); peak heap %.0f MiB (max %d MiB), peak"
                            + " resident %.0f MiB%n",
                    value,
                    rows,
                    rows,
                    dx,
                    dy,
                    batch,
                    source,
                    seconds,
                    cpu,
                    rows / seconds,
                    rows / cpu,
                    BenchSupport.peakHeapMiB(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024),
                    BenchSupport.peakResidentMiB());
        }
    }

    /** Generated pairs of blocks, made afresh per block and seeded by the first row's index. */
    private static final class Generated {
        private final BenchSupport.RelatedPair pair;
        private final int rows;
        private final int batch;
        private final int dx;
        private final int dy;
        private float[][] pendingY;
        private int next;
        private long generatingNanos;

        Generated(BenchSupport.RelatedPair pair, int rows, int batch, int dx, int dy) {
            this.pair = pair;
            this.rows = rows;
            this.batch = batch;
            this.dx = dx;
            this.dy = dy;
        }

        /** The x blocks; each one makes the matching y block, which {@link #y()} hands out. */
        Iterator<float[][]> x() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return next < rows;
                }

                @Override
                public float[][] next() {
                    long t = System.nanoTime();
                    int count = Math.min(batch, rows - next);
                    float[][] x = new float[count][dx];
                    pendingY = new float[count][dy];
                    pair.fill(x, pendingY, new SplittableRandom(next));
                    next += count;
                    generatingNanos += System.nanoTime() - t;
                    return x;
                }
            };
        }

        /** The y blocks, in step with {@link #x()}. */
        Iterator<float[][]> y() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return pendingY != null || next < rows;
                }

                @Override
                public float[][] next() {
                    float[][] y = pendingY;
                    pendingY = null;
                    return y;
                }
            };
        }
    }

    private static void writePair(
            BenchSupport.RelatedPair pair, int rows, int batch, int dx, int dy, Path fx, Path fy)
            throws IOException {
        try (OutputStream ox = Files.newOutputStream(fx);
                OutputStream oy = Files.newOutputStream(fy)) {
            ox.write(header(rows, dx));
            oy.write(header(rows, dy));
            for (int from = 0; from < rows; from += batch) {
                int count = Math.min(batch, rows - from);
                float[][] x = new float[count][dx];
                float[][] y = new float[count][dy];
                pair.fill(x, y, new SplittableRandom(from));
                ox.write(bytes(x));
                oy.write(bytes(y));
            }
        }
    }

    /** A NumPy format 1.0 header of a little-endian float32 [rows, d] array, 64-byte aligned. */
    private static byte[] header(int rows, int d) {
        String dict =
                "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + d + "), }";
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        StringBuilder text = new StringBuilder(dict);
        while (10 + text.length() + 1 < total) {
            text.append(' ');
        }
        text.append('\n');
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII));
        b.put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.toString().getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static byte[] bytes(float[][] rows) {
        ByteBuffer b =
                ByteBuffer.allocate(rows.length * rows[0].length * Float.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            for (float v : row) {
                b.putFloat(v);
            }
        }
        return b.array();
    }
}
