package org.clipsynergy.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The files of one split of a catalog dataset, as datasets.yaml lists them.
 *
 * @param name the split name, e.g. {@code train}
 * @param files file key ({@code images}, {@code labels}, {@code folder}, {@code manifest} or {@code
 *     batches}) to paths relative to the data folder; one path per key except {@code batches}
 * @param expectedSize the number of images the split must hold, when datasets.yaml states it
 */
public record SplitSpec(String name, Map<String, List<String>> files, OptionalInt expectedSize) {

    /** Checks the fields and makes the map immutable. */
    public SplitSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expectedSize, "expectedSize");
        files = Map.copyOf(files);
        if (expectedSize.isPresent() && expectedSize.getAsInt() < 0) {
            throw new IllegalArgumentException(
                    "split " + name + ": size must be >= 0, got " + expectedSize.getAsInt());
        }
    }

    /**
     * The single path under a file key.
     *
     * @param key the file key, e.g. {@code images}
     * @return the path relative to the data folder
     * @throws IllegalArgumentException if the split has no such key
     */
    public String file(String key) {
        List<String> paths = files.get(key);
        if (paths == null || paths.isEmpty()) {
            throw new IllegalArgumentException("split " + name + " has no file under " + key);
        }
        return paths.get(0);
    }

    /** Every path of the split, in key order then list order, relative to the data folder. */
    public List<String> allFiles() {
        return files.keySet().stream().sorted().flatMap(k -> files.get(k).stream()).toList();
    }
}
