package org.clipsynergy.report;

import java.util.Objects;

/**
 * One measured number in the project's long results format: which model (a backbone or an ensemble)
 * on which data, under which perturbation and seed, measured what.
 *
 * @param model the backbone or ensemble name
 * @param dataset the dataset name, as in {@code datasets.yaml}
 * @param split the split, e.g. {@code test}
 * @param perturbation the perturbation name, {@code none} for clean images
 * @param severity the perturbation severity, 0 for clean images, else 1 to 5
 * @param seed the seed the number was produced with
 * @param metric the metric name, e.g. {@code top1}
 * @param value the measured value (NaN allowed: it marks an undefined measurement)
 */
public record ResultRow(
        String model,
        String dataset,
        String split,
        String perturbation,
        int severity,
        long seed,
        String metric,
        double value) {

    /** Checks that every name is non-blank and the severity is 0 to 5. */
    public ResultRow {
        requireName(model, "model");
        requireName(dataset, "dataset");
        requireName(split, "split");
        requireName(perturbation, "perturbation");
        requireName(metric, "metric");
        if (severity < 0 || severity > 5) {
            throw new IllegalArgumentException(
                    "result row "
                            + model
                            + "/"
                            + dataset
                            + "/"
                            + metric
                            + ": severity expected 0 to 5, got "
                            + severity);
        }
    }

    /**
     * A row for clean images (perturbation {@code none}, severity 0).
     *
     * @param model the backbone or ensemble name
     * @param dataset the dataset name
     * @param split the split
     * @param seed the seed
     * @param metric the metric name
     * @param value the measured value
     * @return the row
     */
    public static ResultRow clean(
            String model, String dataset, String split, long seed, String metric, double value) {
        return new ResultRow(model, dataset, split, "none", 0, seed, metric, value);
    }

    private static void requireName(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException("result row: " + field + " must not be blank");
        }
    }
}
