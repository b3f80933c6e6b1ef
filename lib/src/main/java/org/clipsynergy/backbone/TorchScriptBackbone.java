package org.clipsynergy.backbone;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.clipsynergy.text.ClipTokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backbone exported from open_clip as TorchScript, run by DJL's PyTorch engine.
 *
 * <p>The folder holds {@code model.pt} with the methods {@code encode_image(float[N,3,S,S]) ->
 * float[N,D]} and {@code encode_text(long[N,L]) -> float[N,D]}, {@code card.json} and optionally
 * {@code tokenizer.json} (else the standard CLIP tokenizer) and {@code export.json} (the device and
 * precision it was traced for). {@code environment/export_backbones.py} writes such folders.
 *
 * <p>Not thread-safe: one thread encodes at a time. Close it to free the native model.
 */
public final class TorchScriptBackbone implements Backbone {

    /** The TorchScript file of a backbone folder. */
    public static final String MODEL_FILE = "model.pt";

    /** The optional description of how {@code model.pt} was traced. */
    public static final String EXPORT_FILE = "export.json";

    /** The optional tokenizer of a backbone whose text tower is not standard CLIP. */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private static final Logger LOG = LoggerFactory.getLogger(TorchScriptBackbone.class);
    private static final String ENGINE = "PyTorch";

    private final Path folder;
    private final BackboneCard card;
    private final Model model;
    private final ClipTokenizer tokenizer;
    private final Device device;
    private final Precision precision;
    private ByteBuffer pixelBuffer = ByteBuffer.allocateDirect(0);

    private TorchScriptBackbone(
            Path folder,
            BackboneCard card,
            Model model,
            ClipTokenizer tokenizer,
            Device device,
            Precision precision) {
        this.folder = folder;
        this.card = card;
        this.model = model;
        this.tokenizer = tokenizer;
        this.device = device;
        this.precision = precision;
    }

    /**
     * Loads a backbone folder with the default options (a GPU if present, exported precision).
     *
     * @param folder the backbone folder
     * @return the backbone; close it after use
     * @throws IOException if a file is missing or unreadable; the message names it
     */
    public static TorchScriptBackbone load(Path folder) throws IOException {
        return load(folder, BackboneOptions.defaults());
    }

    /**
     * Loads a backbone folder.
     *
     * @param folder the backbone folder
     * @param options device and precision
     * @return the backbone; close it after use
     * @throws IOException if a file is missing or unreadable; the message names it
     * @throws IllegalArgumentException if the options do not fit the exported model (fp16 on a CPU,
     *     or a precision other than the one exported)
     */
    public static TorchScriptBackbone load(Path folder, BackboneOptions options)
            throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        BackboneCard card = Backbones.readCard(dir);
        Path modelFile = dir.resolve(MODEL_FILE);
        if (!Files.isRegularFile(modelFile)) {
            throw new IOException(modelFile + ": missing (a TorchScript backbone needs it)");
        }
        Engine engine = Engine.getEngine(ENGINE);
        Device device = options.resolveDevice(engine);
        JsonNode export = readExport(dir);
        Precision exported = exportedPrecision(dir, export);
        Precision precision = options.precision().orElse(exported);
        checkPrecision(dir, device, precision, exported);
        checkTracedDevice(dir, device, export);

