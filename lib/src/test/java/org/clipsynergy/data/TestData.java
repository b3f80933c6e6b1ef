package org.clipsynergy.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.clipsynergy.ProjectLayout;

/** Shared access to the project's catalog, its data folder and the test fixtures. */
final class TestData {

    private TestData() {}

    /** The project layout from the {@code clipsynergy.root} property surefire sets. */
    static ProjectLayout layout() {
        return ProjectLayout.at(Path.of(System.getProperty("clipsynergy.root", "..")));
    }

    /** The project's catalog, datasets.yaml at the root. */
    static DatasetCatalog catalog() throws IOException {
        return DatasetCatalog.load(layout());
    }

    /**
     * Skips the calling test unless the embedded default data is in data/: it is put there by
     * {@code python3 environment/fetch_data.py} (make setup), never committed.
     */
    static void assumeEmbeddedData() {
        Path data = layout().data();
        boolean present =
                Files.isRegularFile(data.resolve("mnist/t10k-images-idx3-ubyte"))
                        && Files.isRegularFile(
                                data.resolve("fashion-mnist/t10k-images-idx3-ubyte"));
        assumeTrue(
                present,
                "MNIST / Fashion-MNIST not in "
                        + data
                        + "; run `python3 environment/fetch_data.py` to test the readers on them");
    }

    /** A JSON test resource of this package, e.g. {@code idx_reference.json}. */
    static JsonNode json(String name) {
        try (InputStream in = TestData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource of this package as a file path. */
    static Path resource(String name) {
        try {
            return Path.of(TestData.class.getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }
}
