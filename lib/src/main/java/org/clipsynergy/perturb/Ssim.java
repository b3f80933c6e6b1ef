package org.clipsynergy.perturb;

import java.awt.image.BufferedImage;

/**
 * The structural similarity index (Wang, Bovik, Sheikh and Simoncelli, "Image Quality Assessment:
 * From Error Visibility to Structural Similarity", IEEE TIP 2004) with the defaults of
 * scikit-image's structural_similarity: a 7 x 7 uniform window, K1 = 0.01, K2 = 0.03, sample
 * covariances (normalised by 48), data range 255, the mean over the positions whose window lies
 * inside the image, averaged over the three RGB channels.
 */
public final class Ssim {

    private Ssim() {}

    private static final int WINDOW = 7;
    private static final double K1 = 0.01;
    private static final double K2 = 0.03;
    private static final double DATA_RANGE = 255;

    /**
     * SSIM of two RGB images of the same size (grey images count as three equal channels).
     *
     * @throws IllegalArgumentException if the sizes differ or a side is under 7 pixels
     */
    public static double of(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException(
                    "SSIM image size: expected "
                            + a.getWidth()
                            + " x "
                            + a.getHeight()
                            + ", got "
                            + b.getWidth()
                            + " x "
                            + b.getHeight());
        }
        if (a.getWidth() < WINDOW || a.getHeight() < WINDOW) {
            throw new IllegalArgumentException(
                    "SSIM image side: expected at least "
                            + WINDOW
                            + ", got "
                            + a.getWidth()
                            + " x "
                            + a.getHeight());
        }
        Planes pa = Planes.of(a);
        Planes pb = Planes.of(b);
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            sum += channel(pa.levels(k), pb.levels(k), a.getWidth(), a.getHeight());
        }
        return sum / 3;
    }

    /** SSIM of one channel, levels 0-255, height x width row-major. */
    static double channel(int[] x, int[] y, int width, int height) {
        double c1 = (K1 * DATA_RANGE) * (K1 * DATA_RANGE);
        double c2 = (K2 * DATA_RANGE) * (K2 * DATA_RANGE);
        int np = WINDOW * WINDOW;
        double covNorm = np / (np - 1.0);
        int pad = WINDOW / 2;
        double total = 0;
        long count = 0;
        for (int r = pad; r < height - pad; r++) {
            for (int c = pad; c < width - pad; c++) {
                double sx = 0;
                double sy = 0;
                double sxx = 0;
                double syy = 0;
                double sxy = 0;
                for (int i = r - pad; i <= r + pad; i++) {
                    for (int j = c - pad; j <= c + pad; j++) {
                        double vx = x[i * width + j];
                        double vy = y[i * width + j];
                        sx += vx;
                        sy += vy;
                        sxx += vx * vx;
                        syy += vy * vy;
                        sxy += vx * vy;
                    }
                }
                double ux = sx / np;
                double uy = sy / np;
                double vx = covNorm * (sxx / np - ux * ux);
                double vy = covNorm * (syy / np - uy * uy);
                double vxy = covNorm * (sxy / np - ux * uy);
                double num = (2 * ux * uy + c1) * (2 * vxy + c2);
                double den = (ux * ux + uy * uy + c1) * (vx + vy + c2);
                total += num / den;
                count++;
            }
        }
        return total / count;
    }
}
