package org.clipsynergy.data;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a dataset's files are read: the {@code reader} field of a datasets.yaml entry. */
public enum ReaderKind {
    /**
     * IDX files (the MNIST layout), raw or gzipped; split keys {@code images} and {@code labels}.
     */
    IDX("idx", List.of("images", "labels")),
    /** One subfolder per class, in sorted order; split key {@code folder}. */
    IMAGE_FOLDER("image-folder", List.of("folder")),
    /** A CSV file with a {@code path,label} header; split key {@code manifest}. */
    CSV_MANIFEST("csv-manifest", List.of("manifest")),
    /** CIFAR-10 or CIFAR-100 binary batches; split key {@code batches}, a list. */
    CIFAR_BINARY("cifar-binary", List.of("batches"));

    private final String id;
    private final List<String> splitKeys;

    ReaderKind(String id, List<String> splitKeys) {
        this.id = id;
        this.splitKeys = splitKeys;
    }

    /** The name used in datasets.yaml, e.g. {@code image-folder}. */
    public String id() {
        return id;
    }

    /** The file keys every split of this reader must give, e.g. {@code images, labels}. */
    public List<String> splitKeys() {
        return splitKeys;
    }

    /**
     * The reader with a datasets.yaml name.
     *
     * @param id the name, e.g. {@code idx}
     * @return the reader, or empty when no reader has that name
     */
    public static Optional<ReaderKind> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** The datasets.yaml names of all readers, for messages. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ReaderKind::id).toList();
    }
}
