package org.clipsynergy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The figures folder keeps every table and chart and its index links them all. */
class FiguresTest {

    @Test
    void indexListsTablesChartsAndNotebooksWrittenByAnyone(@TempDir Path dir) throws Exception {
        Path js = dir.resolve("plotly.min.js");
        Files.writeString(js, "/* plotly.js v9.9.9 */");
        ChartWriter writer = new ChartWriter(PlotlyBundle.load(js), Optional.empty());
        Path folder = dir.resolve("figures");
        Table table =
                Table.create(
                        "acc",
                        StringColumn.create("backbone", "conv", "vit"),
                        DoubleColumn.create("top1", 0.9, 0.8));

        List<Path> tableFiles =
                new Figures(folder, writer).table("accuracy", "Top-1 & friends", table);
        new Figures(folder, writer)
                .chart(
                        "accuracy-bars",
                        "Top-1 per backbone",
                        Charts.bar(
                                ChartSpec.of("Top-1", "backbone", "top-1"),
                                table,
                                "backbone",
                                "top1",
                                null));
        Files.createDirectories(folder.resolve("notebooks"));
        Files.writeString(folder.resolve("notebooks/00-tour.ipynb"), "{}");
        Path index = new Figures(folder, writer).writeIndex();

        assertEquals(
                List.of("accuracy.csv", "accuracy.md", "accuracy.tex", "accuracy.html"),
                tableFiles.stream().map(p -> p.getFileName().toString()).toList());
        String html = Files.readString(index);
        assertTrue(html.contains("1 tables, 1 charts, 1 executed notebooks."), html);
        assertTrue(html.contains("<h3 id=\"table-accuracy\">Top-1 &amp; friends</h3>"), html);
        assertTrue(html.contains("<td class=\"num\">0.900</td>"), html);
        assertTrue(html.contains("<a href=\"tables/accuracy.tex\">TEX</a>"), html);
        assertTrue(html.contains("<iframe src=\"charts/accuracy-bars.html\""), html);
        assertTrue(html.contains("<a href=\"notebooks/00-tour.ipynb\">00-tour.ipynb</a>"), html);
    }

    @Test
    void htmlOfATableIsItsFragment() {
        Table t = Table.create("t", DoubleColumn.create("x", 1.0 / 3));
        assertEquals(TableExport.toHtml(t, 3), Html.of(t).html());
        assertTrue(Html.of(t).html().contains("0.333"));
        assertEquals("Html[" + Html.of(t).html().length() + " characters]", Html.of(t).toString());
    }
}
