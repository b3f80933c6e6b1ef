package org.clipsynergy.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Margin;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.HeatmapTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Chart factories over tablesaw-jsplot: heatmap, grouped bars, lines and scatter, each with a
 * title, labelled axes and a fixed size from a {@link ChartSpec}. The returned {@link Figure} is
 * written by {@link ChartWriter} or shown in a notebook by {@link Html#of(Figure)}.
 */
public final class Charts {

    private static final int MARGIN_LEFT = 140;
    private static final int MARGIN_BOTTOM = 110;
    private static final int MARGIN_SIDE = 40;
    private static final int MARGIN_TOP = 70;
    private static final double MARKER_SIZE = 9;

    private Charts() {}

    /**
     * A heatmap of a matrix with named rows and columns, e.g. CKA between backbones.
     *
     * @param spec title, axis labels and size
     * @param columnNames the x-axis categories, one per matrix column
     * @param rowNames the y-axis categories, one per matrix row (the first at the bottom)
     * @param values the matrix, rows x columns
     * @return the figure
     */
    public static Figure heatmap(
            ChartSpec spec, List<String> columnNames, List<String> rowNames, double[][] values) {
        if (values.length != rowNames.size()) {
            throw new IllegalArgumentException(
                    "heatmap '"
                            + spec.title()
                            + "': "
                            + rowNames.size()
                            + " row names but "
                            + values.length
                            + " rows");
        }
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != columnNames.size()) {
                throw new IllegalArgumentException(
                        "heatmap '"
                                + spec.title()
                                + "', row "
                                + rowNames.get(r)
                                + ": expected "
                                + columnNames.size()
                                + " values, got "
                                + values[r].length);
            }
        }
        HeatmapTrace trace =
                HeatmapTrace.builder(columnNames.toArray(), rowNames.toArray(), values).build();
        return new Figure(layout(spec, false), trace);
    }

    /**
     * Vertical bars of {@code valueColumn} per category; with a group column, one coloured bar per
     * group side by side (e.g. accuracy per dataset, one bar per backbone).
     *
     * @param spec title, axis labels and size
     * @param table the data, one row per bar
     * @param categoryColumn the column whose values label the x axis
     * @param valueColumn the numeric column giving bar heights
     * @param groupColumn the column whose values name the bar groups, or null for one series
     * @return the figure
     */
    public static Figure bar(
            ChartSpec spec,
            Table table,
            String categoryColumn,
            String valueColumn,
            String groupColumn) {
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, Table> group : groups(table, groupColumn).entrySet()) {
            Table part = group.getValue();
            Object[] categories = values(part.column(categoryColumn));
            double[] heights = numbers(part, valueColumn);
            traces.add(
                    BarTrace.builder(categories, heights)
                            .name(group.getKey())
                            .showLegend(groupColumn != null)
                            .build());
        }
        // plotly puts the bars of several traces side by side by default.
        return new Figure(layout(spec, groupColumn != null), traces.toArray(new Trace[0]));
    }

    /**
     * Lines with markers of {@code yColumn} against {@code xColumn}, one line per group, points in
     * the table's row order (e.g. accuracy against corruption severity, one line per backbone).
     *
     * @param spec title, axis labels and size
     * @param table the data, one row per point
     * @param xColumn the x column (numeric or categorical)
     * @param yColumn the numeric y column
     * @param groupColumn the column naming the lines, or null for one line
     * @return the figure
     */
    public static Figure line(
            ChartSpec spec, Table table, String xColumn, String yColumn, String groupColumn) {
        return xy(spec, table, xColumn, yColumn, groupColumn, ScatterTrace.Mode.LINE_AND_MARKERS);
    }

    /**
     * Points of {@code yColumn} against {@code xColumn}, one colour per group (e.g. accuracy
     * against GFLOPs, one point per backbone).
     *
     * @param spec title, axis labels and size
     * @param table the data, one row per point
     * @param xColumn the x column (numeric or categorical)
     * @param yColumn the numeric y column
     * @param groupColumn the column naming the point groups, or null for one group
     * @return the figure
     */
    public static Figure scatter(
            ChartSpec spec, Table table, String xColumn, String yColumn, String groupColumn) {
        return xy(spec, table, xColumn, yColumn, groupColumn, ScatterTrace.Mode.MARKERS);
    }

    private static Figure xy(
            ChartSpec spec,
            Table table,
            String xColumn,
            String yColumn,
            String groupColumn,
            ScatterTrace.Mode mode) {
        requireColumns(table, xColumn, yColumn);
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, Table> group : groups(table, groupColumn).entrySet()) {
            Table part = group.getValue();
            traces.add(
                    ScatterTrace.builder(part.column(xColumn), part.numberColumn(yColumn))
                            .mode(mode)
                            .marker(Marker.builder().size(MARKER_SIZE).build())
                            .name(group.getKey())
                            .showLegend(groupColumn != null)
                            .build());
        }
        return new Figure(layout(spec, groupColumn != null), traces.toArray(new Trace[0]));
    }

    private static Layout layout(ChartSpec spec, boolean legend) {
        return layoutBuilder(spec, legend).build();
    }

    /** The margins every chart of the project uses, room for long category labels included. */
    static Margin margin() {
        return Margin.builder()
                .left(MARGIN_LEFT)
                .right(MARGIN_SIDE)
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .autoExpand(true)
                .build();
    }

    private static Layout.LayoutBuilder layoutBuilder(ChartSpec spec, boolean legend) {
        return Layout.builder(spec.title())
                .width(spec.width())
                .height(spec.height())
                .showLegend(legend)
                .margin(margin())
                .xAxis(Axis.builder().title(spec.xTitle()).build())
                .yAxis(Axis.builder().title(spec.yTitle()).build());
    }

    /** Splits a table by the values of a column, keeping first-seen order; one group if null. */
    private static Map<String, Table> groups(Table table, String groupColumn) {
        Map<String, Table> groups = new LinkedHashMap<>();
        if (groupColumn == null) {
            groups.put(table.name() == null ? "" : table.name(), table);
            return groups;
        }
        requireColumns(table, groupColumn);
        Column<?> column = table.column(groupColumn);
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (int r = 0; r < table.rowCount(); r++) {
            rows.computeIfAbsent(column.getString(r), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
            int[] indices = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            groups.put(e.getKey(), table.rows(indices));
        }
        return groups;
    }

    private static Object[] values(Column<?> column) {
        Object[] out = new Object[column.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = column.getString(i);
        }
        return out;
    }

    private static double[] numbers(Table table, String column) {
        requireColumns(table, column);
        NumericColumn<?> numeric = table.numberColumn(column);
        return numeric.asDoubleArray();
    }

    private static void requireColumns(Table table, String... names) {
        for (String name : names) {
            if (!table.containsColumn(name)) {
                throw new IllegalArgumentException(
                        "chart data "
                                + table.name()
                                + ": no column '"
                                + name
                                + "'; columns are "
                                + table.columnNames());
            }
        }
    }
}
