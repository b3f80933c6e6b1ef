package org.clipsynergy.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images a dataset skipped because they could not be decoded under {@link DecodePolicy#SKIP}:
 * how many, and which (origin and reason). Safe to read while a stream runs.
 */
public final class DecodeReport {

    /**
     * One skipped image.
     *
     * @param index the image's index in its split
     * @param origin the file it came from
     * @param reason why it could not be decoded
     */
    public record Skipped(int index, String origin, String reason) {}

    private final Map<Integer, Skipped> skipped = new LinkedHashMap<>();

    /** Creates an empty report. */
    public DecodeReport() {}

    /** Records one skipped image; an image skipped again by a later stream counts once. */
    synchronized void add(Skipped s) {
        skipped.putIfAbsent(s.index(), s);
    }

    /** The number of distinct images skipped so far, over every stream of the dataset. */
    public synchronized int skippedCount() {
        return skipped.size();
    }

    /** The images skipped so far, in the order they were met. */
    public synchronized List<Skipped> skipped() {
        return List.copyOf(skipped.values());
    }

    @Override
    public synchronized String toString() {
        return skipped.size()
                + " image(s) skipped"
                + (skipped.isEmpty() ? "" : ": " + skipped.values());
    }
}
