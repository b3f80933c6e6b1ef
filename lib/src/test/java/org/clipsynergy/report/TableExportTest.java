package org.clipsynergy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Exact CSV, Markdown, LaTeX and HTML output on a hand-made three-row table. */
class TableExportTest {

    /** Names with characters each format must escape, a rounded double, a missing cell. */
    private static Table tiny() {
        DoubleColumn acc = DoubleColumn.create("acc", new double[] {0.5, 0.12345, 0});
        acc.setMissing(2);
        return Table.create(
                "tiny",
                StringColumn.create("name", "a|b", "x,y_z", "m"),
                acc,
                IntColumn.create("n", 3, 10, 1));
    }

    @Test
    void csvKeepsFullPrecisionAndQuotesOnlyWhereNeeded() {
        assertEquals(
                "name,acc,n\na|b,0.5,3\n\"x,y_z\",0.12345,10\nm,,1\n", TableExport.toCsv(tiny()));
    }

    @Test
    void markdownRoundsRightAlignsNumbersAndEscapesPipes() {
        assertEquals(
                "| name | acc | n |\n"
                        + "| --- | ---: | ---: |\n"
                        + "| a\\|b | 0.500 | 3 |\n"
                        + "| x,y_z | 0.123 | 10 |\n"
                        + "| m |  | 1 |\n",
                TableExport.toMarkdown(tiny()));
    }

    @Test
    void markdownHonoursDecimals() {
        String md = TableExport.toMarkdown(tiny(), 1);
        assertTrue(md.contains("| a\\|b | 0.5 | 3 |"), md);
        assertTrue(md.contains("| x,y_z | 0.1 | 10 |"), md);
    }

    @Test
    void latexIsABooktabsTableWithEscapedText() {
        assertEquals(
                "\\begin{table}[t]\n"
                        + "\\centering\n"
                        + "\\caption{Tiny 50\\% test}\n"
                        + "\\label{tab:tiny}\n"
                        + "\\begin{tabular}{lrr}\n"
                        + "\\toprule\n"
                        + "name & acc & n \\\\\n"
                        + "\\midrule\n"
                        + "a|b & 0.500 & 3 \\\\\n"
                        + "x,y\\_z & 0.123 & 10 \\\\\n"
                        + "m &  & 1 \\\\\n"
                        + "\\bottomrule\n"
                        + "\\end{tabular}\n"
                        + "\\end{table}\n",
                TableExport.toLatex(tiny(), "Tiny 50% test", "tab:tiny"));
    }

    @Test
    void latexRejectsALabelWithSpaces() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TableExport.toLatex(tiny(), "c", "tab tiny"));
        assertTrue(e.getMessage().contains("'tab tiny'"), e.getMessage());
    }

    @Test
    void htmlEscapesMarkupAndMarksNumericCells() {
        Table t =
                Table.create(
                        "h",
                        StringColumn.create("who", "<b>"),
                        IntColumn.create("k", new int[] {7}));
        assertEquals(
                "<table class=\"result\">\n"
                        + "<thead><tr><th>who</th><th class=\"num\">k</th></tr></thead>\n"
                        + "<tbody>\n"
                        + "<tr><td>&lt;b&gt;</td><td class=\"num\">7</td></tr>\n"
                        + "</tbody>\n"
                        + "</table>\n",
                TableExport.toHtml(t, 3));
    }

    @Test
    void writeLeavesExactlyTheThreeFilesAndNoTemporaries(@TempDir Path dir) throws Exception {
        List<Path> files = TableExport.write(tiny(), dir.resolve("out"), "tiny", "Tiny");
        assertEquals(
                List.of("tiny.csv", "tiny.md", "tiny.tex"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(TableExport.toCsv(tiny()), Files.readString(files.get(0)));
        assertEquals(TableExport.toMarkdown(tiny()), Files.readString(files.get(1)));
        assertTrue(Files.readString(files.get(2)).contains("\\label{tab:tiny}"));
        try (var listing = Files.list(dir.resolve("out"))) {
            assertFalse(listing.anyMatch(p -> p.toString().endsWith(".tmp")));
        }
    }

    @Test
    void writeRejectsAStemWithASlash(@TempDir Path dir) {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TableExport.write(tiny(), dir, "../x", "c"));
        assertTrue(e.getMessage().contains("'../x'"), e.getMessage());
    }

    @Test
    void decimalsOutOfRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TableExport.toMarkdown(tiny(), -1));
        assertThrows(IllegalArgumentException.class, () -> TableExport.toMarkdown(tiny(), 16));
    }
}
