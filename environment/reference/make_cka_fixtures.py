"""Reference values for CKA, computed with numpy from the papers' formulas.

Writes, under lib/src/test/resources/org/clipsynergy/similarity/:
  cka_x.npy, cka_y.npy  float64 [100, 10]: X = randn(100, 10) and Y = randn(100, 10) + X drawn
                        from numpy's legacy generator seeded 1337 (in that order);
  cka_values.csv        linear CKA, RBF CKA at threshold 0.5 and debiased linear CKA of (X, Y).

Formulas:
  CKA (Kornblith et al. 2019, "Similarity of Neural Network Representations Revisited"):
    CKA(K, L) = HSIC(K, L) / sqrt(HSIC(K, K) HSIC(L, L)), HSIC(K, L) = tr(K H L H) / (n-1)^2,
    H = I - 11^T / n the centring matrix.
  RBF kernel: k(x_i, x_j) = exp(-||x_i - x_j||^2 / (2 sigma^2)), with sigma^2 = threshold^2 times
    the median of all n^2 squared distances (self-pairs included).
  Debiased CKA: the same ratio with the unbiased HSIC estimator of Song et al. 2012
    ("Feature Selection via Dependence Maximization", eq. 5):
    HSIC_1(K, L) = [tr(K~ L~) + 1^T K~ 1 1^T L~ 1 / ((n-1)(n-2)) - 2/(n-2) 1^T K~ L~ 1] / (n(n-3)),
    K~, L~ = K, L with their diagonals set to zero.

Run with the reference venv: .venv-export/bin/python environment/reference/make_cka_fixtures.py
"""

import csv
import pathlib

import numpy as np

# Values printed by the CKA paper authors' published demo for this X and Y.
PUBLISHED = {"linear": 0.55761, "rbf_0.5": 0.65483, "debiased_linear": 0.51346}
TOLERANCE = 1e-5

OUT = (
    pathlib.Path(__file__).resolve().parents[2]
    / "lib/src/test/resources/org/clipsynergy/similarity"
)


def biased_hsic(k, l):
    """tr(K H L H) / (n-1)^2 with H the centring matrix."""
    n = k.shape[0]
    h = np.eye(n) - np.ones((n, n)) / n
    return np.trace(k @ h @ l @ h) / (n - 1) ** 2


def unbiased_hsic(k, l):
    """Song et al. 2012, eq. 5."""
    n = k.shape[0]
    kt = k - np.diag(np.diag(k))
    lt = l - np.diag(np.diag(l))
    one = np.ones(n)
    term1 = np.trace(kt @ lt)
    term2 = (one @ kt @ one) * (one @ lt @ one) / ((n - 1) * (n - 2))
    term3 = 2.0 / (n - 2) * (one @ kt @ lt @ one)
    return (term1 + term2 - term3) / (n * (n - 3))


def cka(k, l, hsic):
    return hsic(k, l) / np.sqrt(hsic(k, k) * hsic(l, l))


def rbf_kernel(x, threshold):
    sq = np.sum((x[:, None, :] - x[None, :, :]) ** 2, axis=-1)
    sigma2 = threshold**2 * np.median(sq)
    return np.exp(-sq / (2.0 * sigma2))


def main():
    np.random.seed(1337)
    x = np.random.randn(100, 10)
    y = np.random.randn(100, 10) + x

    values = {
        "linear": cka(x @ x.T, y @ y.T, biased_hsic),
        "rbf_0.5": cka(rbf_kernel(x, 0.5), rbf_kernel(y, 0.5), biased_hsic),
        "debiased_linear": cka(x @ x.T, y @ y.T, unbiased_hsic),
    }
    for name, value in values.items():
        print(f"{name}: {value:.8f} (published {PUBLISHED[name]})")
        assert abs(value - PUBLISHED[name]) < TOLERANCE, (name, value, PUBLISHED[name])

    OUT.mkdir(parents=True, exist_ok=True)
    np.save(OUT / "cka_x.npy", x)
    np.save(OUT / "cka_y.npy", y)
    with open(OUT / "cka_values.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["measure", "value"])
        for name, value in values.items():
            writer.writerow([name, repr(float(value))])
    print(f"wrote fixtures to {OUT}")


if __name__ == "__main__":
    main()
