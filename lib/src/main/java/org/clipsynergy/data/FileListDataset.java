package org.clipsynergy.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A split stored as one encoded image file per sample, listed either by an image folder (a
 * subfolder per class) or by a CSV manifest. Only the file list and labels are held in memory;
 * images are decoded one at a time by {@link ImageDecoder}. An undecodable file fails the stream or
 * is skipped with a warning and counted in {@link #decodeReport()}, as the {@link DecodePolicy}
 * says.
 */
final class FileListDataset extends StreamingDataset {

    private static final Logger LOG = LoggerFactory.getLogger(FileListDataset.class);

    /** The file extensions an image folder lists, as torchvision's ImageFolder does. */
    static final Set<String> IMAGE_EXTENSIONS =
            Set.of(".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp");

    /** The CSV manifest's header columns. */
    static final String PATH_COLUMN = "path";

    /** The CSV manifest's label column. */
    static final String LABEL_COLUMN = "label";

    private final List<Path> files;
    private final Path base;
    private final DecodePolicy policy;
    private final DecodeReport report = new DecodeReport();
    private final String fingerprint;

    private FileListDataset(
            DatasetEntry entry,
            String split,
            int[] labels,
            List<Path> files,
            Path base,
            DecodePolicy policy,
            String fingerprint) {
        super(entry, split, labels);
        this.files = List.copyOf(files);
        this.base = base;
        this.policy = policy;
        this.fingerprint = fingerprint;
    }

    /**
     * Lists an image folder: its subfolders, in sorted name order, are the classes; each one's
     * image files (by extension, searched recursively, hidden files left out) in sorted path order.
     *
     * @throws IOException if the number of class subfolders differs from the catalog's class count;
     *     the message names the folder and both counts
     */
    static FileListDataset imageFolder(
            DatasetEntry entry, SplitSpec spec, Path dataFolder, DecodePolicy policy)
            throws IOException {
        Path root = dataFolder.resolve(spec.file("folder"));
        List<Path> classDirs;
        try (Stream<Path> list = Files.list(root)) {
            classDirs =
                    list.filter(Files::isDirectory)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted()
                            .toList();
        }
        if (classDirs.size() != entry.numClasses()) {
            throw new IOException(
                    root
                            + " has "
                            + classDirs.size()
                            + " class subfolders, but datasets.yaml entry '"
                            + entry.name()
                            + "' has "
                            + entry.numClasses()
                            + " classes");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classDirs.size(); c++) {
            try (Stream<Path> walk = Files.walk(classDirs.get(c))) {
                List<Path> images = walk.filter(FileListDataset::isImageFile).sorted().toList();
                files.addAll(images);
                for (int i = 0; i < images.size(); i++) {
                    labels.add(c);
                }
            }
        }
        return create(entry, spec, labels, files, root, policy);
    }

    /**
     * Reads a CSV manifest with a {@code path,label} header; paths are relative to the manifest's
     * folder, labels are class indices from 0.
     *
     * @throws IOException if the header is wrong, a label is not a class index, or a listed file
     *     does not exist; the message names the manifest and the record
     */
    static FileListDataset csvManifest(
            DatasetEntry entry, SplitSpec spec, Path dataFolder, DecodePolicy policy)
            throws IOException {
        Path manifest = dataFolder.resolve(spec.file("manifest"));
        Path base = manifest.toAbsolutePath().getParent();
        CSVFormat format =
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8);
                CSVParser parser = format.parse(reader)) {
            List<String> header = parser.getHeaderNames();
            if (!header.equals(List.of(PATH_COLUMN, LABEL_COLUMN))) {
                throw new IOException(
                        manifest
                                + ": header must be 'path,label', got "
                                + String.join(",", header));
            }
            for (CSVRecord record : parser) {
                String where = manifest + " line " + parser.getCurrentLineNumber();
                if (!record.isConsistent()) {
                    throw new IOException(where + ": expected 2 fields, got " + record.size());
                }
                Path file = base.resolve(record.get(PATH_COLUMN)).normalize();
                if (!Files.isRegularFile(file)) {
                    throw new IOException(where + ": image file " + file + " does not exist");
                }
                int label;
                try {
                    label = Integer.parseInt(record.get(LABEL_COLUMN).trim());
                } catch (NumberFormatException e) {
                    throw new IOException(
                            where
                                    + ": label must be a class index, got '"
                                    + record.get(LABEL_COLUMN)
                                    + "'",
                            e);
                }
                if (label < 0 || label >= entry.numClasses()) {
                    throw new IOException(
                            where
                                    + ": label "
                                    + label
                                    + " is not a class index, expected 0 to "
                                    + (entry.numClasses() - 1));
                }
                files.add(file);
                labels.add(label);
            }
        }
        return create(entry, spec, labels, files, base, policy);
    }

    private static FileListDataset create(
            DatasetEntry entry,
            SplitSpec spec,
            List<Integer> labelList,
            List<Path> files,
            Path base,
            DecodePolicy policy)
            throws IOException {
        int[] labels = labelList.stream().mapToInt(Integer::intValue).toArray();
        checkLabels(labels, entry, base.toString());
        Fingerprint fp = new Fingerprint(entry, spec.name());
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            fp.add(base.relativize(file).toString()).add(Files.size(file)).add(labels[i]);
        }
        return new FileListDataset(entry, spec.name(), labels, files, base, policy, fp.value());
    }

    private static boolean isImageFile(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Files.isRegularFile(p)
                && !name.startsWith(".")
                && dot > 0
                && IMAGE_EXTENSIONS.contains(name.substring(dot).toLowerCase(Locale.ROOT));
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public DecodeReport decodeReport() {
        return report;
    }

    @Override
    Cursor cursor(int fromIndex) {
        int[] labels = labels();
        return new Cursor() {
            private int next = fromIndex;

            @Override
            public Sample next() throws IOException {
                while (next < labels.length) {
                    int index = next++;
                    Path file = files.get(index);
                    String origin = base.relativize(file).toString();
                    try {
                        BufferedImage image = ImageDecoder.decode(file);
                        return new Sample(index, image, labels[index], origin);
                    } catch (IOException e) {
                        if (policy == DecodePolicy.FAIL) {
                            throw new IOException(
                                    name()
                                            + "/"
                                            + split()
                                            + " image "
                                            + index
                                            + ": "
                                            + e.getMessage()
                                            + " (set DecodePolicy.SKIP to skip such files)",
                                    e);
                        }
                        report.add(
                                new DecodeReport.Skipped(index, file.toString(), e.getMessage()));
                        LOG.warn(
                                "{}/{}: skipped image {} ({}), {} skipped so far: {}",
                                name(),
                                split(),
                                index,
                                file,
                                report.skippedCount(),
                                e.getMessage());
                    }
                }
                return null;
            }

            @Override
            public void close() {}
        };
    }
}
