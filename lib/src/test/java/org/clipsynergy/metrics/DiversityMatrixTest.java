package org.clipsynergy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Hand-worked diversity cases on the members of {@link OracleBoundTest} (A = 11110000, B =
 * 11001100, C = 00000010, D = 11100000), N = 8. Measures as defined by Kuncheva & Whitaker 2003.
 */
class DiversityMatrixTest {
    private static final double EXACT = 1e-12;
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;
    private static final int D = 3;

    private final DiversityMatrix diversity = DiversityMatrix.of(OracleBoundTest.fourMembers());

    @Test
    void independentPair() {
        // A, B: N11 = 2 (images 0, 1), N10 = 2 (2, 3), N01 = 2 (4, 5), N00 = 2 (6, 7).
        // disagreement 4/8, double fault 2/8, Q = (4 - 4) / (4 + 4) = 0, kappa: p_o = 4/8,
        // p_e = 1/2 * 1/2 + 1/2 * 1/2 = 1/2 -> 0; right-wrong share 2/8.
        assertEquals(new PairCounts(2, 2, 2, 2), diversity.counts(A, B));
        assertEquals(0.5, diversity.disagreement()[A][B], EXACT);
        assertEquals(0.25, diversity.doubleFault()[A][B], EXACT);
        assertEquals(0.0, diversity.yuleQ()[A][B], EXACT);
        assertEquals(0.0, diversity.kappa()[A][B], EXACT);
        assertEquals(0.0, diversity.correlation()[A][B], EXACT);
        assertEquals(0.25, diversity.rightWrongShare()[A][B], EXACT);
    }

    @Test
    void nestedPair() {
        // A, D: N11 = 3, N10 = 1 (image 3), N01 = 0, N00 = 4.
        // disagreement 1/8; double fault 4/8; Q = (12 - 0) / (12 + 0) = 1;
        // correlation 12 / sqrt(4 * 4 * 3 * 5) = 12 / sqrt(240) = sqrt(0.6);
        // kappa: p_o = 7/8, p_e = 4/8 * 3/8 + 4/8 * 5/8 = 1/2 -> (7/8 - 1/2) / (1/2) = 3/4;
        // A right and D wrong on 1/8 of images, D right and A wrong on none.
        assertEquals(new PairCounts(3, 1, 0, 4), diversity.counts(A, D));
        assertEquals(0.125, diversity.disagreement()[A][D], EXACT);
        assertEquals(0.5, diversity.doubleFault()[A][D], EXACT);
        assertEquals(1.0, diversity.yuleQ()[A][D], EXACT);
        assertEquals(Math.sqrt(0.6), diversity.correlation()[A][D], EXACT);
        assertEquals(0.75, diversity.kappa()[A][D], EXACT);
        assertEquals(0.125, diversity.rightWrongShare()[A][D], EXACT);
        assertEquals(0.0, diversity.rightWrongShare()[D][A], EXACT);
    }

    @Test
    void disjointPair() {
        // A, C: N11 = 0, N10 = 4, N01 = 1, N00 = 3.
        // Q = (0 - 4) / (0 + 4) = -1; disagreement 5/8; double fault 3/8;
        // correlation -4 / sqrt(4 * 4 * 1 * 7) = -1 / sqrt(7);
        // kappa: p_o = 3/8, p_e = 4/8 * 1/8 + 4/8 * 7/8 = 1/2 -> (3/8 - 1/2) / (1/2) = -1/4.
        assertEquals(-1.0, diversity.yuleQ()[A][C], EXACT);
        assertEquals(0.625, diversity.disagreement()[A][C], EXACT);
        assertEquals(0.375, diversity.doubleFault()[A][C], EXACT);
        assertEquals(-1 / Math.sqrt(7), diversity.correlation()[A][C], EXACT);
        assertEquals(-0.25, diversity.kappa()[A][C], EXACT);
        assertEquals(diversity.kappa()[A][C], diversity.kappa()[C][A], EXACT);
    }

    @Test
    void diagonalAndUndefinedMeasures() {
        // A member with itself: no disagreement, double fault = its error rate 4/8, kappa 1.
        assertEquals(0.0, diversity.disagreement()[B][B], EXACT);
        assertEquals(0.5, diversity.doubleFault()[B][B], EXACT);
        assertEquals(1.0, diversity.kappa()[B][B], EXACT);
        // Two members right on everything: Q has 0 / 0, kappa has p_e = 1.
        PairCounts allRight = new PairCounts(8, 0, 0, 0);
        assertTrue(Double.isNaN(allRight.yuleQ()));
        assertTrue(Double.isNaN(allRight.kappa()));
        assertTrue(Double.isNaN(allRight.correlation()));
    }

    @Test
    void tidyTableHasEveryOrderedPair() {
        Table table = diversity.table();
        // 4 * 3 ordered pairs of distinct members.
        assertEquals(12, table.rowCount());
        int row = -1;
        for (int r = 0; r < table.rowCount(); r++) {
            if (table.stringColumn("member_a").get(r).equals("D")
                    && table.stringColumn("member_b").get(r).equals("A")) {
                row = r;
            }
        }
        // D, A: the transpose of A, D: N11 3, N10 0, N01 1, N00 4.
        assertEquals(3, table.intColumn("both_right").get(row));
        assertEquals(0, table.intColumn("a_right_b_wrong").get(row));
        assertEquals(1, table.intColumn("a_wrong_b_right").get(row));
        assertEquals(4, table.intColumn("both_wrong").get(row));
        assertEquals(0.0, table.doubleColumn("right_wrong_share").get(row), EXACT);
        assertEquals(0.75, table.doubleColumn("kappa").get(row), EXACT);
    }
}
