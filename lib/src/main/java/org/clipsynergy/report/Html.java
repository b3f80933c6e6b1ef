package org.clipsynergy.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * An HTML fragment for display in a notebook. The project's Java kernel (set up by {@code make
 * setup}) shows a cell whose value is an {@code Html} as rendered HTML; elsewhere its text is the
 * markup.
 *
 * <p>A chart fragment draws with plotly.js: the first chart shown in a kernel session carries the
 * pinned bundle inline, later ones reuse it from the page.
 *
 * <p>Limitation: JupyterLab runs the scripts of a saved notebook's outputs only once the notebook
 * is trusted; until then a chart cell shows nothing (the PNG under {@code figures/charts/} does).
 *
 * @param html the markup
 */
public record Html(String html) {

    /** Rows a table fragment shows at most. */
    public static final int MAX_ROWS = 100;

    private static final AtomicBoolean BUNDLE_SENT = new AtomicBoolean();

    /** Checks that the markup is not null. */
    public Html {
        Objects.requireNonNull(html, "html");
    }

    /**
     * A chart as a notebook fragment: a sized element and the script that draws into it.
     *
     * @param figure the chart
     * @return the fragment
     * @throws UncheckedIOException if the plotly.js bundle is missing
     */
    public static Html of(Figure figure) {
        // tablesaw names a JavaScript variable after the element id: no hyphens.
        String div = "clip_synergy_" + UUID.randomUUID().toString().replace('-', '_');
        StringBuilder out = new StringBuilder();
        if (!BUNDLE_SENT.getAndSet(true)) {
            try {
                out.append("<script>").append(PlotlyBundle.locate().script()).append("</script>\n");
            } catch (IOException e) {
                BUNDLE_SENT.set(false);
                throw new UncheckedIOException(e);
            }
        }
        out.append(figure.divString(div)).append('\n').append(figure.asJavascript(div));
        return new Html(out.toString());
    }

    /**
     * A table as a notebook fragment with {@link TableExport#DEFAULT_DECIMALS} decimals; a table
     * longer than {@link #MAX_ROWS} shows its first rows and says how many it left out.
     *
     * @param table the table
     * @return the fragment
     */
    public static Html of(Table table) {
        if (table.rowCount() <= MAX_ROWS) {
            return new Html(TableExport.toHtml(table, TableExport.DEFAULT_DECIMALS));
        }
        return new Html(
                TableExport.toHtml(table.first(MAX_ROWS), TableExport.DEFAULT_DECIMALS)
                        + "<p>… "
                        + (table.rowCount() - MAX_ROWS)
                        + " more rows</p>\n");
    }

    /** A short description (the markup can be megabytes); {@link #html()} gives the markup. */
    @Override
    public String toString() {
        return "Html[" + html.length() + " characters]";
    }
}
