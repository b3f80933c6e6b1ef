package org.clipsynergy.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * CLIP's byte-pair tokenizer: text to fixed-length rows of token ids, identical to open_clip's
 * {@code tokenize}.
 *
 * <p>Each text is cleaned by {@link ClipTextCleaner} (ftfy, HTML unescaping, whitespace,
 * lowercase), split and byte-pair encoded by DJL's HuggingFace tokenizers over a {@code
 * tokenizer.json}, framed by the start and end tokens, padded with 0 and, when longer than the
 * context, cut to it with the end token kept as the last id. The standard tokenizer is built from
 * OpenAI's BPE merges by {@code environment/build_tokenizer.py} and ships as a resource.
 *
 * <p>Holds a native tokenizer: close it, or use try-with-resources. Encoding is thread-safe.
 *
 * <p>Limitation: characters that became letters or digits only in recent Unicode versions (after
 * 14.0; e.g. U+0558, U+058B, the newest CJK extension ideographs) are classified by open_clip's
 * {@code regex} module with its newer tables and by HF tokenizers' Oniguruma with older ones, so a
 * string holding one may be split into words differently. In the parity fixture, 9 of 1,200 random
 * mixed-script strings hold such characters; no class name or prompt does.
 */
public final class ClipTokenizer implements AutoCloseable {

    /** CLIP's text context length in tokens (OpenAI CLIP, {@code DEFAULT_CONTEXT_LENGTH}). */
    public static final int CONTEXT_LENGTH = 77;

    /** Id of {@code <start_of_text>} in CLIP's vocabulary. */
    public static final int START_OF_TEXT = 49406;

    /** Id of {@code <end_of_text>} in CLIP's vocabulary. */
    public static final int END_OF_TEXT = 49407;

    /** Id used to pad rows after the end token (open_clip pads with zeros). */
    public static final long PAD = 0;

    private static final String STANDARD_RESOURCE = "clip-tokenizer.json.gz";

    /**
     * U+0345 COMBINING GREEK YPOGEGRAMMENI: CLIP's case-insensitive word regex (Python's {@code
     * regex} module) matches it with no alternative, so it vanishes and splits the word around it;
     * the only code point that does (checked over all of Unicode). A space does the same here.
     */
    private static final char YPOGEGRAMMENI = '\u0345';

    private final HuggingFaceTokenizer tokenizer;
    private final String source;

    private ClipTokenizer(HuggingFaceTokenizer tokenizer, String source) {
        this.tokenizer = tokenizer;
        this.source = source;
        int[] frame = rawIds("");
        if (frame.length < 2) {
            tokenizer.close();
            throw new IllegalArgumentException(
                    "tokenizer '"
                            + source
                            + "': post_processor must add a start and an end token, got "
                            + frame.length
                            + " ids for the empty text");
        }
    }

    /**
     * Opens the standard CLIP tokenizer (49,408 tokens) shipped with the library.
     *
     * @return a new tokenizer; close it after use
     */
    public static ClipTokenizer standard() {
        try (InputStream in = ClipTokenizer.class.getResourceAsStream(STANDARD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "resource " + STANDARD_RESOURCE + " is missing from org/clipsynergy/text");
            }
            return fromStream(new GZIPInputStream(in), "classpath:" + STANDARD_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + STANDARD_RESOURCE, e);
        }
    }

    /**
     * Opens a tokenizer from a HuggingFace {@code tokenizer.json} (or {@code .json.gz}) file whose
     * post-processor frames each text with a start and an end token.
     *
     * @param file the tokenizer file
     * @return a new tokenizer; close it after use
     * @throws IOException if the file cannot be read or is not a valid tokenizer
     */
    public static ClipTokenizer load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new IOException("tokenizer file " + file + " does not exist");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            InputStream in =
                    file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return fromStream(in, file.toString());
        } catch (RuntimeException e) {
            throw new IOException("tokenizer file " + file + " is not valid: " + e.getMessage(), e);
        }
    }

    private static ClipTokenizer fromStream(InputStream in, String source) throws IOException {
        Map<String, String> options =
                Map.of(
                        "addSpecialTokens", "true",
                        "truncation", "false",
                        "padding", "false",
                        "withOverflowingTokens", "false");
        return new ClipTokenizer(HuggingFaceTokenizer.newInstance(in, options), source);
    }

    /**
     * Tokenizes texts into fixed-length rows as open_clip's {@code tokenize} does.
     *
     * @param texts the texts, m of them
     * @param contextLength the row length (77 for CLIP), at least 2
     * @return m x contextLength token ids: start token, tokens, end token, zero padding; a text
     *     longer than the context is cut to it and its last id replaced by the end token
     */
    public long[][] encode(List<String> texts, int contextLength) {
        Objects.requireNonNull(texts, "texts");
        if (contextLength < 2) {
            throw new IllegalArgumentException(
                    "contextLength must be >= 2 (start and end token), got " + contextLength);
        }
        List<String> cleaned = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new IllegalArgumentException("texts[" + i + "] is null");
            }
            cleaned.add(wordText(text));
        }
        long[][] rows = new long[texts.size()][contextLength];
        if (cleaned.isEmpty()) {
            return rows;
        }
        Encoding[] encodings = tokenizer.batchEncode(cleaned, true, false);
        for (int i = 0; i < encodings.length; i++) {
            long[] ids = encodings[i].getIds();
            int n = Math.min(ids.length, contextLength);
            System.arraycopy(ids, 0, rows[i], 0, n);
            if (ids.length > contextLength) {
                rows[i][contextLength - 1] = ids[ids.length - 1];
            }
        }
        return rows;
    }

    /**
     * Tokenizes one text into a row of {@link #CONTEXT_LENGTH} ids; see {@link #encode(List, int)}.
     *
     * @param text the text
     * @return 77 token ids
     */
    public long[] encode(String text) {
        return encode(List.of(text), CONTEXT_LENGTH)[0];
    }

    /**
     * The unframed, unpadded token ids of a text after CLIP's cleaning, start and end tokens
     * included.
     *
     * @param text the text
     * @return the ids, any length
     */
    public int[] rawIds(String text) {
        long[] ids = tokenizer.encode(wordText(text), true, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /** CLIP's cleaned text as its word regex sees it. */
    private static String wordText(String text) {
        return ClipTextCleaner.clean(text).replace(YPOGEGRAMMENI, ' ');
    }

    /**
     * Where this tokenizer was loaded from.
     *
     * @return a file path or a classpath resource name
     */
    public String source() {
        return source;
    }

    /** Releases the native tokenizer. */
    @Override
    public void close() {
        tokenizer.close();
    }
}
