package org.clipsynergy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where the project's files live: the root (the folder holding {@code datasets.yaml}) and the
 * folders for data, backbones, the feature cache and figures beneath it.
 *
 * <p>The root is, in order: the system property {@code clipsynergy.root}, the environment variable
 * {@code CLIP_SYNERGY_HOME}, or the nearest folder at or above the working directory that holds
 * {@code datasets.yaml}. Each sub-folder can be moved with its own property or variable ({@code
 * clipsynergy.data} / {@code CLIP_SYNERGY_DATA}, {@code clipsynergy.cache} / {@code
 * CLIP_SYNERGY_CACHE}, {@code clipsynergy.backbones} / {@code CLIP_SYNERGY_BACKBONES}).
 *
 * @param root the project root
 * @param data downloaded datasets
 * @param backbones exported and trained backbones, one folder each
 * @param cache the feature cache
 * @param figures tables and charts written by the report
 */
public record ProjectLayout(Path root, Path data, Path backbones, Path cache, Path figures) {

    /** The name of the dataset catalog file at the root. */
    public static final String CATALOG_FILE = "datasets.yaml";

    /** Checks that no folder is null. */
    public ProjectLayout {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(backbones, "backbones");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(figures, "figures");
    }

    /**
     * The layout under a given root, with the default sub-folders {@code data/}, {@code
     * backbones/}, {@code cache/} and {@code figures/}.
     *
     * @param root the project root
     * @return the layout
     */
    public static ProjectLayout at(Path root) {
        Path r = root.toAbsolutePath().normalize();
        return new ProjectLayout(
                r,
                override("clipsynergy.data", "CLIP_SYNERGY_DATA", r.resolve("data")),
                override("clipsynergy.backbones", "CLIP_SYNERGY_BACKBONES", r.resolve("backbones")),
                override("clipsynergy.cache", "CLIP_SYNERGY_CACHE", r.resolve("cache")),
                r.resolve("figures"));
    }

    /**
     * The layout found from system properties, the environment or the working directory.
     *
     * @return the layout
     * @throws IllegalStateException if no root is configured and no {@code datasets.yaml} is found
     *     at or above the working directory
     */
    public static ProjectLayout discover() {
        return at(findRoot(System::getProperty, System::getenv, Path.of("").toAbsolutePath()));
    }

    /**
     * The project root: the property {@code clipsynergy.root}, else the variable {@code
     * CLIP_SYNERGY_HOME}, else the nearest folder at or above {@code workingDirectory} that holds
     * {@code datasets.yaml}. A blank setting counts as unset.
     *
     * @param properties system properties by name (null when unset)
     * @param environment environment variables by name (null when unset)
     * @param workingDirectory where the search for {@code datasets.yaml} starts
     * @return the root, absolute and normalised
     * @throws IllegalStateException if neither is set and no {@code datasets.yaml} is found
     */
    static Path findRoot(
            UnaryOperator<String> properties,
            UnaryOperator<String> environment,
            Path workingDirectory) {
        for (String configured :
                new String[] {
                    properties.apply("clipsynergy.root"), environment.apply("CLIP_SYNERGY_HOME")
                }) {
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured).toAbsolutePath().normalize();
            }
        }
        Path dir = workingDirectory.toAbsolutePath().normalize();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(CATALOG_FILE))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "cannot find the project root: no "
                        + CATALOG_FILE
                        + " at or above "
                        + dir
                        + "; set -Dclipsynergy.root=PATH or CLIP_SYNERGY_HOME");
    }

    /** The dataset catalog file, {@code datasets.yaml} at the root. */
    public Path catalog() {
        return root.resolve(CATALOG_FILE);
    }

    private static Path override(String property, String variable, Path fallback) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? fallback : Path.of(value).toAbsolutePath();
    }
}
