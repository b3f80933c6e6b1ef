package org.clipsynergy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root comes from clipsynergy.root, then CLIP_SYNERGY_HOME, then datasets.yaml above. */
class ProjectLayoutTest {

    @TempDir Path tmp;

    private static Path root(Map<String, String> properties, Map<String, String> env, Path cwd) {
        return ProjectLayout.findRoot(properties::get, env::get, cwd);
    }

    @Test
    void propertyWinsOverVariableWinsOverSearch() throws IOException {
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Files.writeString(checkout.resolve(ProjectLayout.CATALOG_FILE), "datasets: {}\n");
        Path cwd = Files.createDirectories(checkout.resolve("notebooks/deep"));
        Path home = tmp.resolve("home2");
        Path property = tmp.resolve("property");

        assertEquals(
                property,
                root(
                        Map.of("clipsynergy.root", property.toString()),
                        Map.of("CLIP_SYNERGY_HOME", home.toString()),
                        cwd));
        assertEquals(home, root(Map.of(), Map.of("CLIP_SYNERGY_HOME", home.toString()), cwd));
        assertEquals(checkout, root(Map.of(), Map.of(), cwd));
    }

    @Test
    void blankSettingsCountAsUnset() throws IOException {
        Path home = tmp.resolve("home2");
        Files.writeString(tmp.resolve(ProjectLayout.CATALOG_FILE), "datasets: {}\n");
        assertEquals(
                home,
                root(
                        Map.of("clipsynergy.root", " "),
                        Map.of("CLIP_SYNERGY_HOME", home.toString()),
                        tmp));
        assertEquals(
                tmp, root(Map.of("clipsynergy.root", ""), Map.of("CLIP_SYNERGY_HOME", ""), tmp));
    }

    @Test
    void relativeSettingsResolveAgainstTheWorkingDirectoryAndNormalise() {
        Path expected = Path.of("").toAbsolutePath().resolve("some/home").normalize();
        assertEquals(expected, root(Map.of(), Map.of("CLIP_SYNERGY_HOME", "some/./home"), tmp));
    }

    @Test
    void noRootAnywhereNamesWhereItLookedAndHowToSetIt() throws IOException {
        Path cwd = Files.createDirectories(tmp.resolve("empty/inner"));
        for (Path p = cwd; p != null; p = p.getParent()) {
            Assumptions.assumeFalse(
                    Files.isRegularFile(p.resolve(ProjectLayout.CATALOG_FILE)),
                    "a " + ProjectLayout.CATALOG_FILE + " above the temporary folder, in " + p);
        }
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> root(Map.of(), Map.of(), cwd));
        assertTrue(e.getMessage().contains("no datasets.yaml at or above " + cwd), e.getMessage());
        assertTrue(e.getMessage().contains("CLIP_SYNERGY_HOME"), e.getMessage());
    }
}
