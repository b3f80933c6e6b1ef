package org.clipsynergy.text;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's text cleaning, applied before byte-pair encoding: {@code ftfy.fix_text}, {@code
 * html.unescape} twice, whitespace runs collapsed to one space, trimmed, lowercased.
 *
 * <p>This is the {@code _clean_lower} function of open_clip's (and OpenAI CLIP's) {@code
 * SimpleTokenizer}. The HTML unescaping follows Python's {@code html.unescape} exactly (the same
 * HTML5 entity table, numeric references, invalid code points and the longest-prefix rule for names
 * without a semicolon). Of ftfy 6's fixes, these are reproduced exactly: C1 controls read as
 * Windows-1252, Latin ligatures, full- and halfwidth forms, curly quotes, line breaks, terminal
 * escapes, control characters and NFC normalisation.
 *
 * <p>Mojibake (UTF-8 read in a single-byte encoding) is repaired as ftfy does: the text is encoded
 * in the first of ftfy's ten encodings (Latin-1, Windows-1252, -1251, -1250, -1253, -1254, -1257,
 * ISO-8859-2, MacRoman, cp437) that can encode it and whose bytes then decode as UTF-8, with A0
 * bytes that became spaces put back.
 *
 * <p>Limitation: ftfy first asks a statistical "badness" heuristic whether the text looks like
 * mojibake at all; here any string whose re-encoded bytes form valid UTF-8 is repaired, so a
 * legitimate string that happens to (e.g. "Ã©" written on purpose) is changed where ftfy might not.
 * ftfy's repair of sequences with lost bytes (shown as U+FFFD), of Java's modified UTF-8 and of
 * mojibake mixed with intact text in one string is not reproduced.
 */
public final class ClipTextCleaner {

    private static final String ENTITIES_RESOURCE = "html5-entities.json";
    private static final Map<String, String> HTML5 = loadEntities();

    /** ftfy's {@code HTML_ENTITY_RE}. */
    private static final Pattern FTFY_ENTITY = Pattern.compile("&#?[0-9A-Za-z]{1,24};");

    /** ftfy's {@code A_GRAVE_WORD_RE}, over bytes held as Latin-1 characters. */
    private static final Pattern A_GRAVE_WORD = Pattern.compile("\\xC3 (?! |quele|quela|quilo|s )");

    /** ftfy's {@code ALTERED_UTF8_RE}: UTF-8 whose byte A0 was replaced by a space. */
    private static final Pattern ALTERED_UTF8 =
            Pattern.compile(
                    "[\\xC2\\xC3\\xC5\\xCE\\xD0\\xD9][ ]"
                            + "|[\\xE2\\xE3][ ][\\x80-\\x84\\x86-\\x9F\\xA1-\\xBF]"
                            + "|[\\xE0-\\xE3][\\x80-\\x84\\x86-\\x9F\\xA1-\\xBF][ ]"
                            + "|[\\xF0][ ][\\x80-\\xBF][\\x80-\\xBF]"
                            + "|[\\xF0][\\x80-\\xBF][ ][\\x80-\\xBF]"
                            + "|[\\xF0][\\x80-\\xBF][\\x80-\\xBF][ ]");

    /** Python's {@code html.unescape} reference pattern ({@code html/__init__.py}). */
    private static final Pattern CHARREF =
            Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");

