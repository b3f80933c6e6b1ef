package org.clipsynergy.perturb;

/**
 * RGB to HSV and back on planes in [0, 1], the formulas of scikit-image's rgb2hsv and hsv2rgb
 * (including which channel wins when two share the maximum: blue, then green, then red).
 */
final class Hsv {

    private Hsv() {}

    /** Converts in place: the three planes become hue, saturation and value. */
    static void fromRgb(Planes p) {
        double[] r = p.c[0];
        double[] g = p.c[1];
        double[] b = p.c[2];
        for (int i = 0; i < r.length; i++) {
            double v = Math.max(r[i], Math.max(g[i], b[i]));
            double delta = v - Math.min(r[i], Math.min(g[i], b[i]));
            double s = delta == 0 ? 0 : delta / v;
            double h;
            if (b[i] == v) {
                h = 4.0 + (r[i] - g[i]) / delta;
            } else if (g[i] == v) {
                h = 2.0 + (b[i] - r[i]) / delta;
            } else {
                h = (g[i] - b[i]) / delta;
            }
            h = delta == 0 ? 0 : pyMod(h / 6.0, 1.0);
            r[i] = h;
            g[i] = s;
            b[i] = v;
        }
    }

    /** Converts in place: hue, saturation and value planes become red, green and blue. */
    static void toRgb(Planes p) {
        double[] hh = p.c[0];
        double[] ss = p.c[1];
        double[] vv = p.c[2];
        for (int i = 0; i < hh.length; i++) {
            double h6 = hh[i] * 6;
            double hi = Math.floor(h6);
            double f = h6 - hi;
            double v = vv[i];
            double s = ss[i];
            double pp = v * (1 - s);
            double q = v * (1 - f * s);
            double t = v * (1 - (1 - f) * s);
            int sector = Math.floorMod((int) hi, 6);
            double r;
            double g;
            double b;
            switch (sector) {
                case 0:
                    r = v;
                    g = t;
                    b = pp;
                    break;
                case 1:
                    r = q;
                    g = v;
                    b = pp;
                    break;
                case 2:
                    r = pp;
                    g = v;
                    b = t;
                    break;
                case 3:
                    r = pp;
                    g = q;
                    b = v;
                    break;
                case 4:
                    r = t;
                    g = pp;
                    b = v;
                    break;
                default:
                    r = v;
                    g = pp;
                    b = q;
                    break;
            }
            hh[i] = r;
            ss[i] = g;
            vv[i] = b;
        }
    }

    private static double pyMod(double a, double m) {
        double r = a % m;
        return r < 0 ? r + m : r;
    }
}
