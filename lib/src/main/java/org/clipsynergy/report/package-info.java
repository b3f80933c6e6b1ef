/**
 * Turns results into tables and charts a reader can use: tablesaw {@link tech.tablesaw.api.Table}s
 * exported as CSV, Markdown and LaTeX ({@link org.clipsynergy.report.TableExport}), plotly charts
 * built with tablesaw-jsplot and plotly JSON ({@link org.clipsynergy.report.Charts}, {@link
 * org.clipsynergy.report.SeriesChart}: values written in heatmap cells, confidence intervals as
 * error bars, axes that fit their labels) written as self-contained HTML that renders offline and
 * as PNG ({@link org.clipsynergy.report.ChartWriter}), shown inline in a JJava notebook ({@link
 * org.clipsynergy.report.Html}), and collected under {@code figures/} with an {@code index.html}
 * ({@link org.clipsynergy.report.Figures}).
 *
 * <p>Charts never load anything from the network: the plotly.js bundle pinned in {@code
 * environment/node/package.json} is inlined into every page ({@link
 * org.clipsynergy.report.PlotlyBundle}). The PNG copy is a screenshot by headless Chromium ({@link
 * org.clipsynergy.report.HeadlessBrowser}); plotly draws in a browser, so a Java2D
 * re-implementation would show a different chart.
 *
 * <p>Limitation: without a Chromium binary (Debian package {@code chromium}) no PNG is written; the
 * HTML is, and a warning says so once per run.
 */
package org.clipsynergy.report;
