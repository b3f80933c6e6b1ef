package org.clipsynergy.backbone.mini;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.clipsynergy.ProjectLayout;
import org.clipsynergy.backbone.BackboneCard;
import org.clipsynergy.data.DatasetCatalog;
import org.clipsynergy.image.ClipPreprocessor;
import org.clipsynergy.text.ClipTokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the mini zoo into the backbones folder: trains each member whose folder is missing or was
 * made from another recipe, and reuses the rest.
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
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        Map<String, String> fingerprints = fingerprints(layout, recipe);
        List<Built> built = new ArrayList<>();
        List<MiniArchitecture> stale = new ArrayList<>();
        for (MiniArchitecture member : recipe.members()) {
            Path folder = layout.backbones().resolve(member.name());
            String hash = recipe.memberHash(member.name(), fingerprints);
            boolean current = isCurrent(folder, hash);
            built.add(new Built(member.name(), folder, current));
            if (current) {
                LOG.info("zoo member {} is up to date in {}", member.name(), folder);
            } else {
                stale.add(member);
            }
        }
        if (stale.isEmpty()) {
            return built;
        }
        stale.sort(Comparator.comparingLong(ImageTowers::multiplyAdds).reversed());
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

    /** Whether a folder holds a member made from the given recipe hash. */
    static boolean isCurrent(Path folder, String hash) {
        if (!MiniBackbone.isMember(folder) || !Files.isRegularFile(folder.resolve(RECIPE_FILE))) {
            return false;
        }
        try {
            return hash.equals(readRecord(folder).hash());
        } catch (IOException e) {
            LOG.warn("{}: unreadable, the member is rebuilt: {}", folder, e.getMessage());
            return false;
        }
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
        Path temporary = layout.backbones().resolve("." + name + ".partial");
        deleteTree(temporary);
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
        }
        deleteTree(target);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
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
        Path recipeFile = Files.createTempFile(layout.backbones(), ".zoo-recipe-", ".json");
        MiniBackbone.JSON.writeValue(recipeFile.toFile(), recipe);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
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
            Files.deleteIfExists(recipeFile);
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
                    "zoo member " + member + ": child JVM exited with " + code + " (see its log)");
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
