"""Reference indices for StratifiedSampler, from a Python implementation of the same algorithm.

The algorithm (documented in StratifiedSampler's Javadoc): classes in ascending label order, one
SplitMix64 generator shared by all classes, a partial Fisher-Yates shuffle per class drawing
uniform(b) by rejection from 63 random bits, the chosen indices sorted. This file re-implements it
with Python integers (no shared code with the Java side) and writes the indices it chooses for a
few cases to lib/src/test/resources/org/clipsynergy/data/stratified_reference.json, so a change of
the Java implementation or platform that moves any index fails the test. The label lists are
written too, so the test needs no data files.

Cases: the first 1,000 labels of the MNIST test split (data/mnist/t10k-labels-idx1-ubyte) with
k = 1 and 5 and fraction 0.1; and a synthetic label list.

    .venv-export/bin/python environment/reference/stratified_sample.py
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "lib/src/test/resources/org/clipsynergy/data/stratified_reference.json"
MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self, bound):
        top = 1 << 63
        while True:
            r = self.next() >> 1
            if r < top - top % bound:
                return r % bound


def draw(labels, counts, seed):
    rng = SplitMix64(seed)
    chosen = []
    for c in range(max(labels) + 1):
        pool = [i for i, label in enumerate(labels) if label == c]
        for i in range(counts(len(pool))):
            j = i + rng.uniform(len(pool) - i)
            pool[i], pool[j] = pool[j], pool[i]
            chosen.append(pool[i])
    return sorted(chosen)


def per_class(labels, k, seed):
    return draw(labels, lambda n: k if n else 0, seed)


def fraction(labels, f, seed):
    import math

    return draw(labels, lambda n: max(1, math.floor(f * n + 0.5)) if n else 0, seed)


def main():
    raw = (ROOT / "data/mnist/t10k-labels-idx1-ubyte").read_bytes()[8:]
    mnist = list(raw[:1000])
    synthetic = [(i * 7 + i // 3) % 4 for i in range(50)]
    cases = [
        {"labels": "mnist/test[:1000]", "kind": "perClass", "k": 1, "seed": 42},
        {"labels": "mnist/test[:1000]", "kind": "perClass", "k": 5, "seed": 42},
        {"labels": "mnist/test[:1000]", "kind": "perClass", "k": 5, "seed": -7},
        {"labels": "mnist/test[:1000]", "kind": "fraction", "fraction": 0.1, "seed": 2024},
        {"labels": "synthetic", "kind": "perClass", "k": 3, "seed": 0},
    ]
    for case in cases:
        labels = mnist if case["labels"].startswith("mnist") else synthetic
        if case["kind"] == "perClass":
            case["indices"] = per_class(labels, case["k"], case["seed"])
        else:
            case["indices"] = fraction(labels, case["fraction"], case["seed"])
    out = {
        "origin": "environment/reference/stratified_sample.py (pure Python)",
        "mnist/test[:1000]": mnist,
        "synthetic": synthetic,
        "cases": cases,
    }
    OUT.write_text(json.dumps(out) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
