package org.clipsynergy.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Page;

/**
 * Writes a chart as a self-contained HTML page that renders offline (the pinned plotly.js is
 * inlined; tablesaw-jsplot's own page would load it from a CDN) and as a PNG screenshot of that
 * page taken by headless Chromium.
 */
public final class ChartWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ChartWriter.class);

    /** The id of the chart's element in a page. */
    static final String DIV = "chart";

    /** Stands in for the script URL in tablesaw's page until the bundle replaces it. */
    private static final String PLACEHOLDER = "clip-synergy-plotly-bundle.js";

    /** Hides plotly's tool bar in the screenshot; the HTML page keeps it. */
    private static final String NO_MODEBAR = "<style>.modebar-container{display:none}</style>";

    private static final AtomicBoolean WARNED_NO_BROWSER = new AtomicBoolean();

    private final PlotlyBundle plotly;
    private final Optional<HeadlessBrowser> browser;

    /**
     * A writer with a given bundle and browser.
     *
     * @param plotly the plotly.js bundle to inline
     * @param browser the browser for PNG copies; empty writes HTML only
     */
    public ChartWriter(PlotlyBundle plotly, Optional<HeadlessBrowser> browser) {
        this.plotly = plotly;
        this.browser = browser;
    }

    /**
     * A writer with the project's bundle ({@link PlotlyBundle#locate()}) and the installed Chromium
     * ({@link HeadlessBrowser#find()}), if any.
     *
     * @return the writer
     * @throws IOException if the plotly.js bundle is missing
     */
    public static ChartWriter standard() throws IOException {
        return new ChartWriter(PlotlyBundle.locate(), HeadlessBrowser.find());
    }

    /** The plotly.js bundle this writer inlines. */
    public PlotlyBundle plotly() {
        return plotly;
    }

    /** The browser for PNG copies, if any. */
    public Optional<HeadlessBrowser> browser() {
        return browser;
    }

    /**
     * The chart as a complete HTML page with plotly.js inlined: it needs no other file and no
     * network.
     *
     * @param figure the chart
     * @return the page
     */
    public String page(Figure figure) {
        String page =
                Page.pageBuilder(figure, DIV).plotlyJsLocation(PLACEHOLDER).build().asJavascript();
        String tag = "<script src=\"" + PLACEHOLDER + "\"></script>";
        int at = page.indexOf(tag);
        if (at < 0) {
            throw new IllegalStateException(
                    "tablesaw page template changed: no '" + tag + "' to replace with plotly.js");
        }
        return page.substring(0, at)
                + "<!-- plotly.js v"
                + plotly.version()
                + ", inlined so the page works offline -->\n"
                + "    <script>"
                + plotly.script()
                + "</script>"
                + page.substring(at + tag.length());
    }

    /**
     * Writes {@code stem.html} and, when a browser is available, {@code stem.png} of the chart's
     * layout size into a folder (created if needed).
     *
     * @param figure the chart; its layout should have a width and height ({@link Charts} sets them)
     * @param folder the output folder
     * @param stem the file name without extension; letters, digits and {@code -_.} only
     * @return the files written
     * @throws IOException if a file cannot be written or the screenshot fails
     */
    public ChartFiles write(Figure figure, Path folder, String stem) throws IOException {
        TableExport.checkStem(stem);
        Files.createDirectories(folder);
        String page = page(figure);
        Path html = TableExport.writeAtomically(folder.resolve(stem + ".html"), page);
        if (browser.isEmpty()) {
            if (!WARNED_NO_BROWSER.getAndSet(true)) {
                LOG.warn(
                        "this chart writer has no browser (install Debian's 'chromium' or set -D{}):"
                                + " charts are written as HTML only, without PNG copies",
                        HeadlessBrowser.PROPERTY);
            }
            return new ChartFiles(html, Optional.empty());
        }
        Path png = folder.resolve(stem + ".png");
        Layout layout = figure.getLayout();
        int width = sizeOf(layout, "width", ChartSpec.DEFAULT_WIDTH);
        int height = sizeOf(layout, "height", ChartSpec.DEFAULT_HEIGHT);
        String shot = page.replace("</head>", NO_MODEBAR + "</head>");
        // A PNG rendered from the same page at the same size is reused: a rerun with unchanged
        // data skips the browser, which is most of the time a notebook spends writing figures.
        Path source = folder.resolve("." + stem + ".png.sha256");
        String hash = sha256(width + "x" + height + "\n" + shot);
        if (Files.isRegularFile(png)
                && Files.isRegularFile(source)
                && Files.readString(source).strip().equals(hash)) {
            LOG.info("chart written: {}; {} unchanged, kept", html, png);
            return new ChartFiles(html, Optional.of(png));
        }
        Files.deleteIfExists(source);
        Path shotPage = folder.resolve("." + stem + ".screenshot.html");
        try {
            Files.writeString(shotPage, shot);
            browser.get().screenshot(shotPage, png, width, height);
        } finally {
            Files.deleteIfExists(shotPage);
        }
        TableExport.writeAtomically(source, hash + "\n");
        LOG.info("chart written: {} and {}", html, png);
        return new ChartFiles(html, Optional.of(png));
    }

    /** Lowercase hex SHA-256 of a text's UTF-8 bytes. */
    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** The layout's width or height in pixels, read from its JavaScript form. */
    private static int sizeOf(Layout layout, String key, int fallback) {
        if (layout == null) {
            return fallback;
        }
        // Layout keeps its size private; its JavaScript form is its one public view.
        Matcher m =
                Pattern.compile("(?m)^\\s*" + key + ":\\s*(\\d+)").matcher(layout.asJavascript());
        return m.find() ? Integer.parseInt(m.group(1)) : fallback;
    }
}
