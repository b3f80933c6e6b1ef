package org.clipsynergy.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.clipsynergy.backbone.BackboneOptions;
import org.clipsynergy.backbone.Fixtures;
import org.clipsynergy.backbone.TorchScriptBackbone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zero-shot head: hand-worked logits, class checks and the on-disk cache. */
class ZeroShotHeadTest {

    @TempDir Path cache;

    @Test
    void logitsAreScaleTimesCosine() {
        ZeroShotHead head =
                new ZeroShotHead(List.of("a", "b"), new float[][] {{1, 0}, {0, 1}}, 100, "h");
        float[] x = ZeroShotHead.normalize(new float[] {3, 4});
        assertArrayEquals(new float[] {60f, 80f}, head.logits(new float[][] {x})[0], 1e-4f);
    }

    @Test
    void classMismatchNamesCountsAndNames() {
        ZeroShotHead head =
                new ZeroShotHead(List.of("a", "b"), new float[][] {{1, 0}, {0, 1}}, 100, "h");
        IllegalArgumentException count =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> head.requireClasses("mnist", List.of("a", "b", "c")));
        assertTrue(count.getMessage().contains("class count expected 3"), count.getMessage());
        IllegalArgumentException name =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> head.requireClasses("mnist", List.of("a", "x")));
        assertTrue(name.getMessage().contains("class 1 expected 'x', got 'b'"));
    }

    @Test
    void zeroVectorCannotBeNormalised() {
        assertThrows(IllegalArgumentException.class, () -> ZeroShotHead.normalize(new float[4]));
    }

    @Test
    void cachedHeadIsReusedForTheSameCardAndRebuiltForAnother() throws IOException {
        List<String> classes = List.of("cat", "dog");
        List<String> templates = List.of("a photo of a {}.", "a drawing of a {}.");
        try (TorchScriptBackbone b =
                TorchScriptBackbone.load(
                        Fixtures.model("tiny-vit"),
                        BackboneOptions.defaults().withDevice(Device.cpu()))) {
            ZeroShotHead built =
                    ZeroShotHead.cached(b, "card-1", "pets", classes, templates, cache);
            Path weights;
            try (Stream<Path> files = Files.walk(cache)) {
                weights =
                        files.filter(p -> p.getFileName().toString().equals("weights.npy"))
                                .findFirst()
                                .orElseThrow();
            }
            long written = Files.getLastModifiedTime(weights).toMillis();
            ZeroShotHead again =
                    ZeroShotHead.cached(b, "card-1", "pets", classes, templates, cache);
            assertEquals(written, Files.getLastModifiedTime(weights).toMillis());
            assertArrayEquals(built.weights()[1], again.weights()[1]);
            assertEquals(built.hash(), again.hash());
            assertNotEquals(built.hash(), ZeroShotHead.hash(classes, templates.subList(0, 1)));

            ZeroShotHead direct = ZeroShotHead.build(b, classes, templates);
            assertArrayEquals(direct.weights()[0], built.weights()[0], 1e-6f);
        }
    }
}
