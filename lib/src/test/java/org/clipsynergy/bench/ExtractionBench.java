package org.clipsynergy.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.clipsynergy.ProjectLayout;
import org.clipsynergy.backbone.BackboneOptions;
import org.clipsynergy.backbone.Backbones;
import org.clipsynergy.backbone.TorchScriptBackbone;
import org.clipsynergy.data.ImageDataset;
import org.clipsynergy.data.Sample;
import org.clipsynergy.features.ExtractionJob;
import org.clipsynergy.features.ExtractionSettings;
import org.clipsynergy.features.FeatureExtractor;
import org.clipsynergy.features.FeatureStore;
import org.clipsynergy.image.ClipPreprocessor;
import org.clipsynergy.perturb.Perturbation;
import org.clipsynergy.text.ZeroShotHead;

/**
 * End-to-end extraction throughput, Java against open_clip's own Python loop, side by side.
 *
 * <p>For each backbone folder and thread count, runs {@code environment/bench/extraction_bench.py}
 * (PIL decoding, open_clip preprocessing, the open_clip model, torch limited to the thread count)
 * and then {@link FeatureExtractor} (ImageIO decoding, {@link ClipPreprocessor} on as many worker
 * threads, the exported TorchScript model with libtorch limited to the thread count) on the same N
 * photographs, cycled from a folder, and prints images/s and the Java/Python ratio. Python runs
 * first and Java second for each pair, so both see the same machine load as far as possible.
 *
 * <p>Usage (from the repository root, after exporting random-weight backbones and writing the
 * photographs with {@code environment/bench/make_bench_images.py}): {@code make bench
 * BENCH=org.clipsynergy.bench.ExtractionBench} with system properties {@code bench.backbones}
 * (default {@code ViT-B-32-random,RN50-random}), {@code bench.threads} ({@code 1,2}), {@code
 * bench.n} (1000), {@code bench.batch} (32), {@code bench.images} ({@code build/bench-images}) and
 * {@code bench.python} (default {@code .venv-export/bin/python} under the root, the venv that
 * {@code make backbones} makes with torch and open_clip; {@code none} skips Python).
 */
public final class ExtractionBench {

    private ExtractionBench() {}

