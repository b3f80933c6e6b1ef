package org.clipsynergy.backbone.mini;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zoo's parts on hand-worked cases: loss, cost counts, vocabulary, recipe hashes. */
class ZooPartsTest {

    @Test
    void clipLossOfTwoOrthogonalPairsAtScaleOne() {
        // logits = [[1, 0], [0, 1]]; each row's and column's log-softmax at the diagonal is
        // 1 - ln(e + 1), so the loss is ln(1 + e) - 1 = 0.31326169.
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {3, 0, 0, 2}, new Shape(2, 2));
            NDArray y = m.create(new float[] {1, 0, 0, 5}, new Shape(2, 2));
            float loss = ClipLoss.loss(x, y, m.create(new float[] {1f})).getFloat();
            assertEquals(Math.log(1 + Math.E) - 1, loss, 1e-6);
        }
    }

    @Test
    void clipLossIsSymmetricInItsTwoDirections() {
        // Swapping images and texts transposes the logits: the mean of both directions is equal.
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 0, 1, -1, 3}, new Shape(3, 2));
            NDArray y = m.create(new float[] {2, 1, 1, -1, 0, 1}, new Shape(3, 2));
            NDArray scale = m.create(new float[] {10f});
            assertEquals(
                    ClipLoss.loss(x, y, scale).getFloat(),
                    ClipLoss.loss(y, x, scale).getFloat(),
                    1e-6);
        }
    }

    @Test
    void multiplyAddsOfAOneChannelConvNet() {
        // w = 1, e = 1: 14*14*1*3*9 + 14*14*1*1*9 + 7*7*2*1*9 + 7*7*2*2*9 + 2*1
        MiniArchitecture a = new MiniArchitecture("c", "ConvNet", 1, 0, 0, 1, 8, 1, 1, 8);
        assertEquals(5292 + 1764 + 882 + 1764 + 2, ImageTowers.multiplyAdds(a));
    }

    @Test
    void multiplyAddsOfAViTAndAnMlp() {
        // ViT, w = 8, depth 1, patch 14 (4 patches, 5 tokens), e = 2:
        // patches 4*8*3*196 = 18816; qkv 5*3*64 = 960; scores and mixing 2*25*8 = 400;
        // out 5*64 = 320; MLP 2*5*8*32 = 2560; projection 16.
        MiniArchitecture vit = new MiniArchitecture("v", "ViT", 8, 1, 14, 2, 8, 1, 2, 8);
        assertEquals(18816 + 960 + 400 + 320 + 2560 + 16, ImageTowers.multiplyAdds(vit));
        // MLP, w = 10, depth 2, e = 3: 2352*10 + 10*10 + 10*3
        MiniArchitecture mlp = new MiniArchitecture("m", "MLP", 10, 2, 0, 3, 8, 1, 1, 8);
        assertEquals(23520 + 100 + 30, ImageTowers.multiplyAdds(mlp));
    }

    @Test
    void multiplyAddsOfAConvMixerAndAnLstm() {
        // ConvMixer, w = 2, depth 1, patch 14 (2 x 2 positions), kernel 5, e = 1:
        // patches 4*2*3*196 = 4704; depthwise 4*2*25 = 200; pointwise 4*2*2 = 16; projection 2.
        MiniArchitecture mixer = new MiniArchitecture("c", "ConvMixer", 2, 1, 14, 1, 8, 1, 1, 8);
        assertEquals(4704 + 200 + 16 + 2, ImageTowers.multiplyAdds(mixer));
        // LSTM over 28 rows of 84 values, state 2, e = 1: 28 * 4*2*(84 + 2) = 19264, then a
        // second layer 28 * 4*2*(2 + 2) = 896; projection 2.
        MiniArchitecture one = new MiniArchitecture("l", "LSTM", 2, 1, 0, 1, 8, 1, 1, 8);
        assertEquals(19264 + 2, ImageTowers.multiplyAdds(one));
        MiniArchitecture two = new MiniArchitecture("l", "LSTM", 2, 2, 0, 1, 8, 1, 1, 8);
        assertEquals(19264 + 896 + 2, ImageTowers.multiplyAdds(two));
    }

    @Test
    void parametersOfATinyLstmTowerMatchTorchsCount() {
        // torch.nn.LSTM(84, 2): weight_ih 8*84, weight_hh 8*2, bias_ih 8, bias_hh 8 = 704;
        // LayerNorm(2): 4; Linear(2, 8): 16 + 8.
        TrainingSettings s = SyntheticData.settings(1, 0);
        try (var tokenizer = org.clipsynergy.text.ClipTokenizer.standard()) {
            ZooData data =
                    new ZooData(
                            SyntheticData.training(24), SyntheticData.heldOut(6), tokenizer, 16);
            try (MiniTrainer t = new MiniTrainer(SyntheticData.tiny("LSTM"), s, data)) {
                assertEquals(704 + 4 + 24, t.imageParameters());
            }
        }
    }

    @Test
    void parametersOfATinyMlpTower() {
        // 2352*32 + 32 (hidden) and 32*8 + 8 (projection)
        TrainingSettings s = SyntheticData.settings(1, 0);
        try (var tokenizer = org.clipsynergy.text.ClipTokenizer.standard()) {
            ZooData data =
                    new ZooData(
                            SyntheticData.training(24), SyntheticData.heldOut(6), tokenizer, 16);
            try (MiniTrainer t = new MiniTrainer(SyntheticData.tiny("MLP"), s, data)) {
                assertEquals(2352 * 32 + 32 + 32 * 8 + 8, t.imageParameters());
            }
        }
    }

    @Test
    void vocabularyMapsKnownIdsToRowsAndOthersToUnknown() {
        TokenVocabulary v = new TokenVocabulary(List.of(49407, 0, 320, 49406));
        assertEquals(List.of(0, 320, 49406, 49407), v.ids());
        assertEquals(5, v.rows());
        long[] rows = new long[5];
        float[] ends = new float[5];
        v.map(new long[][] {{49406, 320, 999, 49407, 0}}, rows, ends);
        assertArrayEquals(new long[] {3, 2, TokenVocabulary.UNKNOWN_ROW, 4, 1}, rows);
        assertArrayEquals(new float[] {0, 0, 0, 1, 0}, ends);
        assertThrows(IllegalArgumentException.class, () -> new TokenVocabulary(List.of(1, 1)));
    }

    @Test
    void architectureRejectsAPatchThatDoesNotTileTheImage() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new MiniArchitecture("v", "ViT", 64, 4, 5, 64, 64, 2, 4, 24));
        assertTrue(e.getMessage().contains("'patchSize'"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new MiniArchitecture("x", "ResNet", 64, 4, 0, 64, 64, 2, 4, 24));
        assertThrows(
                IllegalArgumentException.class,
                () -> new TrainingSettings(1, 256, 1e-3, 10, 1e-2, 0, 0, 10, 1.0));
    }

    @Test
    void aMemberHashChangesWithItsRecipeOnly() {
        ZooRecipe standard = ZooRecipe.standard();
        Map<String, String> prints = Map.of("mnist", "a", "fashion-mnist", "b");
        String vit = standard.memberHash("mini-vit", prints);
        assertEquals(vit, ZooRecipe.standard().memberHash("mini-vit", prints));
        assertNotEquals(vit, standard.memberHash("mini-mixer", prints));
        assertNotEquals(vit, ZooRecipe.smoke().memberHash("mini-vit", prints));
        assertNotEquals(
                vit, standard.memberHash("mini-vit", Map.of("mnist", "a", "fashion-mnist", "c")));
    }

    @Test
    void theDefaultZooHasSixFamiliesAndTwoConvNetSizes() {
        List<MiniArchitecture> members = ZooRecipe.standard().members();
        assertEquals(
                List.of("ConvNet", "ViT", "Mixer", "MLP", "ConvMixer", "LSTM"),
                members.stream().map(MiniArchitecture::family).distinct().toList());
        List<MiniArchitecture> convs =
                members.stream().filter(m -> m.family().equals("ConvNet")).toList();
        assertEquals(2, convs.size());
        assertEquals(2 * convs.get(0).imageWidth(), convs.get(1).imageWidth());
    }

    @Test
    void aFolderWithoutAReadableRecipeFileIsBrokenNamingTheFile(@TempDir Path dir)
            throws Exception {
        ZooRecipe recipe = ZooRecipe.smoke();
        Map<String, String> prints = Map.of("mnist", "a", "fashion-mnist", "b");
        Path folder = dir.resolve("mini-mlp");
        assertEquals(
                MiniZoo.Verdict.Kind.ABSENT,
                MiniZoo.inspect(folder, recipe, "mini-mlp", prints).kind());
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(MiniBackbone.ARCHITECTURE_FILE), "{}");
        Files.writeString(folder.resolve(MiniBackbone.WEIGHTS_FILE), "");
        MiniZoo.Verdict missing = MiniZoo.inspect(folder, recipe, "mini-mlp", prints);
        assertEquals(MiniZoo.Verdict.Kind.BROKEN, missing.kind());
        assertEquals(
                folder.resolve(MiniZoo.RECIPE_FILE) + ": missing (a member without its recipe)",
                missing.detail());
        Files.writeString(folder.resolve(MiniZoo.RECIPE_FILE), "not json");
        MiniZoo.Verdict bad = MiniZoo.inspect(folder, recipe, "mini-mlp", prints);
        assertEquals(MiniZoo.Verdict.Kind.BROKEN, bad.kind());
        assertTrue(
                bad.detail()
                        .startsWith(
                                folder.resolve(MiniZoo.RECIPE_FILE) + ": not a valid MemberRecord"),
                bad.detail());
    }

    @Test
    void progressLinesParseForTheirMemberOnly() {
        assertArrayEquals(
                new long[] {5, 90},
                MiniZoo.parseProgress("zoo-progress mini-vit 5 90", "mini-vit").orElseThrow());
        assertTrue(MiniZoo.parseProgress("zoo-progress mini-vit 5 90", "mini-mlp").isEmpty());
        assertTrue(MiniZoo.parseProgress("some log line", "mini-vit").isEmpty());
    }
}
