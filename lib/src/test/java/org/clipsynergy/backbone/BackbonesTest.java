package org.clipsynergy.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backbone registry and its errors on bad folders, over the {@link Fixtures} models. */
class BackbonesTest {

    private static final BackboneOptions CPU = BackboneOptions.defaults().withDevice(Device.cpu());

    @TempDir Path tmp;

    @Test
    void listsFoldersWithCardsAndOpensTorchScript() throws IOException {
        List<Path> found = Backbones.list(Fixtures.root());
        assertEquals(
                List.of("tiny-rn", "tiny-vit"),
                found.stream().map(p -> p.getFileName().toString()).toList());
        try (Backbone b = Backbones.open(found.get(1), CPU)) {
            assertTrue(b instanceof TorchScriptBackbone);
            assertEquals("ViT", b.card().family());
            assertEquals(32, b.card().embeddingSize());
        }
    }

    @Test
    void hiddenFoldersAreNotListed(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        for (String name : List.of("b-model", ".a-model.partial")) {
            Files.createDirectories(dir.resolve(name));
            Files.writeString(dir.resolve(name).resolve("card.json"), "{}");
        }
        assertEquals(List.of(dir.resolve("b-model")), Backbones.list(dir));
    }

    @Test
    void cardRecordsTheSha256OfTheModelFile() throws IOException {
        for (String name : Fixtures.MODELS) {
            Path dir = Fixtures.model(name);
            String actual = Backbones.sha256(Files.readAllBytes(dir.resolve("model.pt")));
            assertEquals(actual, Backbones.readCard(dir).weightsSha256(), name);
        }
    }

    @Test
    void cardHashFollowsTheCardContent() throws IOException {
        Path dir = copyOf("tiny-vit");
        String before = Backbones.cardHash(dir);
        assertEquals(64, before.length());
        editCard(dir, "gflops", 1.5);
        assertNotEquals(before, Backbones.cardHash(dir));
    }

    @Test
    void weightsChangedBehindTheirCardAreRefused() throws IOException {
        Path dir = copyOf("tiny-vit");
        Path model = dir.resolve(TorchScriptBackbone.MODEL_FILE);
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 1;
        Files.write(model, bytes);
        IOException e = assertThrows(IOException.class, () -> Backbones.open(dir));
        assertTrue(e.getMessage().contains("model.pt"), e.getMessage());
        assertTrue(e.getMessage().contains("'weightsSha256'"), e.getMessage());
        assertTrue(e.getMessage().contains("ef11db8523a3f9d3"), e.getMessage());
    }

    @Test
    void folderWithoutCardNamesTheMissingFile() throws IOException {
        Path dir = copyOf("tiny-vit");
        Files.delete(dir.resolve("card.json"));
        IOException e = assertThrows(IOException.class, () -> Backbones.open(dir, CPU));
        assertTrue(e.getMessage().contains(dir.resolve("card.json").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void cardWithAnInvalidFieldNamesFileAndField() throws IOException {
        Path dir = copyOf("tiny-vit");
        editCard(dir, "inputSize", -3);
        IOException e = assertThrows(IOException.class, () -> Backbones.readCard(dir));
        assertTrue(e.getMessage().contains("card.json"), e.getMessage());
        assertTrue(e.getMessage().contains("'inputSize'"), e.getMessage());
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
    }

    @Test
    void cardErrorsNameTheFieldInTheReadersWordsNotJacksons() throws IOException {
        Path dir = copyOf("tiny-vit");
        Path card = dir.resolve("card.json");
        String text = Files.readString(card);

        Files.writeString(
                card, text.replaceFirst("\"inputSize\"\\s*:\\s*\\d+", "\"inputSize\": \"big\""));
        IOException e = assertThrows(IOException.class, () -> Backbones.readCard(dir));
        assertEquals(
                card + ": invalid card: field 'inputSize': expected a whole number, got \"big\"",
                e.getMessage());

        Files.writeString(card, text.replaceFirst("\"embeddingSize\"\\s*:\\s*\\d+\\s*,", ""));
        e = assertThrows(IOException.class, () -> Backbones.readCard(dir));
        assertEquals(card + ": invalid card: field 'embeddingSize' is missing", e.getMessage());

        Files.writeString(card, "{bad");
        e = assertThrows(IOException.class, () -> Backbones.readCard(dir));
        assertTrue(
                e.getMessage()
                        .startsWith(card + ": invalid card: not valid JSON at line 1, column"),
                e.getMessage());
        assertFalse(e.getMessage().contains("REDACTED"), e.getMessage());
        assertFalse(e.getMessage().contains("reference chain"), e.getMessage());
    }

    @Test
    void cardWhoseEmbeddingSizeDisagreesWithTheModelIsReported() throws IOException {
        Path dir = copyOf("tiny-vit");
        editCard(dir, "embeddingSize", 33);
        try (TorchScriptBackbone b = TorchScriptBackbone.load(dir, CPU)) {
            float[] pixels = new float[3 * 96 * 96];
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> b.encodeImages(pixels, 1));
            assertTrue(e.getMessage().contains(dir.resolve("card.json").toString()));
            assertTrue(e.getMessage().contains("'embeddingSize' is 33"), e.getMessage());
            assertTrue(e.getMessage().contains("returns 32"), e.getMessage());
        }
    }

    @Test
    void folderWithCardButNoModelSaysWhatWasExpected() throws IOException {
        Path dir = copyOf("tiny-vit");
        Files.delete(dir.resolve("model.pt"));
        IOException e = assertThrows(IOException.class, () -> Backbones.open(dir, CPU));
        assertTrue(e.getMessage().contains("model.pt"), e.getMessage());
    }

    @Test
    void unknownNameListsTheAvailableBackbones() {
        IOException e =
                assertThrows(
                        IOException.class, () -> Backbones.resolve(Fixtures.root(), "ViT-H-14"));
        assertTrue(e.getMessage().contains("tiny-rn, tiny-vit"), e.getMessage());
    }

    @Test
    void halfPrecisionOnTheCpuIsRefused() {
        BackboneOptions fp16 = CPU.withPrecision(Precision.FP16);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TorchScriptBackbone.load(Fixtures.model("tiny-vit"), fp16));
        assertTrue(e.getMessage().contains("fp16 needs a GPU"), e.getMessage());
    }

    @Test
    void modelTracedOnAGpuIsRefusedOnTheCpu() throws IOException {
        Path dir = copyOf("tiny-vit");
        ObjectMapper json = new ObjectMapper();
        ObjectNode export = (ObjectNode) json.readTree(dir.resolve("export.json").toFile());
        export.put("device", "cuda");
        json.writeValue(dir.resolve("export.json").toFile(), export);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> TorchScriptBackbone.load(dir, CPU));
        assertTrue(e.getMessage().contains("export.json"), e.getMessage());
        assertTrue(e.getMessage().contains("'device' is cuda"), e.getMessage());
    }

