package org.clipsynergy.backbone.mini;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.clipsynergy.ProjectLayout;
import org.clipsynergy.WorkLock;
import org.clipsynergy.backbone.BackboneCard;
import org.clipsynergy.backbone.Backbones;
import org.clipsynergy.data.DatasetCatalog;
import org.clipsynergy.image.ClipPreprocessor;
import org.clipsynergy.text.ClipTokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the mini zoo into the backbones folder: trains each member whose folder is missing, broken
 * or made from another recipe, and reuses the rest.
 *
 * <p>A member is reused only if its {@value #RECIPE_FILE} records the requested recipe's hash, its
 * card, architecture and vocabulary files parse (the architecture equal to the recipe's, the card
 * agreeing with it), and its weights file has the SHA-256 its card gives. A broken member is
 * trained again with a WARN line naming the file and what is wrong with it; members trained with
 * another recipe are replaced with a WARN line naming what differs (e.g. {@code training.seed 1 on
 * disk, 0 requested}). The old folder is replaced only once the new one is complete.
 *
 * <p>A member's folder holds, besides what {@link MiniBackbone} loads, {@value #RECIPE_FILE} with
 * the hash of its part of the recipe ({@link ZooRecipe#memberHash}) and its training log. With more
 * than one worker, members train in child JVMs on the same class path, one engine thread each (DJL
 * allows one gradient collector per JVM, and two single-thread processes train transformers and
 * mixers about 20 % faster than one two-thread process on this project's CPUs); the costliest
 * members start first.
 */
public final class MiniZoo {

    /** The file recording a member's recipe hash and training log. */
    public static final String RECIPE_FILE = "recipe.json";

    private static final Logger LOG = LoggerFactory.getLogger(MiniZoo.class);

    /** A child's progress line: {@code zoo-progress <member> <steps done> <steps total>}. */
    static final String PROGRESS_PREFIX = "zoo-progress ";

    /** How long a build waits at most for another build into the same backbones folder. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofHours(2);

    /** The name of a temporary recipe file for child JVMs: prefix, digits, suffix. */
    static final String RECIPE_TEMP_PREFIX = ".zoo-recipe-";

    static final String RECIPE_TEMP_SUFFIX = ".json";

    /** The lock file a build holds in the backbones folder. */
    static final String LOCK_FILE = ".train-zoo.lock";

    /** A member's temporary folder while it trains is {@code .<member>.partial}. */
    static final String PARTIAL_SUFFIX = ".partial";

    private MiniZoo() {}

    /**
     * What a member's {@value #RECIPE_FILE} records.
     *
     * @param hash the member's recipe hash
     * @param formatVersion {@link ZooRecipe#FORMAT_VERSION} at training time
     * @param datasets the training datasets
     * @param fingerprints their training splits' fingerprints
     * @param training the training settings
     * @param architecture the member's architecture
     * @param engineThreads the engine's intra-op threads during training
     * @param trainingSeconds wall time of the optimiser steps
     * @param epochs the per-epoch log
     */
    public record MemberRecord(
            String hash,
            int formatVersion,
            List<String> datasets,
            Map<String, String> fingerprints,
            TrainingSettings training,
            MiniArchitecture architecture,
            int engineThreads,
            double trainingSeconds,
            List<MiniTrainer.EpochRecord> epochs) {}

    /**
     * The outcome for one member.
     *
     * @param name the member
     * @param folder its folder
     * @param reused whether an up-to-date folder was kept
     */
    public record Built(String name, Path folder, boolean reused) {}

    /**
     * Builds the zoo, reusing up-to-date members.
     *
     * @param layout the project layout (datasets from its catalog, members into its backbones)
     * @param recipe the recipe
     * @param workers child JVMs training in parallel; 1 trains in this JVM, one member at a time
     * @param progress whether to show progress bars
     * @return one entry per member, in recipe order
     * @throws IOException if data cannot be read, a member cannot be written, or a child fails
     */
    public static List<Built> build(
            ProjectLayout layout, ZooRecipe recipe, int workers, boolean progress)
            throws IOException {
        return build(layout, recipe, workers, progress, DEFAULT_LOCK_WAIT);
    }

    /**
     * Builds the zoo, reusing up-to-date members, while holding the backbones folder's lock ({@code
     * .train-zoo.lock}): a second build into the same folder waits for the first, then finds the
     * members it built up to date. Leftovers of interrupted builds (temporary recipe files and
     * member folders) are removed once the lock is held.
     *
     * @param layout the project layout (datasets from its catalog, members into its backbones)
     * @param recipe the recipe
     * @param workers child JVMs training in parallel; 1 trains in this JVM, one member at a time
     * @param progress whether to show progress bars
     * @param lockWait how long to wait at most for another build into the same folder
     * @return one entry per member, in recipe order
     * @throws IOException if data cannot be read, a member cannot be written, a child fails, or
     *     another build still holds the folder after {@code lockWait} (the message names the folder
     *     and the holder)
     */
    public static List<Built> build(
            ProjectLayout layout,
            ZooRecipe recipe,
            int workers,
            boolean progress,
            Duration lockWait)
            throws IOException {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        try (WorkLock lock =
                WorkLock.acquire(
                        layout.backbones().resolve(LOCK_FILE),
                        layout.backbones().toString(),
                        "another train-zoo run is building the zoo here",
                        lockWait)) {
            removeLeftovers(layout.backbones());
            return buildLocked(layout, recipe, workers, progress);
        }
    }

    /**
     * Removes what interrupted builds left in the backbones folder: temporary recipe files ({@code
     * .zoo-recipe-*.json}) and temporary member folders ({@code .<member>.partial}). Only called
     * while holding the folder's lock, so no live build is using them.
     *
     * @return the names removed
     */
    static List<String> removeLeftovers(Path backbones) throws IOException {
        List<Path> leftovers;
        try (Stream<Path> children = Files.list(backbones)) {
            leftovers =
                    children.filter(
                                    p -> {
                                        String n = p.getFileName().toString();
                                        return n.startsWith(RECIPE_TEMP_PREFIX)
                                                        && n.endsWith(RECIPE_TEMP_SUFFIX)
                                                        && Files.isRegularFile(p)
                                                || n.startsWith(".")
                                                        && n.endsWith(PARTIAL_SUFFIX)
                                                        && Files.isDirectory(p);
                                    })
                            .sorted()
                            .toList();
        }
        List<String> names = new ArrayList<>();
        for (Path p : leftovers) {
            deleteTree(p);
            names.add(p.getFileName().toString());
        }
        if (!names.isEmpty()) {
            LOG.info(
                    "removed {} leftover(s) of interrupted train-zoo runs from {}: {}",
                    names.size(),
                    backbones,
                    names);
        }
        return names;
    }

    private static List<Built> buildLocked(
            ProjectLayout layout, ZooRecipe recipe, int workers, boolean progress)
            throws IOException {
        Map<String, String> fingerprints = fingerprints(layout, recipe);
        List<Built> built = new ArrayList<>();
        List<MiniArchitecture> stale = new ArrayList<>();
        // Members trained with another recipe, grouped by what differs, for one line per group.
        Map<String, List<String>> otherRecipe = new LinkedHashMap<>();
        for (MiniArchitecture member : recipe.members()) {
            Path folder = layout.backbones().resolve(member.name());
            Verdict verdict = inspect(folder, recipe, member.name(), fingerprints);
            built.add(new Built(member.name(), folder, verdict.kind() == Verdict.Kind.CURRENT));
            switch (verdict.kind()) {
                case CURRENT ->
                        LOG.info("zoo member {} is up to date in {}", member.name(), folder);
                case ABSENT -> stale.add(member);
                case BROKEN -> {
                    LOG.warn(
                            "zoo member {} cannot be reused: {}; training it again (the new one"
                                    + " replaces {} when complete)",
                            member.name(),
                            verdict.detail(),
                            folder);
                    stale.add(member);
                }
                case OTHER_RECIPE -> {
                    otherRecipe
                            .computeIfAbsent(verdict.detail(), k -> new ArrayList<>())
                            .add(member.name());
                    stale.add(member);
                }
            }
        }
        for (Map.Entry<String, List<String>> group : otherRecipe.entrySet()) {
            LOG.warn(
                    "{} zoo member(s) {} in {} were trained with another recipe ({}); training"
                            + " them with the requested one replaces them (a changed recipe"
                            + " rebuilds the zoo)",
                    group.getValue().size(),
                    group.getValue(),
                    layout.backbones(),
                    group.getKey());
        }
        if (stale.isEmpty()) {
            return built;
        }
        stale.sort(Comparator.comparingLong(ImageTowers::multiplyAdds).reversed());
        // Never train on a data file whose content differs from the SHA-256 in datasets.yaml.
        DatasetCatalog catalog = DatasetCatalog.load(layout);
        for (String name : recipe.datasets()) {
            catalog.open(name, "train").verifyFiles();
        }
        LOG.info(
                "training {} zoo member(s) {} with {} worker(s)",
                stale.size(),
                stale.stream().map(MiniArchitecture::name).toList(),
                workers);
        long start = System.nanoTime();
        if (workers == 1) {
            for (MiniArchitecture member : stale) {
                trainMember(layout, recipe, member.name(), progress);
            }
        } else {
            trainInChildren(layout, recipe, stale, workers, progress);
        }
        LOG.info(
                "trained {} zoo member(s) in {} s",
                stale.size(),
                String.format("%.1f", (System.nanoTime() - start) / 1e9));
        return built;
    }

    /**
     * Whether a member's folder can be reused, and if not, why.
     *
     * @param kind the outcome
     * @param detail for {@link Kind#BROKEN} the file and what is wrong with it; for {@link
     *     Kind#OTHER_RECIPE} what differs between the recipe on disk and the requested one; else
     *     empty
     */
    record Verdict(Kind kind, String detail) {

        /** The outcomes of {@link #inspect}. */
        enum Kind {
            /** Made from the requested recipe, every file present and consistent. */
            CURRENT,
            /** No folder: the member was never built. */
            ABSENT,
            /**
             * A file is missing, malformed or disagrees with another (the weights with the card).
             */
            BROKEN,
            /** Complete, but trained with another recipe. */
            OTHER_RECIPE
        }

        /** A broken member; a parser's multi-line message is joined into one line. */
        static Verdict broken(String detail) {
            return new Verdict(Kind.BROKEN, String.valueOf(detail).replaceAll("\\s*\\R\\s*", " "));
        }
    }

    /**
     * Checks whether a member's folder can be reused: its {@value #RECIPE_FILE} parses and records
     * the requested recipe's hash, its card parses, its architecture file parses and equals the
     * recipe's, its vocabulary file parses, its card agrees with the architecture, and its weights
     * file has the SHA-256 the card's {@code weightsSha256} gives.
     *
     * @param folder the member's folder
     * @param recipe the requested recipe
     * @param member the member's name
     * @param fingerprints the training splits' fingerprints, by dataset
     * @return the verdict; a {@link Verdict.Kind#BROKEN} detail names the file
     */
    static Verdict inspect(
            Path folder, ZooRecipe recipe, String member, Map<String, String> fingerprints) {
        if (!Files.exists(folder)) {
            return new Verdict(Verdict.Kind.ABSENT, "");
        }
        if (!Files.isDirectory(folder)) {
            return Verdict.broken(folder + ": not a folder");
        }
        Path recipeFile = folder.resolve(RECIPE_FILE);
        if (!Files.isRegularFile(recipeFile)) {
            return Verdict.broken(recipeFile + ": missing (a member without its recipe)");
        }
        MemberRecord record;
        try {
            record = readRecord(folder);
        } catch (IOException e) {
            return Verdict.broken(e.getMessage());
        }
        if (record == null || record.hash() == null || record.hash().isBlank()) {
            return Verdict.broken(recipeFile + ": field 'hash' is missing");
        }
        String hash = recipe.memberHash(member, fingerprints);
        if (!hash.equals(record.hash())) {
            return new Verdict(
                    Verdict.Kind.OTHER_RECIPE,
                    recipeDifferences(record, recipe, member, fingerprints, hash));
        }
        for (String name :
                List.of(
                        MiniBackbone.CARD_FILE,
                        MiniBackbone.ARCHITECTURE_FILE,
                        MiniBackbone.VOCABULARY_FILE,
                        MiniBackbone.WEIGHTS_FILE)) {
            if (!Files.isRegularFile(folder.resolve(name))) {
                return Verdict.broken(folder.resolve(name) + ": missing");
            }
        }
        Path cardFile = folder.resolve(MiniBackbone.CARD_FILE);
        Path architectureFile = folder.resolve(MiniBackbone.ARCHITECTURE_FILE);
        Path weights = folder.resolve(MiniBackbone.WEIGHTS_FILE);
        try {
            BackboneCard card = Backbones.readCard(folder);
            MiniArchitecture architecture =
                    MiniBackbone.readJson(architectureFile, MiniArchitecture.class);
            MiniArchitecture expected = recipe.member(member);
            if (!expected.equals(architecture)) {
                return Verdict.broken(
                        architectureFile
                                + ": expected the recipe's architecture "
                                + expected
                                + ", got "
                                + architecture);
            }
            MiniBackbone.readJson(
                    folder.resolve(MiniBackbone.VOCABULARY_FILE),
                    new TypeReference<List<Integer>>() {});
            MiniBackbone.checkCard(folder, card, architecture);
            String expectedSha = card.weightsSha256();
            if (expectedSha == null || expectedSha.isBlank()) {
                return Verdict.broken(
                        cardFile + ": field 'weightsSha256' is missing (every zoo card has it)");
            }
            Backbones.checkWeights(card, weights);
        } catch (IOException e) {
            return Verdict.broken(e.getMessage());
        }
        return new Verdict(Verdict.Kind.CURRENT, "");
    }

    /**
     * What differs between the recipe a member was trained with and the requested one, as {@code
     * training.seed 1 on disk, 0 requested; ...}; the recipe hashes when no recorded field differs
     * (a hash written by other code).
     */
    static String recipeDifferences(
            MemberRecord record,
            ZooRecipe recipe,
            String member,
            Map<String, String> fingerprints,
            String hash) {
        Map<String, Object> onDisk = new LinkedHashMap<>();
        onDisk.put("formatVersion", record.formatVersion());
        onDisk.put("datasets", record.datasets());
        onDisk.put("fingerprints", record.fingerprints());
        onDisk.put("training", record.training());
        onDisk.put("architecture", record.architecture());
        Map<String, String> requestedPrints = new LinkedHashMap<>();
        for (String d : recipe.datasets()) {
            requestedPrints.put(d, fingerprints.get(d));
        }
        Map<String, Object> requested = new LinkedHashMap<>();
        requested.put("formatVersion", ZooRecipe.FORMAT_VERSION);
        requested.put("datasets", recipe.datasets());
        requested.put("fingerprints", requestedPrints);
        requested.put("training", recipe.training());
        requested.put("architecture", recipe.member(member));
        List<String> out = new ArrayList<>();
        differences(
                "",
                MiniBackbone.JSON.valueToTree(onDisk),
                MiniBackbone.JSON.valueToTree(requested),
                out);
        if (out.isEmpty()) {
            return "recipe hash "
                    + record.hash()
                    + " on disk, "
                    + hash
                    + " requested, recorded fields equal";
        }
        return String.join("; ", out);
    }

    private static void differences(
            String path, JsonNode onDisk, JsonNode requested, List<String> out) {
        if (onDisk != null && requested != null && onDisk.isObject() && requested.isObject()) {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            requested.fieldNames().forEachRemaining(names::add);
            onDisk.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                differences(
                        path.isEmpty() ? name : path + "." + name,
                        onDisk.get(name),
                        requested.get(name),
                        out);
            }
            return;
        }
        if (!Objects.equals(onDisk, requested)) {
            out.add(path + " " + text(onDisk) + " on disk, " + text(requested) + " requested");
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "absent";
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }

    /**
     * Reads a member's recipe and training log.
     *
     * @param folder the member's folder
     * @return the record
     * @throws IOException if the file is missing or malformed
     */
    public static MemberRecord readRecord(Path folder) throws IOException {
        return MiniBackbone.readJson(folder.resolve(RECIPE_FILE), MemberRecord.class);
    }

    static Map<String, String> fingerprints(ProjectLayout layout, ZooRecipe recipe)
            throws IOException {
        DatasetCatalog catalog = DatasetCatalog.load(layout);
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : recipe.datasets()) {
            out.put(name, catalog.open(name, "train").fingerprint());
        }
        return out;
    }

    /**
     * Trains one member in this JVM and writes its folder (atomically: a temporary folder renamed
     * over the old one when complete).
     *
     * @param layout the project layout
     * @param recipe the recipe
     * @param name the member
     * @param progress whether to show a progress bar
     * @throws IOException if data cannot be read or the folder cannot be written
     */
    public static void trainMember(
            ProjectLayout layout, ZooRecipe recipe, String name, boolean progress)
            throws IOException {
        if (!progress) {
            trainMember(layout, recipe, name, (done, total) -> {});
            return;
        }
        try (ProgressBar bar = progressBar(name, -1)) {
            trainMember(
                    layout,
                    recipe,
                    name,
                    (done, total) -> {
                        bar.maxHint(total);
                        bar.stepTo(done);
                    });
        }
    }

    /** Trains one member, telling the listener after each step. */
    static void trainMember(
            ProjectLayout layout, ZooRecipe recipe, String name, MiniTrainer.StepListener onStep)
            throws IOException {
        MiniArchitecture a = recipe.member(name);
        Map<String, String> fingerprints = fingerprints(layout, recipe);
        DatasetCatalog catalog = DatasetCatalog.load(layout);
        BackboneCard preprocessing = ZooCards.card(a, 1, 0, "", "preprocessing only");
        Path target = layout.backbones().resolve(name);
        Path temporary = layout.backbones().resolve("." + name + PARTIAL_SUFFIX);
        deleteTree(temporary);
        Thread cleanup = onShutdown("zoo-partial-cleanup-" + name, () -> deleteQuietly(temporary));
        boolean done = false;
        try (ClipTokenizer tokenizer = ClipTokenizer.standard()) {
            ZooData data =
                    ZooData.load(
                            catalog,
                            recipe.datasets(),
                            recipe.training(),
                            ClipPreprocessor.forCard(preprocessing),
                            tokenizer,
                            a.contextLength());
            try (MiniTrainer trainer = new MiniTrainer(a, recipe.training(), data)) {
                List<MiniTrainer.EpochRecord> epochs = trainer.fit(tokenizer, onStep);
                String hash = recipe.memberHash(name, fingerprints);
                trainer.save(
                        temporary,
                        "clip-synergy mini zoo, recipe "
                                + hash.substring(0, 12)
                                + ", seed "
                                + recipe.training().seed());
                MemberRecord record =
                        new MemberRecord(
                                hash,
                                ZooRecipe.FORMAT_VERSION,
                                recipe.datasets(),
                                fingerprints,
                                recipe.training(),
                                a,
                                engineThreads(),
                                trainer.trainingSeconds(),
                                epochs);
                MiniBackbone.JSON.writeValue(temporary.resolve(RECIPE_FILE).toFile(), record);
                LOG.info(
                        "zoo member {}: {} image-tower parameters, {} GFLOPs per image, trained in"
                                + " {} s",
                        name,
                        trainer.imageParameters(),
                        String.format("%.4f", ImageTowers.multiplyAdds(a) / 1e9),
                        String.format("%.1f", trainer.trainingSeconds()));
            }
            deleteTree(target);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } finally {
            cancel(cleanup);
            if (!done) {
                deleteQuietly(temporary);
            }
        }
    }

    /** Registers a shutdown hook (SIGTERM, Ctrl-C, normal exit); {@link #cancel} removes it. */
    private static Thread onShutdown(String name, Runnable action) {
        Thread hook = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void cancel(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs
        }
    }

    /** Deletes a file or folder tree, logging instead of failing (cleanup on the way out). */
    private static void deleteQuietly(Path path) {
        try {
            deleteTree(path);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "{}: could not remove this temporary path ({}); the next train-zoo run removes"
                            + " it",
                    path,
                    e.toString());
        }
    }

    private static int engineThreads() {
        String configured = System.getProperty("ai.djl.pytorch.num_threads");
        return configured == null
                ? Runtime.getRuntime().availableProcessors()
                : Integer.parseInt(configured.trim());
    }

    private static ProgressBar progressBar(String name, long max) {
        return org.clipsynergy.Progress.builder(name, max).setUnit(" steps", 1).showSpeed().build();
    }

    private static void trainInChildren(
            ProjectLayout layout,
            ZooRecipe recipe,
            List<MiniArchitecture> members,
            int workers,
            boolean progress)
            throws IOException {
        Files.createDirectories(layout.backbones());
        Path recipeFile =
                Files.createTempFile(layout.backbones(), RECIPE_TEMP_PREFIX, RECIPE_TEMP_SUFFIX);
        Thread cleanup = onShutdown("zoo-recipe-cleanup", () -> deleteQuietly(recipeFile));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            MiniBackbone.JSON.writeValue(recipeFile.toFile(), recipe);
            List<Future<Void>> jobs = new ArrayList<>();
            for (MiniArchitecture member : members) {
                jobs.add(
                        pool.submit(
                                () -> {
                                    runChild(layout, recipeFile, member.name(), progress);
                                    return null;
                                }));
            }
            for (Future<Void> job : jobs) {
                try {
                    job.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw cause instanceof IOException io
                            ? io
                            : new IOException("zoo worker failed: " + cause.getMessage(), cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while training the zoo", e);
                }
            }
        } finally {
            pool.shutdownNow();
            cancel(cleanup);
            deleteQuietly(recipeFile);
        }
    }

    private static void runChild(
            ProjectLayout layout, Path recipeFile, String member, boolean progress)
            throws IOException, InterruptedException {
        String java =
                ProcessHandle.current()
                        .info()
                        .command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command =
                List.of(
                        java,
                        "-Xmx3g",
                        "-XX:MaxDirectMemorySize=1g",
                        "-Dai.djl.offline=true",
                        "-Dai.djl.pytorch.num_threads=1",
                        "-Dai.djl.pytorch.num_interop_threads=1",
                        "-Dclipsynergy.root=" + layout.root(),
                        "-Dclipsynergy.data=" + layout.data(),
                        "-Dclipsynergy.backbones=" + layout.backbones(),
                        "-Dclipsynergy.cache=" + layout.cache(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ZooWorker.class.getName(),
                        recipeFile.toString(),
                        member);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        LOG.info("zoo member {}: training in a child JVM", member);
        Process process = builder.start();
        // A child must not outlive an interrupted build.
        Thread reaper = new Thread(process::destroy, "zoo-child-reaper-" + member);
        Runtime.getRuntime().addShutdownHook(reaper);
        ProgressBar bar = progress ? progressBar(member, -1) : null;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Optional<long[]> step = parseProgress(line, member);
                if (step.isPresent() && bar != null) {
                    bar.maxHint(step.get()[1]);
                    bar.stepTo(step.get()[0]);
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        int code = process.waitFor();
        Runtime.getRuntime().removeShutdownHook(reaper);
        if (code != 0) {
            throw new IOException(
                    "zoo member "
                            + member
                            + ": child JVM exited with "
                            + code
                            + " (its error is the line above)");
        }
    }

    static Optional<long[]> parseProgress(String line, String member) {
        String prefix = PROGRESS_PREFIX + member + " ";
        if (!line.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] parts = line.substring(prefix.length()).trim().split(" ");
        if (parts.length != 2) {
            return Optional.empty();
        }
        return Optional.of(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
