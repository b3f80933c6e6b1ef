package org.clipsynergy.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.jetbrains.bio.npy.NpyArray;
import org.jetbrains.bio.npy.NpyFile;

/**
 * Reads the fixtures written by environment/reference/make_preprocess_fixtures.py (open_clip
 * 3.3.0's image_transform, torchvision 0.22.1, Pillow 13.0.0) from the test resources.
 */
final class PreprocessFixtures {

    private PreprocessFixtures() {}

    static JsonNode manifest() {
        try (InputStream in = open("cases.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage image(String name) {
        try (InputStream in = open(name)) {
            BufferedImage image = ImageIO.read(in);
            if (image == null) {
                throw new IllegalStateException("fixture " + name + " is not a readable image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A gzipped .npy fixture, unzipped to a temporary file for the npy reader. */
    static NpyArray npy(String name) {
        try (InputStream in = new GZIPInputStream(open(name))) {
            Path tmp = Files.createTempFile("fixture-", ".npy");
            try {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return NpyFile.read(tmp, Integer.MAX_VALUE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = PreprocessFixtures.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(
                    "test resource org/clipsynergy/image/" + name + " is missing");
        }
        return in;
    }
}
