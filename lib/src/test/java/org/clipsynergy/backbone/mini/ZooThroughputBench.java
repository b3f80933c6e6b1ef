package org.clipsynergy.backbone.mini;

import java.util.List;
import org.clipsynergy.ProjectLayout;
import org.clipsynergy.data.DatasetCatalog;
import org.clipsynergy.image.ClipPreprocessor;
import org.clipsynergy.text.ClipTokenizer;

/**
 * Prints the training throughput of every default zoo member on real MNIST and Fashion-MNIST pairs:
 * images per second and milliseconds per step of batch 256, after two warm-up steps. Run with
 * {@code -Dai.djl.pytorch.num_threads=N} to compare thread counts; {@code -Dbench.steps} sets the
 * timed steps (default 10), {@code -Dbench.members=a,b} the members (default all). Needs the data
 * fetched into data/. Not a test.
 */
public final class ZooThroughputBench {

    private ZooThroughputBench() {}

    /**
     * Runs the benchmark.
     *
     * @param args ignored
     * @throws Exception if data cannot be read
     */
    public static void main(String[] args) throws Exception {
        int steps = Integer.getInteger("bench.steps", 10);
        ZooRecipe standard = ZooRecipe.standard();
        TrainingSettings s = standard.training();
        int batch = s.batchSize();
        TrainingSettings settings =
                new TrainingSettings(
                        1,
                        batch,
                        s.learningRate(),
                        2,
                        s.finalLearningRate(),
                        0,
                        batch * (steps + 2) / 2,
                        10,
                        s.gradientClipNorm());
        DatasetCatalog catalog = DatasetCatalog.load(ProjectLayout.discover());
        System.out.printf(
                "engine threads %s, batch %d, %d timed steps%n",
                System.getProperty("ai.djl.pytorch.num_threads", "default"), batch, steps);
        try (ClipTokenizer tokenizer = ClipTokenizer.standard()) {
            MiniArchitecture first = standard.members().get(0);
            ZooData data =
                    ZooData.load(
                            catalog,
                            standard.datasets(),
                            settings,
                            ClipPreprocessor.forCard(ZooCards.card(first, 1, 0, "", "")),
                            tokenizer,
                            first.contextLength());
            String only = System.getProperty("bench.members", "");
            for (MiniArchitecture a : standard.members()) {
                if (!only.isEmpty() && !List.of(only.split(",")).contains(a.name())) {
                    continue;
                }
                try (MiniTrainer trainer = new MiniTrainer(a, settings, data)) {
                    int[][] order = trainer.epochOrder(1);
                    trainer.step(order, 0);
                    trainer.step(order, batch);
                    long start = System.nanoTime();
                    for (int i = 0; i < steps; i++) {
                        trainer.step(order, (i % trainer.stepsPerEpoch()) * batch);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(
                            "%-16s %8.0f images/s %8.1f ms/step%n",
                            a.name(), steps * batch / seconds, 1000 * seconds / steps);
                }
            }
        }
    }
}
