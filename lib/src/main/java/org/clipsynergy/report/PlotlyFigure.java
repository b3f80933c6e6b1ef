package org.clipsynergy.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.HoverLabel;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A tablesaw {@link Figure} whose layout is plotly JSON written by Jackson, so that a chart can use
 * what tablesaw's {@link Layout} cannot say: axes that grow their margin to fit long tick labels
 * ({@code automargin}), a reversed category axis, a legend placed below the plot, a title that
 * wraps. The figure is written and shown like any other ({@link ChartWriter}, {@link
 * Html#of(Figure)}).
 */
final class PlotlyFigure extends Figure {

    // Keys sorted: Map.of iterates in an order that changes between JVM runs, and a chart page
    // must be byte-identical for identical data (its PNG is reused then).
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** Average width of a title character in pixels at {@link #TITLE_SIZE}, for wrapping. */
    private static final double TITLE_CHAR_PX = 9.0;

    /** Title font size in pixels. */
    static final int TITLE_SIZE = 17;

    private final Map<String, Object> layoutJson;

    /**
     * A figure.
     *
     * @param spec the chart's title, axis labels and size (the tablesaw layout keeps the size that
     *     {@link ChartWriter} reads)
     * @param layoutJson the complete plotly layout
     * @param traces the traces, drawn in order
     */
    PlotlyFigure(ChartSpec spec, Map<String, Object> layoutJson, Trace... traces) {
        super(
                Layout.builder(spec.title()).width(spec.width()).height(spec.height()).build(),
                traces);
        this.layoutJson = new LinkedHashMap<>(layoutJson);
    }

    /** The plotly layout as JSON. */
    String layoutJson() {
        return write(layoutJson, "layout");
    }

    @Override
    protected void buildContext(String divName) {
        super.buildContext(divName);
        // tablesaw's template declares `var layout = {...}` from its own Layout; the JSON layout
        // replaces it before Plotly.newPlot reads it.
        Map<String, Object> context = getContext();
        context.put("figure", context.get("figure") + "layout = " + layoutJson() + ";\n");
    }

    /**
     * The layout every chart of the project shares: the title (wrapped to the width), labelled axes
     * whose margins grow to fit their tick labels, and the size.
     *
     * @param spec title, axis labels and size
     * @param legend whether to show the legend
     * @return the layout as a mutable map; callers add or replace entries (e.g. axis types)
     */
    static Map<String, Object> layout(ChartSpec spec, boolean legend) {
        Map<String, Object> layout = new LinkedHashMap<>();
        String title = wrapTitle(spec.title(), spec.width());
        layout.put(
                "title",
                Map.of(
                        "text",
                        title,
                        "x",
                        0.5,
                        "xanchor",
                        "center",
                        "font",
                        Map.of("size", TITLE_SIZE)));
        layout.put("width", spec.width());
        layout.put("height", spec.height());
        layout.put("showlegend", legend);
        layout.put("hovermode", "closest");
        layout.put("font", Map.of("size", 13));
        Map<String, Object> margin = new LinkedHashMap<>();
        margin.put("l", 80);
        margin.put("r", 40);
        margin.put("t", 50 + 24 * title.split("<br>").length);
        margin.put("b", 90);
        margin.put("autoexpand", true);
        layout.put("margin", margin);
        layout.put("xaxis", axis(spec.xTitle()));
        layout.put("yaxis", axis(spec.yTitle()));
        return layout;
    }

    /** A nested object of a layout (e.g. "xaxis", "margin"), to add entries to. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> layout, String key) {
        Object value = layout.get(key);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("layout has no object '" + key + "'");
        }
        return (Map<String, Object>) value;
    }

    /** An axis with a title whose margin grows to fit its tick labels. */
    static Map<String, Object> axis(String title) {
        Map<String, Object> axis = new LinkedHashMap<>();
        axis.put("title", Map.of("text", title));
        axis.put("automargin", true);
        return axis;
    }

    /**
     * The title broken into lines that fit the chart's width (plotly never wraps a title), at the
     * space nearest each line's limit.
     */
    static String wrapTitle(String title, int width) {
        int perLine = Math.max(20, (int) ((width - 80) / TITLE_CHAR_PX));
        if (title.length() <= perLine) {
            return title;
        }
        List<String> lines = new ArrayList<>();
        String rest = title;
        while (rest.length() > perLine) {
            int cut = rest.lastIndexOf(' ', perLine);
            if (cut <= 0) {
                cut = rest.indexOf(' ');
                if (cut < 0) {
                    break;
                }
            }
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut + 1);
        }
        lines.add(rest);
        return String.join("<br>", lines);
    }

    /** Plotly leaves a gap at null; NaN is not JSON. */
    static List<Double> finite(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(Double.isFinite(v) ? v : null);
        }
        return out;
    }

    static String write(Object value, String what) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " cannot be written as JSON", e);
        }
    }

    /**
     * A plotly trace given as a JSON object, in the form tablesaw's Figure expects.
     *
     * @param name the legend entry
     * @param json the trace's plotly attributes
     */
    record JsonTrace(String name, Map<String, Object> json) implements Trace {

        /** Copies the attributes. */
        JsonTrace {
            json = new LinkedHashMap<>(json);
        }

        /** The trace as JSON. */
        String asJson() {
            return write(json, "trace '" + name + "'");
        }

        @Override
        public String asJavascript(int i) {
            return "var trace" + i + " = " + asJson() + ";\n";
        }

        @Override
        public HoverLabel hoverLabel() {
            return null;
        }

        @Override
        public boolean showLegend() {
            return !Boolean.FALSE.equals(json.get("showlegend"));
        }
    }
}
