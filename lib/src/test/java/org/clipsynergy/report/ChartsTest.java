package org.clipsynergy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.clipsynergy.ProjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * What the charts show a reader: heatmap cells with their values and a stated colour range, bars
 * with their confidence intervals, horizontal bars whose labels have room, and layouts whose axes
 * grow to fit their labels.
 */
class ChartsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode trace(Figure figure, int i) throws Exception {
        return JSON.readTree(((PlotlyFigure.JsonTrace) figure.getTraces()[i]).asJson());
    }

    private static JsonNode layout(Figure figure) throws Exception {
        return JSON.readTree(((PlotlyFigure) figure).layoutJson());
    }

    private static Figure cka() {
        return Charts.heatmap(
                ChartSpec.of("linear CKA between backbones", "backbone", "backbone"),
                List.of("conv", "vit", "mlp"),
                List.of("conv", "vit", "mlp"),
                new double[][] {{1, 0.756, Double.NaN}, {0.756, 1, -0.004}, {0.125, 0.2, 1}},
                new Charts.Scale("linear CKA", 0, 1));
    }

    @Test
    void plotlyJsonWritesObjectKeysInOneOrderWhateverTheMapsIterationOrder() {
        // Map.of's iteration order changes from one JVM run to the next; the page must not.
        Map<String, Object> a = new java.util.LinkedHashMap<>();
        a.put("title", Map.of("text", "t", "side", "right"));
        a.put("thickness", 18);
        Map<String, Object> b = new java.util.LinkedHashMap<>();
        b.put("thickness", 18);
        b.put("title", Map.of("side", "right", "text", "t"));
        assertEquals(
                "{\"thickness\":18,\"title\":{\"side\":\"right\",\"text\":\"t\"}}",
                PlotlyFigure.write(a, "a"));
        assertEquals(PlotlyFigure.write(a, "a"), PlotlyFigure.write(b, "b"));
    }

    @Test
    void heatmapWritesEveryValueWithTwoDecimalsAndStatesItsRange() throws Exception {
        Figure figure = cka();
        JsonNode t = trace(figure, 0);
        assertEquals("heatmap", t.get("type").asText());
        assertEquals("%{text}", t.get("texttemplate").asText());
        JsonNode text = t.get("text");
        assertEquals("1.00", text.get(0).get(0).asText());
        assertEquals("0.76", text.get(0).get(1).asText());
        assertEquals("", text.get(0).get(2).asText(), "a missing value leaves its cell empty");
        assertEquals("0.00", text.get(1).get(2).asText(), "no minus sign on a rounded zero");
        assertEquals("0.13", text.get(2).get(0).asText());
        assertTrue(t.get("z").get(0).get(2).isNull());
        assertEquals(0.756, t.get("z").get(0).get(1).asDouble(), 1e-12);
        // No fixed text colour: plotly picks dark or light text per cell for contrast.
        assertNull(t.get("textfont").get("color"));
        assertEquals(0.0, t.get("zmin").asDouble());
        assertEquals(1.0, t.get("zmax").asDouble());
        JsonNode bar = t.get("colorbar");
        assertEquals("linear CKA<br>0.00 to 1.00", bar.get("title").get("text").asText());
        assertEquals("0", bar.get("ticktext").get(0).asText());
        assertEquals("0.5", bar.get("ticktext").get(1).asText());
        assertEquals("1", bar.get("ticktext").get(2).asText());
        JsonNode colours = t.get("colorscale");
        assertEquals("#f7fbff", colours.get(0).get(1).asText(), "light at the minimum");
        assertEquals("#08306b", colours.get(colours.size() - 1).get(1).asText(), "dark at max");
        // Rows read top-down in matrix order, like the table beside the chart.
        JsonNode l = layout(figure);
        assertEquals("reversed", l.get("yaxis").get("autorange").asText());
        assertEquals("conv", t.get("y").get(0).asText());
        assertEquals("backbone", l.get("xaxis").get("title").get("text").asText());
        assertTrue(l.get("xaxis").get("automargin").asBoolean());
    }

    @Test
    void heatmapScales() throws Exception {
        Charts.Scale share =
                Charts.Scale.fromZero("share", new double[][] {{0, 0.12}, {Double.NaN, 0.01}}, 0);
        assertEquals(0.0, share.min());
        assertEquals(0.15, share.max(), 1e-12);
        // The colour bar's middle tick is written exactly, not rounded to the cells' decimals.
        JsonNode shares =
                trace(
                        Charts.heatmap(
                                ChartSpec.of("t", "x", "y"),
                                List.of("a", "b"),
                                List.of("a"),
                                new double[][] {{0, 0.12}},
                                share),
                        0);
        assertEquals("0.075", shares.get("colorbar").get("ticktext").get(1).asText());
        assertEquals(0.075, shares.get("colorbar").get("tickvals").get(1).asDouble(), 1e-12);
        assertEquals(0.05, Charts.Scale.fromZero("share", new double[][] {{0}}, 0.05).max());
        assertEquals(0.05, Charts.Scale.fromZero("share", new double[][] {{0}}, 0).max());
        assertEquals(0.1, Charts.Scale.fromZero("share", new double[][] {{0.1}}, 0).max(), 1e-12);
        var e = assertThrows(IllegalArgumentException.class, () -> new Charts.Scale("cka", 1, 1));
        assertTrue(e.getMessage().contains("cka"), e.getMessage());
        // Without a scale, the colours span the matrix's values.
        JsonNode t =
                trace(
                        Charts.heatmap(
                                ChartSpec.of("t", "x", "y"),
                                List.of("a", "b"),
                                List.of("a", "b"),
                                new double[][] {{0.2, 0.5}, {0.5, 0.9}}),
                        0);
        assertEquals(0.2, t.get("zmin").asDouble(), 1e-12);
        assertEquals(0.9, t.get("zmax").asDouble(), 1e-12);
    }

    @Test
    void barsCarryAsymmetricErrorBarsFromTheIntervalColumns() throws Exception {
        Table accuracy =
                Table.create(
                        "accuracy",
                        StringColumn.create("backbone", "conv", "conv", "vit", "vit"),
                        StringColumn.create("dataset", "mnist", "fashion", "mnist", "fashion"),
                        DoubleColumn.create("top1", 0.9, 0.7, 0.8, 0.75),
                        DoubleColumn.create("top1_low", 0.88, 0.65, 0.79, Double.NaN),
                        DoubleColumn.create("top1_high", 0.93, 0.72, 0.84, 0.76));
        Figure figure =
                Charts.bar(
                        ChartSpec.of("Top-1 with 95 % intervals", "dataset", "top-1"),
                        accuracy,
                        "dataset",
                        "top1",
                        "backbone",
                        "top1_low",
                        "top1_high");
        assertEquals(2, figure.getTraces().length);
        JsonNode conv = trace(figure, 0);
        assertEquals("conv", conv.get("name").asText());
        assertEquals("mnist", conv.get("x").get(0).asText());
        JsonNode err = conv.get("error_y");
        assertFalse(err.get("symmetric").asBoolean());
        assertTrue(err.get("visible").asBoolean());
        assertEquals(0.03, err.get("array").get(0).asDouble(), 1e-12);
        assertEquals(0.02, err.get("arrayminus").get(0).asDouble(), 1e-12);
        assertEquals(0.02, err.get("array").get(1).asDouble(), 1e-12);
        assertEquals(0.05, err.get("arrayminus").get(1).asDouble(), 1e-12);
        JsonNode vit = trace(figure, 1);
        assertEquals(0.04, vit.get("error_y").get("array").get(0).asDouble(), 1e-12);
        assertEquals(0.0, vit.get("error_y").get("arrayminus").get(1).asDouble(), "missing end");
        assertEquals(0.88, conv.get("customdata").get(0).get(0).asDouble(), 1e-12);
        assertTrue(conv.get("hovertemplate").asText().contains("%{customdata[1]:.3f}"));
        assertEquals("group", layout(figure).get("barmode").asText());
        assertTrue(layout(figure).get("showlegend").asBoolean());

        Figure plain = Charts.bar(ChartSpec.of("t", "x", "y"), accuracy, "dataset", "top1", null);
        assertNull(trace(plain, 0).get("error_y"));
        // A single series writes each bar's value above it.
        assertEquals("0.9", trace(plain, 0).get("text").get(0).asText());
        assertEquals("0.75", trace(plain, 0).get("text").get(3).asText());
        assertNull(conv.get("text"), "values would collide with the error bars");
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Charts.bar(
                                        ChartSpec.of("t", "x", "y"),
                                        accuracy,
                                        "dataset",
                                        "top1",
                                        "backbone",
                                        "top1_low",
                                        null));
        assertTrue(e.getMessage().contains("both interval columns"), e.getMessage());
        var missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Charts.bar(
                                        ChartSpec.of("t", "x", "y"),
                                        accuracy,
                                        "dataset",
                                        "top1",
                                        "backbone",
                                        "low",
                                        "top1_high"));
        assertTrue(missing.getMessage().contains("no column 'low'"), missing.getMessage());
    }

    @Test
    void horizontalBarsKeepEveryLabelAndWriteTheirValues() throws Exception {
        Table patterns =
                Table.create(
                        "who is right",
                        StringColumn.create(
                                "pattern", "all", "none", "all but convnet-m, mixer", "vit"),
                        IntColumn.create("images", 120, 80, 7, 1));
        Figure figure =
                Charts.horizontalBar(
                        ChartSpec.of("Who is right", "images", "backbones that are right"),
                        patterns,
                        "pattern",
                        "images");
        JsonNode t = trace(figure, 0);
        assertEquals("h", t.get("orientation").asText());
        assertEquals("all but convnet-m, mixer", t.get("y").get(2).asText());
        assertEquals(7.0, t.get("x").get(2).asDouble());
        assertEquals("120", t.get("text").get(0).asText());
        assertEquals("outside", t.get("textposition").asText());
        JsonNode l = layout(figure);
        assertEquals("reversed", l.get("yaxis").get("autorange").asText(), "first row on top");
        assertTrue(l.get("yaxis").get("automargin").asBoolean());
        assertEquals("images", l.get("xaxis").get("title").get("text").asText());
        assertEquals("0.125", Charts.shortNumber(0.125));
        assertEquals("20.9", Charts.shortNumber(20.94));
        assertEquals("0.9", Charts.shortNumber(0.9));
    }

    @Test
    void longTitlesWrapAndShortOnesDoNot() {
        assertEquals("Short title", PlotlyFigure.wrapTitle("Short title", 900));
        String title =
                "fashion-mnist: few-shot ensembles, top-1 accuracy on the test split (mean ± std"
                        + " over seeds)";
        String wrapped = PlotlyFigure.wrapTitle(title, 500);
        assertTrue(wrapped.contains("<br>"), wrapped);
        assertEquals(title, wrapped.replace("<br>", " "));
        for (String line : wrapped.split("<br>")) {
            assertTrue(line.length() <= (500 - 80) / 9, line);
        }
    }

    @Test
    void screenshotShowsHeatmapValuesOnLightAndDarkCells(@TempDir Path dir) throws Exception {
        Path js = ProjectLayout.discover().root().resolve(PlotlyBundle.RELATIVE_PATH);
        assumeTrue(Files.isRegularFile(js), "plotly.js not installed here: run 'make setup'");
        Optional<HeadlessBrowser> browser = HeadlessBrowser.find();
        assumeTrue(browser.isPresent(), "no Chromium installed: PNG export cannot be checked");
        Figure figure =
                Charts.heatmap(
                        ChartSpec.of("two cells", "column", "row").withSize(500, 300),
                        List.of("light", "dark"),
                        List.of("row"),
                        new double[][] {{0, 1}},
                        new Charts.Scale("value", 0, 1));
        ChartFiles files = new ChartWriter(PlotlyBundle.load(js), browser).write(figure, dir, "h");
        BufferedImage png = ImageIO.read(files.png().orElseThrow().toFile());
        // Inside each cell (its exact colour's bounding box), the value's glyphs are pixels of
        // another, contrasting shade: dark on the light cell, light on the dark one.
        assertTrue(contrastingPixels(png, 0xf7fbff, false) > 20, "no dark text on the light cell");
        assertTrue(contrastingPixels(png, 0x08306b, true) > 20, "no light text on the dark cell");
    }

    /** Pixels within the bounding box of a cell colour that are much lighter or darker. */
    private static int contrastingPixels(BufferedImage png, int cellRgb, boolean lighter) {
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                if ((png.getRGB(x, y) & 0xffffff) == cellRgb) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        assertTrue(x1 - x0 > 50 && y1 - y0 > 50, "cell of colour " + Integer.toHexString(cellRgb));
        int count = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                int rgb = png.getRGB(x, y);
                int grey = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
                if (lighter ? grey > 200 : grey < 120) {
                    count++;
                }
            }
        }
        return count;
    }
}
