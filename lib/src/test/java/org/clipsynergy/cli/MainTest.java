package org.clipsynergy.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import org.clipsynergy.ProjectLayout;
import org.clipsynergy.backbone.Fixtures;
import org.clipsynergy.features.CacheKey;
import org.clipsynergy.features.FeatureSet;
import org.clipsynergy.features.FeatureStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, usage errors, and an extraction of MNIST with a fixture backbone. */
class MainTest {

    @TempDir Path cache;

    @Test
    void extractHelpListsItsOptions() {
        String out = capture(() -> assertEquals(0, Main.run("extract", "--help")));
        assertTrue(out.contains("--backbones"), out);
        assertTrue(out.contains("--perturbation"), out);
        assertTrue(out.contains("--limit"), out);
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        // --datasets is required; --backbones defaults to every backbone under backbones/.
        assertEquals(2, Main.run("extract", "--backbones", "mini-mlp"));
    }

    @Test
    void unknownPerturbationIsRefusedByName() {
        IllegalArgumentException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class,
                        () -> ExtractCommand.perturbation("fog-machine", 3, 0));
        assertTrue(e.getMessage().contains("'fog-machine'"), e.getMessage());
        assertTrue(e.getMessage().contains("gaussian_noise"), e.getMessage());
    }

    @Test
    void corruptionsResolveByNameWithSeverityAndSeed() {
        var p = ExtractCommand.perturbation("gaussian_noise", 3, 7);
        assertEquals("gaussian_noise", p.name());
        assertEquals(3, p.severity());
    }

    @Test
    void extractWritesAnMnistCacheEntry() throws IOException {
        ProjectLayout layout = ProjectLayout.discover();
        Assumptions.assumeTrue(
                Files.isDirectory(layout.data().resolve("mnist")),
                "MNIST is not downloaded (make data); skipping the end-to-end extraction");
        String oldBackbones = System.getProperty("clipsynergy.backbones");
        String oldCache = System.getProperty("clipsynergy.cache");
        System.setProperty("clipsynergy.backbones", Fixtures.root().toString());
        System.setProperty("clipsynergy.cache", cache.toString());
        try {
            int status =
                    Main.run(
                            "extract",
                            "--backbones",
                            "tiny-rn",
                            "--datasets",
                            "mnist",
                            "--limit",
                            "70",
                            "--batch-size",
                            "32",
                            "--no-progress");
            assertEquals(0, status);
        } finally {
            restore("clipsynergy.backbones", oldBackbones);
            restore("clipsynergy.cache", oldCache);
        }
        FeatureSet set =
                new FeatureStore(cache)
                        .load(CacheKey.clean("tiny-rn", "mnist", "test"))
                        .orElseThrow();
        assertEquals(70, set.size());
        assertEquals(10, set.numClasses());
        assertEquals(32, set.imageFeatures()[0].length);
        long[] first = new long[3];
        System.arraycopy(set.indices(), 0, first, 0, 3);
        assertArrayEquals(new long[] {0, 1, 2}, first);
    }

    @Test
    void unknownNamesFailBeforeAnyExtractionNamingEachOne() {
        String err =
                withFixtures(
                        () ->
                                assertEquals(
                                        1,
                                        Main.run(
                                                "extract",
                                                "--backbones",
                                                "tiny-rn,RN50",
                                                "--datasets",
                                                "mnist,cifar-11,svhn2",
                                                "--limit",
                                                "8",
                                                "--no-progress")));
        assertTrue(err.contains("backbone 'RN50' (known in "), err);
        assertTrue(err.contains("tiny-rn, tiny-vit)"), err);
        assertTrue(err.contains("dataset 'cifar-11', 'svhn2' (known in "), err);
        assertTrue(err.contains("mnist, fashion-mnist"), err);
        assertTrue(!Files.exists(cache.resolve("features")), "nothing was extracted");
    }

    @Test
    void badFlagValuesAreUsageErrorsNamingTheFlagsAsTyped() {
        String[][] cases = {
            {"--batch-size", "0", "--batch-size must be >= 1, got 0"},
            {"--limit", "0", "--limit must be -1 (all) or >= 1, got 0"},
            {"--threads", "0", "--threads must be >= 1, got 0"},
            {"--precision", "fp8", "--precision must be fp32 or fp16, got 'fp8'"},
            {"--device", "tpu", "--device must be cpu or gpu, got 'tpu'"},
            {"--seed", "-1", "--seed must be >= 0, got -1"},
            {
                "--datasets",
                "mnist,mnist",
                "--datasets must be a list without repeats, got [mnist, mnist"
            },
            {
                "--backbones",
                "tiny-rn,tiny-rn",
                "--backbones must be a list without repeats, got [tiny-rn, tiny-rn"
            },
        };
        for (String[] c : cases) {
            String err =
                    withFixtures(
                            () ->
                                    assertEquals(
                                            2,
                                            Main.run(
                                                    "extract",
                                                    "--backbones",
                                                    "tiny-rn",
                                                    "--datasets",
                                                    "mnist",
                                                    c[0],
                                                    c[1])));
            assertTrue(err.contains(c[2]), err);
            assertTrue(!err.contains("batchSize") && !err.contains("'limit'"), err);
        }
        String err =
                withFixtures(
                        () ->
                                assertEquals(
                                        2,
                                        Main.run(
                                                "extract",
                                                "--backbones",
                                                "tiny-rn",
                                                "--datasets",
                                                "mnist",
                                                "--perturbation",
                                                "gaussian_noise",
                                                "--severity",
                                                "9")));
        assertTrue(
                err.contains("--severity must be 1-5 with --perturbation gaussian_noise, got 9"),
                err);
        assertTrue(!Files.exists(cache.resolve("features")), "nothing was extracted");
    }

    @Test
    void gpuDeviceWithoutAUsableGpuNamesTheFlagAndTheFix() {
        IllegalArgumentException none =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ExtractCommand.checkGpu("gpu", 0, false));
        assertEquals(
                "--device gpu: DJL found 0 GPUs; use --device cpu, or build for the GPU on a"
                        + " machine with an NVIDIA GPU: make clean && make setup GPU=1 (README,"
                        + " section GPU)",
                none.getMessage());
        IllegalArgumentException cpuBuild =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ExtractCommand.checkGpu("cuda", 1, false));
        assertTrue(
                cpuBuild.getMessage()
                        .startsWith(
                                "--device cuda: DJL found 1 GPU, but the libtorch it loaded has"
                                        + " no CUDA"),
                cpuBuild.getMessage());
        assertTrue(cpuBuild.getMessage().contains("make setup GPU=1"), cpuBuild.getMessage());
        ExtractCommand.checkGpu("gpu", 2, true);
    }

    @Test
    void extractOnAGpuThatIsNotThereFailsBeforeExtracting() {
        Engine engine = Engine.getInstance();
        Assumptions.assumeFalse(
                engine.getGpuCount() > 0 && engine.hasCapability(StandardCapabilities.CUDA),
                "this machine can run libtorch on a GPU");
        String err =
                withFixtures(
                        () ->
                                assertEquals(
                                        1,
                                        Main.run(
                                                "extract",
                                                "--backbones",
                                                "tiny-rn",
                                                "--datasets",
                                                "mnist",
                                                "--device",
                                                "gpu",
                                                "--no-progress")));
        assertTrue(err.contains("clip-synergy: --device gpu: DJL found "), err);
        assertTrue(err.contains("make setup GPU=1"), err);
        assertTrue(!err.contains("aten::"), err);
        assertTrue(!Files.exists(cache.resolve("features")), "nothing was extracted");
    }

    @Test
    void fileSystemErrorsNameTheFileTheReasonAndTheCache() {
        Path ucache = Path.of("/tmp/ucache");
        assertEquals(
                "cannot write /tmp/ucache/heads: permission denied (AccessDeniedException); check"
                        + " that the feature cache /tmp/ucache is writable, or move it with"
                        + " CLIP_SYNERGY_CACHE",
                Main.message(new AccessDeniedException("/tmp/ucache/heads"), ucache));
        assertEquals(
                "cannot write /proc/nocache: Read-only file system (FileSystemException); check"
                        + " that the feature cache /proc/nocache is writable, or move it with"
                        + " CLIP_SYNERGY_CACHE",
                Main.message(
                        new FileSystemException("/proc/nocache", null, "Read-only file system"),
                        Path.of("/proc/nocache")));
        // Outside the cache: no hint, and "access" since the operation is not known.
        assertEquals(
                "cannot access /data/mnist/t10k-images: no such file or directory"
                        + " (NoSuchFileException)",
                Main.message(new NoSuchFileException("/data/mnist/t10k-images"), ucache));
        assertEquals(
                "cannot access /a/b: not a directory (NotDirectoryException)",
                Main.message(new NotDirectoryException("/a/b"), null));
        assertEquals(
                "cannot write /tmp/ucache/x.tmp (with /tmp/ucache/x): already exists"
                        + " (FileAlreadyExistsException); check that the feature cache /tmp/ucache"
                        + " is writable, or move it with CLIP_SYNERGY_CACHE",
                Main.message(
                        new FileAlreadyExistsException("/tmp/ucache/x.tmp", "/tmp/ucache/x", null),
                        ucache));
        // Wrapped without a message of its own: the file system error is formatted.
        assertEquals(
                "cannot access /a: permission denied (AccessDeniedException)",
                Main.message(new UncheckedIOException(new AccessDeniedException("/a")), null));
        assertEquals(
                "cannot write: the file system is read-only (ReadOnlyFileSystemException)",
                Main.message(new ReadOnlyFileSystemException(), ucache));
    }

    @Test
    void otherFailuresKeepTheirMessage() {
        assertEquals(
                "--limit must be >= 1",
                Main.message(new IllegalArgumentException("--limit must be >= 1"), null));
        UncheckedIOException described =
                new UncheckedIOException(
                        "reading the cache entry", new AccessDeniedException("/tmp/ucache/a"));
        assertEquals("reading the cache entry", Main.message(described, Path.of("/tmp/ucache")));
        assertEquals("disk full", Main.message(new IOException("disk full"), null));
    }

    @Test
    void anUnwritableCacheIsReportedByTheCommandLine() throws IOException {
        // A cache below a regular file cannot be created, whoever runs the test.
        Path file = Files.writeString(cache.resolve("a-file"), "not a folder\n");
        Path blocked = file.resolve("cache");
        String oldCache = System.getProperty("clipsynergy.cache");
        String oldBackbones = System.getProperty("clipsynergy.backbones");
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setProperty("clipsynergy.cache", blocked.toString());
        System.setProperty("clipsynergy.backbones", Fixtures.root().toString());
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(
                    1,
                    Main.run(
                            "extract",
                            "--backbones",
                            "tiny-rn",
                            "--datasets",
                            "mnist",
                            "--limit",
                            "8",
                            "--no-progress"));
        } finally {
            System.setErr(old);
            restore("clipsynergy.backbones", oldBackbones);
            restore("clipsynergy.cache", oldCache);
        }
        String err = buf.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("clip-synergy: cannot write " + blocked), err);
        assertTrue(
                err.contains(
                        ": Not a directory (FileSystemException); check that the feature cache "
                                + blocked
                                + " is writable, or move it with CLIP_SYNERGY_CACHE"),
                err);
    }

    @Test
    void trainZooFlagsAreNamedAsTyped() {
        String err = withFixtures(() -> assertEquals(2, Main.run("train-zoo", "--workers", "0")));
        assertTrue(err.contains("--workers must be >= 1, got 0"), err);
        err = withFixtures(() -> assertEquals(2, Main.run("train-zoo", "--epochs", "0")));
        assertTrue(err.contains("--epochs must be >= 1, got 0"), err);
    }

    /** Runs with the fixture backbones and the test's cache; returns what went to stderr. */
    private String withFixtures(Runnable r) {
        String oldBackbones = System.getProperty("clipsynergy.backbones");
        String oldCache = System.getProperty("clipsynergy.cache");
        System.setProperty("clipsynergy.backbones", Fixtures.root().toString());
        System.setProperty("clipsynergy.cache", cache.toString());
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
            restore("clipsynergy.backbones", oldBackbones);
            restore("clipsynergy.cache", oldCache);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static String capture(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
