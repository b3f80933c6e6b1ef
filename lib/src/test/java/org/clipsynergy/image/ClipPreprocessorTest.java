package org.clipsynergy.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.clipsynergy.backbone.BackboneCard;
import org.junit.jupiter.api.Test;

/** Hand-worked cases and preconditions of the resampler and the preprocessor. */
class ClipPreprocessorTest {

    /** OpenAI CLIP's normalisation constants (open_clip OPENAI_DATASET_MEAN / STD). */
    private static final double[] MEAN = {0.48145466, 0.4578275, 0.40821073};

    private static final double[] STD = {0.26862954, 0.26130258, 0.27577711};

    private static BackboneCard card(int size, String interpolation, String mode) {
        return new BackboneCard(
                "test",
                "ViT",
                size,
                MEAN,
                STD,
                interpolation,
                mode,
                512,
                77,
                100.0,
                0.0,
                0L,
                "",
                "unit test");
    }

    @Test
    void kernelWeightsMatchPillowsArithmetic() {
        // Bilinear 4 -> 2: scale 2, support 2; output 0 is centred at 1.0 and reads source 0..2
        // with raw weights 0.75, 0.75, 0.25, normalised to 3/7, 3/7, 1/7, then times 2^22 and
        // rounded: 1797558.86 -> 1797559, 599186.29 -> 599186.
        ResampleKernel k = ResampleKernel.of(4, 2, 0, 2, ResampleFilter.BILINEAR);
        assertEquals(5, k.taps);
        assertEquals(0, k.first[0]);
        assertEquals(3, k.count[0]);
        assertArrayEquals(
                new int[] {1797559, 1797559, 599186}, Arrays.copyOfRange(k.weights, 0, 3));
        // Output 1 is centred at 3.0: source 1..3 (clipped at the edge), weights 1/7, 3/7, 3/7.
        assertEquals(1, k.first[1]);
        assertEquals(3, k.count[1]);
        assertArrayEquals(
                new int[] {599186, 1797559, 1797559}, Arrays.copyOfRange(k.weights, 5, 8));
    }

    @Test
    void bicubicFilterHasKeysWeights() {
        assertEquals(1.0, ResampleFilter.BICUBIC.weight(0), 0);
        assertEquals(0.0, ResampleFilter.BICUBIC.weight(1), 0);
        assertEquals(0.0, ResampleFilter.BICUBIC.weight(2), 0);
        // a = -0.5: w(0.5) = (1.5 * 0.5 - 2.5) * 0.25 + 1 = 0.5625; w(1.5) = -0.0625
        assertEquals(0.5625, ResampleFilter.BICUBIC.weight(0.5), 1e-15);
        assertEquals(-0.0625, ResampleFilter.BICUBIC.weight(-1.5), 1e-15);
    }

    @Test
    void passOrderFollowsPillow13() {
        assertTrue(PillowResize.verticalFirst(200, 427, 224, 224));
        assertFalse(PillowResize.verticalFirst(200, 300, 100, 100));
        assertTrue(PillowResize.verticalFirst(200, 301, 100, 100));
        assertFalse(PillowResize.verticalFirst(90, 95, 100, 100)); // height grows
    }

    @Test
    void uniformImageStaysUniformAndNormalises() {
        BufferedImage image = new BufferedImage(37, 53, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 100, 0));
        g.fillRect(0, 0, 37, 53);
        g.dispose();
        ClipPreprocessor pre = ClipPreprocessor.forCard(card(16, "bicubic", "shortest"));
        float[] out = pre.apply(image);
        assertEquals(3 * 16 * 16, out.length);
        float r = (200f / 255f - (float) MEAN[0]) / (float) STD[0];
        float b = (0f / 255f - (float) MEAN[2]) / (float) STD[2];
        for (int i = 0; i < 256; i++) {
            assertEquals(r, out[i], 0f);
            assertEquals(b, out[512 + i], 0f);
        }
    }

    @Test
    void applyIntoWritesOnlyItsSlice() {
        BufferedImage image = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(5, 5, 0, 255);
        ClipPreprocessor pre = ClipPreprocessor.forCard(card(8, "bilinear", "squash"));
        float[] batch = new float[2 * 3 * 64 + 1];
        Arrays.fill(batch, Float.NaN);
        pre.applyInto(image, batch, 3 * 64);
        assertTrue(Float.isNaN(batch[3 * 64 - 1]));
        assertTrue(Float.isNaN(batch[batch.length - 1]));
        assertArrayEquals(pre.apply(image), Arrays.copyOfRange(batch, 3 * 64, 6 * 64));
    }

    @Test
    void rejectsTinyImagesAndShortBuffers() {
        ClipPreprocessor pre = ClipPreprocessor.forCard(card(224, "bicubic", "shortest"));
        BufferedImage dot = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> pre.apply(dot));
        assertTrue(e.getMessage().contains("1 x 1"), e.getMessage());

        BufferedImage ok = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        IllegalArgumentException e2 =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> pre.applyInto(ok, new float[3 * 224 * 224], 1));
        assertTrue(e2.getMessage().contains("offset 1"), e2.getMessage());
    }

    @Test
    void rejectsUnknownSettings() {
        assertThrows(IllegalArgumentException.class, () -> ResampleFilter.named("lanczos"));
        assertThrows(
                IllegalArgumentException.class, () -> ClipPreprocessor.ResizeMode.named("longest"));
    }
}
