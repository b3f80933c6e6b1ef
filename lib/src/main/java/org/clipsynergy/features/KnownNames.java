package org.clipsynergy.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.clipsynergy.backbone.Backbones;
import org.clipsynergy.data.DatasetCatalog;

/**
 * Checks every backbone and dataset name of a request before any work starts, so that a typo in the
 * last name of a long list fails in a second, not after hours of extraction.
 */
public final class KnownNames {

    private KnownNames() {}

    /**
     * Checks that every backbone name is a folder with a card under {@code backbonesDir} and every
     * dataset name is in the catalog.
     *
     * @param backbonesDir the folder holding backbone folders, e.g. {@code backbones/}
     * @param catalog the dataset catalog
     * @param backbones the backbone names asked for
     * @param datasets the dataset names asked for
     * @throws IllegalArgumentException naming every name given twice, or every unknown name at once
     *     with the known ones of its kind and where they come from
     * @throws IOException if the backbone folder cannot be listed
     */
    public static void check(
            Path backbonesDir,
            DatasetCatalog catalog,
            List<String> backbones,
            List<String> datasets)
            throws IOException {
        List<String> repeated = new ArrayList<>();
        repeated(backbones).ifPresent(r -> repeated.add("backbone " + r));
        repeated(datasets).ifPresent(r -> repeated.add("dataset " + r));
        if (!repeated.isEmpty()) {
            throw new IllegalArgumentException(
                    "names given more than once, nothing was extracted: "
                            + String.join("; ", repeated));
        }
        List<String> knownBackbones =
                Backbones.list(backbonesDir).stream().map(p -> p.getFileName().toString()).toList();
        List<String> knownDatasets = catalog.names();
        List<String> problems = new ArrayList<>();
        unknown(backbones, knownBackbones)
                .ifPresent(
                        u ->
                                problems.add(
                                        "backbone "
                                                + u
                                                + " (known in "
                                                + backbonesDir
                                                + ": "
                                                + listOrNone(knownBackbones)
                                                + ")"));
        unknown(datasets, knownDatasets)
                .ifPresent(
                        u ->
                                problems.add(
                                        "dataset "
                                                + u
                                                + " (known in "
                                                + catalog.catalogFile()
                                                + ": "
                                                + listOrNone(knownDatasets)
                                                + ")"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown names, nothing was extracted: " + String.join("; ", problems));
        }
    }

    private static java.util.Optional<String> repeated(List<String> asked) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        LinkedHashSet<String> twice = new LinkedHashSet<>();
        for (String name : asked) {
            if (!seen.add(name)) {
                twice.add("'" + name + "'");
            }
        }
        return twice.isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(String.join(", ", twice));
    }

    private static java.util.Optional<String> unknown(List<String> asked, List<String> known) {
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        for (String name : asked) {
            if (!known.contains(name)) {
                missing.add("'" + name + "'");
            }
        }
        return missing.isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(String.join(", ", missing));
    }

    private static String listOrNone(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
