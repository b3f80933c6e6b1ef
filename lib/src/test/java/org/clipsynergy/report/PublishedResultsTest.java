package org.clipsynergy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.clipsynergy.ProjectLayout;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The vendored published results (environment/reference-results/openai-zeroshot.csv, written by
 * environment/reference_results.py from CLIP_benchmark's and open_clip's result tables).
 */
class PublishedResultsTest {

    private static ProjectLayout layout() {
        return ProjectLayout.at(Path.of(System.getProperty("clipsynergy.root", "..")));
    }

    @Test
    void comparePrefersClipBenchmarkAndFallsBackToOpenClip() throws IOException {
        Table published = PublishedResults.load(layout());
        Table ours =
                Table.create(
                        "accuracy",
                        StringColumn.create("backbone", "ViT-B-32", "RN50", "mini-vit"),
                        StringColumn.create("dataset", "mnist", "mnist", "mnist"),
                        DoubleColumn.create("top1", 0.5, 0.6, 0.9));
        Table cmp = PublishedResults.compare(ours, published, "top1");
        assertEquals(2, cmp.rowCount());
        // ViT-B-32 on MNIST: clip_benchmark 0.4855, open_clip 0.4839.
        assertEquals(0.4855, cmp.doubleColumn("published").get(0), 1e-12);
        assertEquals("clip_benchmark", cmp.stringColumn("source").get(0));
        assertEquals(100 * (0.5 - 0.4855), cmp.doubleColumn("difference (points)").get(0), 1e-9);
        // RN50 on MNIST: only open_clip, 0.5755.
        assertEquals(0.5755, cmp.doubleColumn("published").get(1), 1e-12);
        assertEquals("open_clip", cmp.stringColumn("source").get(1));
    }

    @Test
    void everyOpenAiBackboneHasPublishedNumbers() throws IOException {
        Table published = PublishedResults.load(layout());
        for (String model : Study.OPENAI_BACKBONES) {
            Table rows = published.where(published.stringColumn("model").isEqualTo(model));
            assertEquals(true, rows.rowCount() >= 20, model + ": " + rows.rowCount() + " rows");
        }
    }
}
