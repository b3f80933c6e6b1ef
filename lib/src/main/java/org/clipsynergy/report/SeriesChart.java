package org.clipsynergy.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Charts of several named series that may differ in style and carry error bars, which
 * tablesaw-jsplot's traces cannot: e.g. accuracy against labelled images per class with one line
 * per method and the standard deviation over seeds as error bars, or single backbones as points
 * beside a cascade's curve on an accuracy-against-GFLOPs chart.
 *
 * <p>Each series becomes a plotly scatter trace written as JSON by Jackson; the layout (title,
 * labelled axes, size, margins) is the same as {@link Charts}' and the figure is written and shown
 * like any other ({@link ChartWriter}, {@link Figures#chart}, {@link Html#of(Figure)}).
 */
public final class SeriesChart {

    /** Marker size of a series drawn as points only, e.g. a single backbone. */
    private static final double POINT_SIZE = 17;

    /** Marker size on a line: smaller, so a line's point on top of a lone point leaves it seen. */
    private static final double LINE_MARKER_SIZE = 7;

    /**
     * Marker symbols of successive point-only series, so that points of the same place and similar
     * colour still differ in shape.
     */
    private static final List<String> POINT_SYMBOLS =
            List.of(
                    "diamond",
                    "square",
                    "triangle-up",
                    "pentagon",
                    "star",
                    "hexagon",
                    "triangle-down",
                    "cross",
                    "x");

    /**
     * Distinct colours for up to 16 series (matplotlib's tab10, then six darker ones), so that a
     * comparison of many methods never repeats a colour; reference lines are black or grey.
     */
    private static final List<String> PALETTE =
            List.of(
                    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                    "#7f7f7f", "#bcbd22", "#17becf", "#000080", "#b8860b", "#006400", "#ff1493",
                    "#8b0000", "#4b0082");

    /** Ratio max / min of a log axis from which 1-2-5 ticks are enough. */
    static final double WIDE_LOG_RANGE = 8;

    private static final String REFERENCE_DASHED = "#000000";
    private static final String REFERENCE_DOTTED = "#555555";

    private SeriesChart() {}

    /** How the x axis is scaled. */
    public enum XAxis {
        /** Numbers on a linear scale. */
        LINEAR,
        /** Numbers on a logarithmic scale. */
        LOG,
        /** Every x value is a category, in the order first seen (e.g. budgets "1", "16", "10%"). */
        CATEGORY
    }

    /** How a series is drawn. */
    public enum Style {
        /**
         * Markers only, large and each series with its own symbol (diamond, square, ...), so that a
         * line's smaller point at the same place leaves it visible.
         */
        POINTS("markers", null),
        /** A line through the points, no markers. */
        LINES("lines", null),
        /** A line with a marker at each point. */
        LINES_AND_POINTS("lines+markers", null),
        /** A dashed line, no markers (e.g. a reference level). */
        DASHED("lines", "dash"),
        /** A dotted line, no markers (e.g. a second reference level). */
        DOTTED("lines", "dot");

        private final String mode;
        private final String dash;

        Style(String mode, String dash) {
            this.mode = mode;
            this.dash = dash;
        }
    }

    /**
     * One named series.
     *
     * @param name the legend entry
     * @param x the x values (numbers or category names), one per point
     * @param y the y values, one per point
     * @param yError the half-length of each point's error bar, or null for none
     * @param style how the series is drawn
     */
    public record Series(String name, List<?> x, double[] y, double[] yError, Style style) {

        /** Validates the lengths; messages name the series. */
        public Series {
            x = List.copyOf(x);
            y = y.clone();
            if (y.length != x.size()) {
                throw new IllegalArgumentException(
                        "series '"
                                + name
                                + "': y values expected "
                                + x.size()
                                + ", got "
                                + y.length);
            }
            if (yError != null && yError.length != y.length) {
                throw new IllegalArgumentException(
                        "series '"
                                + name
                                + "': error values expected "
                                + y.length
                                + ", got "
                                + yError.length);
            }
            yError = yError == null ? null : yError.clone();
        }

        /**
         * A horizontal reference line: the same value at every x.
         *
         * @param name the legend entry
         * @param x the x values (numbers or category names)
         * @param value the level
         * @param style how the line is drawn, e.g. {@link Style#DASHED}
         * @return the series
         */
        public static Series constant(String name, List<?> x, double value, Style style) {
            double[] y = new double[x.size()];
            java.util.Arrays.fill(y, value);
            return new Series(name, x, y, null, style);
        }

        /**
         * A series from columns of a table, points in row order.
         *
         * @param name the legend entry
         * @param table the data, one row per point
         * @param xColumn the x column (numeric or categorical)
         * @param yColumn a numeric column
         * @param errorColumn a numeric column of error-bar half-lengths, or null
         * @param style how the series is drawn
         * @return the series
         */
        public static Series of(
                String name,
                Table table,
                String xColumn,
                String yColumn,
                String errorColumn,
                Style style) {
            requireColumns(table, xColumn, yColumn);
            if (errorColumn != null) {
                requireColumns(table, errorColumn);
            }
            return new Series(
                    name,
                    xValues(table.column(xColumn)),
                    table.numberColumn(yColumn).asDoubleArray(),
                    errorColumn == null ? null : table.numberColumn(errorColumn).asDoubleArray(),
                    style);
        }
    }

    /**
     * A chart of the given series.
     *
     * @param spec title, axis labels and size
     * @param series the series, drawn in order (later ones on top)
     * @param xAxis how the x axis is scaled
     * @return the figure
     */
    public static Figure of(ChartSpec spec, List<Series> series, XAxis xAxis) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException(
                    "chart '" + spec.title() + "': expected at least one series, got none");
        }
        Trace[] traces = new Trace[series.size()];
        int coloured = 0;
        int pointSeries = 0;
        for (int i = 0; i < traces.length; i++) {
            Series s = series.get(i);
            String colour =
                    switch (s.style()) {
                        case DASHED -> REFERENCE_DASHED;
                        case DOTTED -> REFERENCE_DOTTED;
                        default -> colour(coloured++);
                    };
            String symbol =
                    s.style() == Style.POINTS
                            ? POINT_SYMBOLS.get(pointSeries++ % POINT_SYMBOLS.size())
                            : "circle";
            traces[i] =
                    new PlotlyFigure.JsonTrace(
                            s.name(), trace(s, colour, symbol, spec.xTitle(), spec.yTitle()));
        }
        return new PlotlyFigure(spec, layout(spec, xAxis, series), traces);
    }

    /**
     * Lines with error bars, one line per group, points in the table's row order, x values as
     * categories: e.g. mean accuracy against shots per method with the standard deviation over
     * seeds.
     *
     * @param spec title, axis labels and size
     * @param table the data, one row per point
     * @param xColumn the x column (numeric or categorical)
     * @param yColumn the numeric y column
     * @param errorColumn the numeric column of error-bar half-lengths (NaN draws none)
     * @param groupColumn the column naming the lines
     * @return the figure
     */
    public static Figure errorBars(
            ChartSpec spec,
            Table table,
            String xColumn,
            String yColumn,
            String errorColumn,
            String groupColumn) {
        return of(
                spec,
                groups(table, xColumn, yColumn, errorColumn, groupColumn, Style.LINES_AND_POINTS),
                XAxis.CATEGORY);
    }

    /**
     * One series per group of a table, points in the table's row order.
     *
     * @param table the data, one row per point
     * @param xColumn the x column (numeric or categorical)
     * @param yColumn the numeric y column
     * @param errorColumn the numeric column of error-bar half-lengths, or null
     * @param groupColumn the column naming the series
     * @param style how every series is drawn
     * @return the series in first-seen order of the groups
     */
    public static List<Series> groups(
            Table table,
            String xColumn,
            String yColumn,
            String errorColumn,
            String groupColumn,
            Style style) {
        requireColumns(table, groupColumn);
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        Column<?> group = table.column(groupColumn);
        for (int r = 0; r < table.rowCount(); r++) {
            rows.computeIfAbsent(group.getString(r), k -> new ArrayList<>()).add(r);
        }
        List<Series> series = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
            Table part = table.rows(e.getValue().stream().mapToInt(Integer::intValue).toArray());
            series.add(Series.of(e.getKey(), part, xColumn, yColumn, errorColumn, style));
        }
        return series;
    }

    /** The i-th colour of the palette of distinct series colours (it repeats after 16). */
    static String colour(int i) {
        return PALETTE.get(i % PALETTE.size());
    }

    /** The plotly JSON object of one series (without the variable declaration). */
    static String json(Series s, String colour) {
        return new PlotlyFigure.JsonTrace(
                        s.name(),
                        trace(
                                s,
                                colour,
                                s.style() == Style.POINTS ? POINT_SYMBOLS.get(0) : "circle",
                                "x",
                                "y"))
                .asJson();
    }

    private static Map<String, Object> trace(
            Series s, String colour, String symbol, String xTitle, String yTitle) {
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("x", s.x());
        trace.put("y", PlotlyFigure.finite(s.y()));
        trace.put("type", "scatter");
        trace.put("mode", s.style().mode);
        trace.put("name", s.name());
        trace.put("showlegend", true);
        if (s.style() == Style.POINTS) {
            // A lone point is large with a white rim; a line's smaller point over it stays seen.
            trace.put(
                    "marker",
                    Map.of(
                            "size",
                            POINT_SIZE,
                            "color",
                            colour,
                            "symbol",
                            symbol,
                            "line",
                            Map.of("color", "#ffffff", "width", 1.5)));
            trace.put("cliponaxis", false);
        } else {
            trace.put(
                    "marker", Map.of("size", LINE_MARKER_SIZE, "color", colour, "symbol", symbol));
        }
        trace.put(
                "line",
                s.style().dash == null
                        ? Map.of("color", colour, "width", 2)
                        : Map.of("color", colour, "width", 2, "dash", s.style().dash));
        trace.put(
                "hovertemplate",
                "%{fullData.name}<br>"
                        + xTitle
                        + " %{x}<br>"
                        + yTitle
                        + " %{y:.4f}<extra></extra>");
        if (s.yError() != null) {
            double[] err = s.yError().clone();
            for (int i = 0; i < err.length; i++) {
                err[i] = Double.isFinite(err[i]) ? err[i] : 0;
            }
            trace.put(
                    "error_y",
                    Map.of("type", "data", "array", err, "visible", true, "color", colour));
        }
        return trace;
    }

    private static Map<String, Object> layout(ChartSpec spec, XAxis xAxis, List<Series> series) {
        Map<String, Object> layout = PlotlyFigure.layout(spec, true);
        if (xAxis == XAxis.LOG) {
            Map<String, Object> x = PlotlyFigure.child(layout, "xaxis");
            x.put("type", "log");
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (Series s : series) {
                for (Object v : s.x()) {
                    if (v instanceof Number n
                            && n.doubleValue() > 0
                            && Double.isFinite(n.doubleValue())) {
                        min = Math.min(min, n.doubleValue());
                        max = Math.max(max, n.doubleValue());
                    }
                }
            }
            List<BigDecimal> ticks = logTicks(min, max);
            if (ticks.size() >= 2) {
                // plotly labels a short log axis with bare digits ("2", "5"); name every tick.
                x.put("tickvals", ticks.stream().map(BigDecimal::doubleValue).toList());
                x.put("ticktext", ticks.stream().map(BigDecimal::toPlainString).toList());
            }
        } else if (xAxis == XAxis.CATEGORY) {
            PlotlyFigure.child(layout, "xaxis").put("type", "category");
        }
        return layout;
    }

    /**
     * Ticks that name a log axis over {@code [min, max]} in plain decimals (e.g. 0.002, not
     * plotly's bare digit "2"): 1, 2 and 5 times the powers of ten over two decades or more, finer
     * steps (1, 1.5, 2, 3, 4, 5, 6, 8) over a shorter range, so at least three ticks fall inside
     * it.
     *
     * @param min the smallest positive x value
     * @param max the largest x value
     * @return the ticks in increasing order, exact in decimal; empty when there is no positive
     *     value
     */
    static List<BigDecimal> logTicks(double min, double max) {
        List<BigDecimal> ticks = new ArrayList<>();
        if (!(min > 0) || !Double.isFinite(min) || !Double.isFinite(max) || max < min) {
            return ticks;
        }
        boolean wide = max / min >= WIDE_LOG_RANGE;
        String[] mantissas =
                wide
                        ? new String[] {"1", "2", "5"}
                        : new String[] {"1", "1.5", "2", "3", "4", "5", "6", "8"};
        // One step beyond each end, since plotly pads the range around the outermost points.
        double low = min / (wide ? 2.5 : 1.34);
        double high = max * (wide ? 2.5 : 1.34);
        int from = (int) Math.floor(Math.log10(low));
        int to = (int) Math.ceil(Math.log10(high));
        for (int power = from; power <= to; power++) {
            for (String mantissa : mantissas) {
                BigDecimal tick = new BigDecimal(mantissa).scaleByPowerOfTen(power);
                double t = tick.doubleValue();
                if (t >= low && t <= high) {
                    ticks.add(tick);
                }
            }
        }
        return ticks;
    }

    private static List<Object> xValues(Column<?> column) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < column.size(); i++) {
            Object v = column.get(i);
            out.add(v instanceof Number ? v : column.getString(i));
        }
        return out;
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
