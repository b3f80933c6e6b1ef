package org.clipsynergy.backbone.mini;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.clipsynergy.backbone.Backbone;
import org.clipsynergy.backbone.BackboneCard;
import org.clipsynergy.text.ClipTokenizer;

/**
 * A member of the project's mini zoo as a {@link Backbone}: a DJL dual encoder loaded from a folder
 * holding {@value #CARD_FILE}, {@value #ARCHITECTURE_FILE}, {@value #VOCABULARY_FILE} and {@value
 * #WEIGHTS_FILE}.
 *
 * <p>Texts are tokenized by the standard CLIP tokenizer to the card's context length; ids the
 * member never saw in training share one "unknown" embedding (see {@link TokenVocabulary}). Both
 * encoders are safe to call from several threads (calls are serialised).
 */
public final class MiniBackbone implements Backbone {

    /** The card, {@link BackboneCard} fields as JSON. */
    public static final String CARD_FILE = "card.json";

    /** The architecture hyperparameters, {@link MiniArchitecture} fields as JSON. */
    public static final String ARCHITECTURE_FILE = "architecture.json";

    /** The CLIP token ids the text tower has rows for, a JSON array. */
    public static final String VOCABULARY_FILE = "vocabulary.json";

    /** The weights in DJL's parameter format (including batch-norm running statistics). */
    public static final String WEIGHTS_FILE = "weights.params";

    /** Images encoded per engine call. */
    static final int IMAGE_BATCH = 256;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BackboneCard card;
    private final MiniArchitecture architecture;
    private final TokenVocabulary vocabulary;
    private final DualEncoder encoder;
    private final NDManager manager;
    private final ClipTokenizer tokenizer;
    private final boolean owning;
    private final DirectInput imageInput = new DirectInput();
    private final DirectInput idInput = new DirectInput();
    private final DirectInput endInput = new DirectInput();

    private MiniBackbone(
            BackboneCard card,
            MiniArchitecture architecture,
            TokenVocabulary vocabulary,
            DualEncoder encoder,
            NDManager manager,
            ClipTokenizer tokenizer,
            boolean owning) {
        this.card = card;
        this.architecture = architecture;
        this.vocabulary = vocabulary;
        this.encoder = encoder;
        this.manager = manager;
        this.tokenizer = tokenizer;
        this.owning = owning;
    }

    /**
     * Whether a folder holds a zoo member (its architecture and weights files).
     *
     * @param folder a backbone folder
     * @return true if {@link #open} can load it
     */
    public static boolean isMember(Path folder) {
        return Files.isRegularFile(folder.resolve(ARCHITECTURE_FILE))
                && Files.isRegularFile(folder.resolve(WEIGHTS_FILE));
    }

    /**
     * Loads a zoo member.
     *
     * @param folder the member's folder
     * @return the backbone; close it after use
     * @throws IOException if a file is missing or malformed (the message names it)
     */
    public static MiniBackbone open(Path folder) throws IOException {
        return open(folder, null);
    }

