package org.clipsynergy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** Series charts: the plotly JSON of each trace, error bars, reference lines and bad input. */
class SeriesChartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void errorBarsBecomePlotlyErrorY() throws Exception {
        Table t =
                Table.create(
                        "summary",
                        StringColumn.create("method", "mean", "mean", "nlc", "nlc"),
                        StringColumn.create("shots", "1", "16", "1", "16"),
                        DoubleColumn.create("mean_accuracy", 0.5, 0.6, 0.55, Double.NaN),
                        DoubleColumn.create("std_accuracy", 0.01, Double.NaN, 0.02, 0.03));
        List<SeriesChart.Series> series =
                SeriesChart.groups(
                        t,
                        "shots",
                        "mean_accuracy",
                        "std_accuracy",
                        "method",
                        SeriesChart.Style.LINES_AND_POINTS);
        assertEquals(2, series.size());
        JsonNode mean = JSON.readTree(SeriesChart.json(series.get(0), "#123456"));
        assertEquals("mean", mean.get("name").asText());
        assertEquals("lines+markers", mean.get("mode").asText());
        assertEquals("#123456", mean.get("error_y").get("color").asText());
        assertEquals("16", mean.get("x").get(1).asText());
        assertEquals(0.01, mean.get("error_y").get("array").get(0).asDouble(), 1e-12);
        // A missing deviation draws no bar; a missing value leaves a gap (null).
        assertEquals(0.0, mean.get("error_y").get("array").get(1).asDouble(), 1e-12);
        JsonNode nlc = JSON.readTree(SeriesChart.json(series.get(1), "#123456"));
        assertTrue(nlc.get("y").get(1).isNull());

        JsonNode oracle =
                JSON.readTree(
                        SeriesChart.json(
                                SeriesChart.Series.constant(
                                        "oracle",
                                        List.of("1", "16"),
                                        0.9,
                                        SeriesChart.Style.DASHED),
                                "#000000"));
        assertEquals("dash", oracle.get("line").get("dash").asText());
        assertEquals(0.9, oracle.get("y").get(1).asDouble(), 1e-12);
        assertTrue(oracle.get("error_y") == null);

        Figure f =
                SeriesChart.errorBars(
                        ChartSpec.of("accuracy by shots", "shots", "accuracy"),
                        t,
                        "shots",
                        "mean_accuracy",
                        "std_accuracy",
                        "method");
        String js = f.asJavascript("chart");
        assertTrue(js.contains("var trace0 = {"), js);
        assertTrue(js.contains("var trace1 = {"), js);
        assertTrue(js.contains("accuracy by shots"), js);
        // Budgets are categories, and two series never share a colour.
        assertTrue(js.contains("category"), js);
        assertTrue(js.contains("#1f77b4") && js.contains("#ff7f0e"), js);
    }

    @Test
    void logAxisAndBadInput() {
        SeriesChart.Series points =
                new SeriesChart.Series(
                        "b",
                        List.of(0.1, 1.0),
                        new double[] {0.5, 0.7},
                        null,
                        SeriesChart.Style.POINTS);
        String js =
                SeriesChart.of(
                                ChartSpec.of("cost", "GFLOPs", "accuracy"),
                                List.of(points),
                                SeriesChart.XAxis.LOG)
                        .asJavascript("c");
        assertTrue(js.contains("log"), js);
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new SeriesChart.Series(
                                "b",
                                List.of(1.0),
                                new double[] {0.5, 0.7},
                                null,
                                SeriesChart.Style.POINTS));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        SeriesChart.of(
                                ChartSpec.of("t", "x", "y"), List.of(), SeriesChart.XAxis.LINEAR));
    }

    @Test
    void lonePointsStayVisibleUnderALinesPointAtTheSamePlace() throws Exception {
        // The cheapest backbone alone and the cascade's first threshold share one place.
        List<SeriesChart.Series> series =
                List.of(
                        new SeriesChart.Series(
                                "mini-mlp",
                                List.of(0.0015),
                                new double[] {0.86},
                                null,
                                SeriesChart.Style.POINTS),
                        new SeriesChart.Series(
                                "mini-convnet-s",
                                List.of(0.0047),
                                new double[] {0.97},
                                null,
                                SeriesChart.Style.POINTS),
                        new SeriesChart.Series(
                                "cascade",
                                List.of(0.0015, 0.0026, 0.02),
                                new double[] {0.86, 0.97, 0.976},
                                null,
                                SeriesChart.Style.LINES_AND_POINTS));
        Figure f =
                SeriesChart.of(
                        ChartSpec.of("cost", "GFLOPs", "accuracy"), series, SeriesChart.XAxis.LOG);
        JsonNode mlp = JSON.readTree(((PlotlyFigure.JsonTrace) f.getTraces()[0]).asJson());
        JsonNode conv = JSON.readTree(((PlotlyFigure.JsonTrace) f.getTraces()[1]).asJson());
        JsonNode cascade = JSON.readTree(((PlotlyFigure.JsonTrace) f.getTraces()[2]).asJson());
        // Drawn first and larger, with its own symbol: the line's point sits inside it.
        assertTrue(
                mlp.get("marker").get("size").asDouble()
                        >= 2 * cascade.get("marker").get("size").asDouble(),
                mlp + " vs " + cascade);
        assertEquals("diamond", mlp.get("marker").get("symbol").asText());
        assertEquals("square", conv.get("marker").get("symbol").asText());
        assertEquals("circle", cascade.get("marker").get("symbol").asText());
        assertTrue(mlp.get("showlegend").asBoolean() && cascade.get("showlegend").asBoolean());
        assertEquals("mini-mlp", mlp.get("name").asText());
        assertTrue(mlp.get("hovertemplate").asText().contains("%{fullData.name}"));
        // A short log axis names its ticks in full rather than plotly's bare digits.
        JsonNode x = JSON.readTree(((PlotlyFigure) f).layoutJson()).get("xaxis");
        assertEquals("log", x.get("type").asText());
        List<String> ticks = new java.util.ArrayList<>();
        x.get("ticktext").forEach(t -> ticks.add(t.asText()));
        assertEquals(List.of("0.001", "0.002", "0.005", "0.01", "0.02", "0.05"), ticks);
        assertEquals(0.002, x.get("tickvals").get(1).asDouble(), 0);
        // A short range gets finer steps.
        assertEquals(
                List.of("0.003", "0.004", "0.005", "0.006", "0.008", "0.01", "0.015", "0.02"),
                SeriesChart.logTicks(0.0035, 0.016).stream().map(b -> b.toPlainString()).toList());
        // Over a wider range: 1, 2 and 5 times each power of ten.
        assertEquals(
                List.of("0.5", "1", "2", "5", "10", "20", "50", "100", "200", "500"),
                SeriesChart.logTicks(1, 200).stream().map(b -> b.toPlainString()).toList());
        assertTrue(SeriesChart.logTicks(0, 1).isEmpty());
    }
}
