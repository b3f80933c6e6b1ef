package org.clipsynergy.perturb;

/**
 * The image filters the corruptions are built from, each mirroring the library call the reference
 * implementation makes: scipy.ndimage's Gaussian filter (through skimage.filters.gaussian),
 * OpenCV's filter2D and GaussianBlur kernels, scipy.ndimage.zoom and map_coordinates with linear
 * interpolation.
 */
final class Filters {

    private Filters() {}

    /** How a filter reads beyond the image's edge. */
    enum Border {
        /** Repeat the edge value (scipy "nearest"). */
        NEAREST,
        /** Mirror including the edge value, d c b a | a b c d (scipy "reflect"). */
        REFLECT,
        /** Mirror about the edge value, d c b | a b c d (OpenCV's default, scipy "mirror"). */
        REFLECT_101
    }

    /** Maps any integer index to one inside [0, n) under the given border rule. */
    static int index(int i, int n, Border border) {
        if (i >= 0 && i < n) {
            return i;
        }
        switch (border) {
            case NEAREST:
                return i < 0 ? 0 : n - 1;
            case REFLECT:
                {
                    int period = 2 * n;
                    int m = Math.floorMod(i, period);
                    return m < n ? m : period - 1 - m;
                }
            default:
                {
                    if (n == 1) {
                        return 0;
                    }
                    int period = 2 * n - 2;
                    int m = Math.floorMod(i, period);
                    return m < n ? m : period - m;
                }
        }
    }

    /**
     * The 1-D Gaussian kernel of scipy.ndimage.gaussian_filter: radius {@code int(truncate * sigma
     * + 0.5)}, weights exp(-x^2 / (2 sigma^2)) normalised to sum 1.
     */
    static double[] gaussianKernel(double sigma, double truncate) {
        int radius = (int) (truncate * sigma + 0.5);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-0.5 / (sigma * sigma) * i * i);
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /**
     * Gaussian filter of one plane (height x width, row-major), axis 0 (rows) first then axis 1, as
     * scipy.ndimage.gaussian_filter with per-axis sigmas.
     */
    static double[] gaussian(
            double[] src,
            int width,
            int height,
            double sigmaY,
            double sigmaX,
            double truncate,
            Border border) {
        double[] tmp =
                correlateColumns(src, width, height, gaussianKernel(sigmaY, truncate), border);
        return correlateRows(tmp, width, height, gaussianKernel(sigmaX, truncate), border);
    }

    /** Gaussian filter of every channel with the same sigma on both spatial axes. */
    static Planes gaussian(Planes p, double sigma, double truncate, Border border) {
        Planes out = new Planes(p.width, p.height);
        for (int k = 0; k < 3; k++) {
            out.c[k] = gaussian(p.c[k], p.width, p.height, sigma, sigma, truncate, border);
        }
        return out;
    }

    /** Correlates each row with a centred kernel (odd length). */
    static double[] correlateRows(double[] src, int width, int height, double[] k, Border border) {
        int r = k.length / 2;
        double[] line = new double[width + 2 * r];
        double[] out = new double[src.length];
        for (int y = 0; y < height; y++) {
            int base = y * width;
            for (int i = 0; i < line.length; i++) {
                line[i] = src[base + index(i - r, width, border)];
            }
            for (int x = 0; x < width; x++) {
                double s = 0;
                for (int j = 0; j < k.length; j++) {
                    s += k[j] * line[x + j];
                }
                out[base + x] = s;
            }
        }
        return out;
    }

