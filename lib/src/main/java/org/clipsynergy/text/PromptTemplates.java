package org.clipsynergy.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Zero-shot prompt templates such as {@code "a photo of a {}."}, filled with class names.
 *
 * <p>A template has exactly one {@code {}} slot, as in CLIP's prompt lists; datasets.yaml and the
 * benchmark files that write the slot as {@code {c}} are accepted too.
 */
public final class PromptTemplates {

    /** The class-name slot of a template. */
    public static final String SLOT = "{}";

    /** The alternative slot spelling used by CLIP_benchmark's template files. */
    public static final String NAMED_SLOT = "{c}";

    /** CLIP's plain zero-shot prompt. */
    public static final String DEFAULT_TEMPLATE = "a photo of a {}.";

    private PromptTemplates() {}

    /**
     * Fills the slot of a template with a class name.
     *
     * @param template a template with exactly one {@code {}} (or {@code {c}}) slot
     * @param className the class name, inserted verbatim
     * @return the prompt
     * @throws IllegalArgumentException if the template has no slot or more than one
     */
    public static String fill(String template, String className) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(className, "className");
        String slot = template.contains(SLOT) ? SLOT : NAMED_SLOT;
        int first = template.indexOf(slot);
        if (first < 0 || template.indexOf(slot, first + 1) >= 0 || hasBoth(template)) {
            throw new IllegalArgumentException(
                    "template '"
                            + template
                            + "' must contain exactly one class slot "
                            + SLOT
                            + " (or "
                            + NAMED_SLOT
                            + ")");
        }
        return template.substring(0, first) + className + template.substring(first + slot.length());
    }

    /**
     * Fills every template with one class name.
     *
     * @param templates t templates
     * @param className the class name
     * @return t prompts, in template order
     */
    public static List<String> fillAll(List<String> templates, String className) {
        List<String> prompts = new ArrayList<>(templates.size());
        for (String template : templates) {
            prompts.add(fill(template, className));
        }
        return prompts;
    }

    private static boolean hasBoth(String template) {
        return template.contains(SLOT) && template.contains(NAMED_SLOT);
    }
}
