package org.clipsynergy.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptTemplatesTest {

    @Test
    void fillsTheSlot() {
        assertEquals(
                "a photo of a tabby cat.", PromptTemplates.fill("a photo of a {}.", "tabby cat"));
        assertEquals(
                "a bad photo of the {x}.", PromptTemplates.fill("a bad photo of the {c}.", "{x}"));
        assertEquals("dog", PromptTemplates.fill("{}", "dog"));
        assertEquals(
                List.of("a dog.", "art of the dog."),
                PromptTemplates.fillAll(List.of("a {}.", "art of the {}."), "dog"));
    }

    @Test
    void rejectsTemplatesWithoutExactlyOneSlot() {
        assertThrows(IllegalArgumentException.class, () -> PromptTemplates.fill("a photo", "dog"));
        assertThrows(
                IllegalArgumentException.class, () -> PromptTemplates.fill("{} and {}", "dog"));
        assertThrows(IllegalArgumentException.class, () -> PromptTemplates.fill("{} {c}", "dog"));
    }
}
