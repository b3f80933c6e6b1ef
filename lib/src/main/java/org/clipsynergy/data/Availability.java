package org.clipsynergy.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Whether one split of a catalog dataset can be read on this machine, and if not, why.
 *
 * @param dataset the catalog name
 * @param split the split name
 * @param available true when every file the split needs is present
 * @param expected the absolute paths the split needs (files or folders)
 * @param reason what is missing and how to get it; empty when available
 */
public record Availability(
        String dataset, String split, boolean available, List<Path> expected, String reason) {

    /** Checks that nothing is null. */
    public Availability {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(reason, "reason");
        expected = List.copyOf(expected);
    }

    /**
     * One line for listings: {@code mnist/test: available} or {@code cifar10/test: missing ...}.
     */
    @Override
    public String toString() {
        return dataset + "/" + split + ": " + (available ? "available" : "unavailable, " + reason);
    }
}
