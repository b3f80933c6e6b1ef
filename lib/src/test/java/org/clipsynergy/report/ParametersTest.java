package org.clipsynergy.report;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Notebook parameters are refused with the parameter's own name, the expectation and the value. */
class ParametersTest {

    private static String message(Runnable check) {
        return assertThrows(IllegalArgumentException.class, check::run).getMessage();
    }

    @Test
    void boundsAndLimitsNameTheParameter() {
        assertEquals(
                "parameter 'imagesPerClass': expected >= 1, got -1",
                message(() -> Parameters.atLeast("imagesPerClass", -1, 1)));
        assertDoesNotThrow(() -> Parameters.atLeast("imagesPerClass", 1, 1));
        assertEquals(
                "parameter 'n': expected -1 (all images) or >= 4, got 0",
                message(() -> Parameters.limit("n", 0, 4)));
        assertEquals(
                "parameter 'n': expected -1 (all images) or >= 4, got 3",
                message(() -> Parameters.limit("n", 3, 4)));
        assertDoesNotThrow(() -> Parameters.limit("n", -1, 4));
        assertDoesNotThrow(() -> Parameters.limit("n", 4, 4));
        assertEquals(
                "parameter 'threshold': expected a finite number > 0, got NaN",
                message(() -> Parameters.positive("threshold", Double.NaN)));
        assertEquals(
                "parameter 'threshold': expected a finite number > 0, got 0.0",
                message(() -> Parameters.positive("threshold", 0)));
    }

    @Test
    void listsAreCheckedValueByValue() {
        assertEquals(
                "parameter 'thresholds': expected numbers in (0.0, 1.0], e.g. 1.0, got [0.5, 1.5]"
                        + " (1.5 is not)",
                message(() -> Parameters.eachIn("thresholds", List.of(0.5, 1.5), 0, 1)));
        assertDoesNotThrow(() -> Parameters.eachIn("thresholds", List.of(0.3, 1), 0, 1));
        assertEquals(
                "parameter 'thresholds': expected at least one value, got []",
                message(() -> Parameters.eachIn("thresholds", List.of(), 0, 1)));
        assertEquals(
                "parameter 'ks': expected whole numbers >= 1, got [1, 0, 4]",
                message(() -> Parameters.eachAtLeast("ks", List.of(1, 0, 4), 1)));
        assertEquals(
                "parameter 'ks': expected whole numbers >= 1, got [1, 2.5]",
                message(() -> Parameters.eachAtLeast("ks", List.of(1, 2.5), 1)));
        assertDoesNotThrow(() -> Parameters.eachAtLeast("seeds", List.of(0L, 1, 2), 0));
        assertEquals(
                "parameter 'severities': expected whole numbers from 1 to 5, got [0, 7]",
                message(() -> Parameters.eachWholeIn("severities", List.of(0, 7), 1, 5)));
        assertEquals(
                "parameter 'severities': expected whole numbers from 1 to 5, got [2.5]",
                message(() -> Parameters.eachWholeIn("severities", List.of(2.5), 1, 5)));
        assertDoesNotThrow(() -> Parameters.eachWholeIn("severities", List.of(1, 5L), 1, 5));
    }

    @Test
    void aNameMustBeKnownUnlessEmptyHasAMeaning() {
        List<String> known = List.of("mini-convnet-m", "mini-mlp");
        assertEquals(
                "parameter 'reference': expected one of [mini-convnet-m, mini-mlp], or \"\" for the"
                        + " first backbone, got \"mini-convnet\"",
                message(
                        () ->
                                Parameters.oneOf(
                                        "reference", "mini-convnet", known, "the first backbone")));
        assertDoesNotThrow(() -> Parameters.oneOf("reference", "", known, "the first backbone"));
        assertDoesNotThrow(() -> Parameters.oneOf("reference", "mini-mlp", known, null));
        assertEquals(
                "parameter 'split': expected one of [mini-convnet-m, mini-mlp], got \"\"",
                message(() -> Parameters.oneOf("split", "", known, null)));
    }
}
