package org.clipsynergy.features;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.clipsynergy.data.ImageDataset;
import org.clipsynergy.data.Sample;

/** A small in-memory dataset of seeded random colour images, for extraction tests. */
final class SyntheticDataset implements ImageDataset {

    private final int size;
    private final int side;
    private final List<String> classes;
    private final String fingerprint;
    private int streams;
    private String changedFile;

    SyntheticDataset(int size, int side, List<String> classes, String fingerprint) {
        this.size = size;
        this.side = side;
        this.classes = classes;
        this.fingerprint = fingerprint;
    }

    /** How many times {@link #stream} was called. */
    int streams() {
        return streams;
    }

    /** Makes {@link #verifyFiles} fail as for a data file that differs from its checksum. */
    void changeFile(String file) {
        this.changedFile = file;
    }

    @Override
    public int verifyFiles() throws IOException {
        if (changedFile != null) {
            throw new IOException(changedFile + ": SHA-256 differs from datasets.yaml");
        }
        return 1;
    }

    static BufferedImage image(int index, int side) {
        Random r = new Random(1000 + index);
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        return img;
    }

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public String split() {
        return "test";
    }

    @Override
    public List<String> classNames() {
        return classes;
    }

    @Override
    public List<String> templates() {
        return List.of("a photo of a {}.");
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int[] labels() {
        return IntStream.range(0, size).map(i -> i % classes.size()).toArray();
    }

    @Override
    public Stream<Sample> stream(int fromIndex) {
        streams++;
        return IntStream.range(fromIndex, size)
                .mapToObj(i -> new Sample(i, image(i, side), i % classes.size(), "synthetic:" + i));
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }
}
