package org.clipsynergy.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clipsynergy.ProjectLayout;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Published zero-shot results of the OpenAI CLIP backbones (CLIP_benchmark and open_clip), vendored
 * in {@code environment/reference-results/openai-zeroshot.csv}, and their comparison with ours.
 */
public final class PublishedResults {

    /** The vendored file, relative to the project root. */
    public static final String RELATIVE_PATH = "environment/reference-results/openai-zeroshot.csv";

    /** The source preferred when both give a number (it also gives top-5 and recall). */
    public static final String PREFERRED_SOURCE = "clip_benchmark";

    private PublishedResults() {}

    /**
     * The published results: columns model, dataset, metric, value (share in [0, 1]), source.
     *
     * @param layout the project's folders
     * @return the long table
     * @throws IOException if the file is missing or unreadable (the message names it)
     */
    public static Table load(ProjectLayout layout) throws IOException {
        Path file = layout.root().resolve(RELATIVE_PATH);
        if (!Files.isRegularFile(file)) {
            throw new IOException("published results: no file " + file);
        }
        ColumnType[] types = {
            ColumnType.STRING,
            ColumnType.STRING,
            ColumnType.STRING,
            ColumnType.DOUBLE,
            ColumnType.STRING
        };
        return Table.read()
                .csv(CsvReadOptions.builder(file.toFile()).columnTypes(types).build())
                .setName("published");
    }

    /**
     * Our accuracy beside the published one: one row per (backbone, dataset) of {@code accuracy}
     * that has a published value of {@code metric}, preferring {@link #PREFERRED_SOURCE}.
     *
     * @param accuracy a table with columns backbone, dataset and {@code metric} (as {@link
     *     org.clipsynergy.metrics.Accuracy#table} writes)
     * @param published {@link #load}'s table
     * @param metric top1, top5 or mean_per_class_recall
     * @return columns model, dataset, ours, published, difference (ours minus published, in
     *     points), source; empty when no backbone has a published number
     */
    public static Table compare(Table accuracy, Table published, String metric) {
        Map<String, Double> value = new HashMap<>();
        Map<String, String> source = new HashMap<>();
        for (Row r : published) {
            if (!r.getString("metric").equals(metric)) {
                continue;
            }
            String key = r.getString("model") + "\u0000" + r.getString("dataset");
            String s = r.getString("source");
            if (!value.containsKey(key) || s.equals(PREFERRED_SOURCE)) {
                value.put(key, r.getDouble("value"));
                source.put(key, s);
            }
        }
        List<String> models = new ArrayList<>();
        List<String> datasets = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        DoubleColumn ours = DoubleColumn.create("ours");
        DoubleColumn theirs = DoubleColumn.create("published");
        DoubleColumn diff = DoubleColumn.create("difference (points)");
        for (Row r : accuracy) {
            String key = r.getString("backbone") + "\u0000" + r.getString("dataset");
            Double p = value.get(key);
            if (p == null) {
                continue;
            }
            double o = r.getDouble(metric);
            models.add(r.getString("backbone"));
            datasets.add(r.getString("dataset"));
            sources.add(source.get(key));
            ours.append(o);
            theirs.append(p);
            diff.append(100 * (o - p));
        }
        return Table.create(
                "published " + metric,
                StringColumn.create(Tables.MODEL, models),
                StringColumn.create(Tables.DATASET, datasets),
                ours,
                theirs,
                diff,
                StringColumn.create("source", sources));
    }
}