    /** ftfy's {@code ANSI_RE}: terminal colour and cursor escapes. */
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001b\\[((?:\\d|;)*)([a-zA-Z])");

    /** Characters Python's {@code str.split()} and {@code str.strip()} treat as whitespace. */
    private static final Pattern PYTHON_WHITESPACE =
            Pattern.compile(
                    "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}"
                            + "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]+");

    /**
     * ftfy's {@code CHARMAP_ENCODINGS} in its order, as the characters of bytes 0x80-0xFF; Windows
     * code pages are "sloppy" (an undefined byte maps to the C1 control of its value).
     */
    private static final String[] SINGLE_BYTE_ENCODINGS = {
        "ISO-8859-1",
        "windows-1252",
        "windows-1251",
        "windows-1250",
        "windows-1253",
        "windows-1254",
        "windows-1257",
        "ISO-8859-2",
        "x-MacRoman",
        "IBM437"
    };

    private static final char[][] SINGLE_BYTE_HIGH = buildSingleByteTables();

    /**
     * Only the first two encodings (Latin-1, Windows-1252) get A0 bytes restored: without ftfy's
     * badness check, doing it for the others turns short legitimate text such as "Γ " (Greek,
     * Windows-1253 byte C3 and a space) into "à".
     */
    private static final int RESTORE_A0_ENCODINGS = 2;

    /** Bytes 0x80-0x9F in sloppy Windows-1252 (also Python's table for numeric references). */
    private static final char[] CP1252_HIGH = java.util.Arrays.copyOf(SINGLE_BYTE_HIGH[1], 0x20);

    /** Upper bound on ftfy's fix-until-stable loop; real text settles in two or three rounds. */
    private static final int MAX_FIX_ROUNDS = 16;

    private ClipTextCleaner() {}

    /**
     * Cleans one string as CLIP's tokenizer does before splitting it into words.
     *
     * @param text any text, not null
     * @return the cleaned, lowercased text with single spaces between words and none at the ends
     */
    public static String clean(String text) {
        String fixed = fixText(text);
        fixed = htmlUnescape(htmlUnescape(fixed));
        return whitespaceClean(fixed).toLowerCase(Locale.ROOT);
    }

    /**
     * The reproduced part of {@code ftfy.fix_text} with its default settings, repeated until the
     * text no longer changes (as ftfy does).
     *
     * @param text any text
     * @return the fixed text, NFC-normalised
     */
    public static String fixText(String text) {
        // ftfy's unescape_html="auto": off when the text holds a literal '<'.
        boolean unescape = text.indexOf('<') < 0;
        String current = text;
        for (int round = 0; round < MAX_FIX_ROUNDS; round++) {
            String next = fixOnce(unescape ? ftfyUnescapeHtml(current) : current);
            if (next.equals(current)) {
                return next;
            }
            current = next;
        }
        return current;
    }

    private static String fixOnce(String text) {
        String t = fixEncoding(text);
        t = fixC1Controls(t);
        t = fixLatinLigatures(t);
        t = fixCharacterWidth(t);
        t = uncurlQuotes(t);
        t = fixLineBreaks(t);
        t = ANSI_ESCAPE.matcher(t).replaceAll("");
        t = removeControlChars(t);
        return Normalizer.normalize(t, Normalizer.Form.NFC);
    }

    /**
     * Mojibake repair: the text re-encoded in the first of ftfy's single-byte encodings that can
     * encode it and whose bytes decode as UTF-8 (see Limitation).
     */
    static String fixEncoding(String text) {
        if (text.chars().allMatch(c -> c < 0x80)) {
            return text;
        }
        for (int e = 0; e < SINGLE_BYTE_HIGH.length; e++) {
            String fixed = redecode(text, SINGLE_BYTE_HIGH[e], e < RESTORE_A0_ENCODINGS);
            if (fixed != null) {
                return fixed;
            }
        }
        return text;
    }

    /**
     * Encodes in a single-byte encoding (its characters for bytes 0x80-0xFF), puts back A0 bytes
     * that became spaces (ftfy's {@code restore_byte_a0}) and decodes as strict UTF-8; null if
     * either fails or nothing changes.
     */
    private static String redecode(String text, char[] high, boolean restoreA0) {
        StringBuilder latin = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            int b = encodeByte(text.charAt(i), high);
            if (b < 0) {
                return null;
            }
            latin.append((char) b);
        }
        String held = latin.toString();
        if (restoreA0 && ALTERED_UTF8.matcher(held).find()) {
            held = A_GRAVE_WORD.matcher(held).replaceAll("\u00C3\u00A0 ");
            held = ALTERED_UTF8.matcher(held).replaceAll(m -> m.group().replace(' ', '\u00A0'));
        }
        byte[] bytes = held.getBytes(StandardCharsets.ISO_8859_1);
        try {
            String decoded =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
            return decoded.equals(text) ? null : decoded;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int encodeByte(char c, char[] high) {
        if (c < 0x80) {
            return c;
        }
        for (int i = 0; i < high.length; i++) {
            if (high[i] == c) {
                return 0x80 + i;
            }
        }
        return -1;
    }

    private static String fixC1Controls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9F) {
                if (out == null) {
                    out = new StringBuilder(text.substring(0, i));
                }
                out.append(CP1252_HIGH[c - 0x80]);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** ftfy's {@code LIGATURES} table. */
    private static String fixLatinLigatures(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String r =
                    switch (c) {
                        case 'Ĳ' -> "IJ";
                        case 'ĳ' -> "ij";
                        case 'ŉ' -> "ʼn";
                        case 'Ǳ' -> "DZ";
                        case 'ǲ' -> "Dz";
                        case 'ǳ' -> "dz";
                        case 'Ǆ' -> "DŽ";
                        case 'ǅ' -> "Dž";
                        case 'ǆ' -> "dž";
                        case 'Ǉ' -> "LJ";
                        case 'ǈ' -> "Lj";
                        case 'ǉ' -> "lj";
                        case 'Ǌ' -> "NJ";
                        case 'ǋ' -> "Nj";
                        case 'ǌ' -> "nj";
                        case 'ﬀ' -> "ff";
                        case 'ﬁ' -> "fi";
                        case 'ﬂ' -> "fl";
                        case 'ﬃ' -> "ffi";
                        case 'ﬄ' -> "ffl";
                        case 'ﬅ' -> "ſt";
                        case 'ﬆ' -> "st";
                        default -> null;
                    };
            if (r == null) {
                out.append(c);
            } else {
                out.append(r);
            }
        }
        return out.toString();
    }

    /** ftfy's {@code WIDTH_MAP}: U+3000 to a space, U+FF01-U+FFEF to their NFKC forms. */
    private static String fixCharacterWidth(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u3000') {
                out.append(' ');
            } else if (c >= '\uFF01' && c <= '\uFFEF') {
                out.append(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** ftfy's {@code uncurl_quotes}: U+02BC and U+2018-U+201B to ', U+201C-U+201F to ". */
    private static String uncurlQuotes(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u02BC' || (c >= '\u2018' && c <= '\u201B')) {
                out.append('\'');
            } else if (c >= '\u201C' && c <= '\u201F') {
                out.append('"');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String fixLineBreaks(String text) {
        return text.replace("\r\n", "\n")
                .replace('\r', '\n')
                .replace('\u2028', '\n')
                .replace('\u2029', '\n')
                .replace('\u0085', '\n');
    }

    /** ftfy's {@code CONTROL_CHARS}: C0 controls but tab and line breaks, DEL, and a few more. */
    private static String removeControlChars(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control =
                    c <= 0x08
                            || c == 0x0B
                            || (c >= 0x0E && c <= 0x1F)
                            || c == 0x7F
                            || (c >= 0x206A && c <= 0x206F)
                            || c == 0xFEFF
                            || (c >= 0xFFF9 && c <= 0xFFFC);
            if (!control) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** ftfy's {@code unescape_html}: only references ending in ';' that decode completely. */
    private static String ftfyUnescapeHtml(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = FTFY_ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String ref = m.group();
            String known = FtfyEntities.TABLE.get(ref);
            String replacement = ref;
            if (known != null) {
                replacement = known;
            } else if (ref.startsWith("&#")) {
                String unescaped = htmlUnescape(ref);
                replacement = unescaped.contains(";") ? ref : unescaped;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Replaces HTML character references as Python's {@code html.unescape} does.
     *
     * @param text any text
     * @return the text with named and numeric references replaced
     */
    public static String htmlUnescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = CHARREF.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replaceCharref(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String replaceCharref(String s) {
        if (s.charAt(0) == '#') {
            boolean hex = s.length() > 1 && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
            String digits = s.substring(hex ? 2 : 1);
            if (digits.endsWith(";")) {
                digits = digits.substring(0, digits.length() - 1);
            }
            BigInteger big = new BigInteger(digits, hex ? 16 : 10);
            return numericCharref(big.bitLength() > 31 ? Integer.MAX_VALUE : big.intValueExact());
        }
        String direct = HTML5.get(s);
        if (direct != null) {
            return direct;
        }
        for (int x = s.length() - 1; x > 1; x--) {
            String prefix = HTML5.get(s.substring(0, x));
            if (prefix != null) {
                return prefix + s.substring(x);
            }
        }
        return "&" + s;
    }

    /** Python's {@code _invalid_charrefs} and {@code _invalid_codepoints} rules. */
    private static String numericCharref(int num) {
        if (num == 0x00) {
            return "\uFFFD";
        }
        if (num == 0x0D) {
            return "\r";
        }
        if (num >= 0x80 && num <= 0x9F) {
            return String.valueOf(CP1252_HIGH[num - 0x80]);
        }
        if ((num >= 0xD800 && num <= 0xDFFF) || num > 0x10FFFF) {
            return "\uFFFD";
        }
        boolean invalid =
                (num >= 0x1 && num <= 0x8)
                        || (num >= 0xE && num <= 0x1F)
                        || num == 0x7F
                        || (num >= 0xFDD0 && num <= 0xFDEF)
                        || num == 0xB
                        || (num & 0xFFFE) == 0xFFFE;
        return invalid ? "" : new String(Character.toChars(num));
    }

    /** CLIP's {@code whitespace_clean}: Python's split on whitespace, joined by single spaces. */
    private static String whitespaceClean(String text) {
        String spaced = PYTHON_WHITESPACE.matcher(text).replaceAll(" ");
        int from = spaced.startsWith(" ") ? 1 : 0;
        int to =
                spaced.length() > from && spaced.endsWith(" ")
                        ? spaced.length() - 1
                        : spaced.length();
        return spaced.substring(from, to);
    }

    private static char[][] buildSingleByteTables() {
        char[][] tables = new char[SINGLE_BYTE_ENCODINGS.length][];
        for (int e = 0; e < tables.length; e++) {
            var decoder =
                    java.nio.charset.Charset.forName(SINGLE_BYTE_ENCODINGS[e])
                            .newDecoder()
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .onMalformedInput(CodingErrorAction.REPORT);
            char[] high = new char[0x80];
            for (int i = 0; i < high.length; i++) {
                try {
                    CharBuffer c = decoder.decode(ByteBuffer.wrap(new byte[] {(byte) (0x80 + i)}));
                    high[i] = c.charAt(0);
                } catch (CharacterCodingException ex) {
                    high[i] = (char) (0x80 + i);
                }
            }
            tables[e] = high;
        }
        return tables;
    }

    /** ftfy's {@code HTML_ENTITIES}, built on first use (it needs {@link #htmlUnescape}). */
    private static final class FtfyEntities {
        static final Map<String, String> TABLE = buildFtfyEntities();
    }

    /** "&name;" for every HTML5 name with a semicolon, plus all-caps forms of lowercase names. */
    private static Map<String, String> buildFtfyEntities() {
        Map<String, String> entities = new java.util.HashMap<>();
        for (Map.Entry<String, String> e : HTML5.entrySet()) {
            String name = e.getKey();
            if (!name.endsWith(";")) {
                continue;
            }
            entities.put("&" + name, e.getValue());
            if (name.equals(name.toLowerCase(Locale.ROOT))) {
                String upper = "&" + name.toUpperCase(Locale.ROOT);
                if (htmlUnescape(upper).equals(upper)) {
                    entities.put(upper, e.getValue().toUpperCase(Locale.ROOT));
                }
            }
        }
        return Map.copyOf(entities);
    }

    private static Map<String, String> loadEntities() {
        try (InputStream in = ClipTextCleaner.class.getResourceAsStream(ENTITIES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "resource " + ENTITIES_RESOURCE + " is missing from org/clipsynergy/text");
            }
            return Map.copyOf(new ObjectMapper().readValue(in, new TypeReference<>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + ENTITIES_RESOURCE, e);
        }
    }
}
