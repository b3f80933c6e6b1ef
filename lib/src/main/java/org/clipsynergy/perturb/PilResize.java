package org.clipsynergy.perturb;

/**
 * The two resizes of Pillow that pixelation uses, to the integer: the box filter (each output pixel
 * the mean of the input pixels whose centres fall in its box, 8-bit fixed-point weights with 22
 * fraction bits, horizontal pass first, 8-bit between passes) and nearest neighbour.
 */
final class PilResize {

    private PilResize() {}

    private static final int PRECISION_BITS = 32 - 8 - 2;

    /**
     * Box-filter resize of one 8-bit plane (height x width, levels 0-255) to outH x outW.
     *
     * @return outH x outW levels, row-major
     */
    static int[] box(int[] src, int width, int height, int outW, int outH) {
        int[] horizontal = src;
        if (outW != width) {
            horizontal = new int[outW * height];
            Coefficients cx = coefficients(width, outW);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < outW; x++) {
                    long ss = 1L << (PRECISION_BITS - 1);
                    for (int j = 0; j < cx.count[x]; j++) {
                        ss += (long) src[y * width + cx.start[x] + j] * cx.weights[x][j];
                    }
                    horizontal[y * outW + x] = clip8(ss);
                }
            }
        }
        if (outH == height) {
            return horizontal;
        }
        int[] out = new int[outW * outH];
        Coefficients cy = coefficients(height, outH);
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                long ss = 1L << (PRECISION_BITS - 1);
                for (int j = 0; j < cy.count[y]; j++) {
                    ss += (long) horizontal[(cy.start[y] + j) * outW + x] * cy.weights[y][j];
                }
                out[y * outW + x] = clip8(ss);
            }
        }
        return out;
    }

    /**
     * The input index each output pixel takes under Pillow's nearest-neighbour resize from inSize
     * to outSize samples: floor of a position stepped by in / out from half a step.
     */
    static int[] nearestIndices(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        int[] idx = new int[outSize];
        double pos = scale * 0.5;
        for (int i = 0; i < outSize; i++) {
            int v = pos < 0 ? -1 : (int) pos;
            idx[i] = Math.min(Math.max(v, 0), inSize - 1);
            pos += scale;
        }
        return idx;
    }

    private static int clip8(long ss) {
        long v = ss >> PRECISION_BITS;
        return (int) Math.max(0, Math.min(255, v));
    }

    private static final class Coefficients {
        final int[] start;
        final int[] count;
        final int[][] weights;

        Coefficients(int n) {
            start = new int[n];
            count = new int[n];
            weights = new int[n][];
        }
    }

    private static Coefficients coefficients(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = 0.5 * filterScale;
        Coefficients c = new Coefficients(outSize);
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            double[] k = new double[xmax];
            double sum = 0;
            for (int x = 0; x < xmax; x++) {
                double arg = (x + xmin - center + 0.5) * (1.0 / filterScale);
                k[x] = arg > -0.5 && arg <= 0.5 ? 1.0 : 0.0;
                sum += k[x];
            }
            int[] fixed = new int[xmax];
            for (int x = 0; x < xmax; x++) {
                double w = sum != 0 ? k[x] / sum : k[x];
                fixed[x] =
                        (int)
                                (w < 0
                                        ? -0.5 + w * (1 << PRECISION_BITS)
                                        : 0.5 + w * (1 << PRECISION_BITS));
            }
            c.start[xx] = xmin;
            c.count[xx] = xmax;
            c.weights[xx] = fixed;
        }
        return c;
    }
}
