package org.clipsynergy.backbone.mini;

import java.util.ArrayList;
import java.util.List;
import org.clipsynergy.text.ClipTokenizer;
import org.clipsynergy.text.PromptTemplates;

/**
 * Every caption training can draw: for each dataset, class and template, the filled template,
 * tokenized once by the real CLIP tokenizer and mapped to a member's embedding rows.
 */
final class CaptionTable {

    private final List<String> captions = new ArrayList<>();
    private final int[][] first;
    private final int[] templateCount;
    private final long[][] tokens;
    private final int contextLength;

    /**
     * Fills and tokenizes the captions of the given datasets.
     *
     * @param parts one slice per dataset (only class names and templates are read)
     * @param tokenizer the CLIP tokenizer
     * @param contextLength tokens per caption
     */
    CaptionTable(List<LabelledPixels> parts, ClipTokenizer tokenizer, int contextLength) {
        this.contextLength = contextLength;
        this.first = new int[parts.size()][];
        this.templateCount = new int[parts.size()];
        for (int d = 0; d < parts.size(); d++) {
            LabelledPixels p = parts.get(d);
            templateCount[d] = p.templates().size();
            first[d] = new int[p.classNames().size()];
            for (int c = 0; c < p.classNames().size(); c++) {
                first[d][c] = captions.size();
                for (String template : p.templates()) {
                    captions.add(PromptTemplates.fill(template, p.classNames().get(c)));
                }
            }
        }
        for (String caption : captions) {
            int length = tokenizer.rawIds(caption).length;
            if (length > contextLength) {
                throw new IllegalArgumentException(
                        "caption \""
                                + caption
                                + "\" has "
                                + length
                                + " tokens with start and end, more than the context length "
                                + contextLength);
            }
        }
        this.tokens = tokenizer.encode(captions, contextLength);
    }

    /** All captions, in dataset, class, template order. */
    List<String> captions() {
        return List.copyOf(captions);
    }

    /** m x l CLIP token ids of every caption. */
    long[][] tokens() {
        return tokens;
    }

    /** Tokens per caption. */
    int contextLength() {
        return contextLength;
    }

    /** The number of templates of dataset {@code d}. */
    int templates(int d) {
        return templateCount[d];
    }

    /** The index of the caption of dataset d, class c, template t. */
    int index(int d, int c, int t) {
        return first[d][c] + t;
    }
}
