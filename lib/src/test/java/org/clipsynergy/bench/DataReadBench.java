package org.clipsynergy.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.clipsynergy.ProjectLayout;
import org.clipsynergy.data.DatasetCatalog;
import org.clipsynergy.data.ImageDataset;
import org.clipsynergy.data.Sample;
import org.clipsynergy.data.StratifiedSampler;

/**
 * Prints how fast the data layer streams the embedded default data: MNIST train from raw IDX and
 * from a gzipped copy, side by side in one run, and the time of a 16-shot stratified sample. Needs
 * data/ (python3 environment/fetch_data.py).
 */
public final class DataReadBench {

    private DataReadBench() {}

    /**
     * Runs the benchmark.
     *
     * @param args unused
     * @throws IOException if the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        ProjectLayout layout = ProjectLayout.discover();
        DatasetCatalog catalog = DatasetCatalog.load(layout);
        Path gzDir = Files.createTempDirectory("clip-synergy-bench");
        for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte")) {
            Path target = gzDir.resolve("mnist").resolve(f);
            Files.createDirectories(target.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
                Files.copy(layout.data().resolve("mnist").resolve(f), out);
            }
        }
        ImageDataset raw = catalog.open("mnist", "train");
        ImageDataset gz = DatasetCatalog.load(layout.catalog(), gzDir).open("mnist", "train");
        for (int round = 0; round < 3; round++) {
            report("raw IDX", raw);
            report("gzipped IDX", gz);
        }
        long start = System.nanoTime();
        int[] chosen = StratifiedSampler.perClass(raw.labels(), 16, 42L);
        System.out.printf(
                "16-shot sample of %d labels: %d indices in %.2f ms%n",
                raw.size(), chosen.length, (System.nanoTime() - start) / 1e6);
    }

    private static void report(String what, ImageDataset dataset) {
        long start = System.nanoTime();
        long sum = 0;
        try (Stream<Sample> samples = dataset.stream(0)) {
            sum = samples.mapToLong(s -> s.image().getRaster().getSample(14, 14, 0)).sum();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%-12s %d images in %.2f s, %.0f images/s (check %d)%n",
                what, dataset.size(), seconds, dataset.size() / seconds, sum);
    }
}
