package org.clipsynergy.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.clipsynergy.ProjectLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The {@code figures/} folder: tables under {@code tables/} (CSV, Markdown, LaTeX and an HTML
 * fragment), charts under {@code charts/} (HTML and PNG), each with a small {@code .json} that
 * records its title, and an {@code index.html} that shows them all.
 *
 * <p>Several processes (one per notebook) add to the same folder; {@link #writeIndex()} reads what
 * is on disk, so the index lists everything written so far by anyone.
 */
public final class Figures {

    private static final Logger LOG = LoggerFactory.getLogger(Figures.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sub-folder for tables. */
    public static final String TABLES = "tables";

    /** Sub-folder for charts. */
    public static final String CHARTS = "charts";

    /** Sub-folder for executed notebooks. */
    public static final String NOTEBOOKS = "notebooks";

    private final Path folder;
    private final ChartWriter charts;

    /**
     * The figures folder at a given place.
     *
     * @param folder the folder (created when something is written)
     * @param charts the chart writer
     */
    public Figures(Path folder, ChartWriter charts) {
        this.folder = folder.toAbsolutePath();
        this.charts = charts;
    }

    /**
     * The project's {@code figures/} folder ({@link ProjectLayout#discover()}) with the standard
     * chart writer.
     *
     * @return the figures folder
     * @throws IOException if the plotly.js bundle is missing
     */
    public static Figures standard() throws IOException {
        return new Figures(ProjectLayout.discover().figures(), ChartWriter.standard());
    }

    /** The folder. */
    public Path folder() {
        return folder;
    }

    /**
     * Writes a table as {@code tables/stem.csv}, {@code .md}, {@code .tex} and {@code .html}.
     *
     * @param stem the file name without extension; letters, digits and {@code -_.} only
     * @param title what the table shows (the LaTeX caption and the index heading)
     * @param table the table
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public List<Path> table(String stem, String title, Table table) throws IOException {
        Path dir = folder.resolve(TABLES);
        List<Path> files = new ArrayList<>(TableExport.write(table, dir, stem, title));
        files.add(
                TableExport.writeAtomically(
                        dir.resolve(stem + ".html"),
                        TableExport.toHtml(table, TableExport.DEFAULT_DECIMALS)));
        writeMeta(dir, stem, title);
        LOG.info("table '{}' written: {} rows to {}/{}.*", title, table.rowCount(), dir, stem);
        return files;
    }

    /**
     * Writes a chart as {@code charts/stem.html} and, with a browser, {@code charts/stem.png}.
     *
     * @param stem the file name without extension; letters, digits and {@code -_.} only
     * @param title what the chart shows (the index heading)
     * @param figure the chart
     * @return the files written
     * @throws IOException if a file cannot be written or the screenshot fails
     */
    public ChartFiles chart(String stem, String title, Figure figure) throws IOException {
        Path dir = folder.resolve(CHARTS);
        ChartFiles files = charts.write(figure, dir, stem);
        writeMeta(dir, stem, title);
        return files;
    }

    /**
     * Writes {@code index.html}: every table (shown inline, with links to its CSV, Markdown and
     * LaTeX files), every chart (its PNG linking to the interactive page, or the page itself in a
     * frame when there is no PNG) and every executed notebook, each sorted by file name.
     *
     * @return the index file
     * @throws IOException if the folder cannot be read or the index cannot be written
     */
    public Path writeIndex() throws IOException {
        return writeIndex(folder);
    }

    /**
     * Writes {@code index.html} of a figures folder, as {@link #writeIndex()} does; needs no chart
     * writer.
     *
     * @param folder the figures folder
     * @return the index file
     * @throws IOException if the folder cannot be read or the index cannot be written
     */
    public static Path writeIndex(Path folder) throws IOException {
        Files.createDirectories(folder);
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<title>clip-synergy figures</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1000px;margin:2em auto;")
                .append("padding:0 1em;color:#222}\n")
                .append("table.result{border-collapse:collapse;margin:.5em 0}\n")
                .append("table.result th,table.result td{border-bottom:1px solid #ccc;")
                .append("padding:.2em .6em}\n")
                .append("th{text-align:left}td{vertical-align:top}\n")
                .append(".num{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append("img{max-width:100%;border:1px solid #eee}\n")
                .append("</style>\n</head>\n<body>\n<h1>clip-synergy figures</h1>\n");
        Map<String, String> tables = entries(folder.resolve(TABLES));
        Map<String, String> chartEntries = entries(folder.resolve(CHARTS));
        List<Path> notebooks = files(folder.resolve(NOTEBOOKS), ".ipynb");
        out.append("<p>")
                .append(tables.size())
                .append(" tables, ")
                .append(chartEntries.size())
                .append(" charts, ")
                .append(notebooks.size())
                .append(" executed notebooks.</p>\n");

        out.append("<h2>Tables</h2>\n");
        for (Map.Entry<String, String> e : tables.entrySet()) {
            String stem = e.getKey();
            out.append("<h3 id=\"table-")
                    .append(stem)
                    .append("\">")
                    .append(TableExport.escapeHtml(e.getValue()))
                    .append("</h3>\n");
            Path fragment = folder.resolve(TABLES).resolve(stem + ".html");
            if (Files.isRegularFile(fragment)) {
                out.append(Files.readString(fragment, StandardCharsets.UTF_8));
            }
            out.append("<p>");
            for (String ext : List.of("csv", "md", "tex")) {
                out.append("<a href=\"")
                        .append(TABLES)
                        .append('/')
                        .append(stem)
                        .append('.')
                        .append(ext)
                        .append("\">")
                        .append(ext.toUpperCase())
                        .append("</a> ");
            }
            out.append("</p>\n");
        }

        out.append("<h2>Charts</h2>\n");
        for (Map.Entry<String, String> e : chartEntries.entrySet()) {
            String stem = e.getKey();
            String page = CHARTS + "/" + stem + ".html";
            out.append("<h3 id=\"chart-")
                    .append(stem)
                    .append("\">")
                    .append(TableExport.escapeHtml(e.getValue()))
                    .append("</h3>\n");
            if (Files.isRegularFile(folder.resolve(CHARTS).resolve(stem + ".png"))) {
                out.append("<p><a href=\"")
                        .append(page)
                        .append("\"><img src=\"")
                        .append(CHARTS)
                        .append('/')
                        .append(stem)
                        .append(".png\" alt=\"")
                        .append(TableExport.escapeHtml(e.getValue()))
                        .append("\"></a><br><a href=\"")
                        .append(page)
                        .append("\">interactive version</a></p>\n");
            } else {
                out.append("<iframe src=\"")
                        .append(page)
                        .append("\" width=\"960\" height=\"620\" style=\"border:0\"></iframe>\n");
            }
        }

        out.append("<h2>Notebooks</h2>\n<ul>\n");
        for (Path nb : notebooks) {
            String name = nb.getFileName().toString();
            out.append("<li><a href=\"")
                    .append(NOTEBOOKS)
                    .append('/')
                    .append(name)
                    .append("\">")
                    .append(TableExport.escapeHtml(name))
                    .append("</a></li>\n");
        }
        out.append("</ul>\n</body>\n</html>\n");
        Path index = TableExport.writeAtomically(folder.resolve("index.html"), out.toString());
        LOG.info(
                "figure index written: {} tables, {} charts, {} notebooks in {}",
                tables.size(),
                chartEntries.size(),
                notebooks.size(),
                index);
        return index;
    }

    private static void writeMeta(Path dir, String stem, String title) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("title", title);
        TableExport.writeAtomically(
                dir.resolve(stem + ".json"), JSON.writeValueAsString(meta) + "\n");
    }

    /** Stem to title for every {@code .json} in a folder, sorted by stem. */
    private static Map<String, String> entries(Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path meta : files(dir, ".json")) {
            String name = meta.getFileName().toString();
            String stem = name.substring(0, name.length() - ".json".length());
            String title =
                    Optional.ofNullable(JSON.readTree(meta.toFile()).get("title"))
                            .map(node -> node.asText())
                            .orElse(stem);
            out.put(stem, title);
        }
        return out;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }
}
