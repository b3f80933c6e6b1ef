package org.clipsynergy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

/** Progress bars written to a file or pipe are plain lines that keep the ETA. */
class ProgressTest {

    @Test
    void withoutATerminalTheBarIsPlainLinesWithTheEta() throws InterruptedException {
        List<String> lines = new ArrayList<>();
        try (ProgressBar bar =
                Progress.builder("tiny-rn/mnist/test/none-0", 40, false, lines::add)
                        .setUnit(" img", 1)
                        .build()) {
            for (int i = 0; i < 4; i++) {
                bar.stepBy(10);
            }
        }
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            assertFalse(line.contains("\u001b"), "no escape sequence: " + line);
            assertFalse(line.contains("\r") || line.contains("\n"), "one line: " + line);
            assertTrue(line.length() <= Progress.PLAIN_WIDTH, line);
        }
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("tiny-rn/mnist/test/none-0 100% ["), last);
        assertTrue(last.contains("40/40 img"), last);
        // Elapsed and remaining time, as on the terminal bar: "(0:00:00 / 0:00:00)".
        assertTrue(last.matches(".*\\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\).*"), last);
    }

    @Test
    void aLineEqualToTheOneBeforeIsDropped() {
        // The library draws a closed bar once more: as plain lines the 100 % line came twice.
        List<String> lines = new ArrayList<>();
        var consumer = Progress.withoutRepeats(lines::add);
        for (String line : List.of("a 0%", "a 100%", "a 100%", "b 0%", "b 0%", "a 100%")) {
            consumer.accept(line);
        }
        assertEquals(List.of("a 0%", "a 100%", "b 0%", "a 100%"), lines);
    }
}