    /**
     * Loads a zoo member onto a device: its weights and every input live there.
     *
     * @param folder the member's folder
     * @param device the device, or null for the engine's default (the first GPU if any, else the
     *     CPU)
     * @return the backbone; close it after use
     * @throws IOException if a file is missing or malformed (the message names it)
     */
    public static MiniBackbone open(Path folder, ai.djl.Device device) throws IOException {
        BackboneCard card = org.clipsynergy.backbone.Backbones.readCard(folder);
        MiniArchitecture architecture =
                readJson(folder.resolve(ARCHITECTURE_FILE), MiniArchitecture.class);
        TokenVocabulary vocabulary =
                new TokenVocabulary(
                        readJson(
                                folder.resolve(VOCABULARY_FILE),
                                new TypeReference<List<Integer>>() {}));
        checkCard(folder, card, architecture);
        NDManager manager =
                device == null ? NDManager.newBaseManager() : NDManager.newBaseManager(device);
        ClipTokenizer tokenizer = null;
        try {
            DualEncoder encoder = newEncoder(architecture, vocabulary, manager);
            Path weights = folder.resolve(WEIGHTS_FILE);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(weights));
                    DataInputStream data = new DataInputStream(in)) {
                encoder.loadParameters(manager, data);
            } catch (MalformedModelException | RuntimeException e) {
                throw new IOException(
                        weights + ": not the weights of " + architecture + ": " + e.getMessage(),
                        e);
            }
            tokenizer = ClipTokenizer.standard();
            return new MiniBackbone(
                    card, architecture, vocabulary, encoder, manager, tokenizer, true);
        } catch (IOException | RuntimeException e) {
            manager.close();
            if (tokenizer != null) {
                tokenizer.close();
            }
            throw e;
        }
    }

    /**
     * Checks that a member's card agrees with its {@code architecture.json}, which the weights
     * follow.
     *
     * @param folder the member's folder
     * @param card its card
     * @param architecture its architecture
     * @throws IOException naming the card file, the field and both values, if they differ
     */
    static void checkCard(Path folder, BackboneCard card, MiniArchitecture architecture)
            throws IOException {
        requireSame(folder, "contextLength", architecture.contextLength(), card.contextLength());
        requireSame(folder, "embeddingSize", architecture.embeddingSize(), card.embeddingSize());
        requireSame(folder, "inputSize", MiniArchitecture.INPUT_SIZE, card.inputSize());
    }

    /** A card field that must agree with its architecture. */
    private static void requireSame(Path folder, String field, int architecture, int card)
            throws IOException {
        if (card != architecture) {
            throw new IOException(
                    folder.resolve(CARD_FILE)
                            + ": field '"
                            + field
                            + "' must equal the architecture's "
                            + architecture
                            + " ("
                            + folder.resolve(ARCHITECTURE_FILE)
                            + "), got "
                            + card);
        }
    }

    /** A view of a model still in training, for evaluation; closing it releases nothing. */
    static MiniBackbone view(
            BackboneCard card,
            MiniArchitecture architecture,
            TokenVocabulary vocabulary,
            DualEncoder encoder,
            NDManager manager,
            ClipTokenizer tokenizer) {
        return new MiniBackbone(card, architecture, vocabulary, encoder, manager, tokenizer, false);
    }

    /** A freshly initialised dual encoder of the given architecture. */
    static DualEncoder newEncoder(
            MiniArchitecture architecture, TokenVocabulary vocabulary, NDManager manager) {
        DualEncoder encoder = new DualEncoder(architecture, vocabulary.rows());
        int s = MiniArchitecture.INPUT_SIZE;
        int l = architecture.contextLength();
        encoder.initialize(
                manager, DataType.FLOAT32, new Shape(1, 3, s, s), new Shape(1, l), new Shape(1, l));
        return encoder;
    }

    @Override
    public BackboneCard card() {
        return card;
    }

    /** The device the member's weights and inputs live on. */
    public ai.djl.Device device() {
        return manager.getDevice();
    }

    /** The architecture hyperparameters. */
    public MiniArchitecture architecture() {
        return architecture;
    }

    @Override
    public synchronized float[][] encodeImages(float[] pixels, int n) {
        org.clipsynergy.TorchThreads.noGradients();
        Objects.requireNonNull(pixels, "pixels");
        int s = card.inputSize();
        int stride = 3 * s * s;
        if (n < 0 || pixels.length != n * stride) {
            throw new IllegalArgumentException(
                    card.name()
                            + ": pixels must hold n x 3 x "
                            + s
                            + " x "
                            + s
                            + " = "
                            + ((long) n * stride)
                            + " values for n = "
                            + n
                            + ", got "
                            + pixels.length);
        }
        float[][] out = new float[n][];
        ParameterStore store = new ParameterStore(manager, false);
        for (int start = 0; start < n; start += IMAGE_BATCH) {
            int count = Math.min(IMAGE_BATCH, n - start);
            try (NDManager batch = manager.newSubManager()) {
                NDArray images =
                        imageInput.floats(
                                batch,
                                pixels,
                                start * stride,
                                count * stride,
                                new Shape(count, 3, s, s));
                copyRows(encoder.encodeImages(store, images, false), out, start);
            }
        }
        return out;
    }

    @Override
    public synchronized float[][] encodeTexts(List<String> texts) {
        org.clipsynergy.TorchThreads.noGradients();
        Objects.requireNonNull(texts, "texts");
        int m = texts.size();
        float[][] out = new float[m][];
        if (m == 0) {
            return out;
        }
        int l = architecture.contextLength();
        long[] rows = new long[m * l];
        float[] ends = new float[m * l];
        vocabulary.map(tokenizer.encode(texts, l), rows, ends);
        try (NDManager batch = manager.newSubManager()) {
            NDArray ids = idInput.longs(batch, rows, m * l, new Shape(m, l));
            NDArray end = endInput.floats(batch, ends, 0, m * l, new Shape(m, l));
            ParameterStore store = new ParameterStore(manager, false);
            copyRows(encoder.encodeTexts(store, ids, end, false), out, 0);
        }
        return out;
    }

    private static void copyRows(NDArray embeddings, float[][] out, int start) {
        int rows = (int) embeddings.getShape().get(0);
        int d = (int) embeddings.getShape().get(1);
        float[] flat = embeddings.toFloatArray();
        for (int i = 0; i < rows; i++) {
            out[start + i] = new float[d];
            System.arraycopy(flat, i * d, out[start + i], 0, d);
        }
    }

    static <T> T readJson(Path file, Class<T> type) throws IOException {
        requireFile(file);
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(
                    file
                            + ": not a valid "
                            + type.getSimpleName()
                            + ": "
                            + org.clipsynergy.JsonErrors.describe(e),
                    e);
        }
    }

    static <T> T readJson(Path file, TypeReference<T> type) throws IOException {
        requireFile(file);
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(
                    file + ": not valid: " + org.clipsynergy.JsonErrors.describe(e), e);
        }
    }

    private static void requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("zoo member file " + file + " does not exist");
        }
    }

    /** Releases the weights and the tokenizer (nothing, for a view of a model in training). */
    @Override
    public void close() {
        if (owning) {
            manager.close();
            tokenizer.close();
        }
    }
}
