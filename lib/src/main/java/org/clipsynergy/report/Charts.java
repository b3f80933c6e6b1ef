package org.clipsynergy.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Chart factories over tablesaw-jsplot: heatmap, grouped bars, lines and scatter, each with a
 * title, labelled axes and a fixed size from a {@link ChartSpec}. The returned {@link Figure} is
 * written by {@link ChartWriter} or shown in a notebook by {@link Html#of(Figure)}.
 */
public final class Charts {

    private static final double MARKER_SIZE = 9;

    /** Decimals of the value written in each heatmap cell. */
    public static final int HEATMAP_DECIMALS = 2;

    /**
     * Heatmap colours from light (the scale's min) to dark (its max): ColorBrewer's sequential
     * "Blues" (Harrower and Brewer 2003), so cell text is dark on light cells and white on dark
     * ones.
     */
    private static final List<List<Object>> HEATMAP_COLOURS =
            stops(
                    "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5",
                    "#08519c", "#08306b");

    /** Error bars are dark grey on every bar colour. */
    private static final String ERROR_BAR_COLOUR = "#333333";

    private Charts() {}

    /**
     * The colour scale of a heatmap: what the colour means and the value range it spans, both
     * stated on the colour bar.
     *
     * @param label what a cell's value is, e.g. "linear CKA"
     * @param min the value of the lightest colour; smaller values get it too
     * @param max the value of the darkest colour; larger values get it too
     */
    public record Scale(String label, double min, double max) {

        /** Checks the label and that min is below max, both finite. */
        public Scale {
            Objects.requireNonNull(label, "label");
            if (label.isBlank()) {
                throw new IllegalArgumentException("colour scale: label must not be blank");
            }
            if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
                throw new IllegalArgumentException(
                        "colour scale '"
                                + label
                                + "': expected finite min < max, got "
                                + min
                                + " and "
                                + max);
            }
        }

        /**
         * A scale from 0 up to the largest finite value (at least {@code floor} and 0.05), rounded
         * up to the next 0.05: e.g. shares of images that are all small.
         *
         * @param label what a cell's value is
         * @param values the matrix, rows x columns
         * @param floor the least upper end
         * @return the scale
         */
        public static Scale fromZero(String label, double[][] values, double floor) {
            double max = floor;
            for (double[] row : values) {
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        max = Math.max(max, v);
                    }
                }
            }
            return new Scale(label, 0, Math.max(0.05, Math.ceil(max * 20 - 1e-9) / 20));
        }
    }

    /**
     * A heatmap of a matrix with named rows and columns, e.g. CKA between backbones; every cell
     * shows its value with {@link #HEATMAP_DECIMALS} decimals, dark text on light cells and light
     * text on dark ones, and the colour bar states what the colour means and its range.
     *
     * @param spec title, axis labels and size
     * @param columnNames the x-axis categories, one per matrix column
     * @param rowNames the y-axis categories, one per matrix row (the first at the top, as in a
     *     table)
     * @param values the matrix, rows x columns; a non-finite value leaves its cell empty
     * @param scale the colour scale
     * @return the figure
     */
    public static Figure heatmap(
            ChartSpec spec,
            List<String> columnNames,
            List<String> rowNames,
            double[][] values,
            Scale scale) {
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
        List<List<Double>> z = new ArrayList<>();
        List<List<String>> text = new ArrayList<>();
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
            z.add(PlotlyFigure.finite(values[r]));
            List<String> rowText = new ArrayList<>();
            for (double v : values[r]) {
                rowText.add(Double.isFinite(v) ? cellText(v) : "");
            }
            text.add(rowText);
        }
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("type", "heatmap");
        trace.put("x", columnNames);
        trace.put("y", rowNames);
        trace.put("z", z);
        trace.put("zmin", scale.min());
        trace.put("zmax", scale.max());
        trace.put("colorscale", HEATMAP_COLOURS);
        // The text is written here (not by a plotly format) so the figure itself carries it;
        // plotly picks black or white per cell for contrast with the cell's colour.
        trace.put("text", text);
        trace.put("texttemplate", "%{text}");
        trace.put("textfont", Map.of("size", 14));
        trace.put("xgap", 2);
        trace.put("ygap", 2);
        trace.put(
                "hovertemplate",
                spec.yTitle()
                        + " %{y}<br>"
                        + spec.xTitle()
                        + " %{x}<br>"
                        + scale.label()
                        + " %{z:.3f}<extra></extra>");
        trace.put(
                "colorbar",
                Map.of(
                        "title",
                        Map.of(
                                "text",
                                scale.label()
                                        + "<br>"
                                        + cellText(scale.min())
                                        + " to "
                                        + cellText(scale.max()),
                                "side",
                                "right"),
                        "tickvals",
                        List.of(scale.min(), (scale.min() + scale.max()) / 2, scale.max()),
                        "ticktext",
                        List.of(
                                shortNumber(scale.min()),
                                shortNumber((scale.min() + scale.max()) / 2),
                                shortNumber(scale.max())),
                        "thickness",
                        18));
        Map<String, Object> layout = PlotlyFigure.layout(spec, false);
        Map<String, Object> x = PlotlyFigure.axis(spec.xTitle());
        x.put("type", "category");
        x.put("side", "bottom");
        Map<String, Object> y = PlotlyFigure.axis(spec.yTitle());
        y.put("type", "category");
        y.put("autorange", "reversed");
        layout.put("xaxis", x);
        layout.put("yaxis", y);
        return new PlotlyFigure(spec, layout, new PlotlyFigure.JsonTrace(spec.title(), trace));
    }

    /**
     * A heatmap as {@link #heatmap(ChartSpec, List, List, double[][], Scale)} with the colour scale
     * spanning the matrix's finite values.
     *
     * @param spec title, axis labels and size
     * @param columnNames the x-axis categories, one per matrix column
     * @param rowNames the y-axis categories, one per matrix row (the first at the top)
     * @param values the matrix, rows x columns
     * @return the figure
     */
    public static Figure heatmap(
            ChartSpec spec, List<String> columnNames, List<String> rowNames, double[][] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!(min < max)) {
            min = Double.isFinite(min) ? min - 0.5 : 0;
            max = min + 1;
        }
        return heatmap(spec, columnNames, rowNames, values, new Scale("value", min, max));
    }

    /** A cell's value as shown in a heatmap. */
    static String cellText(double value) {
        String s = String.format(Locale.ROOT, "%." + HEATMAP_DECIMALS + "f", value);
        return s.equals("-0.00") ? "0.00" : s;
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
        return bar(spec, table, categoryColumn, valueColumn, groupColumn, null, null);
    }

    /**
     * Vertical bars as {@link #bar(ChartSpec, Table, String, String, String)} with an asymmetric
     * error bar on each from an interval's lower and upper ends, e.g. a bootstrap confidence
     * interval of accuracy; a missing (NaN) end draws no whisker on that side.
     *
     * @param spec title, axis labels and size
     * @param table the data, one row per bar
     * @param categoryColumn the column whose values label the x axis
     * @param valueColumn the numeric column giving bar heights
     * @param groupColumn the column whose values name the bar groups, or null for one series
     * @param lowColumn the numeric column of the interval's lower ends, or null for no error bars
     * @param highColumn the numeric column of the interval's upper ends, or null for no error bars
     * @return the figure
     */
    public static Figure bar(
            ChartSpec spec,
            Table table,
            String categoryColumn,
            String valueColumn,
            String groupColumn,
            String lowColumn,
            String highColumn) {
        if ((lowColumn == null) != (highColumn == null)) {
            throw new IllegalArgumentException(
                    "bar chart '"
                            + spec.title()
                            + "': give both interval columns or neither, got low="
                            + lowColumn
                            + ", high="
                            + highColumn);
        }
        requireColumns(table, categoryColumn, valueColumn);
        if (lowColumn != null) {
            requireColumns(table, lowColumn, highColumn);
        }
        List<Trace> traces = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<String, Table> group : groups(table, groupColumn).entrySet()) {
            Table part = group.getValue();
            double[] heights = numbers(part, valueColumn);
            String name = groupColumn == null ? spec.yTitle() : group.getKey();
            Map<String, Object> trace = new LinkedHashMap<>();
            trace.put("type", "bar");
            trace.put("x", Arrays.asList(values(part.column(categoryColumn))));
            trace.put("y", PlotlyFigure.finite(heights));
            trace.put("name", name);
            trace.put("showlegend", groupColumn != null);
            trace.put("marker", Map.of("color", SeriesChart.colour(colour++)));
            String hover =
                    (groupColumn == null ? "" : "%{fullData.name}<br>")
                            + "%{x}<br>"
                            + spec.yTitle()
                            + " %{y:.3f}";
            if (lowColumn != null) {
                double[] low = numbers(part, lowColumn);
                double[] high = numbers(part, highColumn);
                double[] plus = new double[heights.length];
                double[] minus = new double[heights.length];
                for (int i = 0; i < heights.length; i++) {
                    plus[i] = whisker(high[i] - heights[i]);
                    minus[i] = whisker(heights[i] - low[i]);
                }
                trace.put(
                        "error_y",
                        Map.of(
                                "type",
                                "data",
                                "symmetric",
                                false,
                                "array",
                                plus,
                                "arrayminus",
                                minus,
                                "visible",
                                true,
                                "color",
                                ERROR_BAR_COLOUR,
                                "thickness",
                                1.5,
                                "width",
                                5));
                trace.put("customdata", intervals(low, high));
                hover += " [%{customdata[0]:.3f}, %{customdata[1]:.3f}]";
            }
            if (groupColumn == null && lowColumn == null) {
                // One series: its values fit above the bars.
                List<String> text = new ArrayList<>();
                for (double v : heights) {
                    text.add(Double.isFinite(v) ? shortNumber(v) : "");
                }
                trace.put("text", text);
                trace.put("textposition", "outside");
                trace.put("cliponaxis", false);
            }
            trace.put("hovertemplate", hover + "<extra></extra>");
            traces.add(new PlotlyFigure.JsonTrace(name, trace));
        }
        Map<String, Object> layout = PlotlyFigure.layout(spec, groupColumn != null);
        // plotly puts the bars of several traces side by side ("group").
        layout.put("barmode", "group");
        PlotlyFigure.child(layout, "xaxis").put("type", "category");
        return new PlotlyFigure(spec, layout, traces.toArray(new Trace[0]));
    }

    /**
     * Horizontal bars of {@code valueColumn}, one per row, the first row's bar at the top and the
     * category names left of the bars in full (the margin grows to fit them), each bar's value
     * written at its end: e.g. images per set of right backbones, most frequent first.
     *
     * @param spec title, axis labels (x: the values, y: the categories) and size
     * @param table the data, one row per bar
     * @param categoryColumn the column whose values name the bars
     * @param valueColumn the numeric column giving bar lengths
     * @return the figure
     */
    public static Figure horizontalBar(
            ChartSpec spec, Table table, String categoryColumn, String valueColumn) {
        requireColumns(table, categoryColumn, valueColumn);
        double[] lengths = numbers(table, valueColumn);
        List<String> labels = new ArrayList<>();
        for (double v : lengths) {
            labels.add(Double.isFinite(v) ? shortNumber(v) : "");
        }
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("type", "bar");
        trace.put("orientation", "h");
        trace.put("y", Arrays.asList(values(table.column(categoryColumn))));
        trace.put("x", PlotlyFigure.finite(lengths));
        trace.put("name", spec.xTitle());
        trace.put("showlegend", false);
        trace.put("marker", Map.of("color", SeriesChart.colour(0)));
        trace.put("text", labels);
        trace.put("textposition", "outside");
        trace.put("cliponaxis", false);
        trace.put("hovertemplate", "%{y}<br>" + spec.xTitle() + " %{x}<extra></extra>");
        Map<String, Object> layout = PlotlyFigure.layout(spec, false);
        Map<String, Object> y = PlotlyFigure.axis(spec.yTitle());
        y.put("type", "category");
        y.put("autorange", "reversed");
        layout.put("yaxis", y);
        // Room right of the longest bar for its value.
        PlotlyFigure.child(layout, "margin").put("r", 70);
        return new PlotlyFigure(spec, layout, new PlotlyFigure.JsonTrace(spec.xTitle(), trace));
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
        return new PlotlyFigure(
                spec, PlotlyFigure.layout(spec, groupColumn != null), traces.toArray(new Trace[0]));
    }

    /** An interval's whisker length: 0 where an end is missing or on the wrong side. */
    private static double whisker(double length) {
        return Double.isFinite(length) && length > 0 ? length : 0;
    }

    /** Each bar's interval [low, high] for its hover text (null where an end is missing). */
    private static List<List<Double>> intervals(double[] low, double[] high) {
        List<List<Double>> out = new ArrayList<>();
        for (int i = 0; i < low.length; i++) {
            out.add(PlotlyFigure.finite(new double[] {low[i], high[i]}));
        }
        return out;
    }

    /** A bar's value as written at its end: three significant digits, whole numbers whole. */
    static String shortNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(value)
                .round(new MathContext(3, RoundingMode.HALF_EVEN))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** Evenly spaced stops of a plotly colour scale. */
    private static List<List<Object>> stops(String... colours) {
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < colours.length; i++) {
            out.add(List.of((double) i / (colours.length - 1), colours[i]));
        }
        return List.copyOf(out);
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
