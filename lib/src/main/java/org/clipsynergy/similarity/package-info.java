/**
 * Representational similarity of backbones: centered kernel alignment (CKA).
 *
 * <p>{@link org.clipsynergy.similarity.CenteredKernelAlignment} computes, on DJL arrays (a GPU when
 * the engine has one): linear CKA in feature form, ||Y^T X||_F^2 / (||X^T X||_F ||Y^T Y||_F) after
 * centring; debiased linear CKA with the unbiased HSIC estimator; RBF CKA with the bandwidth sigma
 * = threshold x median distance ("RBF CKA at threshold 0.5"), biased or debiased. {@link
 * org.clipsynergy.similarity.MinibatchCka} averages unbiased HSIC over minibatches, streamed for
 * example from a cache entry's image_features.npy with {@link
 * org.clipsynergy.similarity.NpyRowBlocks}, so memory stays bounded whatever the number of rows.
 * {@link org.clipsynergy.similarity.GramHsic} is a plain-Java Gram-form implementation for small n,
 * used to check the others.
 *
 * <p>Precision: column means, row norms and every sum across row blocks are float64; the products
 * inside a row block are float64 or, with {@link org.clipsynergy.similarity.Precision#MIXED},
 * float32 on centred data (twice as fast on a CPU, relative error near 1e-6).
 *
 * <p>The RBF bandwidth uses the median of all n^2 squared distances, self-pairs included, so
 * sigma^2 = threshold^2 x that median; this matches the CKA authors' published demo, whose values
 * (linear 0.55761, RBF at threshold 0.5 0.65483, debiased linear 0.51346 on its seeded 100 x 10
 * example) the tests reproduce.
 *
 * <p>References: S. Kornblith, M. Norouzi, H. Lee and G. Hinton, Similarity of Neural Network
 * Representations Revisited, ICML 2019. L. Song, A. Smola, A. Gretton, J. Bedo and K. Borgwardt,
 * Feature Selection via Dependence Maximization, JMLR 13, 2012 (unbiased HSIC). T. Nguyen, M. Raghu
 * and S. Kornblith, Do Wide and Deep Networks Learn the Same Things? Uncovering How Neural Network
 * Representations Vary with Width and Depth, ICLR 2021 (minibatch CKA). A. Gretton, O. Bousquet, A.
 * Smola and B. Schoelkopf, Measuring Statistical Dependence with Hilbert-Schmidt Norms, ALT 2005
 * (HSIC).
 *
 * <p>Limitations: RBF CKA forms n x n matrices and is limited to {@link
 * org.clipsynergy.similarity.CenteredKernelAlignment#MAX_GRAM_ROWS} rows; minibatch CKA is linear
 * only.
 */
package org.clipsynergy.similarity;