    /**
     * Runs the benchmark and prints one line per (backbone, threads) pair.
     *
     * @param args unused; settings are system properties (see the class doc)
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        ProjectLayout layout = ProjectLayout.discover();
        List<String> backbones =
                List.of(
                        System.getProperty("bench.backbones", "ViT-B-32-random,RN50-random")
                                .split(","));
        int[] threads =
                Stream.of(System.getProperty("bench.threads", "1,2").split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray();
        int n = Integer.getInteger("bench.n", 1000);
        int batch = Integer.getInteger("bench.batch", 32);
        Path images =
                layout.root().resolve(System.getProperty("bench.images", "build/bench-images"));
        String python =
                System.getProperty(
                        "bench.python",
                        layout.root().resolve(".venv-export/bin/python").toString());
        List<byte[]> blobs = readImages(images);
        Engine.getEngine("PyTorch");

        System.out.printf(
                "extraction benchmark: %d photographs cycled from %s (%d files), batch %d,"
                        + " %d cores%n",
                n, images, blobs.size(), batch, Runtime.getRuntime().availableProcessors());
        System.out.println("backbone            threads  python img/s   java img/s   java/python");
        for (String name : backbones) {
            Path folder = Backbones.resolve(layout.backbones(), name);
            for (int t : threads) {
                double py =
                        "none".equals(python)
                                ? Double.NaN
                                : python(python, folder, images, n, t, batch, layout.root());
                double java = java(folder, blobs, n, t, batch);
                System.out.printf("%-20s %7d %13.2f %12.2f %13.2f%n", name, t, py, java, java / py);
            }
        }
    }

    private static double java(Path folder, List<byte[]> blobs, int n, int threads, int batch)
            throws IOException {
        JniUtils.setNumThreads(threads); // inter-op threads are fixed at JVM start (1, by flag)
        Path cache = Files.createTempDirectory("bench-cache");
        try (TorchScriptBackbone backbone =
                TorchScriptBackbone.load(
                        folder, BackboneOptions.defaults().withDevice(Device.cpu()))) {
            ClipPreprocessor pre = ClipPreprocessor.forCard(backbone.card());
            ZeroShotHead head =
                    randomHead(backbone.card().embeddingSize(), backbone.card().logitScale());
            FeatureStore store = new FeatureStore(cache);
            ExtractionSettings warm = new ExtractionSettings(batch, threads, 4096, batch, 0, false);
            new FeatureExtractor(store, warm)
                    .extract(
                            job(
                                    folder,
                                    backbone,
                                    new PhotoDataset(blobs, batch, "warm"),
                                    head,
                                    pre));
            ExtractionSettings settings =
                    new ExtractionSettings(batch, threads, 4096, -1, 0, false);
            long start = System.nanoTime();
            new FeatureExtractor(store, settings)
                    .extract(job(folder, backbone, new PhotoDataset(blobs, n, "timed"), head, pre));
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            try (Stream<Path> files = Files.walk(cache)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static ExtractionJob job(
            Path folder,
            TorchScriptBackbone b,
            PhotoDataset data,
            ZeroShotHead head,
            ClipPreprocessor pre) {
        return new ExtractionJob(
                folder.getFileName().toString(),
                b,
                "bench",
                data,
                Perturbation.none(),
                head,
                pre::applyInto);
    }

    private static ZeroShotHead randomHead(int d, double scale) {
        Random r = new Random(0);
        List<String> classes =
                IntStream.range(0, PhotoDataset.CLASSES).mapToObj(i -> "class" + i).toList();
        float[][] w = new float[classes.size()][d];
        for (float[] row : w) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        for (int c = 0; c < w.length; c++) {
            w[c] = ZeroShotHead.normalize(w[c]);
        }
        return new ZeroShotHead(classes, w, scale, "bench");
    }

    private static double python(
            String python, Path folder, Path images, int n, int threads, int batch, Path root)
            throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(
                                python,
                                root.resolve("environment/bench/extraction_bench.py").toString(),
                                "--backbone",
                                folder.toString(),
                                "--images",
                                images.toString(),
                                "--n",
                                String.valueOf(n),
                                "--threads",
                                String.valueOf(threads),
                                "--batch",
                                String.valueOf(batch))
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException("python benchmark failed (status " + p.exitValue() + "): " + out);
        }
        String last = out.substring(out.lastIndexOf('\n') + 1);
        Map<?, ?> result = new ObjectMapper().readValue(last, Map.class);
        return ((Number) result.get("images_per_s")).doubleValue();
    }

    private static List<byte[]> readImages(Path folder) throws IOException {
        List<byte[]> blobs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                blobs.add(Files.readAllBytes(f));
            }
        }
        if (blobs.isEmpty()) {
            throw new IOException(
                    folder + ": no .jpg photographs; run environment/bench/make_bench_images.py");
        }
        return blobs;
    }

    /** N photographs cycled from encoded files, decoded as they are streamed. */
    private static final class PhotoDataset implements ImageDataset {
        static final int CLASSES = 10;
        private final List<byte[]> blobs;
        private final int size;
        private final String fingerprint;

        PhotoDataset(List<byte[]> blobs, int size, String fingerprint) {
            this.blobs = blobs;
            this.size = size;
            this.fingerprint = fingerprint;
        }

        @Override
        public String name() {
            return "photos-" + fingerprint;
        }

        @Override
        public String split() {
            return "test";
        }

        @Override
        public List<String> classNames() {
            return IntStream.range(0, CLASSES).mapToObj(i -> "class" + i).toList();
        }

        @Override
        public List<String> templates() {
            return List.of("a photo of a {}.");
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int[] labels() {
            return IntStream.range(0, size).map(i -> i % CLASSES).toArray();
        }

        @Override
        public Stream<Sample> stream(int fromIndex) {
            return IntStream.range(fromIndex, size)
                    .mapToObj(i -> new Sample(i, decode(i), i % CLASSES, "photo:" + i));
        }

        private BufferedImage decode(int i) {
            try {
                return ImageIO.read(new ByteArrayInputStream(blobs.get(i % blobs.size())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String fingerprint() {
            return fingerprint;
        }
    }
}
