package org.clipsynergy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.clipsynergy.report.Figures;
import org.clipsynergy.report.TableExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** {@code clip-synergy report} indexes what the notebooks left in a figures folder. */
class ReportCommandTest {

    @Test
    void reportWritesAnIndexOfTheTablesFound(@TempDir Path figures) throws Exception {
        Path tables = figures.resolve(Figures.TABLES);
        TableExport.write(
                Table.create("t", IntColumn.create("k", new int[] {4})), tables, "t", "T");
        Files.writeString(tables.resolve("t.json"), "{\"title\":\"Four\"}\n");

        assertEquals(0, Main.run("report", "--figures", figures.toString()));

        String index = Files.readString(figures.resolve("index.html"));
        assertTrue(index.contains("1 tables, 0 charts, 0 executed notebooks."), index);
        assertTrue(index.contains(">Four</h3>"), index);
    }

    @Test
    void aMistypedFiguresFolderIsRefusedNamingItAndNotCreated(@TempDir Path dir) {
        Path typo = dir.resolve("figuers");
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(2, Main.run("report", "--figures", typo.toString()));
        } finally {
            System.setErr(old);
        }
        String text = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("--figures must be an existing folder, got " + typo + " ("), text);
        assertTrue(text.contains("does not exist"), text);
        assertTrue(!Files.exists(typo), "the mistyped folder was not created");
    }
}