    @Test
    void wrongPixelCountIsRejected() throws IOException {
        try (TorchScriptBackbone b = TorchScriptBackbone.load(Fixtures.model("tiny-rn"), CPU)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> b.encodeImages(new float[3 * 96 * 96], 1));
            assertTrue(e.getMessage().contains("12288 values"), e.getMessage());
        }
    }

    @Test
    void halfPrecisionIsRefusedForAMiniZooMemberNamingTheFolder() throws IOException {
        // Only the files that identify a member: the refusal comes before the weights are read.
        Path dir = tmp.resolve("mini-mlp");
        Files.createDirectories(dir);
        Files.copy(Fixtures.model("tiny-rn").resolve("card.json"), dir.resolve("card.json"));
        Files.write(dir.resolve(Backbones.MINI_WEIGHTS_FILE), new byte[0]);
        BackboneOptions fp16 = CPU.withPrecision(Precision.FP16);
        for (var call :
                List.<org.junit.jupiter.api.function.Executable>of(
                        () -> Backbones.open(dir, fp16), () -> Backbones.precision(dir, fp16))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("precision expected fp32"), e.getMessage());
            assertTrue(e.getMessage().endsWith("got fp16"), e.getMessage());
        }
        assertEquals(Precision.FP32, Backbones.precision(dir, CPU));
    }

    @Test
    void precisionOfATorchScriptFolderIsTheRequestedElseTheExportedOne() throws IOException {
        Path dir = copyOf("tiny-vit");
        assertEquals(Precision.FP32, Backbones.precision(dir, CPU));
        assertEquals(Precision.FP16, Backbones.precision(dir, CPU.withPrecision(Precision.FP16)));
        ObjectMapper json = new ObjectMapper();
        ObjectNode export = (ObjectNode) json.readTree(dir.resolve("export.json").toFile());
        export.put("precision", "fp16");
        json.writeValue(dir.resolve("export.json").toFile(), export);
        assertEquals(Precision.FP16, Backbones.precision(dir, CPU));
    }

    @Test
    void aCardNamedUnlikeItsFolderIsWarnedAboutAndStillOpens() throws IOException {
        Path copy = tmp.resolve("tiny-vit-copy");
        Files.move(copyOf("tiny-vit"), copy);
        String expected =
                copy.resolve("card.json")
                        + ": field 'name' is 'tiny-vit', expected the folder's name"
                        + " 'tiny-vit-copy'";
        String warning = Backbones.nameMismatch(copy, Backbones.readCard(copy)).orElseThrow();
        assertTrue(warning.startsWith(expected), warning);

        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        try (Backbone b = Backbones.open(copy, CPU)) {
            assertEquals("tiny-vit", b.card().name());
        } finally {
            System.setErr(err);
        }
        String text = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("WARN") && text.contains(expected), text);
        for (String name : Fixtures.MODELS) {
            Path dir = Fixtures.model(name);
            assertTrue(Backbones.nameMismatch(dir, Backbones.readCard(dir)).isEmpty(), name);
        }
    }

    private Path copyOf(String name) throws IOException {
        Path from = Fixtures.model(name);
        Path to = tmp.resolve(name);
        Files.createDirectories(to);
        for (String f : List.of("model.pt", "card.json", "export.json")) {
            Files.copy(from.resolve(f), to.resolve(f));
        }
        return to;
    }

    private static void editCard(Path dir, String field, Number value) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode card = (ObjectNode) json.readTree(dir.resolve("card.json").toFile());
        if (value instanceof Integer i) {
            card.put(field, i);
        } else {
            card.put(field, value.doubleValue());
        }
        json.writeValue(dir.resolve("card.json").toFile(), card);
    }
}
