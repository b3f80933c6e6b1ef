package org.clipsynergy.cli;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.clipsynergy.ProjectLayout;
import org.clipsynergy.backbone.Backbone;
import org.clipsynergy.backbone.BackboneOptions;
import org.clipsynergy.backbone.Backbones;
import org.clipsynergy.backbone.Precision;
import org.clipsynergy.data.DatasetCatalog;
import org.clipsynergy.data.ImageDataset;
import org.clipsynergy.features.ExtractionJob;
import org.clipsynergy.features.ExtractionSettings;
import org.clipsynergy.features.FeatureExtractor;
import org.clipsynergy.features.FeatureSet;
import org.clipsynergy.features.FeatureStore;
import org.clipsynergy.features.KnownNames;
import org.clipsynergy.image.ClipPreprocessor;
import org.clipsynergy.perturb.Corruptions;
import org.clipsynergy.perturb.Perturbation;
import org.clipsynergy.text.ZeroShotHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clip-synergy extract}: fills the feature cache for backbones x datasets. */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description = {
            "Encode dataset splits with backbones and store image features and zero-shot logits"
                    + " in the feature cache (cache/features/<backbone>/<dataset>/<split>/...).",
            "Entries already cached from the same card, data and prompts are reused; a killed run"
                    + " resumes from its last complete chunk."
        })
