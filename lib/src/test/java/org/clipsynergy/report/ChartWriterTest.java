package org.clipsynergy.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.clipsynergy.ProjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** Chart pages are self-contained (plotly inlined, no CDN) and their PNG shows the drawn chart. */
class ChartWriterTest {

    private static final String FAKE_BUNDLE = "/* fake plotly.js v9.9.9 */ window.Plotly = {};";

    private static Table accuracy() {
        return Table.create(
                "accuracy",
                StringColumn.create("dataset", "mnist", "fashion-mnist", "mnist", "fashion-mnist"),
                StringColumn.create("backbone", "conv", "conv", "vit", "vit"),
                DoubleColumn.create("top1", 91.5, 70.25, 88.0, 74.5));
    }

    private static Figure bars() {
        return Charts.bar(
                ChartSpec.of("Zero-shot top-1 per dataset", "dataset", "top-1 accuracy (%)"),
                accuracy(),
                "dataset",
                "top1",
                "backbone");
    }

    private static PlotlyBundle fakeBundle(Path dir) throws Exception {
        Path js = dir.resolve("plotly.min.js");
        Files.writeString(js, FAKE_BUNDLE);
        return PlotlyBundle.load(js);
    }

    @Test
    void pageInlinesTheBundleAndLoadsNothingFromTheNetwork(@TempDir Path dir) throws Exception {
        ChartWriter writer = new ChartWriter(fakeBundle(dir), Optional.empty());
        String page = writer.page(bars());
        assertTrue(page.contains("<script>" + FAKE_BUNDLE + "</script>"), page);
        assertTrue(page.contains("plotly.js v9.9.9, inlined"), page);
        assertFalse(page.contains("cdn.plot.ly"), page);
        assertFalse(page.contains("<script src="), page);
        assertFalse(page.contains("http://") || page.contains("https://"), page);
        assertTrue(page.contains("Plotly.newPlot"), page);
        assertTrue(page.contains("title: 'Zero-shot top-1 per dataset'"), page);
        assertTrue(page.contains("\"title\":{\"text\":\"dataset\"}"), page);
        assertTrue(page.contains("\"title\":{\"text\":\"top-1 accuracy (%)\"}"), page);
    }

    @Test
    void groupedBarsGiveOneNamedTracePerGroup() {
        Figure figure = bars();
        assertEquals(2, figure.getTraces().length);
        String js = figure.asJavascript("c");
        assertTrue(js.contains("\"name\":\"conv\"") && js.contains("\"name\":\"vit\""), js);
        assertTrue(js.contains("\"type\":\"bar\""), js);
    }

    @Test
    void writeWithoutBrowserGivesHtmlOnly(@TempDir Path dir) throws Exception {
        ChartWriter writer = new ChartWriter(fakeBundle(dir), Optional.empty());
        ChartFiles files = writer.write(bars(), dir.resolve("charts"), "accuracy");
        assertEquals(dir.resolve("charts/accuracy.html"), files.html());
        assertTrue(files.png().isEmpty());
        assertEquals(writer.page(bars()).length(), Files.readString(files.html()).length());
    }

    @Test
    void bundleWithoutVersionHeaderIsRejected(@TempDir Path dir) throws Exception {
        Path js = dir.resolve("plotly.min.js");
        Files.writeString(js, "window.Plotly = {};");
        var e = assertThrows(java.io.IOException.class, () -> PlotlyBundle.load(js));
        assertTrue(e.getMessage().contains(js.toString()), e.getMessage());
    }

    @Test
    void installedBundleIsThePinnedVersion() throws Exception {
        Path root = ProjectLayout.discover().root();
        Path js = root.resolve(PlotlyBundle.RELATIVE_PATH);
        assumeTrue(Files.isRegularFile(js), "plotly.js not installed here: run 'make setup'");
        String packageJson = Files.readString(root.resolve("environment/node/package.json"));
        Matcher pinned =
                Pattern.compile("\"plotly.js-dist-min\":\\s*\"([0-9.]+)\"").matcher(packageJson);
        assertTrue(pinned.find(), packageJson);
        assertEquals(pinned.group(1), PlotlyBundle.locate().version());
    }

