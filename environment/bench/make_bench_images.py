#!/usr/bin/env python3
"""Writes the benchmark's real photographs (scikit-image and scikit-learn sample images) as
JPEG files into a folder (default build/bench-images, git-ignored)."""

import sys
from pathlib import Path

import numpy as np
import skimage.data
from PIL import Image
from sklearn.datasets import load_sample_images

NAMES = ["astronaut", "chelsea", "coffee", "rocket", "immunohistochemistry", "hubble_deep_field",
         "cat", "retina", "colorwheel", "logo"]


def main(out="build/bench-images"):
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    images = {}
    for name in NAMES:
        try:
            images[name] = getattr(skimage.data, name)()
        except Exception as e:  # some need a download (pooch) that may not be cached
            print(f"skipping {name}: {type(e).__name__}", file=sys.stderr)
    for i, a in enumerate(load_sample_images().images):
        images[f"sklearn{i}"] = a
    for name, a in images.items():
        a = np.asarray(a)
        if a.dtype != np.uint8:
            continue
        img = Image.fromarray(a).convert("RGB")
        img.save(folder / f"{name}.jpg", quality=90)
    print(f"wrote {len(list(folder.glob('*.jpg')))} photographs to {folder}")


if __name__ == "__main__":
    main(*sys.argv[1:])
