package org.clipsynergy.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium, used to take the PNG copy of a chart page: it runs the page's JavaScript (so
 * plotly draws exactly what the HTML shows) and saves a screenshot of the given size.
 *
 * <p>The binary is, in order: the system property {@value #PROPERTY}, the environment variable
 * {@code CHROMIUM}, or the first of {@code chromium}, {@code chromium-browser}, {@code
 * google-chrome} on the {@code PATH}. Each screenshot uses a fresh temporary profile.
 */
public final class HeadlessBrowser {

    /** System property naming the Chromium binary. */
    public static final String PROPERTY = "clipsynergy.chromium";

    private static final List<String> CANDIDATES =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

    /** Longest a single screenshot may take, including browser start. */
    private static final long TIMEOUT_SECONDS = 120;

    /** Virtual time the page gets to run its scripts before the screenshot, in milliseconds. */
    private static final int SCRIPT_BUDGET_MS = 10_000;

    private final Path binary;

    /**
     * A browser at a known binary.
     *
     * @param binary the Chromium executable
     */
    public HeadlessBrowser(Path binary) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalArgumentException(
                    "Chromium binary " + binary + ": not an executable file");
        }
        this.binary = binary;
    }

    /**
     * The Chromium found by property, environment or {@code PATH}, if any.
     *
     * @return the browser, or empty when none is installed
     */
    public static Optional<HeadlessBrowser> find() {
        String configured = System.getProperty(PROPERTY, System.getenv("CHROMIUM"));
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new HeadlessBrowser(Path.of(configured)));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : CANDIDATES) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessBrowser(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /** The Chromium executable. */
    public Path binary() {
        return binary;
    }

    /**
     * Opens a local page headless and saves a PNG screenshot of its top-left corner.
     *
     * @param page the HTML file
     * @param png the PNG file to write (written to a temporary name, then renamed)
     * @param width the viewport width in pixels
     * @param height the viewport height in pixels
     * @throws IOException if Chromium fails, times out or writes no image
     */
    public void screenshot(Path page, Path png, int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("clip-synergy-chromium");
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp.png");
        Path log = profile.resolve("chromium.log");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.add("--headless");
        command.add("--no-sandbox");
        command.add("--disable-gpu");
        command.add("--hide-scrollbars");
        command.add("--no-first-run");
        command.add("--force-device-scale-factor=1");
        command.add("--virtual-time-budget=" + SCRIPT_BUDGET_MS);
        command.add("--user-data-dir=" + profile.resolve("profile"));
        command.add("--window-size=" + width + "," + height);
        command.add("--screenshot=" + tmp.toAbsolutePath());
        command.add(page.toAbsolutePath().toUri().toString());
        try {
            Process process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(
                        "Chromium screenshot of "
                                + page
                                + ": no result after "
                                + TIMEOUT_SECONDS
                                + " s");
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                throw new IOException(
                        "Chromium screenshot of "
                                + page
                                + ": exit status "
                                + process.exitValue()
                                + ", no image written; output: "
                                + tail(Files.readString(log, StandardCharsets.UTF_8)));
            }
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Chromium screenshot of " + page + ": interrupted", e);
        } finally {
            Files.deleteIfExists(tmp);
            deleteTree(profile);
        }
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
