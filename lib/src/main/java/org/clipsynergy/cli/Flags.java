package org.clipsynergy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks of option values that name the flag the user typed ({@code --batch-size}), not the Java
 * field behind it, and fail as usage errors (exit status 2, with the command's usage).
 */
final class Flags {

    private Flags() {}

    /**
     * Fails unless {@code ok}.
     *
     * @param spec the command, for the usage message
     * @param ok whether the value is acceptable
     * @param flag the flag as typed, e.g. {@code --batch-size}
     * @param expected what is accepted, e.g. {@code >= 1}
     * @param actual the value given
     * @throws CommandLine.ParameterException naming the flag, what it accepts and the value
     */
    static void require(CommandSpec spec, boolean ok, String flag, String expected, Object actual) {
        if (!ok) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), flag + " must be " + expected + ", got " + actual);
        }
    }
}
