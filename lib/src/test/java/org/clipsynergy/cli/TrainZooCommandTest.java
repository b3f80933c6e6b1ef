package org.clipsynergy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The train-zoo subcommand's options (training itself is tested in backbone.mini). */
class TrainZooCommandTest {

    @Test
    void helpListsTheOptions() {
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(new Main()).setOut(new PrintWriter(out, true));
        assertEquals(0, line.execute("train-zoo", "--help"));
        for (String option :
                new String[] {"--smoke", "--workers", "--seed", "--epochs", "--lock-wait"}) {
            assertTrue(out.toString().contains(option), out.toString());
        }
    }

    @Test
    void negativeSeedsAndNonPositiveCountsAreUsageErrorsNamingTheFlag(@TempDir Path empty) {
        // An empty root and backbones folder: were a value accepted, the command would fail on
        // the missing catalog (status 1) rather than train into the project's folder.
        String oldRoot = System.getProperty("clipsynergy.root");
        String oldBackbones = System.getProperty("clipsynergy.backbones");
        System.setProperty("clipsynergy.root", empty.toString());
        System.setProperty("clipsynergy.backbones", empty.resolve("backbones").toString());
        try {
            checkUsageErrors();
        } finally {
            restore("clipsynergy.root", oldRoot);
            restore("clipsynergy.backbones", oldBackbones);
        }
        assertFalse(Files.exists(empty.resolve("backbones")), "nothing was written");
    }

    private static void checkUsageErrors() {
        String[][] cases = {
            {"--seed", "-3", "--seed must be >= 0, got -3"},
            {"--seed", "-1", "--seed must be >= 0, got -1"},
            {"--epochs", "0", "--epochs must be >= 1, got 0"},
            {"--epochs", "-2", "--epochs must be >= 1, got -2"},
            {"--workers", "0", "--workers must be >= 1, got 0"},
            {"--workers", "-1", "--workers must be >= 1, got -1"},
            {"--lock-wait", "-5", "--lock-wait must be >= 0, got -5"},
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            CommandLine line = new CommandLine(new Main()).setErr(new PrintWriter(err, true));
            assertEquals(2, line.execute("train-zoo", "--smoke", c[0], c[1]), err.toString());
            assertTrue(err.toString().contains(c[2]), err.toString());
            assertTrue(err.toString().contains("Usage:"), err.toString());
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void aNonNumericWorkerCountIsAUsageError() {
        assertEquals(2, Main.run("train-zoo", "--workers", "two"));
    }
}
