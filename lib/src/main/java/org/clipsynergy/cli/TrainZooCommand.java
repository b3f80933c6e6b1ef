package org.clipsynergy.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.clipsynergy.ProjectLayout;
import org.clipsynergy.backbone.Backbone;
import org.clipsynergy.backbone.BackboneCard;
import org.clipsynergy.backbone.Backbones;
import org.clipsynergy.backbone.mini.MiniZoo;
import org.clipsynergy.backbone.mini.TrainingSettings;
import org.clipsynergy.backbone.mini.ZeroShotAccuracy;
import org.clipsynergy.backbone.mini.ZooRecipe;
import org.clipsynergy.data.DatasetCatalog;
import org.clipsynergy.data.ImageDataset;
import org.clipsynergy.metrics.CorrectnessMatrix;
import org.clipsynergy.metrics.OracleBound;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clip-synergy train-zoo}: builds the mini zoo (reusing members whose recipe is unchanged),
 * then prints each member's zero-shot top-1 on the test splits and the per-image oracle.
 */
@Command(
        name = "train-zoo",
        mixinStandardHelpOptions = true,
        description =
                "Train (or reuse) the mini zoo of CLIP-style backbones on MNIST and Fashion-MNIST,"
                        + " then report zero-shot accuracy on the test splits.")
public final class TrainZooCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--smoke",
            description = "Train the smoke-size zoo (a sliver of the data, under a minute).")
    boolean smoke;

    @Option(
            names = "--workers",
            paramLabel = "N",
            defaultValue = "2",
            description = "Child JVMs training in parallel, one engine thread each (default: 2).")
    int workers;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of weights, data order and captions (default: the recipe's, 0).")
    Long seed;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Epochs per member (default: the recipe's, 1); changes the recipe hash.")
    Integer epochs;

    @Option(
            names = "--lock-wait",
            paramLabel = "SECONDS",
            defaultValue = "7200",
            description =
                    "How long to wait at most while another train-zoo run builds into the same"
                            + " backbones folder (default: 7200); then the members it built are"
                            + " reused.")
    long lockWait;

    @Option(names = "--no-progress", description = "Hide progress bars.")
    boolean noProgress;

    @Option(names = "--no-eval", description = "Skip the test-split evaluation.")
    boolean noEval;

    @Override
    public Integer call() throws Exception {
        Flags.require(spec, workers >= 1, "--workers", ">= 1", workers);
        Flags.require(spec, epochs == null || epochs >= 1, "--epochs", ">= 1", epochs);
        Flags.require(spec, seed == null || seed >= 0, "--seed", ">= 0", seed);
        Flags.require(spec, lockWait >= 0, "--lock-wait", ">= 0", lockWait);
        ProjectLayout layout = ProjectLayout.discover();
        ZooRecipe recipe = smoke ? ZooRecipe.smoke() : ZooRecipe.standard();
        if (seed != null || epochs != null) {
            TrainingSettings t = recipe.training();
            recipe =
                    new ZooRecipe(
                            recipe.datasets(),
                            new TrainingSettings(
                                    epochs != null ? epochs : t.epochs(),
                                    t.batchSize(),
                                    t.learningRate(),
                                    t.warmupSteps(),
                                    t.finalLearningRate(),
                                    seed != null ? seed : t.seed(),
                                    t.trainPerDataset(),
                                    t.heldOutPerDataset(),
                                    t.gradientClipNorm()),
                            recipe.members());
        }
        List<MiniZoo.Built> built =
                MiniZoo.build(layout, recipe, workers, !noProgress, Duration.ofSeconds(lockWait));
        if (!noEval) {
            evaluate(layout, recipe, built);
        }
        return 0;
    }

    private static void evaluate(ProjectLayout layout, ZooRecipe recipe, List<MiniZoo.Built> built)
            throws Exception {
        DatasetCatalog catalog = DatasetCatalog.load(layout);
        List<String> names = built.stream().map(MiniZoo.Built::name).toList();
        List<List<boolean[]>> right = new ArrayList<>();
        // The table is printed once every member is evaluated, so log lines do not cut its rows.
        StringBuilder table = new StringBuilder();
        table.append(
                String.format(
                        "%-16s %-9s %10s %9s %9s",
                        "member", "family", "params", "GFLOPs", "train s"));
        for (String d : recipe.datasets()) {
            table.append(String.format(" %14s", d));
        }
        table.append(System.lineSeparator());
        for (MiniZoo.Built member : built) {
            List<boolean[]> perDataset = new ArrayList<>();
            try (Backbone backbone = Backbones.open(member.folder())) {
                BackboneCard card = backbone.card();
                table.append(
                        String.format(
                                "%-16s %-9s %10d %9.4f %9.1f",
                                card.name(),
                                card.family(),
                                card.parameters(),
                                card.gflops(),
                                MiniZoo.readRecord(member.folder()).trainingSeconds()));
                for (String d : recipe.datasets()) {
                    ImageDataset test = catalog.open(d, "test");
                    int[] predicted = ZeroShotAccuracy.predict(backbone, test);
                    int[] labels = test.labels();
                    boolean[] ok = new boolean[labels.length];
                    for (int i = 0; i < ok.length; i++) {
                        ok[i] = predicted[i] == labels[i];
                    }
                    perDataset.add(ok);
                    table.append(
                            String.format(
                                    " %13.2f%%",
                                    100 * ZeroShotAccuracy.accuracy(predicted, labels)));
                }
            }
            table.append(System.lineSeparator());
            right.add(perDataset);
        }
        System.out.print(table);
        for (int d = 0; d < recipe.datasets().size(); d++) {
            List<boolean[]> column = new ArrayList<>();
            for (List<boolean[]> member : right) {
                column.add(member.get(d));
            }
            CorrectnessMatrix matrix = CorrectnessMatrix.of(names, column);
            double best = 0;
            for (int m = 0; m < names.size(); m++) {
                best = Math.max(best, matrix.accuracy(m));
            }
            double oracle = new OracleBound(matrix).accuracy();
            System.out.printf(
                    "%s test: best single %.2f%%, oracle of all %d members %.2f%% (+%.2f points)%n",
                    recipe.datasets().get(d),
                    100 * best,
                    names.size(),
                    100 * oracle,
                    100 * (oracle - best));
        }
        System.out.println("members are in " + layout.backbones() + " (Backbones.open loads them)");
    }
}
