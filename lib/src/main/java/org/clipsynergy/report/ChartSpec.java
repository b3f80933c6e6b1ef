package org.clipsynergy.report;

import java.util.Objects;

/**
 * What a chart says and how large it is: a title that says what is shown, labelled axes, and a
 * fixed size in CSS pixels (the same for the HTML page and the PNG copy).
 *
 * @param title the chart title
 * @param xTitle the x-axis label, with its unit where it has one
 * @param yTitle the y-axis label, with its unit where it has one
 * @param width the width in pixels, 200 to 4000
 * @param height the height in pixels, 150 to 4000
 */
public record ChartSpec(String title, String xTitle, String yTitle, int width, int height) {

    /** Default width in pixels. */
    public static final int DEFAULT_WIDTH = 900;

    /** Default height in pixels. */
    public static final int DEFAULT_HEIGHT = 560;

    /** Checks that the title and both axis labels are non-blank and the size is in range. */
    public ChartSpec {
        requireText(title, "title");
        requireText(xTitle, "xTitle");
        requireText(yTitle, "yTitle");
        if (width < 200 || width > 4000) {
            throw new IllegalArgumentException(
                    "chart '" + title + "': width expected 200 to 4000 px, got " + width);
        }
        if (height < 150 || height > 4000) {
            throw new IllegalArgumentException(
                    "chart '" + title + "': height expected 150 to 4000 px, got " + height);
        }
    }

    /**
     * A chart of the default size.
     *
     * @param title the chart title
     * @param xTitle the x-axis label
     * @param yTitle the y-axis label
     * @return the spec
     */
    public static ChartSpec of(String title, String xTitle, String yTitle) {
        return new ChartSpec(title, xTitle, yTitle, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * The same chart with another size.
     *
     * @param newWidth the width in pixels
     * @param newHeight the height in pixels
     * @return the resized spec
     */
    public ChartSpec withSize(int newWidth, int newHeight) {
        return new ChartSpec(title, xTitle, yTitle, newWidth, newHeight);
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException("chart spec: " + field + " must not be blank");
        }
        if (value.indexOf('\'') >= 0 || value.indexOf('\\') >= 0) {
            // tablesaw-jsplot writes titles into single-quoted JavaScript strings unescaped.
            throw new IllegalArgumentException(
                    "chart spec: " + field + " must not contain ' or \\, got: " + value);
        }
    }
}
