package org.clipsynergy.perturb;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The corruptions of ImageNet-C (Hendrycks and Dietterich, "Benchmarking Neural Network Robustness
 * to Common Corruptions and Perturbations", ICLR 2019) with the parameters per severity of the
 * imagecorruptions package 1.1.2 (Michaelis et al. 2019), which generalises them to any image size.
 * Each method takes the clean image, the severity 1-5 and the image's random stream.
 */
final class ImageNetC {

    private ImageNetC() {}

    // Parameters per severity 1-5, from imagecorruptions/corruptions.py.
    private static final double[] GAUSSIAN_NOISE_SCALE = {0.08, 0.12, 0.18, 0.26, 0.38};
    private static final double[] SHOT_NOISE_PHOTONS = {60, 25, 12, 5, 3};
    private static final double[] IMPULSE_NOISE_AMOUNT = {0.03, 0.06, 0.09, 0.17, 0.27};
    private static final double[] SPECKLE_NOISE_SCALE = {0.15, 0.2, 0.35, 0.45, 0.6};
    private static final double[] GAUSSIAN_BLUR_SIGMA = {1, 2, 3, 4, 6};
    private static final double[][] GLASS_BLUR = { // sigma, max shift, iterations
        {0.7, 1, 2}, {0.9, 2, 1}, {1, 2, 3}, {1.1, 3, 2}, {1.5, 4, 2}
    };
    private static final double[][] DEFOCUS_BLUR = { // disk radius, alias blur
        {3, 0.1}, {4, 0.5}, {6, 0.5}, {8, 0.5}, {10, 0.5}
    };
    private static final int[][] MOTION_BLUR = {{10, 3}, {15, 5}, {15, 8}, {15, 12}, {20, 15}};
    // Zoom factors np.arange(1, stop, step): {step, count}.
    private static final double[][] ZOOM_BLUR = {
        {0.01, 12}, {0.01, 16}, {0.02, 11}, {0.02, 13}, {0.03, 11}
    };
    private static final double[] BRIGHTNESS = {0.1, 0.2, 0.3, 0.4, 0.5};
    private static final double[] CONTRAST = {0.4, 0.3, 0.2, 0.1, 0.05};
    private static final double[][] SATURATE = {{0.3, 0}, {0.1, 0}, {2, 0}, {5, 0.1}, {20, 0.2}};
    private static final int[] JPEG_QUALITY = {25, 18, 15, 10, 7};
    private static final double[] PIXELATE = {0.6, 0.5, 0.4, 0.3, 0.25};
    private static final double[][] FOG = {{1.5, 2}, {2, 2}, {2.5, 1.7}, {2.5, 1.5}, {3, 1.4}};
    private static final double[] ELASTIC_ALPHA = {
        250 * 0.05, 250 * 0.065, 250 * 0.085, 250 * 0.1, 250 * 0.12
    };
    private static final double[][] SNOW = { // mean, std, zoom, threshold, radius, sigma, blend
        {0.1, 0.3, 3, 0.5, 10, 4, 0.8},
        {0.2, 0.3, 2, 0.5, 12, 4, 0.7},
        {0.55, 0.3, 4, 0.9, 12, 8, 0.7},
        {0.55, 0.3, 4.5, 0.85, 12, 8, 0.65},
        {0.55, 0.3, 2.5, 0.85, 12, 12, 0.55}
    };

    static Planes gaussianNoise(Planes x, int severity, SplittableRandom rng) {
        double scale = GAUSSIAN_NOISE_SCALE[severity - 1];
        Planes out = new Planes(x.width, x.height);
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < x.c[k].length; i++) {
                out.c[k][i] = Planes.clip01(x.c[k][i] + scale * rng.nextGaussian());
            }
        }
        return out;
    }

    static Planes shotNoise(Planes x, int severity, SplittableRandom rng) {
        double photons = SHOT_NOISE_PHOTONS[severity - 1];
        Planes out = new Planes(x.width, x.height);
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < x.c[k].length; i++) {
                out.c[k][i] = Planes.clip01(poisson(x.c[k][i] * photons, rng) / photons);
            }
        }
        return out;
    }

    /** A Poisson draw by inversion (the means here are at most 60). */
    static int poisson(double mean, SplittableRandom rng) {
        double u = rng.nextDouble();
        double p = Math.exp(-mean);
        double cdf = p;
        int k = 0;
        while (u > cdf && p > 0) {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }

    /**
     * Salt and pepper as skimage.util.random_noise(mode="s&p") draws it since 0.19: each value
     * independently flipped with the given probability, to 1 or 0 with equal odds.
     */
    static Planes impulseNoise(Planes x, int severity, SplittableRandom rng) {
        double amount = IMPULSE_NOISE_AMOUNT[severity - 1];
        Planes out = x.copy();
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < x.c[k].length; i++) {
                if (rng.nextDouble() < amount) {
                    out.c[k][i] = rng.nextBoolean() ? 1 : 0;
                }
            }
        }
        return out;
    }

    static Planes speckleNoise(Planes x, int severity, SplittableRandom rng) {
        double scale = SPECKLE_NOISE_SCALE[severity - 1];
        Planes out = new Planes(x.width, x.height);
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < x.c[k].length; i++) {
                double v = x.c[k][i];
                out.c[k][i] = Planes.clip01(v + v * scale * rng.nextGaussian());
            }
        }
        return out;
    }

    static Planes gaussianBlur(Planes x, int severity, SplittableRandom rng) {
        return Filters.gaussian(
                x, GAUSSIAN_BLUR_SIGMA[severity - 1], GAUSS_TRUNCATE, Filters.Border.NEAREST);
    }

    /** skimage.filters.gaussian's defaults: mode "nearest", truncate 4. */
    private static final double GAUSS_TRUNCATE = 4.0;

    /**
     * Glass blur: blur, locally move pixels, blur again. The reference's "swap" of two pixels of an
     * RGB array copies one onto the other (numpy views), and this does the same.
     */
    static Planes glassBlur(Planes x, int severity, SplittableRandom rng) {
        double sigma = GLASS_BLUR[severity - 1][0];
        int delta = (int) GLASS_BLUR[severity - 1][1];
        int iterations = (int) GLASS_BLUR[severity - 1][2];
        Planes blurred = Filters.gaussian(x, sigma, GAUSS_TRUNCATE, Filters.Border.NEAREST);
        int w = x.width;
        int h = x.height;
        double[][] q = new double[3][w * h];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < q[k].length; i++) {
                q[k][i] = (int) (blurred.c[k][i] * 255) / 255.0;
            }
        }
        for (int it = 0; it < iterations; it++) {
            for (int row = h - delta; row > delta; row--) {
                for (int col = w - delta; col > delta; col--) {
                    int dx = rng.nextInt(-delta, delta);
                    int dy = rng.nextInt(-delta, delta);
                    int to = row * w + col;
                    int from = (row + dy) * w + col + dx;
                    q[0][to] = q[0][from];
                    q[1][to] = q[1][from];
                    q[2][to] = q[2][from];
                }
            }
        }
        return Filters.gaussian(new Planes(w, h, q), sigma, GAUSS_TRUNCATE, Filters.Border.NEAREST);
    }

    static Planes defocusBlur(Planes x, int severity, SplittableRandom rng) {
        double[][] kernel =
                disk((int) DEFOCUS_BLUR[severity - 1][0], DEFOCUS_BLUR[severity - 1][1]);
        Planes out = new Planes(x.width, x.height);
        for (int k = 0; k < 3; k++) {
            out.c[k] = Filters.correlate2d(x.c[k], x.width, x.height, kernel);
        }
        return out;
    }

    /**
     * The reference's anti-aliased disk: an indicator of x^2 + y^2 <= r^2 on a grid of side 17
     * (radius up to 8) or 2r + 1, normalised, then Gaussian-blurred with a 3 x 3 (or 5 x 5) kernel.
     */
    static double[][] disk(int radius, double aliasBlur) {
        int half = radius <= 8 ? 8 : radius;
        int ksize = radius <= 8 ? 3 : 5;
        int n = 2 * half + 1;
        double[] flat = new double[n * n];
        int count = 0;
        for (int y = -half; y <= half; y++) {
            for (int x = -half; x <= half; x++) {
                if (x * x + y * y <= radius * radius) {
                    flat[(y + half) * n + x + half] = 1;
                    count++;
                }
            }
        }
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) (flat[i] / count);
        }
        double[] g = Filters.cvGaussianKernel(ksize, aliasBlur);
        double[] rows = Filters.correlateRows(flat, n, n, g, Filters.Border.REFLECT_101);
        double[] both = Filters.correlateColumns(rows, n, n, g, Filters.Border.REFLECT_101);
        double[][] kernel = new double[n][n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                kernel[y][x] = (float) both[y * n + x];
            }
        }
        return kernel;
    }

    static Planes motionBlur(Planes x, int severity, SplittableRandom rng) {
        double angle = rng.nextDouble(-45, 45);
        Planes out = new Planes(x.width, x.height);
        for (int k = 0; k < 3; k++) {
            out.c[k] =
                    Filters.motionBlur(
                            x.c[k],
                            x.width,
                            x.height,
                            MOTION_BLUR[severity - 1][0],
                            MOTION_BLUR[severity - 1][1],
                            angle);
        }
        return out;
    }

    /**
     * Zoom blur: the mean of the image and copies zoomed about the centre; computed in float32 as
     * the reference does.
     */
    static Planes zoomBlur(Planes x, int severity, SplittableRandom rng) {
        // numpy's arange fills start + i * ((start + step) - start).
        double step = (1 + ZOOM_BLUR[severity - 1][0]) - 1;
        int count = (int) ZOOM_BLUR[severity - 1][1];
        Planes out = new Planes(x.width, x.height);
        for (int k = 0; k < 3; k++) {
            float[] plane = new float[x.c[k].length];
            float[] sum = new float[plane.length];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (float) x.c[k][i];
            }
            for (int z = 0; z < count; z++) {
                double[] layer = clippedZoom(plane, x.width, x.height, 1 + z * step);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += (float) layer[i];
                }
            }
            for (int i = 0; i < sum.length; i++) {
                out.c[k][i] = (plane[i] + sum[i]) / (float) (count + 1);
            }
        }
        out.float32 = true;
        return out;
    }

    /**
     * The reference's clipped_zoom: the centre crop of side ceil(n / factor) zoomed linearly by the
     * factor; the first height x width values of the result (its top-left part).
     */
    static double[] clippedZoom(float[] plane, int width, int height, double factor) {
        double[] d = new double[plane.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = plane[i];
        }
        return clippedZoom(d, width, height, factor, width, height);
    }

    /** As above on a double plane, keeping a keepW x keepH top-left part (at most the result). */
    static double[] clippedZoom(
            double[] plane, int width, int height, double factor, int keepW, int keepH) {
        int ch = (int) Math.ceil(height / factor);
        int cw = (int) Math.ceil(width / factor);
        int top = (height - ch) / 2;
        int left = (width - cw) / 2;
        double[] crop = new double[ch * cw];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(plane, (top + y) * width + left, crop, y * cw, cw);
        }
        int[] size = new int[2];
        double[] zoomed = Filters.zoomLinear(crop, cw, ch, factor, size);
        double[] out = new double[keepW * keepH];
        int rows = Math.min(keepH, size[1]);
        int cols = Math.min(keepW, size[0]);
        for (int y = 0; y < rows; y++) {
            System.arraycopy(zoomed, y * size[0], out, y * keepW, cols);
        }
        return out;
    }

    static Planes brightness(Planes x, int severity, SplittableRandom rng) {
        double shift = BRIGHTNESS[severity - 1];
        Planes p = x.copy();
        Hsv.fromRgb(p);
        for (int i = 0; i < p.c[2].length; i++) {
            p.c[2][i] = Planes.clip01(p.c[2][i] + shift);
        }
        Hsv.toRgb(p);
        return p;
    }

    static Planes contrast(Planes x, int severity, SplittableRandom rng) {
        double factor = CONTRAST[severity - 1];
        Planes out = new Planes(x.width, x.height);
        for (int k = 0; k < 3; k++) {
            double mean = mean(x.c[k]);
            for (int i = 0; i < x.c[k].length; i++) {
                out.c[k][i] = (x.c[k][i] - mean) * factor + mean;
            }
        }
        return out;
    }

    /** Pairwise summation, as numpy's mean, so that the result matches it to the last bit. */
    static double mean(double[] v) {
        return pairwiseSum(v, 0, v.length) / v.length;
    }

    private static double pairwiseSum(double[] v, int from, int n) {
        if (n < 8) {
            double s = 0;
            for (int i = from; i < from + n; i++) {
                s += v[i];
            }
            return s;
        }
        if (n <= 128) {
            double[] r = new double[8];
            for (int j = 0; j < 8; j++) {
                r[j] = v[from + j];
            }
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += v[from + i + j];
                }
            }
            double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                s += v[from + i];
            }
            return s;
        }
        int half = (n / 2) - (n / 2) % 8;
        return pairwiseSum(v, from, half) + pairwiseSum(v, from + half, n - half);
    }

    static Planes saturate(Planes x, int severity, SplittableRandom rng) {
        double factor = SATURATE[severity - 1][0];
        double offset = SATURATE[severity - 1][1];
        Planes p = x.copy();
        Hsv.fromRgb(p);
        for (int i = 0; i < p.c[1].length; i++) {
            p.c[1][i] = Planes.clip01(p.c[1][i] * factor + offset);
        }
        Hsv.toRgb(p);
        return p;
    }

    /**
     * JPEG at the given quality through ImageIO, decoded back, with the quantisation tables libjpeg
     * (under Pillow) uses: the standard tables scaled by libjpeg's integer percentage (5000 /
     * quality below 50, so 277 % at quality 18 where ImageIO's float scaling would give 277.8 %),
     * and 4:2:0 chroma, Pillow's default.
     */
    static Planes jpeg(Planes x, int severity, SplittableRandom rng) {
        BufferedImage rgb = new BufferedImage(x.width, x.height, BufferedImage.TYPE_3BYTE_BGR);
        rgb.getGraphics().drawImage(x.toImage(), 0, 0, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = JPEG_WRITER.get();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(imageIoQuality(JPEG_QUALITY[severity - 1]));
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding of a corrupted image failed", e);
        } finally {
            writer.reset();
        }
        ImageReader reader = JPEG_READER.get();
        try (ImageInputStream stream =
                new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            reader.setInput(stream);
            return Planes.of(reader.read(0));
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG decoding of a corrupted image failed", e);
        } finally {
            reader.reset();
        }
    }

    // ImageIO codecs are not thread-safe and slow to look up: one pair per thread, reset after use.
    private static final ThreadLocal<ImageWriter> JPEG_WRITER =
            ThreadLocal.withInitial(() -> ImageIO.getImageWritersByFormatName("jpeg").next());
    private static final ThreadLocal<ImageReader> JPEG_READER =
            ThreadLocal.withInitial(() -> ImageIO.getImageReadersByFormatName("jpeg").next());

    /**
     * The ImageIO quality (0-1) whose table scale equals libjpeg's integer scale for a quality
     * 1-100; ImageIO scales by 0.5 / q below 0.5 and by 2 - 2 q above.
     */
    static float imageIoQuality(int quality) {
        int percent = quality < 50 ? 5000 / quality : 200 - quality * 2;
        double scale = percent / 100.0;
        return (float) (scale >= 1 ? 0.5 / scale : 1 - scale / 2);
    }

    /**
     * Pixelate: PIL's box-filter downscale to int(side * factor) (fixed-point, 22 fraction bits,
     * horizontal pass first, 8-bit between passes), then PIL's nearest-neighbour upscale.
     */
    static Planes pixelate(Planes x, int severity, SplittableRandom rng) {
        double factor = PIXELATE[severity - 1];
        int w = x.width;
        int h = x.height;
        int sw = Math.max(1, (int) (w * factor));
        int sh = Math.max(1, (int) (h * factor));
        Planes out = new Planes(w, h);
        int[] nearestX = PilResize.nearestIndices(sw, w);
        int[] nearestY = PilResize.nearestIndices(sh, h);
        for (int k = 0; k < 3; k++) {
            int[] small = PilResize.box(x.levels(k), w, h, sw, sh);
            for (int y = 0; y < h; y++) {
                for (int c = 0; c < w; c++) {
                    out.c[k][y * w + c] = small[nearestY[y] * sw + nearestX[c]] / 255.0;
                }
            }
        }
        return out;
    }

    /**
     * Fog: a plasma fractal (diamond-square) of side the next power of two of the longer side,
     * added to the image and rescaled by the image's maximum.
     */
    static Planes fog(Planes x, int severity, SplittableRandom rng) {
        double strength = FOG[severity - 1][0];
        double decay = FOG[severity - 1][1];
        int side = nextPowerOfTwo(Math.max(Math.max(x.width, x.height), 3));
        double[] map = plasmaFractal(side, decay, rng);
        double max = 0;
        for (double[] ch : x.c) {
            for (double v : ch) {
                max = Math.max(max, v);
            }
        }
        Planes out = new Planes(x.width, x.height);
        for (int k = 0; k < 3; k++) {
            for (int y = 0; y < x.height; y++) {
                for (int c = 0; c < x.width; c++) {
                    int i = y * x.width + c;
                    double v = x.c[k][i] + strength * map[y * side + c];
                    out.c[k][i] = Planes.clip01(v * max / (max + strength));
                }
            }
        }
        return out;
    }

    static int nextPowerOfTwo(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    /**
     * The reference's diamond-square height map, side x side (a power of two), values in [0, 1];
     * the neighbours wrap around as numpy's roll does there.
     */
    static double[] plasmaFractal(int side, double decay, SplittableRandom rng) {
        double[] map = new double[side * side];
        int step = side;
        double wibble = 100;
        while (step >= 2) {
            int m = side / step;
            int half = step / 2;
            // Squares: centre = mean of the four corners + noise.
            double[] centre = new double[m * m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    int i1 = (i + 1) % m;
                    int j1 = (j + 1) % m;
                    double s =
                            (at(map, side, i, j, step) + at(map, side, i1, j, step))
                                    + (at(map, side, i, j1, step) + at(map, side, i1, j1, step));
                    centre[i * m + j] = s;
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    map[(i * step + half) * side + j * step + half] =
                            centre[i * m + j] / 4 + wibble * rng.nextDouble(-wibble, wibble);
                }
            }
            // Diamonds: edge midpoints from the two neighbouring centres and corners.
            double[] top = new double[m * m];
            double[] left = new double[m * m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    int im = (i - 1 + m) % m;
                    int jm = (j - 1 + m) % m;
                    int ip = (i + 1) % m;
                    int jp = (j + 1) % m;
                    double dr = map[(i * step + half) * side + j * step + half];
                    double drUp = map[(im * step + half) * side + j * step + half];
                    double drLeft = map[(i * step + half) * side + jm * step + half];
                    top[i * m + j] =
                            (dr + drUp) + (at(map, side, i, j, step) + at(map, side, i, jp, step));
                    left[i * m + j] =
                            (dr + drLeft)
                                    + (at(map, side, i, j, step) + at(map, side, ip, j, step));
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    map[(i * step) * side + j * step + half] =
                            top[i * m + j] / 4 + wibble * rng.nextDouble(-wibble, wibble);
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    map[(i * step + half) * side + j * step] =
                            left[i * m + j] / 4 + wibble * rng.nextDouble(-wibble, wibble);
                }
            }
            step /= 2;
            wibble /= decay;
        }
        double min = Double.POSITIVE_INFINITY;
        for (double v : map) {
            min = Math.min(min, v);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < map.length; i++) {
            map[i] -= min;
            max = Math.max(max, map[i]);
        }
        for (int i = 0; i < map.length; i++) {
            map[i] /= max;
        }
        return map;
    }

    private static double at(double[] map, int side, int i, int j, int step) {
        return map[(i * step) * side + j * step];
    }

    /**
     * Elastic transform: each pixel read from a position displaced by smoothed uniform noise
     * (Gaussian of sigma 1 % of the side, truncated at 3 sigma, mode reflect), linearly
     * interpolated.
     */
    static Planes elastic(Planes x, int severity, SplittableRandom rng) {
        int w = x.width;
        int h = x.height;
        double alpha = ELASTIC_ALPHA[severity - 1];
        double maxShift = h * 0.005;
        double[] dx = smoothedUniform(w, h, maxShift, alpha, rng);
        double[] dy = smoothedUniform(w, h, maxShift, alpha, rng);
        Planes out = new Planes(w, h);
        for (int k = 0; k < 3; k++) {
            for (int row = 0; row < h; row++) {
                for (int col = 0; col < w; col++) {
                    int i = row * w + col;
                    out.c[k][i] =
                            (float) Filters.sampleLinear(x.c[k], w, h, row + dy[i], col + dx[i]);
                }
            }
        }
        out.float32 = true;
        return out;
    }

    private static double[] smoothedUniform(
            int w, int h, double max, double alpha, SplittableRandom rng) {
        double[] u = new double[w * h];
        for (int i = 0; i < u.length; i++) {
            u[i] = rng.nextDouble(-max, max);
        }
        double[] s = Filters.gaussian(u, w, h, h * 0.01, w * 0.01, 3, Filters.Border.REFLECT);
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (s[i] * alpha);
        }
        return s;
    }

    /**
     * Snow: thresholded, zoomed Gaussian noise, motion-blurred at a random downward angle, added
     * twice (once rotated by 180 degrees) over a brightened, greyed image.
     */
    static Planes snow(Planes x, int severity, SplittableRandom rng) {
        double[] c = SNOW[severity - 1];
        int w = x.width;
        int h = x.height;
        double[] layer = new double[w * h];
        for (int i = 0; i < layer.length; i++) {
            layer[i] = c[0] + c[1] * rng.nextGaussian();
        }
        int ch = (int) Math.ceil(h / c[2]);
        int cw = (int) Math.ceil(w / c[2]);
        int zh = (int) Math.rint(ch * c[2]);
        int zw = (int) Math.rint(cw * c[2]);
        double[] zoomed = clippedZoom(layer, w, h, c[2], zw, zh);
        for (int i = 0; i < zoomed.length; i++) {
            zoomed[i] = zoomed[i] < c[3] ? 0 : Planes.clip01(zoomed[i]);
        }
        double angle = rng.nextDouble(-135, -45);
        double[] blurred = Filters.motionBlur(zoomed, zw, zh, (int) c[4], c[5], angle);
        double[] flakes = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int col = 0; col < w; col++) {
                flakes[y * w + col] = Math.rint(blurred[y * zw + col] * 255) / 255.0;
            }
        }
        double blend = c[6];
        Planes out = new Planes(w, h);
        for (int i = 0; i < w * h; i++) {
            double grey = 0.299 * x.c[0][i] + 0.587 * x.c[1][i] + 0.114 * x.c[2][i];
            double lifted = grey * 1.5 + 0.5;
            double snow = flakes[i] + flakes[w * h - 1 - i];
            for (int k = 0; k < 3; k++) {
                double v = blend * x.c[k][i] + (1 - blend) * Math.max(x.c[k][i], lifted);
                out.c[k][i] = Planes.clip01(v + snow);
            }
        }
        return out;
    }
}
