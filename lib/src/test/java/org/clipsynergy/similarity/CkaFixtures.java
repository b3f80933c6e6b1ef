package org.clipsynergy.similarity;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jetbrains.bio.npy.NpyArray;
import org.jetbrains.bio.npy.NpyFile;

/**
 * The CKA reference data: X and Y (100 x 10, numpy's legacy generator seeded 1337) and their CKA
 * values, written by environment/reference/make_cka_fixtures.py with an independent numpy
 * implementation of the formulas, which checks them against the values published by the CKA
 * authors' demo.
 */
final class CkaFixtures {
    /** Published values of the authors' demo, to five decimals. */
    static final double PUBLISHED_LINEAR = 0.55761;

    static final double PUBLISHED_RBF_05 = 0.65483;
    static final double PUBLISHED_DEBIASED_LINEAR = 0.51346;

    private CkaFixtures() {}

    static float[][] x() throws IOException {
        return matrix("cka_x.npy");
    }

    static float[][] y() throws IOException {
        return matrix("cka_y.npy");
    }

    /** measure -> value, as computed by numpy in double precision. */
    static Map<String, Double> values() throws IOException {
        Map<String, Double> values = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(resource("cka_values.csv"))) {
            for (CSVRecord r :
                    CSVFormat.DEFAULT
                            .builder()
                            .setHeader()
                            .setSkipHeaderRecord(true)
                            .build()
                            .parse(reader)) {
                values.put(r.get("measure"), Double.parseDouble(r.get("value")));
            }
        }
        return values;
    }

    private static float[][] matrix(String name) throws IOException {
        NpyArray array = NpyFile.read(resource(name), Integer.MAX_VALUE);
        int[] shape = array.getShape();
        double[] flat = array.asDoubleArray();
        float[][] rows = new float[shape[0]][shape[1]];
        for (int i = 0; i < shape[0]; i++) {
            for (int j = 0; j < shape[1]; j++) {
                rows[i][j] = (float) flat[i * shape[1] + j];
            }
        }
        return rows;
    }

    private static Path resource(String name) throws IOException {
        try {
            return Path.of(CkaFixtures.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("test resource " + name + " not found", e);
        }
    }

    /** n x d standard normal entries from a seeded generator. */
    static float[][] gaussian(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) gaussian(random);
            }
        }
        return x;
    }

    /** x A for a d x e matrix A. */
    static float[][] times(float[][] x, double[][] a) {
        int e = a[0].length;
        float[][] out = new float[x.length][e];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < e; k++) {
                double s = 0;
                for (int j = 0; j < a.length; j++) {
                    s += x[i][j] * a[j][k];
                }
                out[i][k] = (float) s;
            }
        }
        return out;
    }

    /** A d x e matrix of standard normal entries. */
    static double[][] gaussianMap(int d, int e, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] a = new double[d][e];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < e; j++) {
                a[i][j] = gaussian(random);
            }
        }
        return a;
    }

    /** A random d x d orthogonal matrix: Gram-Schmidt on Gaussian columns. */
    static double[][] orthogonal(int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] q = new double[d][d];
        for (int c = 0; c < d; c++) {
            double[] v = new double[d];
            for (int r = 0; r < d; r++) {
                v[r] = gaussian(random);
            }
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int r = 0; r < d; r++) {
                    dot += v[r] * q[r][p];
                }
                for (int r = 0; r < d; r++) {
                    v[r] -= dot * q[r][p];
                }
            }
            double norm = 0;
            for (double value : v) {
                norm += value * value;
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < d; r++) {
                q[r][c] = v[r] / norm;
            }
        }
        return q;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: two uniforms give one standard normal value.
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
