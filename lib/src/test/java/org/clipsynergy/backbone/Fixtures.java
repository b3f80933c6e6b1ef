package org.clipsynergy.backbone;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jetbrains.bio.npy.NpyArray;
import org.jetbrains.bio.npy.NpyFile;

/**
 * The golden fixtures of two reduced-width open_clip models (a ViT and a ModifiedResNet with seeded
 * random weights), made by {@code environment/reference/make_backbone_fixtures.py} with open_clip
 * 3.3.0 and torch 2.7.1.
 */
public final class Fixtures {

    /** The model folders under the fixture root. */
    public static final List<String> MODELS = List.of("tiny-vit", "tiny-rn");

    private Fixtures() {}

    /** The fixture root, {@code org/clipsynergy/backbone} on the test class path. */
    public static Path root() {
        try {
            return Path.of(
                            Fixtures.class
                                    .getResource("/org/clipsynergy/backbone/zeroshot.json")
                                    .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixture model's folder. */
    public static Path model(String name) {
        return root().resolve(name);
    }

    /** An n x d float32 array of a fixture, as rows. */
    public static float[][] rows(Path file) {
        NpyArray a = NpyFile.read(file, Integer.MAX_VALUE);
        int[] shape = a.getShape();
        float[] flat = a.asFloatArray();
        int d = flat.length / shape[0];
        float[][] rows = new float[shape[0]][];
        for (int i = 0; i < shape[0]; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return rows;
    }

    /** A float32 array of any shape, flattened in C order, with its shape. */
    public static NpyArray array(Path file) {
        return NpyFile.read(file, Integer.MAX_VALUE);
    }

    /** An n x L int64 array of token ids, as rows. */
    public static long[][] tokens(Path file) {
        NpyArray a = NpyFile.read(file, Integer.MAX_VALUE);
        int[] shape = a.getShape();
        long[] flat = a.asLongArray();
        long[][] rows = new long[shape[0]][];
        for (int i = 0; i < shape[0]; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * shape[1], (i + 1) * shape[1]);
        }
        return rows;
    }

    /** A JSON fixture file read into a type. */
    public static <T> T json(Path file, Class<T> type) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), type);
    }

    /** Cosine similarity of two vectors. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /** The index of the largest value. */
    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
