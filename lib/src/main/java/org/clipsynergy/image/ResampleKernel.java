package org.clipsynergy.image;

/**
 * Fixed-point resampling weights along one axis, computed exactly as Pillow's {@code
 * precompute_coeffs} and {@code normalize_coeffs_8bpc} do, for a window of output positions.
 *
 * <p>For output position {@code o} of {@code outSize}, the source centre is {@code (o + 0.5) *
 * scale}; the filter's support is multiplied by {@code max(scale, 1)} (antialiasing when
 * downscaling); weights are divided by their sum, then rounded half away from zero to 22 fractional
 * bits ({@link #PRECISION_BITS}). Immutable and shareable between threads.
 */
final class ResampleKernel {

    /** Pillow's {@code PRECISION_BITS}: 32 - 8 - 2 fractional bits of the 8-bit coefficients. */
    static final int PRECISION_BITS = 32 - 8 - 2;

    /** Half of one unit in fixed point, the rounding offset of every accumulated sum. */
    static final int ROUNDING = 1 << (PRECISION_BITS - 1);

    final int inSize;
    final int outSize;
    final int outStart;
    final int outCount;

    /** Taps per output position (Pillow's {@code ksize}). */
    final int taps;

    /** First source index per window position, outCount entries. */
    final int[] first;

    /** Number of used taps per window position, outCount entries. */
    final int[] count;

    /** Fixed-point weights, outCount x taps. */
    final int[] weights;

    private ResampleKernel(
            int inSize, int outSize, int outStart, int outCount, ResampleFilter filter) {
        this.inSize = inSize;
        this.outSize = outSize;
        this.outStart = outStart;
        this.outCount = outCount;
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filter.support() * filterScale;
        this.taps = (int) Math.ceil(support) * 2 + 1;
        this.first = new int[outCount];
        this.count = new int[outCount];
        this.weights = new int[outCount * taps];
        double[] k = new double[taps];
        double ss = 1.0 / filterScale;
        for (int i = 0; i < outCount; i++) {
            int o = outStart + i;
            double center = (o + 0.5) * scale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            double ww = 0.0;
            for (int x = 0; x < xmax; x++) {
                k[x] = filter.weight((x + xmin - center + 0.5) * ss);
                ww += k[x];
            }
            for (int x = 0; x < xmax; x++) {
                double w = ww != 0.0 ? k[x] / ww : k[x];
                weights[i * taps + x] =
                        (int)
                                (w < 0
                                        ? -0.5 + w * (1 << PRECISION_BITS)
                                        : 0.5 + w * (1 << PRECISION_BITS));
            }
            first[i] = xmin;
            count[i] = Math.max(xmax, 0);
        }
    }

    /**
     * Weights for output positions {@code [outStart, outStart + outCount)} of a resize from {@code
     * inSize} to {@code outSize} samples.
     */
    static ResampleKernel of(
            int inSize, int outSize, int outStart, int outCount, ResampleFilter filter) {
        return new ResampleKernel(inSize, outSize, outStart, outCount, filter);
    }

    /** The source index range [lo, hi) that the window reads. */
    int sourceFrom() {
        return first[0];
    }

    int sourceTo() {
        int hi = 0;
        for (int i = 0; i < outCount; i++) {
            hi = Math.max(hi, first[i] + count[i]);
        }
        return hi;
    }

    /** Pillow's {@code clip8}: drop the fraction (arithmetic shift) and clamp to 0..255. */
    static int clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
