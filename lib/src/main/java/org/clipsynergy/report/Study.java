package org.clipsynergy.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.clipsynergy.ProjectLayout;
import org.clipsynergy.backbone.Backbone;
import org.clipsynergy.backbone.BackboneCard;
import org.clipsynergy.backbone.BackboneOptions;
import org.clipsynergy.backbone.Backbones;
import org.clipsynergy.data.DatasetCatalog;
import org.clipsynergy.data.ImageDataset;
import org.clipsynergy.features.CacheKey;
import org.clipsynergy.features.CacheManifest;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The notebooks' entry point: a set of backbones and datasets whose features come from the cache,
 * extracted first where missing.
 *
 * <p>{@link #features} returns one {@link FeatureSet} per backbone for a (dataset, split,
 * perturbation, limit), in the study's backbone order and checked to cover the same images with the
 * same labels, so that metrics across backbones (oracle, CKA, ensembles) compare like with like. An
 * entry already in the cache from the same card, dataset file and prompts is loaded without opening
 * the backbone; an entry holding more images than asked for is cut to the first {@code limit} rows
 * instead of being extracted again. Anything else is extracted by {@link FeatureExtractor}
 * (progress bar, resumable) and stays cached.
 *
 * <p>Backbones are opened on first use and kept open until {@link #close()}.
 *
 * <p>Limitation: a limit takes the first {@code limit} images of the split, not a random sample.
 * The embedded datasets' test files are not ordered by class, so their first images are a fair
 * sample; check that before limiting a dataset stored class by class.
 */
public final class Study implements AutoCloseable {

    /** The nine OpenAI CLIP backbones, named as {@code environment/export_backbones.py} does. */
    public static final List<String> OPENAI_BACKBONES =
            List.of(
                    "RN50",
                    "RN101",
                    "RN50x4",
                    "RN50x16",
                    "RN50x64",
                    "ViT-B-32",
                    "ViT-B-16",
                    "ViT-L-14",
                    "ViT-L-14-336");

    /** The datasets that {@code make setup} fetches: the embedded default. */
    public static final List<String> EMBEDDED_DATASETS = List.of("mnist", "fashion-mnist");

    /** The clean (unperturbed) images' severity. */
    public static final int CLEAN_SEVERITY = 0;

    /** Every image of a split, as a limit. */
    public static final int ALL = -1;

    private static final Logger LOG = LoggerFactory.getLogger(Study.class);

    private final ProjectLayout layout;
    private final DatasetCatalog catalog;
    private final FeatureStore store;
    private final List<String> backbones;
    private final List<String> datasets;
    private final ExtractionSettings settings;
    private final BackboneOptions options;
    private final Map<String, Backbone> open = new HashMap<>();
    private final Map<String, ImageDataset> splits = new HashMap<>();
    private final Map<String, String> fingerprints = new HashMap<>();

    private Study(
            ProjectLayout layout,
            DatasetCatalog catalog,
            List<String> backbones,
            List<String> datasets,
            ExtractionSettings settings,
            BackboneOptions options) {
        this.layout = layout;
        this.catalog = catalog;
        this.store = new FeatureStore(layout.cache());
        this.backbones = List.copyOf(backbones);
        this.datasets = List.copyOf(datasets);
        this.settings = settings;
        this.options = options;
    }

    /**
     * A study over the given backbones and datasets of a project.
     *
     * @param layout the project's folders (backbones, data, cache)
     * @param backbones backbone folder names under {@code backbones/}; empty for every one there
     *     ({@link #availableBackbones})
     * @param datasets dataset names of {@code datasets.yaml}; empty for {@link #EMBEDDED_DATASETS}
     * @return the study, with {@link ExtractionSettings#defaults()}
     * @throws IOException if the catalog cannot be read or the backbones folder cannot be listed
     * @throws IllegalArgumentException if a backbone has no card or a dataset is not in the catalog
     *     (one message names every unknown name and the known ones), or no backbone is present
     */
    public static Study open(ProjectLayout layout, List<String> backbones, List<String> datasets)
            throws IOException {
        Objects.requireNonNull(layout, "layout");
        DatasetCatalog catalog = DatasetCatalog.load(layout);
        List<String> names = backbones.isEmpty() ? availableBackbones(layout) : backbones;
        if (names.isEmpty()) {
            throw new IllegalArgumentException(
                    "no backbones in "
                            + layout.backbones()
                            + ": train the mini zoo (make zoo) or export CLIP models (make"
                            + " backbones)");
        }
        List<String> sets = datasets.isEmpty() ? EMBEDDED_DATASETS : datasets;
        KnownNames.check(layout.backbones(), catalog, names, sets);
        return new Study(
                layout,
                catalog,
                names,
                sets,
                ExtractionSettings.defaults(),
                BackboneOptions.defaults());
    }

    /**
     * A study in the project found by {@link ProjectLayout#discover()}.
     *
     * @param backbones backbone folder names; empty for every one in {@code backbones/}
     * @param datasets dataset names; empty for the embedded default
     * @return the study
     * @throws IOException as {@link #open(ProjectLayout, List, List)}
     */
    public static Study open(List<String> backbones, List<String> datasets) throws IOException {
        return open(ProjectLayout.discover(), backbones, datasets);
    }

    /**
     * The names of every backbone folder (one holding a {@code card.json}) in the project's {@code
     * backbones/}, sorted.
     *
     * @param layout the project's folders
     * @return the names; empty if there are none
     * @throws IOException if the folder cannot be listed
     */
    public static List<String> availableBackbones(ProjectLayout layout) throws IOException {
        return Backbones.list(layout.backbones()).stream()
                .map(p -> p.getFileName().toString())
                .toList();
    }

    /**
     * This study with other extraction settings (batch size, threads, progress bar, corruption
     * seed). The limit of {@code settings} is ignored: each call of {@link #features} names its
     * own. Backbones opened so far are handed over to the new study.
     *
     * @param newSettings the settings
     * @return the study
     */
    public Study withSettings(ExtractionSettings newSettings) {
        Study s = new Study(layout, catalog, backbones, datasets, newSettings, options);
        s.open.putAll(open);
        open.clear();
        return s;
    }

    /**
     * This study with other backbone options (device, precision); opened backbones are closed.
     *
     * @param newOptions the options
     * @return the study
     */
    public Study withOptions(BackboneOptions newOptions) {
        close();
        return new Study(layout, catalog, backbones, datasets, settings, newOptions);
    }

    /** The project's folders. */
    public ProjectLayout layout() {
        return layout;
    }

    /** The dataset catalog. */
    public DatasetCatalog catalog() {
        return catalog;
    }

    /** The feature cache. */
    public FeatureStore store() {
        return store;
    }

    /** The backbone names, in the order every list of feature sets follows. */
    public List<String> backbones() {
        return backbones;
    }

    /** The dataset names. */
    public List<String> datasets() {
        return datasets;
    }

    /** The extraction settings. */
    public ExtractionSettings settings() {
        return settings;
    }

    /**
     * A backbone's card, read from its folder without loading the model.
     *
     * @param backbone the backbone name
     * @return the card
     * @throws IOException if the card is missing or invalid
     */
    public BackboneCard card(String backbone) throws IOException {
        return Backbones.readCard(Backbones.resolve(layout.backbones(), backbone));
    }

    /**
     * GFLOPs of one image's forward pass through a backbone's image tower, from its card.
     *
     * @param backbone the backbone name
     * @return the GFLOPs per image
     * @throws IOException if the card is missing or invalid
     */
    public double gflops(String backbone) throws IOException {
        return card(backbone).gflops();
    }

    /**
     * One row per backbone: its family, parameters, GFLOPs per image, input size and embedding
     * size, from the cards.
     *
     * @return the table, in backbone order
     * @throws IOException if a card is missing or invalid
     */
    public Table cards() throws IOException {
        StringColumn name = StringColumn.create(Tables.MODEL);
        StringColumn family = StringColumn.create("family");
        LongColumn parameters = LongColumn.create("parameters");
        DoubleColumn gflops = DoubleColumn.create("GFLOPs");
        IntColumn input = IntColumn.create("input size");
        IntColumn embedding = IntColumn.create("embedding size");
        for (String b : backbones) {
            BackboneCard c = card(b);
            name.append(b);
            family.append(c.family());
            parameters.append(c.parameters());
            gflops.append(c.gflops());
            input.append(c.inputSize());
            embedding.append(c.embeddingSize());
        }
        return Table.create("backbones", name, family, parameters, gflops, input, embedding);
    }

    /**
     * Every image of a clean split, one feature set per backbone.
     *
     * @param dataset the dataset name
     * @param split the split, e.g. {@code test}
     * @return the feature sets in backbone order, aligned
     * @throws IOException if the data, a backbone or the cache cannot be read
     */
    public List<FeatureSet> clean(String dataset, String split) throws IOException {
        return features(dataset, split, Perturbation.none(), ALL);
    }

    /**
     * The first {@code limit} images of a clean split, one feature set per backbone.
     *
     * @param dataset the dataset name
     * @param split the split
     * @param limit the most images, or {@link #ALL}
     * @return the feature sets in backbone order, aligned
     * @throws IOException if the data, a backbone or the cache cannot be read
     */
    public List<FeatureSet> clean(String dataset, String split, int limit) throws IOException {
        return features(dataset, split, Perturbation.none(), limit);
    }

    /**
     * The clean split of every dataset of the study.
     *
     * @param split the split
     * @param limit the most images per dataset, or {@link #ALL}
     * @return dataset name to its feature sets in backbone order, in the study's dataset order
     * @throws IOException if the data, a backbone or the cache cannot be read
     */
    public Map<String, List<FeatureSet>> clean(String split, int limit) throws IOException {
        Map<String, List<FeatureSet>> out = new LinkedHashMap<>();
        for (String d : datasets) {
            out.put(d, clean(d, split, limit));
        }
        return out;
    }

    /**
     * The first {@code limit} images of a split under an ImageNet-C corruption ({@link
     * Corruptions}), seeded by the settings' seed, one feature set per backbone.
     *
     * @param dataset the dataset name
     * @param split the split
     * @param corruption the corruption's name, e.g. {@code gaussian_noise}
     * @param severity 1 to 5
     * @param limit the most images, or {@link #ALL}
     * @return the feature sets in backbone order, aligned
     * @throws IOException if the data, a backbone or the cache cannot be read
     * @throws IllegalArgumentException if the corruption is unknown or the severity out of range
     */
    public List<FeatureSet> corrupted(
            String dataset, String split, String corruption, int severity, int limit)
            throws IOException {
        return features(
                dataset, split, Corruptions.byName(corruption, severity, settings.seed()), limit);
    }

    /**
     * Clean and corrupted features of the first {@code limit} images of a split of every dataset,
     * for a robustness table ({@link org.clipsynergy.metrics.RobustnessTable}): per dataset the
     * clean sets of every backbone, then one set per backbone for each corruption and severity.
     *
     * @param split the split
     * @param corruptions corruption names ({@link Corruptions#names()})
     * @param severities severities, each 1 to 5
     * @param limit the most images per dataset, or {@link #ALL}
     * @return dataset name to its feature sets, in the study's dataset order
     * @throws IOException if the data, a backbone or the cache cannot be read
     */
    public Map<String, List<FeatureSet>> robustness(
            String split, List<String> corruptions, List<Integer> severities, int limit)
            throws IOException {
        // Every name and severity is checked before the first image is encoded.
        for (String c : corruptions) {
            for (int s : severities) {
                Corruptions.byName(c, s, settings.seed());
            }
        }
        Map<String, List<FeatureSet>> out = new LinkedHashMap<>();
        long start = System.nanoTime();
        // One bar over the whole sweep: a bar per cache entry would be hundreds of lines.
        long steps = (long) datasets.size() * (1 + corruptions.size() * severities.size());
        ExtractionSettings quiet = settings.withProgress(false);
        try (me.tongfei.progressbar.ProgressBar bar =
                settings.progress()
                        ? org.clipsynergy.Progress.builder("robustness features", steps)
                                .setUnit(" sets", 1)
                                .build()
                        : null) {
            for (String d : datasets) {
                List<FeatureSet> sets =
                        new ArrayList<>(features(d, split, Perturbation.none(), limit, quiet));
                step(bar);
                for (String c : corruptions) {
                    for (int s : severities) {
                        Perturbation p = Corruptions.byName(c, s, settings.seed());
                        sets.addAll(features(d, split, p, limit, quiet));
                        step(bar);
                    }
                }
                out.put(d, sets);
            }
        }
        LOG.info(
                "robustness features: {} datasets x {} corruptions x {} severities x {} backbones"
                        + " in {} s",
                datasets.size(),
                corruptions.size(),
                severities.size(),
                backbones.size(),
                String.format("%.1f", (System.nanoTime() - start) / 1e9));
        return out;
    }

    /**
     * The features of a split under a perturbation, one set per backbone: loaded from the cache,
     * cut from a larger cached entry, or extracted.
     *
     * @param dataset the dataset name
     * @param split the split
     * @param perturbation {@link Perturbation#none()} or a corruption seeded with the settings'
     *     seed
     * @param limit the most images from the start of the split, or {@link #ALL}
     * @return the feature sets in backbone order, checked by {@link #align}
     * @throws IOException if the data, a backbone or the cache cannot be read
     */
    public List<FeatureSet> features(
            String dataset, String split, Perturbation perturbation, int limit) throws IOException {
        return features(dataset, split, perturbation, limit, settings);
    }

    private static void step(me.tongfei.progressbar.ProgressBar bar) {
        if (bar != null) {
            bar.step();
        }
    }

    private List<FeatureSet> features(
            String dataset,
            String split,
            Perturbation perturbation,
            int limit,
            ExtractionSettings settings)
            throws IOException {
        if (limit != ALL && limit < 1) {
            throw new IllegalArgumentException(
                    "limit must be " + ALL + " (all) or >= 1, got " + limit);
        }
        ImageDataset data = split(dataset, split);
        int wanted = limit == ALL ? data.size() : Math.min(limit, data.size());
        String fingerprint = fingerprint(data);
        String headHash = ZeroShotHead.hash(data.classNames(), data.templates());
        long seed = perturbation.severity() == CLEAN_SEVERITY ? 0 : settings.seed();
        List<FeatureSet> sets = new ArrayList<>();
        for (String b : backbones) {
            Path folder = Backbones.resolve(layout.backbones(), b);
            String cardHash = Backbones.cardHash(folder);
            CacheKey key =
                    new CacheKey(
                            b,
                            dataset,
                            data.split(),
                            perturbation.name(),
                            perturbation.severity(),
                            seed,
                            Backbones.precision(folder, options));
            Optional<FeatureSet> cached =
                    reusable(key, cardHash, fingerprint, headHash, seed, wanted);
            if (cached.isPresent()) {
                sets.add(head(cached.get(), wanted));
                continue;
            }
            Backbone backbone = backbone(b, folder);
            ZeroShotHead zeroShot =
                    ZeroShotHead.cached(
                            backbone,
                            cardHash,
                            data.name(),
                            data.classNames(),
                            data.templates(),
                            layout.cache());
            FeatureExtractor extractor =
                    new FeatureExtractor(
                            store, settings.withLimit(wanted == data.size() ? ALL : wanted));
            ClipPreprocessor pre = ClipPreprocessor.forCard(backbone.card());
            FeatureSet set =
                    extractor.extract(
                            new ExtractionJob(
                                    b,
                                    backbone,
                                    cardHash,
                                    data,
                                    perturbation,
                                    zeroShot,
                                    pre::applyInto));
            sets.add(head(set, wanted));
        }
        return align(sets);
    }

    /**
     * Checks that feature sets describe the same images: same dataset, split, perturbation and
     * severity, the same image indices and labels, the same classes.
     *
     * @param sets one feature set per backbone
     * @return {@code sets}, unchanged
     * @throws IllegalArgumentException naming the first backbone and field that differ
     */
    public static List<FeatureSet> align(List<FeatureSet> sets) {
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("align: no feature sets");
        }
        FeatureSet first = sets.get(0);
        for (FeatureSet s : sets.subList(1, sets.size())) {
            String where = s.backbone() + " against " + first.backbone() + " on " + first.dataset();
            requireSame(where, "dataset", first.dataset(), s.dataset());
            requireSame(where, "split", first.split(), s.split());
            requireSame(where, "perturbation", first.perturbation(), s.perturbation());
            requireSame(where, "severity", first.severity(), s.severity());
            requireSame(where, "images", first.size(), s.size());
            requireSame(where, "classNames", first.classNames(), s.classNames());
            if (!Arrays.equals(first.labels(), s.labels())) {
                throw new IllegalArgumentException(where + ": field 'labels' differs");
            }
            if (!Arrays.equals(first.indices(), s.indices())) {
                throw new IllegalArgumentException(where + ": field 'indices' differs");
            }
        }
        return sets;
    }

    /**
     * The first {@code n} images of a feature set.
     *
     * @param set the features
     * @param n at most {@code set.size()}
     * @return the set itself when it has {@code n} images, otherwise a copy of its first rows
     */
    public static FeatureSet head(FeatureSet set, int n) {
        return set.first(n);
    }

    /** Closes every backbone this study opened. */
    @Override
    public void close() {
        for (Backbone b : open.values()) {
            b.close();
        }
        open.clear();
    }

    private Optional<FeatureSet> reusable(
            CacheKey key,
            String cardHash,
            String fingerprint,
            String headHash,
            long seed,
            int wanted)
            throws IOException {
        Optional<CacheManifest> m = store.manifest(key);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        CacheManifest c = m.get();
        boolean same =
                c.cardHash().equals(cardHash)
                        && c.datasetFingerprint().equals(fingerprint)
                        && c.headHash().equals(headHash)
                        && c.seed() == seed
                        && c.precision() == key.precision()
                        && c.count() >= wanted;
        if (!same) {
            return Optional.empty();
        }
        Optional<FeatureSet> set;
        try {
            set = store.load(key);
        } catch (org.clipsynergy.features.DamagedEntryException e) {
            // The extractor warns and computes the entry again.
            return Optional.empty();
        }
        set.ifPresent(s -> LOG.debug("{}: {} cached images, {} used", key, s.size(), wanted));
        return set.filter(s -> s.size() >= wanted);
    }

    private Backbone backbone(String name, Path folder) throws IOException {
        Backbone b = open.get(name);
        if (b == null) {
            b = Backbones.open(folder, options);
            open.put(name, b);
            LOG.info("opened backbone {} ({})", name, folder);
        }
        return b;
    }

    private ImageDataset split(String dataset, String split) throws IOException {
        String id = dataset + "/" + split;
        ImageDataset d = splits.get(id);
        if (d == null) {
            d = catalog.open(dataset, split);
            splits.put(id, d);
        }
        return d;
    }

    private String fingerprint(ImageDataset data) {
        return fingerprints.computeIfAbsent(
                data.name() + "/" + data.split(), k -> data.fingerprint());
    }

    private static void requireSame(String where, String field, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException(
                    where + ": field '" + field + "' expected " + expected + ", got " + actual);
        }
    }
}