    @Test
    void aPngOfAnUnchangedPageIsKeptAndOneOfAChangedPageRedrawn(@TempDir Path dir)
            throws Exception {
        Path js = ProjectLayout.discover().root().resolve(PlotlyBundle.RELATIVE_PATH);
        assumeTrue(Files.isRegularFile(js), "plotly.js not installed here: run 'make setup'");
        Optional<HeadlessBrowser> browser = HeadlessBrowser.find();
        assumeTrue(browser.isPresent(), "no Chromium installed: PNG export cannot be checked");
        ChartWriter writer = new ChartWriter(PlotlyBundle.load(js), browser);
        ChartSpec spec = ChartSpec.of("One series", "dataset", "top-1 (%)").withSize(400, 300);
        Table conv = accuracy().where(accuracy().stringColumn("backbone").isEqualTo("conv"));
        Path png =
                writer.write(Charts.bar(spec, conv, "dataset", "top1", null), dir, "c")
                        .png()
                        .orElseThrow();
        // Stand-in bytes: only a new screenshot would replace them.
        byte[] marker = {1, 2, 3};
        Files.write(png, marker);
        writer.write(Charts.bar(spec, conv, "dataset", "top1", null), dir, "c");
        assertArrayEquals(marker, Files.readAllBytes(png), "unchanged page: PNG kept");

        conv.doubleColumn("top1").set(0, conv.doubleColumn("top1").getDouble(0) + 1);
        writer.write(Charts.bar(spec, conv, "dataset", "top1", null), dir, "c");
        assertEquals(400, ImageIO.read(png.toFile()).getWidth(), "changed data: PNG redrawn");

        Files.write(png, marker);
        writer.write(Charts.bar(spec.withSize(500, 300), conv, "dataset", "top1", null), dir, "c");
        assertEquals(500, ImageIO.read(png.toFile()).getWidth(), "changed size: PNG redrawn");
    }

    @Test
    void screenshotShowsTheBarsDrawnOffline(@TempDir Path dir) throws Exception {
        Path js = ProjectLayout.discover().root().resolve(PlotlyBundle.RELATIVE_PATH);
        assumeTrue(Files.isRegularFile(js), "plotly.js not installed here: run 'make setup'");
        Optional<HeadlessBrowser> browser = HeadlessBrowser.find();
        assumeTrue(browser.isPresent(), "no Chromium installed: PNG export cannot be checked");
        ChartWriter writer = new ChartWriter(PlotlyBundle.load(js), browser);

        Figure figure =
                Charts.bar(
                        ChartSpec.of("One series", "dataset", "top-1 (%)").withSize(400, 300),
                        accuracy().where(accuracy().stringColumn("backbone").isEqualTo("conv")),
                        "dataset",
                        "top1",
                        null);
        ChartFiles files = writer.write(figure, dir, "one");

        BufferedImage png = ImageIO.read(files.png().orElseThrow().toFile());
        assertEquals(400, png.getWidth());
        assertEquals(300, png.getHeight());
        // plotly's first default colour, #1f77b4, fills the bars only if its script ran.
        int bar = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                if ((png.getRGB(x, y) & 0xffffff) == 0x1f77b4) {
                    bar++;
                }
            }
        }
        assertTrue(bar > 2000, "bar-coloured pixels: " + bar);
        try (var listing = Files.list(dir)) {
            assertEquals(
                    List.of(".one.png.sha256", "one.html", "one.png"),
                    listing.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void notebookChartDrawsIntoAnElementWhoseIdIsAValidScriptName() throws Exception {
        Path js = ProjectLayout.discover().root().resolve(PlotlyBundle.RELATIVE_PATH);
        assumeTrue(Files.isRegularFile(js), "plotly.js not installed here: run 'make setup'");
        Html.of(bars()); // the first chart of a session carries the bundle; later ones do not
        String html = Html.of(bars()).html();
        Matcher id = Pattern.compile("<div id='([^']+)'").matcher(html);
        assertTrue(id.find(), html);
        assertTrue(id.group(1).matches("[A-Za-z_][A-Za-z0-9_]*"), id.group(1));
        assertTrue(html.contains("var target_" + id.group(1) + " = "), html);
        assertFalse(html.contains("plotly.js v"), "bundle sent twice");
    }

    @Test
    void heatmapRejectsAMatrixOfTheWrongWidth() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Charts.heatmap(
                                        ChartSpec.of("CKA", "backbone", "backbone"),
                                        List.of("a", "b"),
                                        List.of("a", "b"),
                                        new double[][] {{1, 0}, {0}}));
        assertTrue(e.getMessage().contains("row b: expected 2 values, got 1"), e.getMessage());
    }

    @Test
    void specRequiresAxisLabelsAndRejectsQuotes() {
        assertThrows(IllegalArgumentException.class, () -> ChartSpec.of("t", " ", "y"));
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ChartSpec.of("model's accuracy", "x", "y"));
        assertTrue(e.getMessage().contains("title"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ChartSpec.of("t", "x", "y").withSize(100, 300));
    }
}