        ClipTokenizer tokenizer = openTokenizer(dir);
        Model model = Model.newInstance(card.name(), device, ENGINE);
        try {
            model.load(dir, "model", Map.of("mapLocation", "true"));
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            tokenizer.close();
            throw new IOException(
                    modelFile + ": cannot be loaded as TorchScript: " + e.getMessage(), e);
        }
        LOG.info(
                "loaded backbone {} ({}, {} px, d={}) on {} in {}",
                card.name(),
                card.family(),
                card.inputSize(),
                card.embeddingSize(),
                device,
                precision);
        return new TorchScriptBackbone(dir, card, model, tokenizer, device, precision);
    }

    /**
     * The precision {@link #load(Path, BackboneOptions)} would run a folder in, without loading it.
     *
     * @param folder the backbone folder
     * @param options device and precision
     * @return the requested precision, else the exported one
     * @throws IOException if {@code export.json} is unreadable
     */
    static Precision precisionFor(Path folder, BackboneOptions options) throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        if (options.precision().isPresent()) {
            return options.precision().get();
        }
        return exportedPrecision(dir, readExport(dir));
    }

    @Override
    public BackboneCard card() {
        return card;
    }

    /** The folder the backbone was loaded from. */
    public Path folder() {
        return folder;
    }

    /** The device the model runs on. */
    public Device device() {
        return device;
    }

    /** The precision the model computes in. */
    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public float[][] encodeImages(float[] pixels, int n) {
        org.clipsynergy.TorchThreads.noGradients();
        int s = card.inputSize();
        long expected = (long) n * 3 * s * s;
        if (n < 1 || pixels.length != expected) {
            throw new IllegalArgumentException(
                    card.name()
                            + ": pixels must hold n x 3 x "
                            + s
                            + " x "
                            + s
                            + " = "
                            + expected
                            + " values for n = "
                            + n
                            + ", got "
                            + pixels.length);
        }
        try (NDManager manager = model.getNDManager().newSubManager(device)) {
            NDArray x = manager.create(fill(pixels), new Shape(n, 3, s, s), DataType.FLOAT32);
            if (precision != Precision.FP32) {
                x = x.toType(precision.dataType(), false);
            }
            return run(manager, "encode_image", x, n);
        }
    }

    /**
     * Encodes rows of token ids directly, bypassing the tokenizer.
     *
     * @param tokens m x L token ids, L the card's context length
     * @return m x d raw text embeddings
     */
    public float[][] encodeTokens(long[][] tokens) {
        org.clipsynergy.TorchThreads.noGradients();
        int m = tokens.length;
        int len = card.contextLength();
        long[] flat = new long[m * len];
        for (int i = 0; i < m; i++) {
            if (tokens[i].length != len) {
                throw new IllegalArgumentException(
                        card.name()
                                + ": token row "
                                + i
                                + " must have the card's contextLength "
                                + len
                                + " ids, got "
                                + tokens[i].length);
            }
            System.arraycopy(tokens[i], 0, flat, i * len, len);
        }
        try (NDManager manager = model.getNDManager().newSubManager(device)) {
            NDArray ids = manager.create(flat, new Shape(m, len));
            return run(manager, "encode_text", ids, m);
        }
    }

    @Override
    public float[][] encodeTexts(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        return encodeTokens(tokenizer.encode(texts, card.contextLength()));
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }

    @Override
    public String toString() {
        return "TorchScriptBackbone[" + card.name() + " on " + device + ", " + precision + "]";
    }

    private float[][] run(NDManager manager, String method, NDArray input, int rows) {
        NDArray name = manager.create("");
        name.setName("module_method:" + method);
        NDList out =
                model.getBlock()
                        .forward(
                                new ParameterStore(manager, false), new NDList(input, name), false);
        NDArray y = out.singletonOrThrow();
        Shape shape = y.getShape();
        if (shape.dimension() != 2 || shape.get(0) != rows) {
            throw new IllegalStateException(
                    folder.resolve(MODEL_FILE)
                            + ": "
                            + method
                            + " must return ["
                            + rows
                            + ", d], got "
                            + shape);
        }
        if (shape.get(1) != card.embeddingSize()) {
            throw new IllegalStateException(
                    folder.resolve(Backbones.CARD_FILE)
                            + ": field 'embeddingSize' is "
                            + card.embeddingSize()
                            + " but "
                            + MODEL_FILE
                            + "'s "
                            + method
                            + " returns "
                            + shape.get(1)
                            + " values per row");
        }
        float[] flat = y.toType(DataType.FLOAT32, false).toFloatArray();
        int d = card.embeddingSize();
        float[][] rowsOut = new float[rows][d];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * d, rowsOut[i], 0, d);
        }
        return rowsOut;
    }

    /** Copies pixels into a reused direct buffer (a fresh one per batch is freed only by GC). */
    private ByteBuffer fill(float[] pixels) {
        int bytes = pixels.length * Float.BYTES;
        if (pixelBuffer.capacity() < bytes) {
            pixelBuffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        pixelBuffer.clear();
        pixelBuffer.asFloatBuffer().put(pixels);
        pixelBuffer.limit(bytes);
        return pixelBuffer;
    }

    private static ClipTokenizer openTokenizer(Path dir) throws IOException {
        Path custom = dir.resolve(TOKENIZER_FILE);
        return Files.isRegularFile(custom) ? ClipTokenizer.load(custom) : ClipTokenizer.standard();
    }

    private static JsonNode readExport(Path dir) throws IOException {
        Path file = dir.resolve(EXPORT_FILE);
        if (!Files.isRegularFile(file)) {
            return Backbones.JSON.createObjectNode();
        }
        try {
            return Backbones.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private static Precision exportedPrecision(Path dir, JsonNode export) throws IOException {
        JsonNode p = export.get("precision");
        try {
            return p == null ? Precision.FP32 : Precision.parse(p.asText());
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    dir.resolve(EXPORT_FILE) + ": field 'precision' " + e.getMessage(), e);
        }
    }

    /** A model traced on a GPU may hold GPU-only constants: it needs a GPU to run. */
    private static void checkTracedDevice(Path dir, Device device, JsonNode export) {
        JsonNode traced = export.get("device");
        if (traced != null && "cuda".equals(traced.asText()) && !device.isGpu()) {
            throw new IllegalArgumentException(
                    dir.resolve(EXPORT_FILE)
                            + ": field 'device' is cuda (traced on a GPU), but the device is "
                            + device
                            + "; export the model again with --device cpu");
        }
    }

    private static void checkPrecision(
            Path dir, Device device, Precision precision, Precision exported) {
        Objects.requireNonNull(precision);
        if (precision == Precision.FP16 && !device.isGpu()) {
            throw new IllegalArgumentException(
                    dir + ": precision fp16 needs a GPU device, got " + device);
        }
        if (precision != exported) {
            throw new IllegalArgumentException(
                    dir.resolve(EXPORT_FILE)
                            + ": field 'precision' is "
                            + exported
                            + " but "
                            + precision
                            + " was requested; export the model again with --precision "
                            + precision);
        }
    }
}
