package org.clipsynergy.ensemble;

import java.util.List;
import java.util.Map;
import org.clipsynergy.features.FeatureSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a {@link Cascade} saves: each single backbone's accuracy and cost beside the cascade's
 * accuracy-against-GFLOPs curve, and for each backbone the cheapest cascade threshold that is at
 * least as accurate.
 */
public final class CascadeReport {

    private CascadeReport() {}

    /**
     * Each member alone: its top-1 accuracy and its cost.
     *
     * @param dataset the dataset's name (first column)
     * @param test aligned test members
     * @param gflops GFLOPs per image by backbone name (from the cards)
     * @return dataset, backbone, gflops, accuracy; rows cheapest first
     */
    public static Table singles(String dataset, List<FeatureSet> test, Map<String, Double> gflops) {
        Members.checkAligned(test, "cascade singles");
        int[] order = Cascade.costOrder(test, gflops);
        StringColumn datasetColumn = StringColumn.create(FewShotComparison.DATASET);
        StringColumn backbone = StringColumn.create("backbone");
        DoubleColumn cost = DoubleColumn.create("gflops");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        for (int m : order) {
            FeatureSet member = test.get(m);
            datasetColumn.append(dataset);
            backbone.append(member.backbone());
            cost.append(gflops.get(member.backbone()));
            accuracy.append(Members.accuracy(member.logits(), member.labels()));
        }
        return Table.create("single backbones", datasetColumn, backbone, cost, accuracy);
    }

    /**
     * For each single backbone, the cheapest point of a cascade sweep whose accuracy is at least
     * the backbone's.
     *
     * @param singles a table from {@link #singles}
     * @param sweep a table from {@link Cascade#sweep} on the same test images
     * @return dataset, backbone, gflops, accuracy, cascade_threshold, cascade_gflops,
     *     cascade_accuracy, gflops_saved (1 - cascade_gflops / gflops; negative when the cascade
     *     costs more); the cascade columns are NaN when no threshold reaches the accuracy
     */
    public static Table savings(Table singles, Table sweep) {
        for (String c : List.of("threshold", "accuracy", "mean_gflops")) {
            if (!sweep.containsColumn(c)) {
                throw new IllegalArgumentException(
                        "cascade savings: sweep column '"
                                + c
                                + "' expected, columns are "
                                + sweep.columnNames());
            }
        }
        Table out = singles.copy();
        out.setName("cascade savings");
        DoubleColumn threshold = DoubleColumn.create("cascade_threshold");
        DoubleColumn cost = DoubleColumn.create("cascade_gflops");
        DoubleColumn accuracy = DoubleColumn.create("cascade_accuracy");
        DoubleColumn saved = DoubleColumn.create("gflops_saved");
        for (int r = 0; r < singles.rowCount(); r++) {
            double target = singles.doubleColumn("accuracy").getDouble(r);
            int best = -1;
            for (int s = 0; s < sweep.rowCount(); s++) {
                if (sweep.doubleColumn("accuracy").getDouble(s) >= target
                        && (best < 0
                                || sweep.doubleColumn("mean_gflops").getDouble(s)
                                        < sweep.doubleColumn("mean_gflops").getDouble(best))) {
                    best = s;
                }
            }
            if (best < 0) {
                threshold.append(Double.NaN);
                cost.append(Double.NaN);
                accuracy.append(Double.NaN);
                saved.append(Double.NaN);
                continue;
            }
            double g = sweep.doubleColumn("mean_gflops").getDouble(best);
            threshold.append(sweep.doubleColumn("threshold").getDouble(best));
            cost.append(g);
            accuracy.append(sweep.doubleColumn("accuracy").getDouble(best));
            saved.append(1 - g / singles.doubleColumn("gflops").getDouble(r));
        }
        return out.addColumns(threshold, cost, accuracy, saved);
    }

    /**
     * A table with a first column naming the dataset on every row (for sweeps and controller
     * prefixes gathered over several datasets).
     *
     * @param dataset the dataset's name
     * @param table any table
     * @return a copy of {@code table} with the column {@code dataset} in front
     */
    public static Table withDataset(String dataset, Table table) {
        Table out = table.copy();
        StringColumn column = StringColumn.create(FewShotComparison.DATASET);
        for (int r = 0; r < table.rowCount(); r++) {
            column.append(dataset);
        }
        out.insertColumn(0, column);
        return out;
    }
}
