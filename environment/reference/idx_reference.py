"""Reference values for the IDX reader tests, computed with numpy from the files in data/.

For each of mnist and fashion-mnist, train and test: the image count and size, the label
histogram, the sum of all pixels, and for a few fixed indices the label and the pixel sum of that
image. Reads the raw IDX files as numpy arrays (independently of the Java reader) and writes
lib/src/test/resources/org/clipsynergy/data/idx_reference.json.

    .venv-export/bin/python environment/reference/idx_reference.py
"""

import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "lib/src/test/resources/org/clipsynergy/data/idx_reference.json"
INDICES = [0, 1, 2, 777, 4321, 9999]
SPLITS = {"train": "train", "test": "t10k"}


def read_idx(path):
    data = path.read_bytes()
    ndim = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def main():
    result = {"origin": "environment/reference/idx_reference.py (numpy " + np.__version__ + ")"}
    for dataset in ("mnist", "fashion-mnist"):
        for split, prefix in SPLITS.items():
            images = read_idx(ROOT / "data" / dataset / f"{prefix}-images-idx3-ubyte")
            labels = read_idx(ROOT / "data" / dataset / f"{prefix}-labels-idx1-ubyte")
            result[f"{dataset}/{split}"] = {
                "size": int(images.shape[0]),
                "rows": int(images.shape[1]),
                "cols": int(images.shape[2]),
                "histogram": np.bincount(labels, minlength=10).tolist(),
                "total_pixel_sum": int(images.sum(dtype=np.int64)),
                "images": [
                    {
                        "index": i,
                        "label": int(labels[i]),
                        "pixel_sum": int(images[i].sum(dtype=np.int64)),
                        "pixel_14_14": int(images[i, 14, 14]),
                    }
                    for i in INDICES
                ],
            }
    OUT.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
