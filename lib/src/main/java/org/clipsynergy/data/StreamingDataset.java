package org.clipsynergy.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The common part of the catalog's readers: names, classes, labels and the stream plumbing over a
 * reader-specific {@link Cursor} that yields samples one at a time.
 */
abstract class StreamingDataset implements ImageDataset {

    /** Reads samples in index order from one position; closed by the stream's close. */
    interface Cursor extends Closeable {
        /**
         * The next sample, or null at the end.
         *
         * @throws IOException if the files cannot be read (or an image cannot be decoded under
         *     {@link DecodePolicy#FAIL})
         */
        Sample next() throws IOException;
    }

    private final DatasetEntry entry;
    private final String split;
    private final int[] labels;
    private volatile Map<Path, String> checksums = Map.of();

    StreamingDataset(DatasetEntry entry, String split, int[] labels) {
        this.entry = Objects.requireNonNull(entry, "entry");
        this.split = Objects.requireNonNull(split, "split");
        this.labels = labels;
    }

    /** Opens a cursor at {@code fromIndex}, which is within [0, size]. */
    abstract Cursor cursor(int fromIndex) throws IOException;

    /** Sets the files whose SHA-256 datasets.yaml fixes, checked by {@link #verifyFiles}. */
    void setChecksums(Map<Path, String> checksums) {
        this.checksums = Map.copyOf(checksums);
    }

    @Override
    public int verifyFiles() throws IOException {
        for (Map.Entry<Path, String> file : checksums.entrySet()) {
            Checksums.verify(file.getKey(), file.getValue(), entry.name());
        }
        return checksums.size();
    }

    /** The catalog entry this split belongs to. */
    DatasetEntry entry() {
        return entry;
    }

    @Override
    public String name() {
        return entry.name();
    }

    @Override
    public String split() {
        return split;
    }

    @Override
    public List<String> classNames() {
        return entry.classNames();
    }

    @Override
    public List<String> templates() {
        return entry.templates();
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public Stream<Sample> stream(int fromIndex) {
        if (fromIndex < 0 || fromIndex > size()) {
            throw new IndexOutOfBoundsException(
                    name()
                            + "/"
                            + split
                            + ": fromIndex must be in [0, "
                            + size()
                            + "], got "
                            + fromIndex);
        }
        Cursor cursor;
        try {
            cursor = cursor(fromIndex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Spliterator<Sample> spliterator =
                new Spliterators.AbstractSpliterator<>(
                        size() - fromIndex, Spliterator.ORDERED | Spliterator.NONNULL) {
                    @Override
                    public boolean tryAdvance(Consumer<? super Sample> action) {
                        Sample sample;
                        try {
                            sample = cursor.next();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        if (sample == null) {
                            return false;
                        }
                        action.accept(sample);
                        return true;
                    }
                };
        return StreamSupport.stream(spliterator, false)
                .onClose(
                        () -> {
                            try {
                                cursor.close();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
    }

    /** Checks that every label is a class of the entry; names the origin of a bad one. */
    static void checkLabels(int[] labels, DatasetEntry entry, String origin) throws IOException {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= entry.numClasses()) {
                throw new IOException(
                        origin
                                + ": label of image "
                                + i
                                + " is "
                                + labels[i]
                                + ", expected 0 to "
                                + (entry.numClasses() - 1)
                                + " ("
                                + entry.name()
                                + " has "
                                + entry.numClasses()
                                + " classes)");
            }
        }
    }

    @Override
    public String toString() {
        return name() + "/" + split + " (" + size() + " images)";
    }
}
