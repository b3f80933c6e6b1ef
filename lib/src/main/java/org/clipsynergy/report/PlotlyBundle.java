package org.clipsynergy.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clipsynergy.ProjectLayout;

/**
 * The pinned plotly.js bundle that charts inline so they render without a network: {@code
 * plotly.min.js} from the npm package {@code plotly.js-dist-min}, installed by {@code make setup}
 * into {@code environment/node/node_modules}.
 *
 * <p>The version is pinned to the 2.x line in {@code environment/node/package.json}:
 * tablesaw-jsplot writes titles as plain strings ({@code title: '...'}, {@code titlefont}), which
 * plotly.js 3 no longer reads.
 */
public final class PlotlyBundle {

    /** Where {@code make setup} puts the bundle, relative to the project root. */
    public static final String RELATIVE_PATH =
            "environment/node/node_modules/plotly.js-dist-min/plotly.min.js";

    /** System property naming another bundle file. */
    public static final String PROPERTY = "clipsynergy.plotly";

    private static final Pattern VERSION = Pattern.compile("plotly\\.js v(\\d+\\.\\d+\\.\\d+)");

    private final Path file;
    private final String version;
    private String script;

    private PlotlyBundle(Path file, String version) {
        this.file = file;
        this.version = version;
    }

    /**
     * The bundle named by the system property {@value #PROPERTY}, else the one under the project
     * root ({@link ProjectLayout#discover()}).
     *
     * @return the bundle
     * @throws IOException if the file is missing or is not a plotly.js bundle
     */
    public static PlotlyBundle locate() throws IOException {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return load(Path.of(configured));
        }
        return load(ProjectLayout.discover().root().resolve(RELATIVE_PATH));
    }

    /**
     * The bundle in a given file.
     *
     * @param file a {@code plotly.min.js}
     * @return the bundle
     * @throws IOException if the file is missing or its header names no plotly.js version
     */
    public static PlotlyBundle load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(
                    "plotly.js bundle: no file "
                            + file
                            + "; run 'make setup' (it installs the"
                            + " pinned plotly.js-dist-min) or set -D"
                            + PROPERTY
                            + "=PATH");
        }
        String head;
        try (var in = Files.newInputStream(file)) {
            head = new String(in.readNBytes(512), StandardCharsets.UTF_8);
        }
        Matcher m = VERSION.matcher(head);
        if (!m.find()) {
            throw new IOException(
                    "plotly.js bundle "
                            + file
                            + ": expected a header naming 'plotly.js vX.Y.Z'"
                            + " in its first 512 bytes, found none");
        }
        return new PlotlyBundle(file.toAbsolutePath(), m.group(1));
    }

    /** The bundle file. */
    public Path file() {
        return file;
    }

    /** The plotly.js version from the bundle's header, e.g. {@code 2.35.3}. */
    public String version() {
        return version;
    }

    /**
     * The bundle's JavaScript source, read once.
     *
     * @return the script text
     */
    public synchronized String script() {
        if (script == null) {
            try {
                script = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("plotly.js bundle " + file + ": cannot read", e);
            }
        }
        return script;
    }
}
