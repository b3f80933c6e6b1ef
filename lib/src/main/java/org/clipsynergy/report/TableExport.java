package org.clipsynergy.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Exports a tablesaw {@link Table} as CSV (full precision, for further analysis), GitHub Markdown
 * and a LaTeX {@code table} with booktabs rules (rounded, for reading).
 *
 * <p>Floating-point cells are printed with a fixed number of decimals in Markdown, LaTeX and HTML
 * and with Java's shortest round-trip form in CSV; integer cells as integers; missing cells as
 * empty text. Numeric columns are right-aligned.
 */
public final class TableExport {

    /** Decimals printed for floating-point cells unless a caller asks otherwise. */
    public static final int DEFAULT_DECIMALS = 3;

    private static final CSVFormat CSV =
            CSVFormat.RFC4180.builder().setRecordSeparator('\n').build();

    private TableExport() {}

    /**
     * The table as CSV: a header row with the column names, then one line per row, fields quoted
     * only where needed (RFC 4180), lines ending in {@code \n}.
     *
     * @param table the table
     * @return the CSV text
     */
    public static String toCsv(Table table) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
            printer.printRecord(table.columnNames());
            for (int r = 0; r < table.rowCount(); r++) {
                List<String> row = new ArrayList<>(table.columnCount());
                for (Column<?> column : table.columns()) {
                    row.add(cell(column, r, -1));
                }
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The table as a GitHub Markdown pipe table with {@link #DEFAULT_DECIMALS} decimals.
     *
     * @param table the table
     * @return the Markdown text, ending in a newline
     */
    public static String toMarkdown(Table table) {
        return toMarkdown(table, DEFAULT_DECIMALS);
    }

    /**
     * The table as a GitHub Markdown pipe table: a header row, an alignment row (numeric columns
     * right-aligned), one line per row; {@code |} in a cell is escaped.
     *
     * @param table the table
     * @param decimals decimals printed for floating-point cells, 0 to 15
     * @return the Markdown text, ending in a newline
     */
    public static String toMarkdown(Table table, int decimals) {
        checkDecimals(decimals);
        StringBuilder out = new StringBuilder();
        out.append('|');
        for (String name : table.columnNames()) {
            out.append(' ').append(escapeMarkdown(name)).append(" |");
        }
        out.append("\n|");
        for (Column<?> column : table.columns()) {
            out.append(isNumeric(column) ? " ---: |" : " --- |");
        }
        out.append('\n');
        for (int r = 0; r < table.rowCount(); r++) {
            out.append('|');
            for (Column<?> column : table.columns()) {
                out.append(' ').append(escapeMarkdown(cell(column, r, decimals))).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The table as a LaTeX {@code table} float with {@link #DEFAULT_DECIMALS} decimals.
     *
     * @param table the table
     * @param caption the caption, plain text (special characters are escaped)
     * @param label the {@code \label} key, e.g. {@code tab:accuracy}; letters, digits and {@code
     *     :-_.} only
     * @return the LaTeX text, ending in a newline; needs the LaTeX package booktabs
     */
    public static String toLatex(Table table, String caption, String label) {
        return toLatex(table, caption, label, DEFAULT_DECIMALS);
    }

    /**
     * The table as a LaTeX {@code table} float: {@code tabular} with one column per table column
     * ({@code r} for numeric, {@code l} otherwise), booktabs rules, caption and label.
     *
     * @param table the table
     * @param caption the caption, plain text (special characters are escaped)
     * @param label the {@code \label} key; letters, digits and {@code :-_.} only
     * @param decimals decimals printed for floating-point cells, 0 to 15
     * @return the LaTeX text, ending in a newline; needs the LaTeX package booktabs
     */
    public static String toLatex(Table table, String caption, String label, int decimals) {
        checkDecimals(decimals);
        if (label == null || !label.matches("[A-Za-z0-9:._-]+")) {
            throw new IllegalArgumentException(
                    "LaTeX label: expected letters, digits and ':._-' only, got '" + label + "'");
        }
        StringBuilder spec = new StringBuilder();
        for (Column<?> column : table.columns()) {
            spec.append(isNumeric(column) ? 'r' : 'l');
        }
        StringBuilder out = new StringBuilder();
        out.append("\\begin{table}[t]\n\\centering\n");
        out.append("\\caption{").append(escapeLatex(caption == null ? "" : caption)).append("}\n");
        out.append("\\label{").append(label).append("}\n");
        out.append("\\begin{tabular}{").append(spec).append("}\n\\toprule\n");
        List<String> header = new ArrayList<>();
        for (String name : table.columnNames()) {
            header.add(escapeLatex(name));
        }
        out.append(String.join(" & ", header)).append(" \\\\\n\\midrule\n");
        for (int r = 0; r < table.rowCount(); r++) {
            List<String> row = new ArrayList<>();
            for (Column<?> column : table.columns()) {
                row.add(escapeLatex(cell(column, r, decimals)));
            }
            out.append(String.join(" & ", row)).append(" \\\\\n");
        }
        out.append("\\bottomrule\n\\end{tabular}\n\\end{table}\n");
        return out.toString();
    }

    /**
     * The table as an HTML {@code <table>} element (no page around it), cells escaped, numeric
     * cells right-aligned.
     *
     * @param table the table
     * @param decimals decimals printed for floating-point cells, 0 to 15
     * @return the HTML fragment
     */
    public static String toHtml(Table table, int decimals) {
        checkDecimals(decimals);
        StringBuilder out = new StringBuilder("<table class=\"result\">\n<thead><tr>");
        for (Column<?> column : table.columns()) {
            out.append(isNumeric(column) ? "<th class=\"num\">" : "<th>")
                    .append(escapeHtml(column.name()))
                    .append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < table.rowCount(); r++) {
            out.append("<tr>");
            for (Column<?> column : table.columns()) {
                out.append(isNumeric(column) ? "<td class=\"num\">" : "<td>")
                        .append(escapeHtml(cell(column, r, decimals)))
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    /**
     * Writes {@code stem.csv}, {@code stem.md} and {@code stem.tex} into a folder (created if
     * needed), each to a temporary name first and then renamed, so no half-written file is left.
     *
     * @param table the table
     * @param folder the output folder
     * @param stem the file name without extension; letters, digits and {@code -_.} only
     * @param caption the LaTeX caption
     * @return the three files written, in the order csv, md, tex
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(Table table, Path folder, String stem, String caption)
            throws IOException {
        checkStem(stem);
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        written.add(writeAtomically(folder.resolve(stem + ".csv"), toCsv(table)));
        written.add(writeAtomically(folder.resolve(stem + ".md"), toMarkdown(table)));
        written.add(
                writeAtomically(
                        folder.resolve(stem + ".tex"), toLatex(table, caption, "tab:" + stem)));
        return written;
    }

    /** Writes text to a temporary file beside {@code target}, then renames it onto the target. */
    static Path writeAtomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        return Files.move(
                tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Checks a file stem: non-empty, letters, digits and {@code -_.} only. */
    static void checkStem(String stem) {
        if (stem == null || !stem.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException(
                    "file stem: expected letters, digits and '._-' (starting with a letter or"
                            + " digit), got '"
                            + stem
                            + "'");
        }
    }

    /** The text of one cell; {@code decimals < 0} prints floating point at full precision. */
    static String cell(Column<?> column, int row, int decimals) {
        if (column.isMissing(row)) {
            return "";
        }
        Object value = column.get(row);
        if (value instanceof Double || value instanceof Float) {
            double v = ((Number) value).doubleValue();
            if (decimals < 0) {
                return value.toString();
            }
            return Double.isFinite(v)
                    ? String.format(Locale.ROOT, "%." + decimals + "f", v)
                    : value.toString();
        }
        return String.valueOf(value);
    }

    static boolean isNumeric(Column<?> column) {
        return column instanceof NumericColumn<?>;
    }

    static String escapeHtml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String escapeMarkdown(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }

    private static String escapeLatex(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> out.append('\\').append(c);
                case '~' -> out.append("\\textasciitilde{}");
                case '^' -> out.append("\\textasciicircum{}");
                case '\n' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void checkDecimals(int decimals) {
        if (decimals < 0 || decimals > 15) {
            throw new IllegalArgumentException("decimals: expected 0 to 15, got " + decimals);
        }
    }
}
