package org.clipsynergy.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.clipsynergy.backbone.BackboneCard;

/**
 * CLIP's evaluation preprocessing for one backbone, equal in effect to open_clip's {@code
 * image_transform(size, is_train=False)}: resize, centre crop, RGB, scale to [0, 1], normalise.
 *
 * <p>Resize mode {@code shortest} (CLIP's default) scales the shorter side to the input size s (the
 * longer to {@code floor(s * long / short)}, as torchvision computes it) and cuts the centre s x s
 * square (offsets {@code round((side - s) / 2)} with Python's half-to-even rounding); {@code
 * squash} resizes straight to s x s. Resampling is Pillow's, bit-exact ({@link PillowResize}),
 * including its special cases: RGBA and grey-alpha images are resized premultiplied by alpha,
 * palette images with nearest neighbour; grey images stay one channel until the final RGB
 * conversion, as in open_clip, which converts after resizing. Pixel values then become {@code (v /
 * 255 - mean) / std} in float32 arithmetic, the same operations as torchvision's ToTensor and
 * Normalize.
 *
 * <p>Only the cropped window is computed. Immutable and thread-safe; one instance per backbone is
 * enough.
 *
 * <p>Limitation: parity holds for the pixels as decoded. Images with 16 bits per sample, CMYK or
 * non-sRGB colour spaces go through Java's colour conversion, where Pillow keeps other modes
 * ("I;16", "CMYK") with their own conversions; and JPEG decoders (Java's and libjpeg in Pillow) may
 * differ by a step or two on the same file.
 */
public final class ClipPreprocessor {

    /** The smallest side accepted: a 1-pixel side is a decoding placeholder, not a photograph. */
    public static final int MIN_SIDE = 2;

    /** The resize modes of {@link BackboneCard#resizeMode()}. */
    public enum ResizeMode {
        /** Shortest side to the input size, then centre crop (CLIP). */
        SHORTEST,
        /** Straight to input size x input size, aspect ratio not kept. */
        SQUASH;

        /**
         * The mode named in a backbone card.
         *
         * @param name {@code shortest} or {@code squash}
         * @return the mode
         */
        public static ResizeMode named(String name) {
            if ("shortest".equalsIgnoreCase(name)) {
                return SHORTEST;
            }
            if ("squash".equalsIgnoreCase(name)) {
                return SQUASH;
            }
            throw new IllegalArgumentException(
                    "resizeMode must be shortest or squash, got " + name);
        }
    }

    private final int size;
    private final ResampleFilter filter;
    private final ResizeMode mode;
    private final double[] mean;
    private final double[] std;

    /** (v / 255 - mean[c]) / std[c] for every channel c and byte v, 3 x 256. */
    private final float[][] lookup;

    private ClipPreprocessor(
            int size, ResampleFilter filter, ResizeMode mode, double[] mean, double[] std) {
        if (size < 1) {
            throw new IllegalArgumentException("input size must be >= 1, got " + size);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException(
                    "mean and std need 3 values (RGB), got " + mean.length + " and " + std.length);
        }
        this.size = size;
        this.filter = Objects.requireNonNull(filter, "filter");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.mean = mean.clone();
        this.std = std.clone();
        this.lookup = new float[3][256];
        for (int c = 0; c < 3; c++) {
            if (!(std[c] > 0)) {
                throw new IllegalArgumentException(
                        "std must be > 0 per channel, got " + Arrays.toString(std));
            }
            float m = (float) mean[c];
            float s = (float) std[c];
            for (int v = 0; v < 256; v++) {
                lookup[c][v] = ((float) v / 255f - m) / s;
            }
        }
    }

    /**
     * The preprocessing a backbone card asks for: input size, interpolation, resize mode, mean and
     * std.
     *
     * @param card the backbone's card
     * @return the preprocessor
     */
    public static ClipPreprocessor forCard(BackboneCard card) {
        Objects.requireNonNull(card, "card");
        return new ClipPreprocessor(
                card.inputSize(),
                ResampleFilter.named(card.interpolation()),
                ResizeMode.named(card.resizeMode()),
                card.mean(),
                card.std());
    }

    /**
     * A preprocessor from explicit settings.
     *
     * @param size the input side s in pixels
     * @param filter the resampling filter
     * @param mode how the image is fitted to s x s
     * @param mean per-channel (RGB) mean of pixels in [0, 1]
     * @param std per-channel (RGB) standard deviation
     * @return the preprocessor
     */
    public static ClipPreprocessor of(
            int size, ResampleFilter filter, ResizeMode mode, double[] mean, double[] std) {
        return new ClipPreprocessor(size, filter, mode, mean, std);
    }

    /**
     * The side s of the square output.
     *
     * @return the input size in pixels
     */
    public int size() {
        return size;
    }

    /**
     * Preprocesses one image.
     *
     * @param image a decoded image, at least {@link #MIN_SIDE} pixels on each side
     * @return 3 x s x s floats, channel-major (CHW, RGB), normalised
     */
    public float[] apply(BufferedImage image) {
        float[] out = new float[3 * size * size];
        applyInto(image, out, 0);
        return out;
    }

