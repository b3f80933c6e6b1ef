package org.clipsynergy.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One dataset of the catalog, as validated from datasets.yaml; its class names and templates are
 * already read from their files.
 *
 * @param name the catalog name, e.g. {@code fashion-mnist}
 * @param title a human-readable title
 * @param reader how the files are read
 * @param variant the CIFAR variant ({@code cifar10} or {@code cifar100}) for the cifar-binary
 *     reader, empty otherwise
 * @param classesFile the class-name file, absolute
 * @param templatesFile the prompt-template file, absolute
 * @param classNames the class names in label order
 * @param templates the prompt templates, each with one {@code {}} class slot
 * @param splits split name to its files, in datasets.yaml order
 * @param source where the data comes from
 * @param licence the data's licence as its source states it
 * @param sha256 path relative to the data folder to the file's SHA-256 (lower-case hex), for files
 *     that are fixed
 */
public record DatasetEntry(
        String name,
        String title,
        ReaderKind reader,
        Optional<String> variant,
        Path classesFile,
        Path templatesFile,
        List<String> classNames,
        List<String> templates,
        Map<String, SplitSpec> splits,
        String source,
        String licence,
        Map<String, String> sha256) {

    /** Checks that nothing is null and makes the collections immutable. */
    public DatasetEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(classesFile, "classesFile");
        Objects.requireNonNull(templatesFile, "templatesFile");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(licence, "licence");
        classNames = List.copyOf(classNames);
        templates = List.copyOf(templates);
        splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
        sha256 = Map.copyOf(sha256);
    }

    /** The number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    /**
     * The files of one split.
     *
     * @param split the split name, e.g. {@code test}
     * @return its files
     * @throws IllegalArgumentException if the dataset has no such split; the message lists those it
     *     has
     */
    public SplitSpec split(String split) {
        SplitSpec spec = splits.get(split);
        if (spec == null) {
            throw new IllegalArgumentException(
                    "dataset " + name + " has no split '" + split + "'; it has " + splits.keySet());
        }
        return spec;
    }
}
