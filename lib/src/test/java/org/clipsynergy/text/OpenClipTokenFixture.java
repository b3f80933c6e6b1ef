package org.clipsynergy.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Strings with open_clip's cleaned text and token ids, written by
 * environment/reference/make_tokenizer_fixtures.py with open_clip 3.3.0's {@code tokenize} (ftfy
 * 6.3.1), context 77. {@code newerUnicode} marks strings with characters that only recent Unicode
 * versions make letters or digits (see the Limitation in {@link ClipTokenizer}).
 */
record OpenClipTokenFixture(String text, String clean, long[] ids, boolean newerUnicode) {

    static final String RESOURCE = "open_clip_tokens.json.gz";

    static List<OpenClipTokenFixture> load() {
        try (InputStream in = OpenClipTokenFixture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            JsonNode root = new ObjectMapper().readTree(new GZIPInputStream(in));
            List<OpenClipTokenFixture> out = new ArrayList<>();
            for (JsonNode r : root.get("records")) {
                JsonNode idsNode = r.get("ids");
                long[] ids = new long[idsNode.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = idsNode.get(i).asLong();
                }
                out.add(
                        new OpenClipTokenFixture(
                                r.get("text").asText(),
                                r.get("clean").asText(),
                                ids,
                                r.path("newerUnicode").asBoolean(false)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
