package org.clipsynergy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.clipsynergy.ProjectLayout;
import org.clipsynergy.report.Figures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clip-synergy report}: writes {@code figures/index.html} over what is in figures/. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write figures/index.html, linking every table, chart and executed notebook that the"
                    + " notebooks have written under figures/."
        })
final class ReportCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--figures",
            paramLabel = "DIR",
            description =
                    "an existing figures folder (default: figures/ under the project root, created"
                            + " when missing)")
    Path figures;

    @Override
    public Integer call() throws Exception {
        Path folder = folder();
        Path index = Figures.writeIndex(folder);
        System.out.println("clip-synergy report: wrote " + index);
        return 0;
    }

    /**
     * The folder to index: the default figures/ (created when missing), or the one given, which
     * must exist: a mistyped path would otherwise get a new, empty index nobody looks at.
     */
    private Path folder() {
        if (figures == null) {
            return ProjectLayout.discover().figures();
        }
        Path given = figures.toAbsolutePath().normalize();
        if (!java.nio.file.Files.isDirectory(given) && !given.equals(standardOrNull())) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "--figures must be an existing folder, got "
                            + figures
                            + (java.nio.file.Files.exists(given)
                                    ? " (a file)"
                                    : " (" + given + " does not exist)"));
        }
        return given;
    }

    /** The project's figures/, or null outside a project (then any folder given must exist). */
    private static Path standardOrNull() {
        try {
            return ProjectLayout.discover().figures().toAbsolutePath().normalize();
        } catch (IllegalStateException e) {
            return null;
        }
    }
}
