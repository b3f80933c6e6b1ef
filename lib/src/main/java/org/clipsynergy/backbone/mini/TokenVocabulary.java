package org.clipsynergy.backbone.mini;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.clipsynergy.text.ClipTokenizer;

/**
 * The CLIP token ids a zoo member's text tower has embedding rows for: every id that occurs in the
 * training captions (start, end and padding included), plus one shared "unknown" row for any other
 * id.
 *
 * <p>A full 49,408-row table would cost 20-26 ms per optimiser step on this project's CPUs for rows
 * that training never updates; the restricted table keeps the real CLIP tokenizer and its ids while
 * training only what the captions use.
 */
public final class TokenVocabulary {

    /** The row every id outside the vocabulary maps to. */
    public static final int UNKNOWN_ROW = 0;

    private final int[] ids;

    /**
     * A vocabulary over the given CLIP ids.
     *
     * @param ids distinct CLIP token ids, in any order
     */
    public TokenVocabulary(List<Integer> ids) {
        TreeSet<Integer> sorted = new TreeSet<>(ids);
        if (sorted.size() != ids.size()) {
            throw new IllegalArgumentException(
                    "vocabulary ids must be distinct, got "
                            + ids.size()
                            + " ids, "
                            + sorted.size()
                            + " distinct");
        }
        this.ids = sorted.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The vocabulary of every id in the given token rows.
     *
     * @param rows m x l CLIP token ids
     * @return the vocabulary
     */
    public static TokenVocabulary of(long[][] rows) {
        TreeSet<Integer> seen = new TreeSet<>();
        for (long[] row : rows) {
            for (long id : row) {
                seen.add(Math.toIntExact(id));
            }
        }
        return new TokenVocabulary(new ArrayList<>(seen));
    }

    /** The CLIP ids with rows, ascending; row i + 1 belongs to id i of this list. */
    public List<Integer> ids() {
        return Arrays.stream(ids).boxed().toList();
    }

    /** The number of embedding rows: one per id plus the unknown row. */
    public int rows() {
        return ids.length + 1;
    }

    /**
     * Maps token rows to embedding rows and marks each row's end-of-text position.
     *
     * @param tokens m x l CLIP token ids
     * @param rowsOut m x l embedding row indices, written
     * @param endOut m x l one-hot end-of-text markers (1 at the position of the largest id, CLIP's
     *     end token, as CLIP pools there), written
     */
    public void map(long[][] tokens, long[] rowsOut, float[] endOut) {
        int k = 0;
        for (long[] row : tokens) {
            int end = 0;
            for (int j = 0; j < row.length; j++) {
                rowsOut[k + j] = row(row[j]);
                endOut[k + j] = 0f;
                if (row[j] > row[end]) {
                    end = j;
                }
            }
            endOut[k + end] = 1f;
            k += row.length;
        }
    }

    /** The embedding row of one CLIP id. */
    int row(long id) {
        int i = Arrays.binarySearch(ids, (int) Math.min(id, Integer.MAX_VALUE));
        return i >= 0 ? i + 1 : UNKNOWN_ROW;
    }

    /** Whether the end-of-text id has a row (it must, for pooling to be learned). */
    boolean hasEndToken() {
        return Arrays.binarySearch(ids, ClipTokenizer.END_OF_TEXT) >= 0;
    }
}
