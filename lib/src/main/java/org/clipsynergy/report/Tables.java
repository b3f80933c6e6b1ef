package org.clipsynergy.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Builds tablesaw tables from results: the long results table, wide pivots (e.g. accuracy per
 * backbone and dataset), mean and standard deviation over seeds, and labelled matrices (e.g. a CKA
 * matrix).
 */
public final class Tables {

    /** Column of the long results table: backbone or ensemble name. */
    public static final String MODEL = "model";

    /** Column of the long results table: dataset name. */
    public static final String DATASET = "dataset";

    /** Column of the long results table: split. */
    public static final String SPLIT = "split";

    /** Column of the long results table: perturbation name. */
    public static final String PERTURBATION = "perturbation";

    /** Column of the long results table: perturbation severity (0 for clean). */
    public static final String SEVERITY = "severity";

    /** Column of the long results table: seed. */
    public static final String SEED = "seed";

    /** Column of the long results table: metric name. */
    public static final String METRIC = "metric";

    /** Column of the long results table: measured value. */
    public static final String VALUE = "value";

    private Tables() {}

    /**
     * The long results table: one row per result, columns {@link #MODEL}, {@link #DATASET}, {@link
     * #SPLIT}, {@link #PERTURBATION}, {@link #SEVERITY}, {@link #SEED}, {@link #METRIC}, {@link
     * #VALUE}, rows in the given order.
     *
     * @param name the table name
     * @param rows the results
     * @return the table
     */
    public static Table results(String name, Collection<ResultRow> rows) {
        StringColumn model = StringColumn.create(MODEL);
        StringColumn dataset = StringColumn.create(DATASET);
        StringColumn split = StringColumn.create(SPLIT);
        StringColumn perturbation = StringColumn.create(PERTURBATION);
        IntColumn severity = IntColumn.create(SEVERITY);
        LongColumn seed = LongColumn.create(SEED);
        StringColumn metric = StringColumn.create(METRIC);
        DoubleColumn value = DoubleColumn.create(VALUE);
        for (ResultRow row : rows) {
            model.append(row.model());
            dataset.append(row.dataset());
            split.append(row.split());
            perturbation.append(row.perturbation());
            severity.append(row.severity());
            seed.append(row.seed());
            metric.append(row.metric());
            value.append(row.value());
        }
        return Table.create(
                name, model, dataset, split, perturbation, severity, seed, metric, value);
    }

    /**
     * A wide table: one row per distinct value of {@code rowColumn}, one column per distinct value
     * of {@code columnColumn} (both in first-seen order), each cell the mean of {@code valueColumn}
     * over the matching rows (e.g. over seeds); a combination with no rows is missing.
     *
     * @param table the long table
     * @param rowColumn a string column whose values become rows
     * @param columnColumn a string column whose values become columns
     * @param valueColumn a numeric column
     * @return the pivoted table, named after the input
     */
    public static Table pivotMean(
            Table table, String rowColumn, String columnColumn, String valueColumn) {
        requireColumns(table, rowColumn, columnColumn, valueColumn);
        Table wide =
                table.pivot(
                        table.categoricalColumn(rowColumn),
                        table.categoricalColumn(columnColumn),
                        table.numberColumn(valueColumn),
                        AggregateFunctions.mean);
        // Columns in first-seen order of their values, as the reader listed them.
        List<String> order = new ArrayList<>();
        order.add(rowColumn);
        Column<?> columnValues = table.column(columnColumn);
        Set<String> seen = new LinkedHashSet<>();
        for (int r = 0; r < columnValues.size(); r++) {
            seen.add(columnValues.getString(r));
        }
        for (String value : seen) {
            if (wide.containsColumn(value)) {
                order.add(value);
            }
        }
        Table ordered = wide.reorderColumns(order.toArray(new String[0]));
        ordered.setName(table.name());
        return ordered;
    }

    /**
     * Mean, sample standard deviation and count of {@code valueColumn} for each combination of the
     * group columns, in first-seen order; columns: the group columns, then {@code mean}, {@code
     * std} (NaN for a single value) and {@code n}.
     *
     * @param table the long table
     * @param valueColumn a numeric column
     * @param groupColumns one or more columns to group by
     * @return the summary table
     */
    public static Table meanStd(Table table, String valueColumn, String... groupColumns) {
        if (groupColumns.length == 0) {
            throw new IllegalArgumentException("meanStd: expected at least one group column");
        }
        requireColumns(table, valueColumn);
        requireColumns(table, groupColumns);
        Table summary =
                table.summarize(
                                valueColumn,
                                AggregateFunctions.mean,
                                AggregateFunctions.stdDev,
                                AggregateFunctions.count)
                        .by(groupColumns);
        int first = groupColumns.length;
        summary.column(first).setName("mean");
        summary.column(first + 1).setName("std");
        NumericColumn<?> counts = summary.numberColumn(first + 2);
        IntColumn n = IntColumn.create("n");
        for (int r = 0; r < counts.size(); r++) {
            n.append((int) Math.round(counts.getDouble(r)));
        }
        Table out = summary.removeColumns(counts).addColumns(n);
        out.setName(table.name());
        return out;
    }

    /**
     * A labelled matrix as a table: a first string column named {@code cornerName} holding the row
     * names, then one double column per column name.
     *
     * @param name the table name
     * @param cornerName the name of the first column
     * @param rowNames the row names, one per matrix row
     * @param columnNames the column names, one per matrix column
     * @param values the matrix, rows x columns
     * @return the table
     */
    public static Table matrix(
            String name,
            String cornerName,
            List<String> rowNames,
            List<String> columnNames,
            double[][] values) {
        if (values.length != rowNames.size()) {
            throw new IllegalArgumentException(
                    "matrix "
                            + name
                            + ": "
                            + rowNames.size()
                            + " row names but "
                            + values.length
                            + " rows");
        }
        Table table = Table.create(name, StringColumn.create(cornerName, rowNames));
        for (int c = 0; c < columnNames.size(); c++) {
            double[] column = new double[values.length];
            for (int r = 0; r < values.length; r++) {
                if (values[r].length != columnNames.size()) {
                    throw new IllegalArgumentException(
                            "matrix "
                                    + name
                                    + ", row "
                                    + rowNames.get(r)
                                    + ": expected "
                                    + columnNames.size()
                                    + " values, got "
                                    + values[r].length);
                }
                column[r] = values[r][c];
            }
            table.addColumns(DoubleColumn.create(columnNames.get(c), column));
        }
        return table;
    }

    private static void requireColumns(Table table, String... names) {
        for (String name : names) {
            if (!table.containsColumn(name)) {
                throw new IllegalArgumentException(
                        "table "
                                + table.name()
                                + ": no column '"
                                + name
                                + "'; columns are "
                                + table.columnNames());
            }
        }
    }
}
