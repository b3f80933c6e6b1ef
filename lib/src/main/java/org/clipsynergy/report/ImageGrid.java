package org.clipsynergy.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.clipsynergy.data.ImageDataset;
import org.clipsynergy.data.Sample;

/**
 * Lays images out in a grid with a caption under each, e.g. a few samples of a dataset with their
 * class names. Each image is scaled (nearest neighbour, so small digits stay crisp) to a square
 * cell; the result is an RGB image that a JJava notebook shows inline.
 */
public final class ImageGrid {

    /** Height of the caption band under each cell, in pixels. */
    static final int CAPTION_HEIGHT = 22;

    /** Gap between cells and around the grid, in pixels. */
    static final int GAP = 8;

    private static final int FONT_SIZE = 13;

    private ImageGrid() {}

    /**
     * Draws the grid.
     *
     * @param images the images, in reading order
     * @param captions one caption per image (shortened with an ellipsis to fit the cell)
     * @param columns images per row, at least 1
     * @param cell the side of each square cell in pixels, 16 to 1024
     * @return a white RGB image of width {@code columns * (cell + GAP) + GAP} and height {@code
     *     rows * (cell + CAPTION_HEIGHT + GAP) + GAP}
     */
    public static BufferedImage of(
            List<BufferedImage> images, List<String> captions, int columns, int cell) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("image grid: expected at least one image, got 0");
        }
        if (captions.size() != images.size()) {
            throw new IllegalArgumentException(
                    "image grid: expected one caption per image ("
                            + images.size()
                            + "), got "
                            + captions.size());
        }
        if (columns < 1) {
            throw new IllegalArgumentException("image grid: columns expected >= 1, got " + columns);
        }
        if (cell < 16 || cell > 1024) {
            throw new IllegalArgumentException(
                    "image grid: cell size expected 16 to 1024 px, got " + cell);
        }
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        BufferedImage grid =
                new BufferedImage(
                        cols * (cell + GAP) + GAP,
                        rows * (cell + CAPTION_HEIGHT + GAP) + GAP,
                        BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            g.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION,
                    RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, FONT_SIZE));
            FontMetrics metrics = g.getFontMetrics();
            for (int i = 0; i < images.size(); i++) {
                int x = GAP + (i % cols) * (cell + GAP);
                int y = GAP + (i / cols) * (cell + CAPTION_HEIGHT + GAP);
                g.drawImage(images.get(i), x, y, cell, cell, null);
                String caption = fit(captions.get(i), metrics, cell);
                g.setColor(Color.DARK_GRAY);
                g.drawString(
                        caption,
                        x + (cell - metrics.stringWidth(caption)) / 2,
                        y + cell + metrics.getAscent() + 3);
            }
        } finally {
            g.dispose();
        }
        return grid;
    }

    /**
     * Draws chosen images of a dataset with their class names, ordered by class and then index. The
     * dataset is streamed once from the first chosen index; images not chosen are not kept.
     *
     * @param dataset the dataset split
     * @param indices the chosen image indices, e.g. from {@code StratifiedSampler.perClass}
     * @param columns images per row, at least 1
     * @param cell the side of each square cell in pixels, 16 to 1024
     * @return the grid, as {@link #of(List, List, int, int)} draws it
     * @throws IllegalArgumentException if an index is outside the dataset
     */
    public static BufferedImage of(ImageDataset dataset, int[] indices, int columns, int cell) {
        Set<Integer> wanted = new HashSet<>();
        for (int index : indices) {
            if (index < 0 || index >= dataset.size()) {
                throw new IllegalArgumentException(
                        "image grid of "
                                + dataset.name()
                                + "/"
                                + dataset.split()
                                + ": index "
                                + index
                                + " outside 0.."
                                + (dataset.size() - 1));
            }
            wanted.add(index);
        }
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("image grid: expected at least one index, got 0");
        }
        int first = Collections.min(wanted);
        List<Sample> samples;
        try (Stream<Sample> stream = dataset.stream(first)) {
            samples =
                    stream.filter(sample -> wanted.contains(sample.index()))
                            .limit(wanted.size())
                            .sorted(
                                    Comparator.comparingInt(Sample::label)
                                            .thenComparingInt(Sample::index))
                            .toList();
        }
        List<BufferedImage> images = samples.stream().map(Sample::image).toList();
        List<String> captions =
                samples.stream().map(s -> dataset.classNames().get(s.label())).toList();
        return of(images, captions, columns, cell);
    }

    private static String fit(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String shortened = text;
        while (!shortened.isEmpty() && metrics.stringWidth(shortened + "…") > width) {
            shortened = shortened.substring(0, shortened.length() - 1);
        }
        return shortened + "…";
    }
}
