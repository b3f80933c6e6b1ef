package org.clipsynergy.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.clipsynergy.backbone.Backbone;
import org.clipsynergy.backbone.Backbones;
import org.jetbrains.bio.npy.NpyArray;
import org.jetbrains.bio.npy.NpyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A zero-shot classifier built from prompts, as in CLIP (Radford et al. 2021, "Learning
 * Transferable Visual Models From Natural Language Supervision", section 3.1.4).
 *
 * <p>For each class, every template is filled with the class name and encoded; the text embeddings
 * are L2-normalised, averaged and renormalised into one unit row per class. The logits of an image
 * are the backbone's logit scale times the cosine similarity of its normalised embedding with each
 * class row.
 */
public final class ZeroShotHead {

    private static final Logger LOG = LoggerFactory.getLogger(ZeroShotHead.class);
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String WEIGHTS_FILE = "weights.npy";
    private static final String META_FILE = "head.json";

    private final List<String> classNames;
    private final float[][] weights;
    private final double logitScale;
    private final String hash;

    /**
     * A head from precomputed class rows.
     *
     * @param classNames c class names, in label order
     * @param weights c x d unit rows, one per class
     * @param logitScale the multiplier of cosine similarities (the card's logit scale)
     * @param hash the hash of the class names and templates the rows came from
     */
    public ZeroShotHead(
            List<String> classNames, float[][] weights, double logitScale, String hash) {
        this.classNames = List.copyOf(classNames);
        if (weights.length != classNames.size()) {
            throw new IllegalArgumentException(
                    "zero-shot head: weight rows expected "
                            + classNames.size()
                            + " (one per class), got "
                            + weights.length);
        }
        if (!(logitScale > 0)) {
            throw new IllegalArgumentException(
                    "zero-shot head: logitScale must be > 0, got " + logitScale);
        }
        this.weights = weights;
        this.logitScale = logitScale;
        this.hash = Objects.requireNonNull(hash, "hash");
    }

    /**
     * Builds the head by encoding every template for every class.
     *
     * @param backbone the backbone whose text tower encodes the prompts
     * @param classNames c class names, in label order
     * @param templates t templates, each with one {@code {}} slot
     * @return the head
     */
    public static ZeroShotHead build(
            Backbone backbone, List<String> classNames, List<String> templates) {
        if (classNames.isEmpty() || templates.isEmpty()) {
            throw new IllegalArgumentException(
                    "zero-shot head: needs at least one class and one template, got "
                            + classNames.size()
                            + " classes and "
                            + templates.size()
                            + " templates");
        }
        float[][] rows = new float[classNames.size()][];
        for (int c = 0; c < rows.length; c++) {
            float[][] texts =
                    backbone.encodeTexts(PromptTemplates.fillAll(templates, classNames.get(c)));
            double[] mean = new double[texts[0].length];
            for (float[] t : texts) {
                double norm = norm(t);
                for (int j = 0; j < mean.length; j++) {
                    mean[j] += t[j] / norm;
                }
            }
            rows[c] = unit(mean);
        }
        return new ZeroShotHead(
                classNames, rows, backbone.card().logitScale(), hash(classNames, templates));
    }

    /**
     * The head of a backbone for a dataset, read from the cache when built before from the same
     * card, class names and templates, else built and stored there.
     *
     * @param backbone the backbone
     * @param cardHash the hash of the backbone's card ({@link Backbones#cardHash})
     * @param dataset the dataset's name (a folder name in the cache)
     * @param classNames class names, in label order
     * @param templates templates with one {@code {}} slot
     * @param cacheRoot the feature cache folder; heads go to {@code heads/<backbone>/<dataset>/}
     * @return the head
     * @throws IOException if the cache cannot be read or written
     */
    public static ZeroShotHead cached(
            Backbone backbone,
            String cardHash,
            String dataset,
            List<String> classNames,
            List<String> templates,
            Path cacheRoot)
            throws IOException {
        String h = hash(classNames, templates);
        Path dir =
                cacheRoot
                        .resolve("heads")
                        .resolve(backbone.card().name())
                        .resolve(dataset)
                        .resolve(h.substring(0, 16));
        Path weightsFile = dir.resolve(WEIGHTS_FILE);
        Path metaFile = dir.resolve(META_FILE);
        if (Files.isRegularFile(weightsFile) && Files.isRegularFile(metaFile)) {
            Map<?, ?> meta = JSON.readValue(metaFile.toFile(), Map.class);
            if (cardHash.equals(meta.get("cardHash")) && h.equals(meta.get("headHash"))) {
                return new ZeroShotHead(
                        classNames,
                        readRows(weightsFile, classNames.size()),
                        backbone.card().logitScale(),
                        h);
            }
            LOG.info("zero-shot head {} is stale (other card or prompts): rebuilding", dir);
        }
        long start = System.nanoTime();
        ZeroShotHead head = build(backbone, classNames, templates);
        head.store(dir, cardHash);
        LOG.info(
                "built zero-shot head of {} for {}: {} classes x {} templates in {} s",
                backbone.card().name(),
                dataset,
                classNames.size(),
                templates.size(),
                String.format("%.1f", (System.nanoTime() - start) / 1e9));
        return head;
    }

    /**
     * The hash identifying a set of class names and templates.
     *
     * @param classNames class names, in order
     * @param templates templates, in order
     * @return SHA-256 hex of both lists
     */
    public static String hash(List<String> classNames, List<String> templates) {
        String text =
                "classes\u0000"
                        + String.join("\u0000", classNames)
                        + "\u0001templates\u0000"
                        + String.join("\u0000", templates);
        return Backbones.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Zero-shot logits of images.
     *
     * @param imageFeatures n x d image embeddings, L2-normalised
     * @return n x c logits: logit scale times cosine similarity
     */
    public float[][] logits(float[][] imageFeatures) {
        float[][] out = new float[imageFeatures.length][weights.length];
        for (int i = 0; i < imageFeatures.length; i++) {
            float[] x = imageFeatures[i];
            if (x.length != dimension()) {
                throw new IllegalArgumentException(
                        "zero-shot head: image feature "
                                + i
                                + " must have "
                                + dimension()
                                + " values, got "
                                + x.length);
            }
            for (int c = 0; c < weights.length; c++) {
                double dot = 0;
                for (int j = 0; j < x.length; j++) {
                    dot += x[j] * weights[c][j];
                }
                out[i][c] = (float) (logitScale * dot);
            }
        }
        return out;
    }

    /**
     * Checks that the head classifies exactly a dataset's classes.
     *
     * @param dataset the dataset's name, for the message
     * @param datasetClasses the dataset's class names, in label order
     * @throws IllegalArgumentException if the count or a name differs
     */
    public void requireClasses(String dataset, List<String> datasetClasses) {
        if (datasetClasses.size() != classNames.size()) {
            throw new IllegalArgumentException(
                    "zero-shot head for "
                            + dataset
                            + ": class count expected "
                            + datasetClasses.size()
                            + " (the dataset's), got "
                            + classNames.size());
        }
        for (int c = 0; c < classNames.size(); c++) {
            if (!classNames.get(c).equals(datasetClasses.get(c))) {
                throw new IllegalArgumentException(
                        "zero-shot head for "
                                + dataset
                                + ": class "
                                + c
                                + " expected '"
                                + datasetClasses.get(c)
                                + "', got '"
                                + classNames.get(c)
                                + "'");
            }
        }
    }

    /** The class names, in label order. */
    public List<String> classNames() {
        return classNames;
    }

    /** The class rows: c x d, unit length, one per class (a copy). */
    public float[][] weights() {
        float[][] copy = new float[weights.length][];
        for (int c = 0; c < weights.length; c++) {
            copy[c] = weights[c].clone();
        }
        return copy;
    }

    /** The number of classes. */
    public int numClasses() {
        return weights.length;
    }

    /** The embedding size. */
    public int dimension() {
        return weights[0].length;
    }

    /** The multiplier of cosine similarities. */
    public double logitScale() {
        return logitScale;
    }

    /** The hash of the class names and templates ({@link #hash(List, List)}). */
    public String hash() {
        return hash;
    }

    /**
     * Scales a vector to unit length.
     *
     * @param v the vector
     * @return a new unit vector
     * @throws IllegalArgumentException if the vector is zero or not finite
     */
    public static float[] normalize(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return unit(d);
    }

    private void store(Path dir, String cardHash) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(WEIGHTS_FILE + ".tmp-" + UUID.randomUUID());
        float[] flat = new float[weights.length * dimension()];
        for (int c = 0; c < weights.length; c++) {
            System.arraycopy(weights[c], 0, flat, c * dimension(), dimension());
        }
        NpyFile.write(tmp, flat, new int[] {weights.length, dimension()});
        Files.move(tmp, dir.resolve(WEIGHTS_FILE), StandardCopyOption.ATOMIC_MOVE);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("cardHash", cardHash);
        meta.put("headHash", hash);
        meta.put("classNames", classNames);
        Path metaTmp = dir.resolve(META_FILE + ".tmp-" + UUID.randomUUID());
        JSON.writeValue(metaTmp.toFile(), meta);
        Files.move(metaTmp, dir.resolve(META_FILE), StandardCopyOption.ATOMIC_MOVE);
    }

    private static float[][] readRows(Path file, int expectedRows) throws IOException {
        NpyArray a = NpyFile.read(file, Integer.MAX_VALUE);
        int[] shape = a.getShape();
        if (shape.length != 2 || shape[0] != expectedRows) {
            throw new IOException(
                    file
                            + ": shape expected ["
                            + expectedRows
                            + ", d] (one row per class), got "
                            + Arrays.toString(shape));
        }
        float[] flat = a.asFloatArray();
        List<float[]> rows = new ArrayList<>();
        for (int c = 0; c < shape[0]; c++) {
            rows.add(Arrays.copyOfRange(flat, c * shape[1], (c + 1) * shape[1]));
        }
        return rows.toArray(new float[0][]);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    private static float[] unit(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        double n = Math.sqrt(s);
        if (!(n > 0) || !Double.isFinite(n)) {
            throw new IllegalArgumentException(
                    "cannot normalise a vector of norm " + n + " (zero or not finite)");
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }
}
