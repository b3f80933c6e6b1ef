package org.clipsynergy.data;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

/**
 * One split of a labelled image dataset, read as a stream so that no split is ever held in memory
 * whole.
 */
public interface ImageDataset {

    /** The catalog name of the dataset, e.g. {@code mnist}. */
    String name();

    /** The split, e.g. {@code train} or {@code test}. */
    String split();

    /** The class names, in label order. */
    List<String> classNames();

    /** The prompt templates for zero-shot classification, each with one {@code {}} class slot. */
    List<String> templates();

    /** The number of images in the split. */
    int size();

    /**
     * Every label of the split in index order, without decoding any image.
     *
     * @return n labels, one per image
     */
    int[] labels();

    /**
     * Streams the images from {@code fromIndex} to the end, in index order. The caller closes the
     * stream. Unreadable images are skipped with a warning or fail the stream, as the catalog's
     * decoding policy says; skipped indices are absent from the stream.
     *
     * @param fromIndex the first index, 0 for all
     * @return the samples
     */
    Stream<Sample> stream(int fromIndex);

    /**
     * A short hash of what identifies this split's content (file names, sizes and checksums, or the
     * catalog's SHA-256 values): a cache entry made from a different fingerprint is stale.
     */
    String fingerprint();

    /**
     * Checks the content of this split's files whose SHA-256 datasets.yaml fixes, so that nothing
     * is computed from a file that changed since it was fetched (a file's size is checked on open,
     * its content only here). Each file is read once per JVM while it is unchanged.
     *
     * @return the number of files checked (0 for readers whose files have no fixed checksum)
     * @throws IOException if a file cannot be read or differs; the message names the file, the
     *     actual and the expected value
     */
    default int verifyFiles() throws IOException {
        return 0;
    }

    /**
     * The images this dataset skipped as undecodable under {@link DecodePolicy#SKIP}, counted over
     * all its streams so far. Readers of raw pixels (IDX, CIFAR binary) never skip, and return an
     * empty report.
     */
    default DecodeReport decodeReport() {
        return new DecodeReport();
    }
}
