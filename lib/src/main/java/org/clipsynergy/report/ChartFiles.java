package org.clipsynergy.report;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The files written for one chart.
 *
 * @param html the self-contained HTML page
 * @param png the PNG screenshot of the same page, empty when no browser was available
 */
public record ChartFiles(Path html, Optional<Path> png) {

    /** Checks that neither field is null. */
    public ChartFiles {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(png, "png");
    }
}
