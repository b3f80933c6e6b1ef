package org.clipsynergy.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.clipsynergy.ProjectLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datasets the project knows, read and validated from datasets.yaml (its schema is documented
 * at the top of that file), and the way to open them.
 *
 * <p>Loading checks the catalog itself: unknown keys, missing fields, unknown readers, class and
 * template files (present, one class slot {@code {}} per template, as many class names as {@code
 * num_classes} says). Each error names the catalog file, the entry, the field and what was
 * expected. The data files are not needed to load: {@link #availability} says whether a split can
 * be read and {@link #open} fails only then.
 */
public final class DatasetCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetCatalog.class);

    /** The class slot every prompt template holds once. */
    public static final String CLASS_SLOT = "{}";

    private static final Set<String> TOP_KEYS = Set.of("datasets");
    private static final Set<String> ENTRY_KEYS =
            Set.of(
                    "name",
                    "title",
                    "reader",
                    "variant",
                    "classes",
                    "templates",
                    "num_classes",
                    "source",
                    "licence",
                    "splits",
                    "sha256");
    private static final List<String> REQUIRED_ENTRY_KEYS =
            List.of(
                    "name",
                    "title",
                    "reader",
                    "classes",
                    "templates",
                    "num_classes",
                    "source",
                    "licence",
                    "splits");
    private static final Set<String> SPLIT_KEYS =
            Set.of("images", "labels", "folder", "manifest", "batches", "size");
    private static final Set<String> CIFAR_VARIANTS = Set.of("cifar10", "cifar100");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** The datasets the embedded fetcher provides, for the hint in unavailability reasons. */
    private static final Set<String> FETCHED_BY_SCRIPT = Set.of("mnist", "fashion-mnist");

    private final Path catalogFile;
    private final Path dataFolder;
    private final Map<String, DatasetEntry> entries;
    private final DecodePolicy decodePolicy;

    private DatasetCatalog(
            Path catalogFile,
            Path dataFolder,
            Map<String, DatasetEntry> entries,
            DecodePolicy decodePolicy) {
        this.catalogFile = catalogFile;
        this.dataFolder = dataFolder;
        this.entries = entries;
        this.decodePolicy = decodePolicy;
    }

    /**
     * Loads the project's catalog: {@code datasets.yaml} at the layout's root, data in its data
     * folder.
     *
     * @param layout the project layout
     * @return the validated catalog
     * @throws IOException if the catalog or a class or template file cannot be read
     * @throws IllegalArgumentException if the catalog is invalid; the message names entry and field
     */
    public static DatasetCatalog load(ProjectLayout layout) throws IOException {
        Path file = layout.catalog().toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            String property = System.getProperty("clipsynergy.root");
            String home = System.getenv("CLIP_SYNERGY_HOME");
            String from =
                    property != null && !property.isBlank()
                            ? " (the project root, from -Dclipsynergy.root=" + property + ")"
                            : home != null && !home.isBlank()
                                    ? " (the project root, from CLIP_SYNERGY_HOME=" + home + ")"
                                    : "";
            throw new NoSuchFileException(
                    file.toString(), null, "dataset catalog not found in " + layout.root() + from);
        }
        return load(layout.catalog(), layout.data());
    }

    /**
     * Loads a catalog file whose data folder is the default one beside it ({@code data/}, or the
     * {@code clipsynergy.data} / {@code CLIP_SYNERGY_DATA} override).
     *
     * @param yaml the catalog file
     * @return the validated catalog
     * @throws IOException if the catalog or a class or template file cannot be read
     * @throws IllegalArgumentException if the catalog is invalid; the message names entry and field
     */
    public static DatasetCatalog load(Path yaml) throws IOException {
        Path parent = yaml.toAbsolutePath().normalize().getParent();
        return load(yaml, ProjectLayout.at(parent).data());
    }

    /**
     * Loads a catalog file with an explicit data folder. Class and template paths are relative to
     * the catalog file's folder; split paths are relative to the data folder.
     *
     * @param yaml the catalog file
     * @param dataFolder the folder the split paths are relative to
     * @return the validated catalog
     * @throws IOException if the catalog or a class or template file cannot be read
     * @throws IllegalArgumentException if the catalog is invalid; the message names entry and field
     */
    public static DatasetCatalog load(Path yaml, Path dataFolder) throws IOException {
        Path file = yaml.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "dataset catalog not found");
        }
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid YAML" + yamlProblem(e), e);
        }
        Map<String, DatasetEntry> entries = new Parser(file).parse(root);
        LOG.info("catalog {}: {} datasets", file, entries.size());
        return new DatasetCatalog(
                file, dataFolder.toAbsolutePath().normalize(), entries, DecodePolicy.FAIL);
    }

    /**
     * The same catalog with another policy for undecodable images in the datasets it opens.
     *
     * @param policy skip (warn and count) or fail
     * @return a catalog that opens datasets with that policy
     */
    public DatasetCatalog withDecodePolicy(DecodePolicy policy) {
        return new DatasetCatalog(
                catalogFile, dataFolder, entries, Objects.requireNonNull(policy, "policy"));
    }

    /** The policy for undecodable images in the datasets this catalog opens. */
    public DecodePolicy decodePolicy() {
        return decodePolicy;
    }

    /** The catalog file, absolute. */
    public Path catalogFile() {
        return catalogFile;
    }

    /** The folder split paths are relative to, absolute. */
    public Path dataFolder() {
        return dataFolder;
    }

    /** The dataset names, in catalog order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /**
     * One dataset's entry.
     *
     * @param name the catalog name
     * @return the entry
     * @throws IllegalArgumentException if the catalog has no such dataset; the message lists those
     *     it has
     */
    public DatasetEntry entry(String name) {
        DatasetEntry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException(
                    catalogFile + " has no dataset '" + name + "'; it has " + entries.keySet());
        }
        return entry;
    }

    /**
     * Whether one split can be read here: all its files present, or which is missing and how to get
     * it. Never throws for missing data.
     *
     * @param name the catalog name
     * @param split the split name
     * @return the availability with the expected paths
     * @throws IllegalArgumentException if the dataset or split is not in the catalog
     */
    public Availability availability(String name, String split) {
        DatasetEntry entry = entry(name);
        SplitSpec spec = entry.split(split);
        List<Path> expected = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        for (String key : entry.reader().splitKeys()) {
            for (String relative : spec.files().get(key)) {
                Path path = dataFolder.resolve(relative).normalize();
                expected.add(path);
                boolean present =
                        entry.reader() == ReaderKind.IMAGE_FOLDER
                                ? Files.isDirectory(path)
                                : Files.isRegularFile(path);
                if (!present) {
                    missing.add(path);
                }
            }
        }
        if (missing.isEmpty()) {
            return new Availability(name, split, true, expected, "");
        }
        String hint =
                FETCHED_BY_SCRIPT.contains(name)
                        ? "run `python3 environment/fetch_data.py` (make data)"
                        : "prepare it from " + entry.source() + " as datasets.yaml describes";
        String reason = "missing " + missing.get(0);
        if (missing.size() > 1) {
            reason += " and " + (missing.size() - 1) + " more";
        }
        return new Availability(name, split, false, expected, reason + "; " + hint);
    }

    /**
     * Every split of every dataset with its availability, in catalog order.
     *
     * @return one availability per (dataset, split)
     */
    public List<Availability> availabilities() {
        List<Availability> all = new ArrayList<>();
        for (DatasetEntry entry : entries.values()) {
            for (String split : entry.splits().keySet()) {
                all.add(availability(entry.name(), split));
            }
        }
        return all;
    }

    /**
     * Opens one split for streaming with the catalog's decode policy.
     *
     * @param name the catalog name
     * @param split the split name
     * @return the dataset split
     * @throws IOException if the split is unavailable (the message says which path is missing) or
     *     its files are malformed (the message names the file and what was expected)
     * @throws IllegalArgumentException if the dataset or split is not in the catalog
     */
    public ImageDataset open(String name, String split) throws IOException {
        Availability availability = availability(name, split);
        if (!availability.available()) {
            throw new NoSuchFileException(
                    availability.expected().get(0).toString(),
                    null,
                    "dataset " + name + " split " + split + " is " + availability);
        }
        DatasetEntry entry = entry(name);
        SplitSpec spec = entry.split(split);
        ImageDataset dataset =
                switch (entry.reader()) {
                    case IDX -> IdxDataset.open(entry, spec, dataFolder);
                    case IMAGE_FOLDER ->
                            FileListDataset.imageFolder(entry, spec, dataFolder, decodePolicy);
                    case CSV_MANIFEST ->
                            FileListDataset.csvManifest(entry, spec, dataFolder, decodePolicy);
                    case CIFAR_BINARY -> CifarBinaryDataset.open(entry, spec, dataFolder);
                };
        checkSize(entry, spec, dataset);
        if (dataset instanceof StreamingDataset streaming) {
            Map<Path, String> checksums = new LinkedHashMap<>();
            for (String relative : spec.allFiles()) {
                String expected = entry.sha256().get(relative);
                if (expected != null) {
                    checksums.put(dataFolder.resolve(relative), expected);
                }
            }
            streaming.setChecksums(checksums);
        }
        LOG.info(
                "opened {}/{}: {} images, {} classes, reader {}",
                name,
                split,
                dataset.size(),
                entry.numClasses(),
                entry.reader().id());
        return dataset;
    }

    /**
     * Checks the SHA-256 of every file of a split whose value datasets.yaml fixes (its {@code
     * sha256} field); files without a fixed value are not read.
     *
     * @param name the catalog name
     * @param split the split name
     * @return the number of files checked
     * @throws IOException if a file cannot be read or its SHA-256 differs; the message names the
     *     file, the expected and the actual value
     * @throws IllegalArgumentException if the dataset or split is not in the catalog
     */
    public int verifyChecksums(String name, String split) throws IOException {
        DatasetEntry entry = entry(name);
        int checked = 0;
        for (String relative : entry.split(split).allFiles()) {
            String expected = entry.sha256().get(relative);
            if (expected == null) {
                continue;
            }
            Checksums.verify(dataFolder.resolve(relative), expected, name);
            checked++;
        }
        LOG.info("{}/{}: SHA-256 of {} file(s) verified", name, split, checked);
        return checked;
    }

    private static void checkSize(DatasetEntry entry, SplitSpec spec, ImageDataset dataset)
            throws IOException {
        OptionalInt expected = spec.expectedSize();
        if (expected.isPresent() && expected.getAsInt() != dataset.size()) {
            throw new IOException(
                    "dataset "
                            + entry.name()
                            + " split "
                            + spec.name()
                            + ": datasets.yaml field 'size' says "
                            + expected.getAsInt()
                            + " images, the files hold "
                            + dataset.size());
        }
    }

    /** Turns the YAML tree into entries, failing with the entry and field on the first error. */
    private static final class Parser {
        private final Path file;
        private final Path base;

        Parser(Path file) {
            this.file = file;
            this.base = file.getParent();
        }

        Map<String, DatasetEntry> parse(JsonNode root) throws IOException {
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException(file + ": expected a mapping with 'datasets'");
            }
            checkKeys(root, TOP_KEYS, "(top level)");
            JsonNode list = root.get("datasets");
            if (list == null || !list.isArray()) {
                throw new IllegalArgumentException(
                        file + ": field 'datasets' must be a list of entries");
            }
            Map<String, DatasetEntry> entries = new LinkedHashMap<>();
            int position = 0;
            for (JsonNode node : list) {
                DatasetEntry entry = entry(node, position++);
                if (entries.put(entry.name(), entry) != null) {
                    throw error(entry.name(), "name", "appears twice; names must be unique");
                }
            }
            return entries;
        }

        private DatasetEntry entry(JsonNode node, int position) throws IOException {
            String where = "#" + position;
            if (!node.isObject()) {
                throw error(where, "(entry)", "expected a mapping, got " + node.getNodeType());
            }
            if (node.hasNonNull("name")) {
                where = node.get("name").asText();
            }
            checkKeys(node, ENTRY_KEYS, where);
            for (String key : REQUIRED_ENTRY_KEYS) {
                if (!node.hasNonNull(key)) {
                    throw error(where, key, "is required");
                }
            }
            String name = text(node, "name", where);
            if (!NAME.matcher(name).matches()) {
                throw error(name, "name", "must match " + NAME + ", got '" + name + "'");
            }
            String readerId = text(node, "reader", name);
            ReaderKind reader =
                    ReaderKind.fromId(readerId)
                            .orElseThrow(
                                    () ->
                                            error(
                                                    name,
                                                    "reader",
                                                    "unknown reader '"
                                                            + readerId
                                                            + "'; expected one of "
                                                            + ReaderKind.ids()));
            Optional<String> variant = variant(node, name, reader);
            int numClasses = integer(node, "num_classes", name, 1);
            Path classesFile = base.resolve(text(node, "classes", name)).normalize();
            Path templatesFile = base.resolve(text(node, "templates", name)).normalize();
            List<String> classNames = lines(classesFile, name, "classes");
            if (classNames.size() != numClasses) {
                throw error(
                        name,
                        "num_classes",
                        "says "
                                + numClasses
                                + " classes, but "
                                + classesFile
                                + " (field 'classes') has "
                                + classNames.size()
                                + " class names");
            }
            List<String> templates = lines(templatesFile, name, "templates");
            checkSlots(templates, templatesFile, name);
            return new DatasetEntry(
                    name,
                    text(node, "title", name),
                    reader,
                    variant,
                    classesFile,
                    templatesFile,
                    classNames,
                    templates,
                    splits(node.get("splits"), name, reader),
                    text(node, "source", name),
                    text(node, "licence", name),
                    checksums(node.get("sha256"), name));
        }

        private void checkSlots(List<String> templates, Path templatesFile, String name) {
            for (int i = 0; i < templates.size(); i++) {
                String t = templates.get(i);
                int slots = t.split(Pattern.quote(CLASS_SLOT), -1).length - 1;
                if (slots != 1) {
                    throw error(
                            name,
                            "templates",
                            templatesFile
                                    + " line "
                                    + (i + 1)
                                    + " '"
                                    + t
                                    + "' must hold the class slot "
                                    + CLASS_SLOT
                                    + " exactly once, has it "
                                    + slots
                                    + " times");
                }
            }
        }

        private Optional<String> variant(JsonNode node, String name, ReaderKind reader) {
            if (reader != ReaderKind.CIFAR_BINARY) {
                if (node.has("variant")) {
                    throw error(
                            name, "variant", "is only for reader cifar-binary, not " + reader.id());
                }
                return Optional.empty();
            }
            if (!node.hasNonNull("variant")) {
                throw error(
                        name, "variant", "is required for reader cifar-binary: " + CIFAR_VARIANTS);
            }
            String variant = text(node, "variant", name);
            if (!CIFAR_VARIANTS.contains(variant)) {
                throw error(
                        name,
                        "variant",
                        "must be one of " + CIFAR_VARIANTS + ", got '" + variant + "'");
            }
            return Optional.of(variant);
        }

        private Map<String, SplitSpec> splits(JsonNode node, String name, ReaderKind reader) {
            if (!node.isObject() || node.isEmpty()) {
                throw error(name, "splits", "must map split names to their files");
            }
            Map<String, SplitSpec> splits = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> split = it.next();
                splits.put(split.getKey(), split(split.getKey(), split.getValue(), name, reader));
            }
            return splits;
        }

        private SplitSpec split(String split, JsonNode node, String name, ReaderKind reader) {
            String field = "splits." + split;
            if (!node.isObject()) {
                throw error(name, field, "must be a mapping of file keys to paths");
            }
            checkKeys(node, SPLIT_KEYS, name + "', field '" + field);
            Map<String, List<String>> files = new LinkedHashMap<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!key.equals("size") && !reader.splitKeys().contains(key)) {
                    throw error(
                            name,
                            field + "." + key,
                            "is not used by reader "
                                    + reader.id()
                                    + ", which needs "
                                    + reader.splitKeys());
                }
            }
            for (String key : reader.splitKeys()) {
                JsonNode value = node.get(key);
                if (value == null || value.isNull()) {
                    throw error(name, field + "." + key, "is required by reader " + reader.id());
                }
                List<String> paths = new ArrayList<>();
                if (key.equals("batches")) {
                    if (!value.isArray() || value.isEmpty()) {
                        throw error(name, field + "." + key, "must be a non-empty list of paths");
                    }
                    value.forEach(v -> paths.add(v.asText()));
                } else if (value.isTextual()) {
                    paths.add(value.asText());
                } else {
                    throw error(name, field + "." + key, "must be a path, got " + value);
                }
                files.put(key, paths);
            }
            OptionalInt size =
                    node.has("size")
                            ? OptionalInt.of(integer(node, "size", name + "', field '" + field, 0))
                            : OptionalInt.empty();
            return new SplitSpec(split, files, size);
        }

        private Map<String, String> checksums(JsonNode node, String name) {
            Map<String, String> sums = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return sums;
            }
            if (!node.isObject()) {
                throw error(name, "sha256", "must map file paths to SHA-256 values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String value = e.getValue().asText();
                if (!SHA256.matcher(value).matches()) {
                    throw error(
                            name,
                            "sha256." + e.getKey(),
                            "must be 64 lower-case hex digits, got '" + value + "'");
                }
                sums.put(e.getKey(), value);
            }
            return sums;
        }

        private List<String> lines(Path path, String name, String field) throws IOException {
            if (!Files.isRegularFile(path)) {
                throw error(name, field, "file " + path + " does not exist");
            }
            List<String> lines = new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8));
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    throw error(name, field, "file " + path + " line " + (i + 1) + " is empty");
                }
            }
            if (lines.isEmpty()) {
                throw error(name, field, "file " + path + " is empty");
            }
            return lines;
        }

        private String text(JsonNode node, String key, String name) {
            JsonNode value = node.get(key);
            if (value == null || !value.isValueNode() || value.asText().isBlank()) {
                throw error(name, key, "must be a non-empty text, got " + value);
            }
            return value.asText();
        }

        private int integer(JsonNode node, String key, String name, int min) {
            JsonNode value = node.get(key);
            if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
                throw error(name, key, "must be a whole number, got " + value);
            }
            int v = value.asInt();
            if (v < min) {
                throw error(name, key, "must be >= " + min + ", got " + v);
            }
            return v;
        }

        private void checkKeys(JsonNode node, Set<String> allowed, String where) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    throw error(
                            where,
                            key,
                            "unknown key; allowed: " + allowed.stream().sorted().toList());
                }
            }
        }

        private IllegalArgumentException error(String entry, String field, String problem) {
            return new IllegalArgumentException(
                    file + ": entry '" + entry + "', field '" + field + "': " + problem);
        }
    }

    /** A YAML parser's error on one line: where, then what ("at line 37, column 17: ..."). */
    static String yamlProblem(IOException e) {
        String message =
                e instanceof com.fasterxml.jackson.core.JacksonException j
                                && j.getOriginalMessage() != null
                        ? j.getOriginalMessage()
                        : String.valueOf(e.getMessage());
        java.util.regex.Matcher at =
                java.util.regex.Pattern.compile("line (\\d+), column (\\d+)").matcher(message);
        String what = message.lines().findFirst().orElse("").strip();
        return (at.find() ? " at line " + at.group(1) + ", column " + at.group(2) : "")
                + ": "
                + what;
    }
}
