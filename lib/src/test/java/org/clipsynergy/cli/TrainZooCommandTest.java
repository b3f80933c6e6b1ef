package org.clipsynergy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The train-zoo subcommand's options (training itself is tested in backbone.mini). */
class TrainZooCommandTest {

    @Test
    void helpListsTheOptions() {
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(new Main()).setOut(new PrintWriter(out, true));
        assertEquals(0, line.execute("train-zoo", "--help"));
        for (String option : new String[] {"--smoke", "--workers", "--seed", "--epochs"}) {
            assertTrue(out.toString().contains(option), out.toString());
        }
    }

    @Test
    void aNonNumericWorkerCountIsAUsageError() {
        assertEquals(2, Main.run("train-zoo", "--workers", "two"));
    }
}
