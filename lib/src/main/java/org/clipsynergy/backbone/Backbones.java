package org.clipsynergy.backbone;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.clipsynergy.JsonErrors;

/**
 * Finds and opens backbone folders: the registry behind names like {@code RN50} in the CLI and
 * notebooks.
 *
 * <p>A backbone folder holds a {@code card.json} and the files of one format, recognised by their
 * presence: {@code model.pt} is a TorchScript export ({@link TorchScriptBackbone}); {@code
 * weights.params} with {@code architecture.json} is a member of the project's own mini zoo (package
 * {@code org.clipsynergy.backbone.mini}).
 */
public final class Backbones {

    /** The card file every backbone folder holds. */
    public static final String CARD_FILE = "card.json";

    /** The weights file of a mini-zoo member. */
    public static final String MINI_WEIGHTS_FILE = "weights.params";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Backbones.class);

    static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Backbones() {}

    /**
     * Opens a backbone folder with the default options.
     *
     * @param folder the folder
     * @return the backbone; close it after use
     * @throws IOException if the card or the model is missing or unreadable
     */
    public static Backbone open(Path folder) throws IOException {
        return open(folder, BackboneOptions.defaults());
    }

    /**
     * Opens a backbone folder, choosing the loader by the files present.
     *
     * @param folder the folder
     * @param options device and precision
     * @return the backbone; close it after use
     * @throws IOException if the card is missing or unreadable, or no known model file is present
     */
    public static Backbone open(Path folder, BackboneOptions options) throws IOException {
        BackboneCard card = readCard(folder); // fail first, and clearly, on a bad card
        nameMismatch(folder, card).ifPresent(LOG::warn);
        Path model = folder.resolve(TorchScriptBackbone.MODEL_FILE);
        if (Files.isRegularFile(model)) {
            checkWeights(card, model);
            return TorchScriptBackbone.load(folder, options);
        }
        Path mini = folder.resolve(MINI_WEIGHTS_FILE);
        if (Files.isRegularFile(mini)) {
            checkMiniPrecision(folder, options);
            checkWeights(card, mini);
            return org.clipsynergy.backbone.mini.MiniBackbone.open(
                    folder, options.resolveDevice(ai.djl.engine.Engine.getInstance()));
        }
        throw new IOException(
                folder
                        + ": no model file: expected "
                        + TorchScriptBackbone.MODEL_FILE
                        + " (TorchScript) or "
                        + MINI_WEIGHTS_FILE
                        + " (mini zoo)");
    }

    /**
     * The warning for a card whose {@code name} differs from its folder's name, or empty when they
     * agree. {@link #open} logs it at WARN.
     *
     * <p>A difference is warned about, not refused. The folder name is the backbone's identity
     * everywhere that matters (the CLI's {@code --backbones}, cache keys, tables and figures); the
     * card's name only shows in logs and as the engine's model name. Copying or renaming a folder,
     * e.g. to keep {@code ViT-B-32} and a half-precision {@code ViT-B-32-fp16} export side by side,
     * is legitimate, and refusing it would force an edit of {@code card.json}, whose hash keys the
     * cache, so that every cached feature of the backbone would be recomputed.
     *
     * @param folder the backbone folder
     * @param card its card
     * @return the warning, naming the card file, the field and both names
     */
    public static java.util.Optional<String> nameMismatch(Path folder, BackboneCard card) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        if (name == null || name.toString().equals(card.name())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                folder.resolve(CARD_FILE)
                        + ": field 'name' is '"
                        + card.name()
                        + "', expected the folder's name '"
                        + name
                        + "'; the folder name is used (CLI, cache, tables), the card's only in"
                        + " logs");
    }

    /**
     * The precision a backbone folder computes in when opened with some options, without loading
     * the model: the cache key of its features depends on it.
     *
     * @param folder the folder
     * @param options device and precision
     * @return the requested precision, else the exported one ({@code export.json}, fp32 when
     *     absent); always fp32 for a mini-zoo member
     * @throws IOException if {@code export.json} is unreadable
     * @throws IllegalArgumentException if fp16 is requested of a mini-zoo member
     */
    public static Precision precision(Path folder, BackboneOptions options) throws IOException {
        if (Files.isRegularFile(folder.resolve(TorchScriptBackbone.MODEL_FILE))) {
            return TorchScriptBackbone.precisionFor(folder, options);
        }
        checkMiniPrecision(folder, options);
        return Precision.FP32;
    }

    /**
     * Every backbone folder directly under a folder: those holding a {@code card.json}, except
     * hidden ones (a name starting with a dot: a zoo member still being written).
     *
     * @param backbonesDir e.g. {@link org.clipsynergy.ProjectLayout#backbones()}
     * @return the folders, sorted by name; empty if the folder does not exist
     * @throws IOException if the folder cannot be listed
     */
    public static List<Path> list(Path backbonesDir) throws IOException {
        if (!Files.isDirectory(backbonesDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(backbonesDir)) {
            return children.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isRegularFile(p.resolve(CARD_FILE)))
                    .sorted()
                    .toList();
        }
    }

    /**
     * The folder of a backbone by name.
     *
     * @param backbonesDir the folder holding backbone folders
     * @param name the backbone's folder name, e.g. {@code RN50}
     * @return the folder
     * @throws IOException if there is no such backbone; the message lists those available
     */
    public static Path resolve(Path backbonesDir, String name) throws IOException {
        Path folder = backbonesDir.resolve(name);
        if (!Files.isRegularFile(folder.resolve(CARD_FILE))) {
            List<String> known =
                    list(backbonesDir).stream().map(p -> p.getFileName().toString()).toList();
            throw new IOException(
                    "backbone '"
                            + name
                            + "': no "
                            + CARD_FILE
                            + " in "
                            + folder
                            + "; available in "
                            + backbonesDir
                            + ": "
                            + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
        return folder;
    }

    /**
     * Reads and validates the card of a backbone folder.
     *
     * @param folder the folder
     * @return the card
     * @throws IOException if {@code card.json} is missing, is not JSON, or a field is invalid; the
     *     message names the file and the field
     */
    public static BackboneCard readCard(Path folder) throws IOException {
        Path file = folder.resolve(CARD_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(
                    file + ": missing; every backbone folder needs its card (see BackboneCard)");
        }
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": invalid card: " + JsonErrors.describe(e), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IOException(file + ": invalid card: expected a JSON object of card fields");
        }
        for (String field : REQUIRED_CARD_FIELDS) {
            if (!tree.hasNonNull(field)) {
                throw new IOException(file + ": invalid card: field '" + field + "' is missing");
            }
        }
        try {
            return JSON.treeToValue(tree, BackboneCard.class);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": invalid card: " + JsonErrors.describe(e), e);
        }
    }

    /** Card fields without a sensible default: a card without one is refused, naming it. */
    static final List<String> REQUIRED_CARD_FIELDS =
            List.of(
                    "name",
                    "inputSize",
                    "mean",
                    "std",
                    "interpolation",
                    "resizeMode",
                    "embeddingSize",
                    "contextLength",
                    "logitScale",
                    "gflops");

    /**
     * The SHA-256 of a backbone folder's {@code card.json} content: a cache entry made under
     * another hash is stale.
     *
     * @param folder the folder
     * @return 64 hex digits
     * @throws IOException if the card cannot be read
     */
    public static String cardHash(Path folder) throws IOException {
        Path file = folder.resolve(CARD_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing; every backbone folder needs its card");
        }
        return sha256(Files.readAllBytes(file));
    }

    /**
     * The SHA-256 of some bytes, as hex.
     *
     * @param bytes the bytes
     * @return 64 hex digits
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Checks the weights file against the card's {@code weightsSha256}, when the card gives one:
     * the cache is keyed by the card, so weights changed behind an unchanged card would otherwise
     * be served stale features.
     *
     * @param card the card
     * @param weights the weights file it describes
     * @throws IOException if the file cannot be read or its SHA-256 differs (naming both)
     */
    public static void checkWeights(BackboneCard card, Path weights) throws IOException {
        String expected = card.weightsSha256();
        if (expected == null || expected.isBlank()) {
            return;
        }
        String actual;
        try (var in =
                new java.security.DigestInputStream(
                        new java.io.BufferedInputStream(Files.newInputStream(weights)),
                        MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            actual = HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        if (!actual.equalsIgnoreCase(expected)) {
            throw new IOException(
                    weights
                            + ": SHA-256 "
                            + actual
                            + " differs from the card's field 'weightsSha256' "
                            + expected
                            + "; the weights changed without their card (export or train again)");
        }
    }

    /**
     * Refuses a precision other than fp32 for a mini-zoo member: its weights are trained and stored
     * in fp32 and its DJL blocks are not cast, so fp16 would be a silent fp32 run under an fp16
     * cache key. (The device is honoured: the member's weights and inputs live on it.)
     */
    private static void checkMiniPrecision(Path folder, BackboneOptions options) {
        Precision p = options.precision().orElse(Precision.FP32);
        if (p != Precision.FP32) {
            throw new IllegalArgumentException(
                    folder
                            + ": precision expected fp32 for a mini-zoo member (its weights are"
                            + " trained and run in fp32 only; fp16 applies to TorchScript"
                            + " exports), got "
                            + p);
        }
    }
}
