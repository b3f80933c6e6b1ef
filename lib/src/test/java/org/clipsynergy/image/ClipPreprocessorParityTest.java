package org.clipsynergy.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.clipsynergy.backbone.BackboneCard;
import org.jetbrains.bio.npy.NpyArray;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parity of {@link ClipPreprocessor} with open_clip's evaluation transform (Pillow resampling) on
 * sample photographs of scikit-image and scikit-learn; fixtures from {@link PreprocessFixtures}.
 */
class ClipPreprocessorParityTest {

    private static final Logger LOG = LoggerFactory.getLogger(ClipPreprocessorParityTest.class);

    /** Required share of pixel values within one 8-bit step of Pillow's. */
    private static final double REQUIRED_WITHIN_ONE = 0.999;

    @Test
    void pixelsMatchOpenClipOnEveryCase() {
        JsonNode manifest = PreprocessFixtures.manifest();
        long total = 0;
        long exact = 0;
        long withinOne = 0;
        List<String> report = new ArrayList<>();
        for (JsonNode c : manifest.get("cases")) {
            ClipPreprocessor pre = preprocessor(manifest, c);
            BufferedImage image = PreprocessFixtures.image(c.get("image").asText());
            assertEquals(c.get("width").asInt(), image.getWidth(), c.get("case").asText());
            byte[] expected = PreprocessFixtures.npy(c.get("pixels").asText()).asByteArray();
            byte[] actual = pre.pixels(image);
            assertEquals(expected.length, actual.length, c.get("case").asText());
            int caseExact = 0;
            int caseWithin = 0;
            int maxDiff = 0;
            for (int i = 0; i < expected.length; i++) {
                int d = Math.abs((expected[i] & 0xFF) - (actual[i] & 0xFF));
                caseExact += d == 0 ? 1 : 0;
                caseWithin += d <= 1 ? 1 : 0;
                maxDiff = Math.max(maxDiff, d);
            }
            total += expected.length;
            exact += caseExact;
            withinOne += caseWithin;
            report.add(
                    String.format(
                            Locale.ROOT,
                            "%s (%s): exact %.4f, within 1: %.4f, max diff %d",
                            c.get("case").asText(),
                            c.get("mode").asText(),
                            caseExact / (double) expected.length,
                            caseWithin / (double) expected.length,
                            maxDiff));
            assertTrue(
                    caseWithin >= REQUIRED_WITHIN_ONE * expected.length,
                    "case " + report.get(report.size() - 1));
        }
        LOG.info(
                "preprocessing parity on {} values: exact {}, within one step {}\n{}",
                total,
                exact / (double) total,
                withinOne / (double) total,
                String.join("\n", report));
        assertTrue(withinOne >= REQUIRED_WITHIN_ONE * total);
    }

    @Test
    void normalisedTensorEqualsOpenClips() {
        JsonNode manifest = PreprocessFixtures.manifest();
        int checked = 0;
        for (JsonNode c : manifest.get("cases")) {
            if (!c.has("tensor")) {
                continue;
            }
            ClipPreprocessor pre = preprocessor(manifest, c);
            float[] expected = PreprocessFixtures.npy(c.get("tensor").asText()).asFloatArray();
            float[] actual = pre.apply(PreprocessFixtures.image(c.get("image").asText()));
            assertEquals(expected.length, actual.length);
            // One 8-bit step is 1 / (255 * std) ~ 0.0151 after normalisation.
            double step = 1.0 / (255 * 0.26130258);
            int agree = 0;
            int identical = 0;
            for (int i = 0; i < expected.length; i++) {
                agree += Math.abs(expected[i] - actual[i]) <= step + 1e-6 ? 1 : 0;
                identical += Float.compare(expected[i], actual[i]) == 0 ? 1 : 0;
            }
            LOG.info(
                    "{}: {} of {} tensor values bit-identical to open_clip's",
                    c.get("case").asText(),
                    identical,
                    expected.length);
            assertTrue(agree >= REQUIRED_WITHIN_ONE * expected.length, c.get("case").asText());
            checked++;
        }
        assertTrue(checked >= 2, "tensor fixtures found: " + checked);
    }

    @Test
    void pillowResizeAloneMatches() {
        JsonNode r = PreprocessFixtures.manifest().get("resizeOnly");
        BufferedImage image = PreprocessFixtures.image(r.get("image").asText());
        PilPixels px = PilPixels.of(image);
        int w = r.get("width").asInt();
        int h = r.get("height").asInt();
        byte[] actual =
                PillowResize.resize(
                        px.samples(),
                        px.width(),
                        px.height(),
                        px.channels(),
                        w,
                        h,
                        ResampleFilter.named(r.get("interpolation").asText()),
                        0,
                        0,
                        w,
                        h);
        NpyArray expected = PreprocessFixtures.npy(r.get("pixels").asText());
        assertArrayEquals(new int[] {h, w, 3}, expected.getShape());
        assertArrayEquals(expected.asByteArray(), actual);
    }

    private static ClipPreprocessor preprocessor(JsonNode manifest, JsonNode c) {
        BackboneCard card =
                new BackboneCard(
                        "fixture-" + c.get("case").asText(),
                        "ViT",
                        c.get("size").asInt(),
                        doubles(manifest.get("mean")),
                        doubles(manifest.get("std")),
                        c.get("interpolation").asText(),
                        c.get("resizeMode").asText(),
                        512,
                        77,
                        100.0,
                        0.0,
                        0L,
                        "",
                        "test fixture");
        return ClipPreprocessor.forCard(card);
    }

    private static double[] doubles(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }
}
