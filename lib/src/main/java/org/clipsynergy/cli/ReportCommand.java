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

    @Option(
            names = "--figures",
            paramLabel = "DIR",
            description = "the figures folder (default: figures/ under the project root)")
    Path figures;

    @Override
    public Integer call() throws Exception {
        Path folder = figures != null ? figures : ProjectLayout.discover().figures();
        Path index = Figures.writeIndex(folder);
        System.out.println("clip-synergy report: wrote " + index);
        return 0;
    }
}
