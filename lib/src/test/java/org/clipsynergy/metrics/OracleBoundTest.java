package org.clipsynergy.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Hand-worked oracle cases. Four members on eight images (1 = right):
 *
 * <pre>
 *   image  0 1 2 3 4 5 6 7   right
 *   A      1 1 1 1 0 0 0 0   4
 *   B      1 1 0 0 1 1 0 0   4
 *   C      0 0 0 0 0 0 1 0   1
 *   D      1 1 1 0 0 0 0 0   3 (a subset of A)
 * </pre>
 *
 * Oracles: A+B = 6/8, A+C = 5/8, B+C = 5/8, A+D = 4/8, A+B+C = 7/8, all four = 7/8 (image 7 is
 * wrong for everyone).
 */
class OracleBoundTest {
    private static final double EXACT = 1e-12;

    static CorrectnessMatrix fourMembers() {
        return CorrectnessMatrix.of(
                List.of("A", "B", "C", "D"),
                List.of(
                        Fixtures.flags("11110000"),
                        Fixtures.flags("11001100"),
                        Fixtures.flags("00000010"),
                        Fixtures.flags("11100000")));
    }

    @Test
    void perImageOracleIsTheUnion() {
        OracleBound oracle = new OracleBound(fourMembers());
        assertArrayEquals(Fixtures.flags("11001110"), oracle.perImage(List.of("B", "C")));
        assertEquals(6.0 / 8, oracle.accuracy(List.of("A", "B")), EXACT);
        assertEquals(4.0 / 8, oracle.accuracy(List.of("A", "D")), EXACT);
        assertEquals(7.0 / 8, oracle.accuracy(), EXACT);
    }

    @Test
    void everySubsetWithItsBestMember() {
        Table subsets = new OracleBound(fourMembers()).subsets();
        // 2^4 - 1 = 15 subsets, listed in lexicographic order: A, A+B, A+B+C, A+B+C+D, ...
        assertEquals(15, subsets.rowCount());
        assertEquals("A+B", subsets.stringColumn("subset").get(1));
        assertEquals(2, subsets.intColumn("size").get(1));
        assertEquals(6.0 / 8, subsets.doubleColumn("oracle_accuracy").get(1), EXACT);
        // A and B tie at 4/8; the earlier member is named.
        assertEquals("A", subsets.stringColumn("best_member").get(1));
        assertEquals(4.0 / 8, subsets.doubleColumn("best_member_accuracy").get(1), EXACT);
        assertEquals(2.0 / 8, subsets.doubleColumn("oracle_gain").get(1), EXACT);

        int bcd = subsets.stringColumn("subset").indexOf("B+C+D");
        // B+C+D: 11001100 | 00000010 | 11100000 = 11101110 -> 6/8; best member B (4/8);
        // gain 2/8.
        assertEquals(6.0 / 8, subsets.doubleColumn("oracle_accuracy").get(bcd), EXACT);
        assertEquals("B", subsets.stringColumn("best_member").get(bcd));
        assertEquals(2.0 / 8, subsets.doubleColumn("oracle_gain").get(bcd), EXACT);

        int c = subsets.stringColumn("subset").indexOf("C");
        assertEquals(1.0 / 8, subsets.doubleColumn("oracle_accuracy").get(c), EXACT);
        assertEquals(0.0, subsets.doubleColumn("oracle_gain").get(c), EXACT);
    }

    @Test
    void subsetsUpToASize() {
        // Subsets of at most 2 of 4 members: 4 + 6 = 10.
        assertEquals(10, new OracleBound(fourMembers()).subsets(2).rowCount());
    }

    @Test
    void nineMembersGive511SubsetsThatMatchABruteForceUnion() {
        SplittableRandom random = new SplittableRandom(5);
        List<String> names = new ArrayList<>();
        List<boolean[]> right = new ArrayList<>();
        for (int m = 0; m < 9; m++) {
            names.add("m" + m);
            boolean[] flags = new boolean[1000];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = random.nextDouble() < 0.3 + 0.05 * m;
            }
            right.add(flags);
        }
        Table subsets = new OracleBound(CorrectnessMatrix.of(names, right)).subsets();
        assertEquals(511, subsets.rowCount());
        for (int row = 0; row < subsets.rowCount(); row++) {
            String[] members = subsets.stringColumn("subset").get(row).split("\\+");
            int union = 0;
            for (int i = 0; i < 1000; i++) {
                boolean any = false;
                for (String member : members) {
                    any |= right.get(names.indexOf(member))[i];
                }
                union += any ? 1 : 0;
            }
            assertEquals(union / 1000.0, subsets.doubleColumn("oracle_accuracy").get(row), EXACT);
        }
    }

    @Test
    void greedyOrderAddsTheLargestGain() {
        // Step 1: A (4/8, ties with B, earlier wins). Step 2: B gives 6/8, C 5/8, D 4/8 -> B.
        // Step 3: C gives 7/8, D 6/8 -> C. Step 4: D adds nothing.
        Table greedy = new OracleBound(fourMembers()).greedyOrder();
        assertEquals(List.of("A", "B", "C", "D"), greedy.stringColumn("added").asList());
        assertArrayEquals(
                new double[] {4.0 / 8, 6.0 / 8, 7.0 / 8, 7.0 / 8},
                greedy.doubleColumn("oracle_accuracy").asDoubleArray(),
                EXACT);
        assertArrayEquals(
                new double[] {4.0 / 8, 2.0 / 8, 1.0 / 8, 0},
                greedy.doubleColumn("gain").asDoubleArray(),
                EXACT);
        assertEquals("A+B+C", greedy.stringColumn("members").get(2));
    }

    @Test
    void patternsCountWhoIsRight() {
        // Patterns per image (A B C D): 0,1 -> A B D; 2 -> A D; 3 -> A; 4,5 -> B; 6 -> C; 7 none.
        // Most frequent first, ties in pattern order (bit k = member k):
        //   B only (mask 2) 2, A B D (mask 11) 2, none (0) 1, A (1) 1, C (4) 1, A D (9) 1.
        Table patterns = fourMembers().patterns();
        assertEquals(6, patterns.rowCount());
        assertArrayEquals(new int[] {2, 2, 1, 1, 1, 1}, patterns.intColumn("images").asIntArray());
        assertArrayEquals(
                new int[] {1, 3, 0, 1, 1, 2}, patterns.intColumn("right_members").asIntArray());
        assertEquals(
                List.of(false, true, false, true, false, true),
                patterns.booleanColumn("A").asList());
        assertEquals(
                List.of(false, true, false, false, false, true),
                patterns.booleanColumn("D").asList());
        assertEquals(2.0 / 8, patterns.doubleColumn("share").get(0), EXACT);
    }

    @Test
    void correctnessFromLogits() {
        // Labels 0 1 2; member x predicts 0 1 1 (right, right, wrong), y predicts 2 1 2.
        int[] labels = {0, 1, 2};
        CorrectnessMatrix matrix =
                CorrectnessMatrix.fromLogits(
                        List.of("x", "y"),
                        List.of(
                                Fixtures.logitsPredicting(new int[] {0, 1, 1}, 3),
                                Fixtures.logitsPredicting(new int[] {2, 1, 2}, 3)),
                        labels);
        assertArrayEquals(Fixtures.flags("110"), matrix.correct(0));
        assertArrayEquals(Fixtures.flags("011"), matrix.correct(1));
        assertEquals(2.0 / 3, matrix.accuracy(1), EXACT);
        assertEquals(1.0, new OracleBound(matrix).accuracy(), EXACT);
    }
}
