package org.clipsynergy.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Stratified sampling: per-class counts, determinism, and the exact indices of a Python
 * re-implementation of the documented algorithm (stratified_reference.json, written by
 * environment/reference/stratified_sample.py), so the same seed gives the same indices across runs,
 * machines and implementations.
 */
class StratifiedSamplerTest {

    private static final JsonNode REFERENCE = TestData.json("stratified_reference.json");

    @Test
    void indicesMatchThePythonReference() {
        for (JsonNode c : REFERENCE.get("cases")) {
            int[] labels = ints(REFERENCE.get(c.get("labels").asText()));
            long seed = c.get("seed").asLong();
            int[] actual =
                    c.get("kind").asText().equals("perClass")
                            ? StratifiedSampler.perClass(labels, c.get("k").asInt(), seed)
                            : StratifiedSampler.fraction(
                                    labels, c.get("fraction").asDouble(), seed);
            assertArrayEquals(ints(c.get("indices")), actual, c.toString());
        }
    }

    @Test
    void kPerClassSortedAndDistinct() {
        int[] labels = ints(REFERENCE.get("mnist/test[:1000]"));
        int[] chosen = StratifiedSampler.perClass(labels, 4, 11L);
        assertEquals(40, chosen.length);
        int[] perClass = new int[10];
        for (int i = 0; i < chosen.length; i++) {
            perClass[labels[chosen[i]]]++;
            if (i > 0) {
                assertTrue(chosen[i] > chosen[i - 1], "sorted and distinct");
            }
        }
        int[] four = new int[10];
        Arrays.fill(four, 4);
        assertArrayEquals(four, perClass);
    }

    @Test
    void sameSeedSameIndicesOtherSeedOtherIndices() {
        int[] labels = ints(REFERENCE.get("mnist/test[:1000]"));
        assertArrayEquals(
                StratifiedSampler.perClass(labels, 8, 5L),
                StratifiedSampler.perClass(labels, 8, 5L));
        assertNotEquals(
                Arrays.toString(StratifiedSampler.perClass(labels, 8, 5L)),
                Arrays.toString(StratifiedSampler.perClass(labels, 8, 6L)));
    }

    @Test
    void fractionKeepsTheShareOfEveryClass() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i < 60 ? 0 : (i < 90 ? 1 : 2); // 60, 30, 10 images
        }
        int[] chosen = StratifiedSampler.fraction(labels, 0.25, 3L);
        int[] perClass = new int[3];
        for (int i : chosen) {
            perClass[labels[i]]++;
        }
        assertArrayEquals(new int[] {15, 8, 3}, perClass); // floor(0.25 n + 0.5)
        assertEquals(100, StratifiedSampler.fraction(labels, 1.0, 3L).length);
    }

    @Test
    void allOfAClassWhenKEqualsItsSize() {
        int[] labels = {0, 1, 0, 1, 1};
        assertArrayEquals(new int[] {0, 1, 2, 3}, StratifiedSampler.perClass(labels, 2, 9L));
    }

    @Test
    void kLargerThanAClassNamesTheClassKAndSize() {
        int[] labels = {0, 0, 0, 1, 2, 2, 2};
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StratifiedSampler.perClass(labels, 2, 1L));
        assertEquals("class 1 has 1 images, fewer than k = 2", e.getMessage());
    }

    @Test
    void invalidArgumentsAreRejected() {
        int[] labels = {0, 1};
        assertThrows(
                IllegalArgumentException.class, () -> StratifiedSampler.perClass(labels, 0, 1));
        assertThrows(
                IllegalArgumentException.class, () -> StratifiedSampler.fraction(labels, 0.0, 1));
        assertThrows(
                IllegalArgumentException.class, () -> StratifiedSampler.fraction(labels, 1.5, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> StratifiedSampler.perClass(new int[] {0, -1}, 1, 1));
    }

    @Test
    void uniformStaysInRangeAndCoversIt() {
        StratifiedSampler.SplitMix64 random = new StratifiedSampler.SplitMix64(123L);
        int[] counts = new int[7];
        for (int i = 0; i < 7_000; i++) {
            counts[random.uniform(7)]++;
        }
        for (int c : counts) {
            assertTrue(c > 850 && c < 1150, Arrays.toString(counts));
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
