package org.clipsynergy;

import java.util.Objects;
import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars for long work that suit where their output goes: the library's animated bar on a
 * terminal, plain ASCII lines (no escape sequences, no carriage returns) when the output is
 * redirected to a file or a pipe, as under {@code make} in CI or {@code nohup}. Both show the
 * elapsed time and the ETA.
 */
public final class Progress {

    /** The width of a plain line, in characters: wide enough for the task name, counts and ETA. */
    public static final int PLAIN_WIDTH = 120;

    /** How often a plain line is written, in milliseconds: a log, not an animation. */
    public static final int PLAIN_INTERVAL_MILLIS = 10_000;

    private Progress() {}

    /**
     * A progress bar builder for the current process: animated when {@link System#console()} is a
     * terminal, else plain lines on standard error.
     *
     * @param task the task's name, shown first on the bar
     * @param max the number of steps
     * @return the builder; add a unit or a start point, then {@code build()}
     */
    public static ProgressBarBuilder builder(String task, long max) {
        return builder(task, max, System.console() != null, System.err::println);
    }

    /**
     * A progress bar builder that draws on a terminal or writes plain lines.
     *
     * @param task the task's name
     * @param max the number of steps
     * @param terminal whether the output is an interactive terminal
     * @param lines where plain lines go when {@code terminal} is false
     * @return the builder
     */
    public static ProgressBarBuilder builder(
            String task, long max, boolean terminal, Consumer<String> lines) {
        Objects.requireNonNull(lines, "lines");
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max);
        if (terminal) {
            return b;
        }
        return b.setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(PLAIN_INTERVAL_MILLIS)
                .setConsumer(new DelegatingProgressBarConsumer(withoutRepeats(lines), PLAIN_WIDTH));
    }

    /**
     * Drops a line equal to the one just written: the library draws the bar once more when it is
     * closed, which as plain lines printed the final 100 % line twice.
     */
    static Consumer<String> withoutRepeats(Consumer<String> lines) {
        String[] last = {null};
        return line -> {
            synchronized (last) {
                if (line.equals(last[0])) {
                    return;
                }
                last[0] = line;
            }
            lines.accept(line);
        };
    }
}
