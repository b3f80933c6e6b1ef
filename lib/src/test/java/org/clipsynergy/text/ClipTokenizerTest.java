package org.clipsynergy.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parity of {@link ClipTokenizer} with open_clip's tokenizer (fixture: {@link
 * OpenClipTokenFixture}).
 */
class ClipTokenizerTest {

    private static final Logger LOG = LoggerFactory.getLogger(ClipTokenizerTest.class);

    private static ClipTokenizer tokenizer;
    private static List<OpenClipTokenFixture> fixture;

    @BeforeAll
    static void open() {
        tokenizer = ClipTokenizer.standard();
        fixture = OpenClipTokenFixture.load();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void matchesOpenClipOnEveryFixtureString() {
        assertTrue(fixture.size() >= 1000, "fixture has " + fixture.size() + " strings");
        List<String> texts = fixture.stream().map(OpenClipTokenFixture::text).toList();
        long[][] rows = tokenizer.encode(texts, ClipTokenizer.CONTEXT_LENGTH);
        List<String> mismatches = new ArrayList<>();
        int newer = 0;
        int newerMatching = 0;
        for (int i = 0; i < rows.length; i++) {
            long[] expected = Arrays.copyOf(fixture.get(i).ids(), ClipTokenizer.CONTEXT_LENGTH);
            if (fixture.get(i).newerUnicode()) {
                // Documented limitation: newer Unicode letters may split differently.
                newer++;
                newerMatching += Arrays.equals(expected, rows[i]) ? 1 : 0;
                continue;
            }
            if (!Arrays.equals(expected, rows[i])) {
                mismatches.add(
                        escape(texts.get(i))
                                + "\n  open_clip "
                                + Arrays.toString(fixture.get(i).ids())
                                + "\n  java      "
                                + Arrays.toString(rows[i]));
            }
        }
        assertTrue(
                newer <= rows.length / 100,
                newer + " of " + rows.length + " fixture strings hold post-Unicode-14 letters");
        LOG.info(
                "{} strings identical to open_clip; {} with post-Unicode-14 letters, {} of them"
                        + " identical",
                rows.length - newer - mismatches.size(),
                newer,
                newerMatching);
        assertTrue(
                mismatches.isEmpty(),
                mismatches.size()
                        + " of "
                        + (rows.length - newer)
                        + " strings differ, e.g.\n"
                        + String.join(
                                "\n", mismatches.subList(0, Math.min(15, mismatches.size()))));
    }

    @Test
    void cleanerMatchesOpenClipCleaning() {
        List<String> mismatches = new ArrayList<>();
        for (OpenClipTokenFixture f : fixture) {
            String java = ClipTextCleaner.clean(f.text());
            if (!java.equals(f.clean())) {
                mismatches.add(
                        escape(f.text())
                                + " -> python "
                                + escape(f.clean())
                                + " java "
                                + escape(java));
            }
        }
        assertTrue(
                mismatches.isEmpty(),
                mismatches.size() + " cleanings differ:\n" + String.join("\n", mismatches));
    }

    @Test
    void framesPadsAndTruncatesLikeOpenClip() {
        long[] row = tokenizer.encode("a photo of a dog.");
        // open_clip.tokenize("a photo of a dog.")[0][:8]
        assertArrayEquals(
                new long[] {49406, 320, 1125, 539, 320, 1929, 269, 49407}, Arrays.copyOf(row, 8));
        assertEquals(0, row[8]);

        String longText = "dog ".repeat(200);
        long[] cut = tokenizer.encode(List.of(longText), 77)[0];
        assertEquals(ClipTokenizer.START_OF_TEXT, cut[0]);
        assertEquals(ClipTokenizer.END_OF_TEXT, cut[76]);
        assertEquals(1929, cut[75]);

        long[] shortRow = tokenizer.encode(List.of(longText), 5)[0];
        assertArrayEquals(new long[] {49406, 1929, 1929, 1929, 49407}, shortRow);
        assertEquals(0, tokenizer.encode(List.of(), 77).length);
    }

    @Test
    void ypogegrammeniSplitsWordsAsClipsRegexDoes() {
        // open_clip.tokenize("էͅḕ"): the regex drops U+0345 and splits "է" from "ḕ".
        assertArrayEquals(
                new long[] {49406, 145, 356, 157, 116, 499, 49407},
                Arrays.copyOf(tokenizer.encode("\u0567\u0345\u1e15"), 7));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> tokenizer.encode(List.of("a"), 1));
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> tokenizer.encode(withNull, 77));
        assertTrue(e.getMessage().contains("texts[0]"), e.getMessage());
    }

    @Test
    void loadsFromFileAndReportsMissingOrBrokenFiles(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.json");
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.load(missing));
        assertTrue(e.getMessage().contains("nope.json"), e.getMessage());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"model\": 3}");
        IOException e2 = assertThrows(IOException.class, () -> ClipTokenizer.load(broken));
        assertTrue(e2.getMessage().contains("broken.json"), e2.getMessage());

        Path copy = dir.resolve("clip-tokenizer.json.gz");
        try (var in = ClipTokenizer.class.getResourceAsStream("clip-tokenizer.json.gz")) {
            Files.copy(in, copy);
        }
        try (ClipTokenizer loaded = ClipTokenizer.load(copy)) {
            assertArrayEquals(tokenizer.encode("Zürich 東京"), loaded.encode("Zürich 東京"));
            assertEquals(copy.toString(), loaded.source());
        }
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints()
                .forEach(
                        c -> {
                            if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
                                b.append(String.format("\\u%04x", c));
                            } else {
                                b.appendCodePoint(c);
                            }
                        });
        return b.append('"').toString();
    }
}