    /** Correlates each column with a centred kernel (odd length). */
    static double[] correlateColumns(
            double[] src, int width, int height, double[] k, Border border) {
        int r = k.length / 2;
        double[] out = new double[src.length];
        int[] rows = new int[height + 2 * r];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = index(i - r, height, border) * width;
        }
        for (int y = 0; y < height; y++) {
            for (int j = 0; j < k.length; j++) {
                double w = k[j];
                int from = rows[y + j];
                int to = y * width;
                for (int x = 0; x < width; x++) {
                    out[to + x] += w * src[from + x];
                }
            }
        }
        return out;
    }

    /**
     * 2-D correlation with a centred square kernel (odd side) and OpenCV's default border
     * (reflect-101), as cv2.filter2D; kernel entries that are exactly zero are skipped.
     */
    static double[] correlate2d(double[] src, int width, int height, double[][] kernel) {
        int r = kernel.length / 2;
        int pw = width + 2 * r;
        int ph = height + 2 * r;
        double[] padded = new double[pw * ph];
        for (int y = 0; y < ph; y++) {
            int from = index(y - r, height, Border.REFLECT_101) * width;
            for (int x = 0; x < pw; x++) {
                padded[y * pw + x] = src[from + index(x - r, width, Border.REFLECT_101)];
            }
        }
        double[] out = new double[src.length];
        for (int ky = 0; ky < kernel.length; ky++) {
            for (int kx = 0; kx < kernel.length; kx++) {
                double w = kernel[ky][kx];
                if (w == 0) {
                    continue;
                }
                for (int y = 0; y < height; y++) {
                    int from = (y + ky) * pw + kx;
                    int to = y * width;
                    for (int x = 0; x < width; x++) {
                        out[to + x] += w * padded[from + x];
                    }
                }
            }
        }
        return out;
    }

    /**
     * OpenCV's getGaussianKernel for a positive sigma: exp(-(i - (n - 1) / 2)^2 / (2 sigma^2))
     * normalised, rounded to float as for a CV_32F image.
     */
    static double[] cvGaussianKernel(int n, double sigma) {
        double[] k = new double[n];
        double scale = -0.5 / (sigma * sigma);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = i - (n - 1) * 0.5;
            k[i] = Math.exp(scale * x * x);
            sum += k[i];
        }
        for (int i = 0; i < n; i++) {
            k[i] = (float) (k[i] / sum);
        }
        return k;
    }

    /**
     * Linear zoom of a plane (rows x cols) by one factor on both axes, as scipy.ndimage.zoom with
     * order 1: the output has round(n * factor) samples per axis (round half to even) and output
     * sample i reads input position i * (n - 1) / (out - 1).
     */
    static double[] zoomLinear(double[] src, int width, int height, double factor, int[] outSize) {
        int outH = (int) Math.rint(height * factor);
        int outW = (int) Math.rint(width * factor);
        outSize[0] = outW;
        outSize[1] = outH;
        int[] x0 = new int[outW];
        double[] fx = new double[outW];
        axisWeights(width, outW, x0, fx);
        int[] y0 = new int[outH];
        double[] fy = new double[outH];
        axisWeights(height, outH, y0, fy);
        double[] out = new double[outW * outH];
        for (int y = 0; y < outH; y++) {
            int ra = y0[y] * width;
            int rb = Math.min(y0[y] + 1, height - 1) * width;
            double wy = fy[y];
            for (int x = 0; x < outW; x++) {
                int xa = x0[x];
                int xb = Math.min(xa + 1, width - 1);
                double wx = fx[x];
                double top = src[ra + xa] * (1 - wx) + src[ra + xb] * wx;
                double bottom = src[rb + xa] * (1 - wx) + src[rb + xb] * wx;
                out[y * outW + x] = top * (1 - wy) + bottom * wy;
            }
        }
        return out;
    }

    private static void axisWeights(int in, int out, int[] start, double[] frac) {
        double ratio = out > 1 ? (in - 1) / (double) (out - 1) : 0;
        for (int i = 0; i < out; i++) {
            double pos = Math.min(i * ratio, in - 1);
            int f = (int) Math.floor(pos);
            start[i] = f;
            frac[i] = pos - f;
        }
    }

    /**
     * Linear interpolation of a plane at (row, col), the image extended by half-sample reflection,
     * as scipy.ndimage.map_coordinates with order 1 and mode "reflect".
     */
    static double sampleLinear(double[] src, int width, int height, double row, double col) {
        int r0 = (int) Math.floor(row);
        int c0 = (int) Math.floor(col);
        double fr = row - r0;
        double fc = col - c0;
        int ra = index(r0, height, Border.REFLECT) * width;
        int rb = index(r0 + 1, height, Border.REFLECT) * width;
        int ca = index(c0, width, Border.REFLECT);
        int cb = index(c0 + 1, width, Border.REFLECT);
        double top = src[ra + ca] * (1 - fc) + src[ra + cb] * fc;
        double bottom = src[rb + ca] * (1 - fc) + src[rb + cb] * fc;
        return top * (1 - fr) + bottom * fr;
    }

    /**
     * The motion blur of the reference implementation: a one-sided Gaussian-weighted sum of copies
     * shifted along a line at the given angle, edge values repeated; stops when a shift leaves the
     * image.
     */
    static double[] motionBlur(
            double[] src, int width, int height, int radius, double sigma, double angleDeg) {
        int kw = 2 * radius + 1;
        double[] kernel = new double[kw];
        double sum = 0;
        for (int i = 0; i < kw; i++) {
            kernel[i] =
                    Math.exp(-(double) i * i / (2 * sigma * sigma))
                            / (Math.sqrt(2 * Math.PI) * sigma);
            sum += kernel[i];
        }
        double py = kw * Math.sin(Math.toRadians(angleDeg));
        double px = kw * Math.cos(Math.toRadians(angleDeg));
        double hypot = Math.hypot(py, px);
        double[] out = new double[src.length];
        int[] cols = new int[width];
        for (int i = 0; i < kw; i++) {
            int dy = (int) -Math.ceil(i * py / hypot - 0.5);
            int dx = (int) -Math.ceil(i * px / hypot - 0.5);
            if (Math.abs(dy) >= height || Math.abs(dx) >= width) {
                break;
            }
            double w = kernel[i] / sum;
            for (int x = 0; x < width; x++) {
                cols[x] = Math.min(Math.max(x - dx, 0), width - 1);
            }
            for (int y = 0; y < height; y++) {
                int from = Math.min(Math.max(y - dy, 0), height - 1) * width;
                int to = y * width;
                for (int x = 0; x < width; x++) {
                    out[to + x] += w * src[from + cols[x]];
                }
            }
        }
        return out;
    }
}
