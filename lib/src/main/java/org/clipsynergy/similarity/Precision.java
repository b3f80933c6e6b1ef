package org.clipsynergy.similarity;

/** How the matrix products inside CKA are computed; every sum across row blocks is float64. */
public enum Precision {
    /** Every product and sum in float64: slowest, most exact. */
    FLOAT64,
    /**
     * Each row block's products (X_b^T Y_b over at most blockRows rows) in float32 on already
     * centred float64 data, summed across blocks in float64; about twice as fast on a CPU, with a
     * relative error near 1e-6 on CKA.
     */
    MIXED
}