final class ExtractCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--backbones",
            split = ",",
            paramLabel = "NAME",
            description =
                    "backbone folder names under backbones/, comma-separated (default: every"
                            + " backbone there)")
    List<String> backbones;

    @Option(
            names = "--datasets",
            required = true,
            split = ",",
            paramLabel = "NAME",
            description = "dataset names from datasets.yaml, comma-separated")
    List<String> datasets;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            defaultValue = "test",
            description = "split (default: ${DEFAULT-VALUE})")
    String split;

    @Option(
            names = "--perturbation",
            paramLabel = "NAME",
            defaultValue = "none",
            description =
                    "none or an ImageNet-C corruption applied before preprocessing, e.g."
                            + " gaussian_noise (default: ${DEFAULT-VALUE})")
    String perturbation;

    @Option(
            names = "--severity",
            paramLabel = "N",
            defaultValue = "0",
            description = "corruption severity 1-5, with --perturbation (default: 0, none)")
    int severity;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "0",
            description = "corruption seed, >= 0 (default: 0)")
    long seed;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "-1",
            description = "at most N images per split (the first N; default -1: all)")
    int limit;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "" + ExtractionSettings.DEFAULT_BATCH_SIZE,
            description = "images per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description = "preprocessing worker threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(
            names = "--device",
            paramLabel = "DEVICE",
            description = "cpu or gpu (default: a GPU if present)")
    String device;

    @Option(
            names = "--precision",
            paramLabel = "PRECISION",
            description =
                    "fp32 or fp16 (default: as exported); mini-zoo members run in fp32 only and"
                            + " refuse fp16")
    String precision;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        checkFlags();
        BackboneOptions backboneOptions = options();
        ProjectLayout layout = ProjectLayout.discover();
        DatasetCatalog catalog = DatasetCatalog.load(layout);
        List<String> names = backbones;
        if (names == null || names.isEmpty()) {
            names =
                    Backbones.list(layout.backbones()).stream()
                            .map(f -> f.getFileName().toString())
                            .toList();
            if (names.isEmpty()) {
                throw new IllegalArgumentException(
                        "--backbones: no backbones under "
                                + layout.backbones()
                                + "; run 'make zoo' or 'make backbones', or name them");
            }
        }
        KnownNames.check(layout.backbones(), catalog, names, datasets);
        FeatureStore store = new FeatureStore(layout.cache());
        ExtractionSettings settings =
                new ExtractionSettings(
                        batchSize,
                        threads,
                        ExtractionSettings.DEFAULT_CHUNK_SIZE,
                        limit,
                        seed,
                        !noProgress);
        Perturbation p = perturbation(perturbation, severity, seed);
        FeatureExtractor extractor = new FeatureExtractor(store, settings);
        for (String name : names) {
            Path folder = Backbones.resolve(layout.backbones(), name);
            String cardHash = Backbones.cardHash(folder);
            try (Backbone backbone = Backbones.open(folder, backboneOptions)) {
                ClipPreprocessor pre = ClipPreprocessor.forCard(backbone.card());
                for (String datasetName : datasets) {
                    ImageDataset data = catalog.open(datasetName, split);
                    ZeroShotHead head =
                            ZeroShotHead.cached(
                                    backbone,
                                    cardHash,
                                    data.name(),
                                    data.classNames(),
                                    data.templates(),
                                    layout.cache());
                    ExtractionJob job =
                            new ExtractionJob(
                                    name, backbone, cardHash, data, p, head, pre::applyInto);
                    FeatureSet set = extractor.extract(job);
                    System.out.printf(
                            "%s: %d images -> %s%n",
                            extractor.keyFor(job),
                            set.size(),
                            store.entryDir(extractor.keyFor(job)));
                }
            }
        }
        return 0;
    }

    /** Checks the numeric flags, naming them as typed (the settings' own checks name fields). */
    private void checkFlags() {
        Flags.require(spec, batchSize >= 1, "--batch-size", ">= 1", batchSize);
        Flags.require(spec, threads >= 1, "--threads", ">= 1", threads);
        Flags.require(spec, limit == -1 || limit >= 1, "--limit", "-1 (all) or >= 1", limit);
        Flags.require(spec, seed >= 0, "--seed", ">= 0", seed);
        Flags.require(spec, distinct(datasets), "--datasets", "a list without repeats", datasets);
        Flags.require(
                spec,
                backbones == null || distinct(backbones),
                "--backbones",
                "a list without repeats",
                backbones);
        boolean clean = "none".equals(perturbation);
        Flags.require(
                spec,
                clean ? severity == 0 : severity >= 1 && severity <= Corruptions.MAX_SEVERITY,
                "--severity",
                (clean ? "0" : "1-" + Corruptions.MAX_SEVERITY)
                        + " with --perturbation "
                        + perturbation,
                severity);
    }

    private static boolean distinct(List<String> names) {
        return names.stream().distinct().count() == names.size();
    }

    private BackboneOptions options() {
        BackboneOptions o = BackboneOptions.defaults();
        if (device != null) {
            o =
                    switch (device.toLowerCase(java.util.Locale.ROOT)) {
                        case "cpu" -> o.withDevice(ai.djl.Device.cpu());
                        case "gpu", "cuda" -> {
                            Engine engine = Engine.getInstance();
                            int gpus = engine.getGpuCount();
                            checkGpu(
                                    device,
                                    gpus,
                                    gpus > 0 && engine.hasCapability(StandardCapabilities.CUDA));
                            yield o.withDevice(ai.djl.Device.gpu());
                        }
                        default -> {
                            Flags.require(
                                    spec, false, "--device", "cpu or gpu", "'" + device + "'");
                            yield o;
                        }
                    };
        }
        if (precision != null) {
            try {
                o = o.withPrecision(Precision.parse(precision));
            } catch (IllegalArgumentException e) {
                Flags.require(spec, false, "--precision", "fp32 or fp16", "'" + precision + "'");
            }
        }
        return o;
    }

    /**
     * Checks that {@code --device gpu} can run: DJL sees a GPU and the libtorch it loaded has CUDA
     * (the default build carries the CPU-only one).
     *
     * @param value the flag's value as typed, e.g. {@code gpu}
     * @param gpus the GPUs DJL found
     * @param cuda whether the loaded libtorch supports CUDA
     * @throws IllegalArgumentException naming the flag, its value and what is missing
     */
    static void checkGpu(String value, int gpus, boolean cuda) {
        String fix =
                "; use --device cpu, or build for the GPU on a machine with an NVIDIA GPU: make"
                        + " clean && make setup GPU=1 (README, section GPU)";
        if (gpus <= 0) {
            throw new IllegalArgumentException(
                    "--device " + value + ": DJL found " + gpus + " GPUs" + fix);
        }
        if (!cuda) {
            throw new IllegalArgumentException(
                    "--device "
                            + value
                            + ": DJL found "
                            + gpus
                            + (gpus == 1 ? " GPU" : " GPUs")
                            + ", but the libtorch it loaded has no CUDA (the default build is"
                            + " CPU-only)"
                            + fix);
        }
    }

    /**
     * The perturbation by name: {@code none}, or an ImageNet-C corruption of {@link Corruptions}.
     */
    static Perturbation perturbation(String name, int severity, long seed) {
        if ("none".equals(name)) {
            if (severity != 0) {
                throw new IllegalArgumentException(
                        "--severity must be 0 with --perturbation none, got " + severity);
            }
            return Perturbation.none();
        }
        if (!Corruptions.names().contains(name)) {
            throw new IllegalArgumentException(
                    "--perturbation '"
                            + name
                            + "' is not known; available: none, "
                            + String.join(", ", Corruptions.names()));
        }
        return Corruptions.byName(name, severity, seed);
    }
}
