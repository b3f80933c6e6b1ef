package org.clipsynergy.backbone.mini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.clipsynergy.ProjectLayout;
import org.clipsynergy.WorkLock;
import org.clipsynergy.backbone.Backbone;
import org.clipsynergy.backbone.Backbones;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Building a one-member zoo into a temporary backbones folder from the project's MNIST (a tiny MLP
 * trained for two steps on 48 images): what is reused, what is retrained and what is said about it.
 */
class MiniZooTest {

    @TempDir Path dir;

    /** The project's catalog and data, this test's backbones, cache and figures folders. */
    private ProjectLayout layout() {
        ProjectLayout project =
                ProjectLayout.at(Path.of(System.getProperty("clipsynergy.root", "..")));
        assumeTrue(
                Files.isRegularFile(project.data().resolve("mnist/train-images-idx3-ubyte")),
                "MNIST not in " + project.data() + "; run `python3 environment/fetch_data.py`");
        return new ProjectLayout(
                project.root(),
                project.data(),
                dir.resolve("backbones"),
                dir.resolve("cache"),
                dir.resolve("figures"));
    }

    /** One tiny MLP member, 48 MNIST images (two steps of 24), 16 held out. */
    static ZooRecipe tinyRecipe(int epochs, long seed) {
        return new ZooRecipe(
                List.of("mnist"),
                new TrainingSettings(epochs, 24, 3e-3, 1, 3e-4, seed, 48, 16, 1.0),
                List.of(new MiniArchitecture("t-mlp", "MLP", 32, 1, 0, 8, 16, 1, 2, 24)));
    }

    private static MiniZoo.Verdict inspect(ProjectLayout layout, ZooRecipe recipe)
            throws IOException {
        return MiniZoo.inspect(
                layout.backbones().resolve("t-mlp"),
                recipe,
                "t-mlp",
                MiniZoo.fingerprints(layout, recipe));
    }

    private static boolean reused(ProjectLayout layout, ZooRecipe recipe) throws IOException {
        List<MiniZoo.Built> built = MiniZoo.build(layout, recipe, 1, false);
        assertEquals(1, built.size());
        return built.get(0).reused();
    }

    @Test
    void aMemberIsReusedOnlyWhileItsRecipeMatches() throws IOException {
        ProjectLayout layout = layout();
        ZooRecipe recipe = tinyRecipe(1, 0);
        assertEquals(MiniZoo.Verdict.Kind.ABSENT, inspect(layout, recipe).kind());
        assertFalse(reused(layout, recipe));
        assertEquals(MiniZoo.Verdict.Kind.CURRENT, inspect(layout, recipe).kind());
        assertTrue(reused(layout, recipe));

        ZooRecipe other = tinyRecipe(2, 1);
        MiniZoo.Verdict verdict = inspect(layout, other);
        assertEquals(MiniZoo.Verdict.Kind.OTHER_RECIPE, verdict.kind());
        assertEquals(
                "training.epochs 1 on disk, 2 requested; training.seed 0 on disk, 1 requested",
                verdict.detail());
        assertFalse(reused(layout, other));
        assertEquals(
                2, MiniZoo.readRecord(layout.backbones().resolve("t-mlp")).training().epochs());
        assertTrue(reused(layout, other));
    }

    @Test
    void changedWeightsAreRetrainedNamingTheFileAndBothHashes() throws IOException {
        ProjectLayout layout = layout();
        ZooRecipe recipe = tinyRecipe(1, 0);
        assertFalse(reused(layout, recipe));
        Path folder = layout.backbones().resolve("t-mlp");
        Path weights = folder.resolve(MiniBackbone.WEIGHTS_FILE);
        String cardSha = Backbones.readCard(folder).weightsSha256();
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 1] ^= 0x55;
        Files.write(weights, bytes);
        String changedSha = ZooCards.sha256(weights);

