package org.clipsynergy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code clip-synergy} command line: one subcommand per step of the Makefile. */
@Command(
        name = "clip-synergy",
        mixinStandardHelpOptions = true,
        version = "clip-synergy 0.1.0",
        description = "Run CLIP backbones, cache what they see, and analyse the cache.",
        subcommands = {
            ExtractCommand.class,
            TrainZooCommand.class,
            ReportCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting.
     *
     * @param args the arguments
     * @return the exit status: 0 on success, 1 on a failure, 2 on a usage error
     */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(
                        (e, cmd, parsed) -> {
                            cmd.getErr()
                                    .println(
                                            cmd.getColorScheme()
                                                    .errorText("clip-synergy: " + e.getMessage()));
                            return 1;
                        })
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
