package org.clipsynergy.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.clipsynergy.text.ZeroShotHead;
import org.jetbrains.bio.npy.NpyArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java model path against open_clip: the exported reduced-width models of {@link Fixtures} must
 * give open_clip's embeddings (cosine at least 0.9999) and its zero-shot top-1 predictions. The
 * pixel input is open_clip's own preprocessed tensor, so this isolates the model from
 * preprocessing.
 */
class TorchScriptBackboneParityTest {

    private static final double MIN_COSINE = 0.9999;
    private static final BackboneOptions CPU = BackboneOptions.defaults().withDevice(Device.cpu());

    @ParameterizedTest
    @ValueSource(strings = {"tiny-vit", "tiny-rn"})
    void imageEmbeddingsMatchOpenClip(String name) throws IOException {
        Path dir = Fixtures.model(name);
        NpyArray pixels = Fixtures.array(dir.resolve("pixels.npy"));
        float[][] expected = Fixtures.rows(dir.resolve("image_embeddings.npy"));
        int n = pixels.getShape()[0];
        try (TorchScriptBackbone backbone = TorchScriptBackbone.load(dir, CPU)) {
            assertEquals(pixels.getShape()[2], backbone.card().inputSize());
            float[][] all = backbone.encodeImages(pixels.asFloatArray(), n);
            // One image at a time too: the batch axis must not be fixed by the trace.
            int per = pixels.asFloatArray().length / n;
            float[] last = Arrays.copyOfRange(pixels.asFloatArray(), (n - 1) * per, n * per);
            float[][] single = backbone.encodeImages(last, 1);
            for (int i = 0; i < n; i++) {
                double c = Fixtures.cosine(expected[i], all[i]);
                assertTrue(c >= MIN_COSINE, name + " image " + i + ": cosine " + c);
            }
            assertTrue(Fixtures.cosine(expected[n - 1], single[0]) >= MIN_COSINE);
        }
        // The test can fail: different images give clearly different embeddings.
        assertTrue(Fixtures.cosine(expected[0], expected[3]) < 0.999, name + " is not blind");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-vit", "tiny-rn"})
    void textEmbeddingsMatchOpenClipFromTokensAndFromStrings(String name) throws IOException {
        Path dir = Fixtures.model(name);
        long[][] tokens = Fixtures.tokens(dir.resolve("tokens.npy"));
        float[][] expected = Fixtures.rows(dir.resolve("text_embeddings.npy"));
        List<?> texts = Fixtures.json(dir.resolve("texts.json"), List.class);
        try (TorchScriptBackbone backbone = TorchScriptBackbone.load(dir, CPU)) {
            float[][] fromTokens = backbone.encodeTokens(tokens);
            float[][] fromStrings =
                    backbone.encodeTexts(texts.stream().map(Object::toString).toList());
            for (int i = 0; i < tokens.length; i++) {
                double a = Fixtures.cosine(expected[i], fromTokens[i]);
                double b = Fixtures.cosine(expected[i], fromStrings[i]);
                assertTrue(a >= MIN_COSINE, name + " tokens " + i + ": cosine " + a);
                assertTrue(b >= MIN_COSINE, name + " text '" + texts.get(i) + "': cosine " + b);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-vit", "tiny-rn"})
    void zeroShotLogitsMatchOpenClip(String name) throws IOException {
        Path dir = Fixtures.model(name);
        Map<?, ?> spec = Fixtures.json(Fixtures.root().resolve("zeroshot.json"), Map.class);
        List<String> classes = strings(spec.get("classes"));
        List<String> templates = strings(spec.get("templates"));
        NpyArray pixels = Fixtures.array(dir.resolve("pixels.npy"));
        float[][] expectedWeights = Fixtures.rows(dir.resolve("zeroshot_weights.npy"));
        float[][] expectedLogits = Fixtures.rows(dir.resolve("logits.npy"));
        try (TorchScriptBackbone backbone = TorchScriptBackbone.load(dir, CPU)) {
            ZeroShotHead head = ZeroShotHead.build(backbone, classes, templates);
            float[][] weights = head.weights();
            for (int c = 0; c < classes.size(); c++) {
                assertTrue(Fixtures.cosine(expectedWeights[c], weights[c]) >= MIN_COSINE);
            }
            float[][] feats = backbone.encodeImages(pixels.asFloatArray(), pixels.getShape()[0]);
            for (int i = 0; i < feats.length; i++) {
                feats[i] = ZeroShotHead.normalize(feats[i]);
            }
            float[][] logits = head.logits(feats);
            for (int i = 0; i < logits.length; i++) {
                assertEquals(Fixtures.argmax(expectedLogits[i]), Fixtures.argmax(logits[i]));
                assertArrayEquals(expectedLogits[i], logits[i], 0.02f, name + " image " + i);
            }
        }
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(Object::toString).toList();
    }
}
