package org.clipsynergy.report;

import java.util.List;

/**
 * Checks of a notebook's parameters, for the cell right after the parameter cell: a bad value fails
 * there, naming the parameter as the notebook spells it, before any feature is extracted or any
 * model fitted. Each method throws {@link IllegalArgumentException} with "parameter 'name':
 * expected ..., got ...".
 */
public final class Parameters {

    private Parameters() {}

    /**
     * An integer with a lower bound.
     *
     * @param name the parameter's name in the notebook
     * @param value its value
     * @param min the least value allowed
     */
    public static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw bad(name, ">= " + min, String.valueOf(value));
        }
    }

    /**
     * A limit on the number of images: -1 for all of them, or at least {@code min}.
     *
     * @param name the parameter's name in the notebook
     * @param value its value
     * @param min the fewest images that make sense
     */
    public static void limit(String name, long value, long min) {
        if (value != -1 && value < min) {
            throw bad(name, "-1 (all images) or >= " + min, String.valueOf(value));
        }
    }

    /**
     * A positive number.
     *
     * @param name the parameter's name in the notebook
     * @param value its value
     */
    public static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw bad(name, "a finite number > 0", String.valueOf(value));
        }
    }

    /**
     * A list of integers, each at least {@code min}; an empty list is refused.
     *
     * @param name the parameter's name in the notebook
     * @param values its values (papermill may pass any {@link Number})
     * @param min the least value allowed
     */
    public static void eachAtLeast(String name, List<?> values, long min) {
        nonEmpty(name, values);
        for (Object v : values) {
            if (!(v instanceof Number n)
                    || n.doubleValue() != n.longValue()
                    || n.longValue() < min) {
                throw bad(name, "whole numbers >= " + min, values.toString());
            }
        }
    }

    /**
     * A list of whole numbers from {@code min} to {@code max}; an empty list is refused.
     *
     * @param name the parameter's name in the notebook
     * @param values its values (papermill may pass any {@link Number})
     * @param min the least value allowed
     * @param max the most allowed
     */
    public static void eachWholeIn(String name, List<?> values, long min, long max) {
        nonEmpty(name, values);
        for (Object v : values) {
            if (!(v instanceof Number n)
                    || n.doubleValue() != n.longValue()
                    || n.longValue() < min
                    || n.longValue() > max) {
                throw bad(name, "whole numbers from " + min + " to " + max, values.toString());
            }
        }
    }

    /**
     * A list of numbers in {@code (low, high]}; an empty list is refused.
     *
     * @param name the parameter's name in the notebook
     * @param values its values
     * @param low the bound every value must exceed
     * @param high the most a value may be
     */
    public static void eachIn(String name, List<?> values, double low, double high) {
        nonEmpty(name, values);
        for (Object v : values) {
            if (!(v instanceof Number n) || !(n.doubleValue() > low && n.doubleValue() <= high)) {
                throw bad(
                        name,
                        "numbers in (" + low + ", " + high + "], e.g. " + high,
                        values.toString() + " (" + v + " is not)");
            }
        }
    }

    /**
     * A name from a known list; an empty value is allowed when {@code emptyMeans} says what it
     * stands for.
     *
     * @param name the parameter's name in the notebook
     * @param value its value
     * @param known the names allowed
     * @param emptyMeans what an empty value means, or null if it is not allowed
     */
    public static void oneOf(String name, String value, List<String> known, String emptyMeans) {
        if (value.isEmpty() && emptyMeans != null) {
            return;
        }
        if (!known.contains(value)) {
            throw bad(
                    name,
                    "one of " + known + (emptyMeans == null ? "" : ", or \"\" for " + emptyMeans),
                    "\"" + value + "\"");
        }
    }

    private static void nonEmpty(String name, List<?> values) {
        if (values.isEmpty()) {
            throw bad(name, "at least one value", "[]");
        }
    }

    private static IllegalArgumentException bad(String name, String expected, String got) {
        return new IllegalArgumentException(
                "parameter '" + name + "': expected " + expected + ", got " + got);
    }
}
