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
}