    /**
     * Preprocesses one image into a slice of a batch buffer.
     *
     * @param image a decoded image, at least {@link #MIN_SIDE} pixels on each side
     * @param dst the batch buffer, e.g. n x 3 x s x s
     * @param offset where this image's 3 x s x s values start in {@code dst}
     */
    public void applyInto(BufferedImage image, float[] dst, int offset) {
        Objects.requireNonNull(dst, "dst");
        int plane = size * size;
        if (offset < 0 || (long) offset + 3L * plane > dst.length) {
            throw new IllegalArgumentException(
                    "dst of length "
                            + dst.length
                            + " cannot hold 3 x "
                            + size
                            + " x "
                            + size
                            + " values at offset "
                            + offset);
        }
        byte[] rgb = pixels(image);
        for (int i = 0, p = 0; i < plane; i++, p += 3) {
            dst[offset + i] = lookup[0][rgb[p] & 0xFF];
            dst[offset + plane + i] = lookup[1][rgb[p + 1] & 0xFF];
            dst[offset + 2 * plane + i] = lookup[2][rgb[p + 2] & 0xFF];
        }
    }

    /**
     * The resized, cropped RGB image before scaling and normalisation: what Pillow holds after
     * open_clip's resize, centre crop and {@code convert("RGB")}.
     *
     * @param image a decoded image, at least {@link #MIN_SIDE} pixels on each side
     * @return s x s x 3 bytes (unsigned), row-major, RGB interleaved
     */
    public byte[] pixels(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int w = image.getWidth();
        int h = image.getHeight();
        if (w < MIN_SIDE || h < MIN_SIDE) {
            throw new IllegalArgumentException(
                    "image is "
                            + w
                            + " x "
                            + h
                            + " pixels; CLIP preprocessing needs at least "
                            + MIN_SIDE
                            + " x "
                            + MIN_SIDE);
        }
        int outW = size;
        int outH = size;
        if (mode == ResizeMode.SHORTEST) {
            // torchvision's _compute_resized_output_size: int(s * long / short)
            int shortSide = Math.min(w, h);
            int longSide = Math.max(w, h);
            int newLong = (int) ((double) ((long) size * longSide) / shortSide);
            outW = w <= h ? size : newLong;
            outH = w <= h ? newLong : size;
        }
        int cropX = (int) Math.rint((outW - size) / 2.0);
        int cropY = (int) Math.rint((outH - size) / 2.0);

        PilPixels px = PilPixels.of(image);
        byte[] window;
        if (px.palette()) {
            window =
                    PillowResize.nearest(
                            px.samples(),
                            w,
                            h,
                            px.channels(),
                            outW,
                            outH,
                            cropX,
                            cropY,
                            size,
                            size);
        } else {
            byte[] src = px.channels() == 4 ? premultiply(px.samples()) : px.samples();
            window =
                    PillowResize.resize(
                            src, w, h, px.channels(), outW, outH, filter, cropX, cropY, size, size);
            if (px.channels() == 4) {
                unpremultiply(window);
            }
        }
        return toRgb(window, px.channels());
    }

    /** Pillow's RGBA to RGBa: each colour times alpha / 255, rounded as MULDIV255. */
    private static byte[] premultiply(byte[] rgba) {
        byte[] out = new byte[rgba.length];
        for (int i = 0; i < rgba.length; i += 4) {
            int a = rgba[i + 3] & 0xFF;
            for (int c = 0; c < 3; c++) {
                int tmp = (rgba[i + c] & 0xFF) * a + 128;
                out[i + c] = (byte) (((tmp >> 8) + tmp) >> 8);
            }
            out[i + 3] = rgba[i + 3];
        }
        return out;
    }

    /** Pillow's RGBa to RGBA: colour * 255 / alpha, clamped, unless alpha is 0 or 255. */
    private static void unpremultiply(byte[] rgba) {
        for (int i = 0; i < rgba.length; i += 4) {
            int a = rgba[i + 3] & 0xFF;
            if (a == 0 || a == 255) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                rgba[i + c] = (byte) Math.min(255, (255 * (rgba[i + c] & 0xFF)) / a);
            }
        }
    }

    private static byte[] toRgb(byte[] window, int channels) {
        if (channels == 3) {
            return window;
        }
        int n = window.length / channels;
        byte[] rgb = new byte[n * 3];
        for (int i = 0; i < n; i++) {
            int src = i * channels;
            rgb[3 * i] = window[src];
            rgb[3 * i + 1] = window[channels == 1 ? src : src + 1];
            rgb[3 * i + 2] = window[channels == 1 ? src : src + 2];
        }
        return rgb;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "ClipPreprocessor[size=%d, filter=%s, mode=%s, mean=%s, std=%s]",
                size,
                filter,
                mode,
                Arrays.toString(mean),
                Arrays.toString(std));
    }
}
