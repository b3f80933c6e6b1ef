package org.clipsynergy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Long results, pivots, mean and standard deviation over seeds, labelled matrices. */
class TablesTest {

    private static Table results() {
        return Tables.results(
                "accuracy",
                List.of(
                        ResultRow.clean("RN50", "mnist", "test", 0, "top1", 0.5),
                        ResultRow.clean("RN50", "mnist", "test", 1, "top1", 0.7),
                        ResultRow.clean("ViT-B-32", "mnist", "test", 0, "top1", 0.9),
                        ResultRow.clean("RN50", "cifar10", "test", 0, "top1", 0.25)));
    }

    @Test
    void resultsHaveTheLongFormatColumnsInOrder() {
        Table t = results();
        assertEquals(
                List.of(
                        "model",
                        "dataset",
                        "split",
                        "perturbation",
                        "severity",
                        "seed",
                        "metric",
                        "value"),
                t.columnNames());
        assertEquals(4, t.rowCount());
        assertEquals("none", t.stringColumn("perturbation").get(0));
        assertEquals(1L, t.longColumn("seed").get(1));
    }

    @Test
    void pivotMeanAveragesOverSeedsAndLeavesAbsentCellsMissing() {
        Table wide = Tables.pivotMean(results(), "model", "dataset", "value");
        assertEquals(List.of("model", "mnist", "cifar10"), wide.columnNames());
        Table rn50 = wide.where(wide.stringColumn("model").isEqualTo("RN50"));
        assertEquals(0.6, rn50.doubleColumn("mnist").get(0), 1e-12);
        assertEquals(0.25, rn50.doubleColumn("cifar10").get(0), 1e-12);
        Table vit = wide.where(wide.stringColumn("model").isEqualTo("ViT-B-32"));
        assertTrue(vit.doubleColumn("cifar10").isMissing(0));
    }

    @Test
    void meanStdGivesSampleStandardDeviationAndCount() {
        Table s = Tables.meanStd(results(), "value", "model", "dataset");
        assertEquals(List.of("model", "dataset", "mean", "std", "n"), s.columnNames());
        assertEquals("RN50", s.stringColumn("model").get(0));
        assertEquals("mnist", s.stringColumn("dataset").get(0));
        assertEquals(0.6, s.doubleColumn("mean").get(0), 1e-12);
        // sample sd of {0.5, 0.7}: sqrt(((-0.1)^2 + 0.1^2) / 1) = sqrt(0.02)
        assertEquals(Math.sqrt(0.02), s.doubleColumn("std").get(0), 1e-12);
        assertEquals(2, s.intColumn("n").get(0));
        assertEquals(1, s.intColumn("n").get(1));
    }

    @Test
    void meanStdNamesAMissingColumn() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Tables.meanStd(results(), "acc", "model"));
        assertTrue(e.getMessage().contains("no column 'acc'"), e.getMessage());
    }

    @Test
    void matrixLaysRowsAndColumnsOut() {
        Table m =
                Tables.matrix(
                        "cka",
                        "backbone",
                        List.of("a", "b"),
                        List.of("a", "b"),
                        new double[][] {{1, 0.3}, {0.3, 1}});
        assertEquals(List.of("backbone", "a", "b"), m.columnNames());
        assertEquals(0.3, m.doubleColumn("b").get(0), 0);
        assertEquals("b", m.stringColumn("backbone").get(1));
    }

    @Test
    void matrixRejectsARaggedRow() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Tables.matrix(
                                        "cka",
                                        "backbone",
                                        List.of("a", "b"),
                                        List.of("a", "b"),
                                        new double[][] {{1, 0.3}, {0.3}}));
        assertTrue(e.getMessage().contains("row b: expected 2 values, got 1"), e.getMessage());
    }

    @Test
    void resultRowRejectsSeveritySix() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new ResultRow("m", "d", "test", "blur", 6, 0, "top1", 0.1));
        assertTrue(e.getMessage().contains("severity expected 0 to 5, got 6"), e.getMessage());
    }
}