        MiniZoo.Verdict verdict = inspect(layout, recipe);
        assertEquals(MiniZoo.Verdict.Kind.BROKEN, verdict.kind());
        assertEquals(
                weights
                        + ": SHA-256 "
                        + changedSha
                        + " differs from the card's field 'weightsSha256' "
                        + cardSha
                        + "; the weights changed without their card (export or train again)",
                verdict.detail());
        assertFalse(reused(layout, recipe), "changed weights are trained again");
        assertEquals(MiniZoo.Verdict.Kind.CURRENT, inspect(layout, recipe).kind());
        assertEquals(cardSha, ZooCards.sha256(weights), "training is deterministic");
        try (Backbone loaded = Backbones.open(folder)) {
            assertEquals("t-mlp", loaded.card().name());
        }
    }

    @Test
    void aBrokenCardOrAMissingFileIsRetrainedNamingTheFile() throws IOException {
        ProjectLayout layout = layout();
        ZooRecipe recipe = tinyRecipe(1, 0);
        assertFalse(reused(layout, recipe));
        Path folder = layout.backbones().resolve("t-mlp");
        Path card = folder.resolve(MiniBackbone.CARD_FILE);
        Files.writeString(card, "{bad");
        MiniZoo.Verdict verdict = inspect(layout, recipe);
        assertEquals(MiniZoo.Verdict.Kind.BROKEN, verdict.kind());
        assertTrue(verdict.detail().startsWith(card + ": invalid card: "), verdict.detail());
        assertFalse(reused(layout, recipe));
        assertEquals(
                ZooCards.sha256(folder.resolve(MiniBackbone.WEIGHTS_FILE)),
                Backbones.readCard(folder).weightsSha256(),
                "the card is written again");

        for (String file :
                new String[] {MiniBackbone.VOCABULARY_FILE, MiniBackbone.ARCHITECTURE_FILE}) {
            Files.delete(folder.resolve(file));
            verdict = inspect(layout, recipe);
            assertEquals(MiniZoo.Verdict.Kind.BROKEN, verdict.kind());
            assertEquals(folder.resolve(file) + ": missing", verdict.detail());
            assertFalse(reused(layout, recipe));
            assertTrue(Files.isRegularFile(folder.resolve(file)));
        }
        Files.writeString(folder.resolve(MiniBackbone.VOCABULARY_FILE), "[1, \"x\"");
        verdict = inspect(layout, recipe);
        assertEquals(MiniZoo.Verdict.Kind.BROKEN, verdict.kind());
        assertTrue(
                verdict.detail()
                        .startsWith(folder.resolve(MiniBackbone.VOCABULARY_FILE) + ": not valid"),
                verdict.detail());
        assertFalse(reused(layout, recipe));
        assertTrue(reused(layout, recipe));
    }

    @Test
    void leftoversOfInterruptedRunsAreRemovedAndNothingElse() throws IOException {
        ProjectLayout layout = layout();
        Path backbones = layout.backbones();
        Files.createDirectories(backbones.resolve(".t-mlp.partial"));
        Files.writeString(backbones.resolve(".t-mlp.partial/card.json"), "{}");
        Files.writeString(backbones.resolve(".zoo-recipe-123456789.json"), "{}");
        Files.createDirectories(backbones.resolve("RN50"));
        Files.writeString(backbones.resolve("RN50/card.json"), "{}");
        Files.writeString(backbones.resolve(".zoo-recipe-notes.txt"), "kept");
        assertFalse(reused(layout, tinyRecipe(1, 0)));
        assertFalse(Files.exists(backbones.resolve(".t-mlp.partial")));
        assertFalse(Files.exists(backbones.resolve(".zoo-recipe-123456789.json")));
        assertTrue(Files.isRegularFile(backbones.resolve("RN50/card.json")));
        assertTrue(Files.isRegularFile(backbones.resolve(".zoo-recipe-notes.txt")));
        assertEquals(List.of(), MiniZoo.removeLeftovers(backbones));
        try (Stream<Path> left = Files.list(backbones)) {
            assertEquals(
                    List.of(".train-zoo.lock", ".zoo-recipe-notes.txt", "RN50", "t-mlp"),
                    left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aSecondBuildFailsAfterItsWaitNamingTheFolderAndTheHolder() throws IOException {
        ProjectLayout layout = layout();
        try (WorkLock held = lock(layout)) {
            IOException e =
                    assertThrows(
                            IOException.class,
                            () ->
                                    MiniZoo.build(
                                            layout,
                                            tinyRecipe(1, 0),
                                            1,
                                            false,
                                            Duration.ofMillis(300)));
            String m = e.getMessage();
            assertTrue(
                    m.startsWith(
                            layout.backbones()
                                    + ": another train-zoo run is building the zoo here (pid@host "
                                    + ManagementFactory.getRuntimeMXBean().getName()
                                    + " since "),
                    m);
            assertTrue(
                    m.contains(
                            "; lock file " + layout.backbones().resolve(MiniZoo.LOCK_FILE) + ")"),
                    m);
            assertTrue(m.endsWith("; run again when it has finished"), m);
        }
        assertFalse(Files.exists(layout.backbones().resolve("t-mlp")), "nothing was trained");
    }

    @Test
    void aSecondBuildWaitsForTheFirstThenReusesWhatItBuilt() throws Exception {
        ProjectLayout layout = layout();
        ZooRecipe recipe = tinyRecipe(1, 0);
        assertFalse(reused(layout, recipe));
        ExecutorService second = Executors.newSingleThreadExecutor();
        try {
            Future<List<MiniZoo.Built>> waiting;
            try (WorkLock held = lock(layout)) {
                waiting =
                        second.submit(
                                () ->
                                        MiniZoo.build(
                                                layout, recipe, 1, false, Duration.ofMinutes(1)));
                Thread.sleep(700);
                assertFalse(waiting.isDone(), "the second build waits for the lock");
            }
            List<MiniZoo.Built> built = waiting.get(1, TimeUnit.MINUTES);
            assertTrue(built.get(0).reused(), built.toString());
        } finally {
            second.shutdownNow();
        }
    }

    /** Holds the zoo's lock as another train-zoo run would. */
    private static WorkLock lock(ProjectLayout layout) throws IOException {
        return WorkLock.acquire(
                layout.backbones().resolve(MiniZoo.LOCK_FILE),
                layout.backbones().toString(),
                "another train-zoo run is building the zoo here",
                Duration.ZERO);
    }
}
