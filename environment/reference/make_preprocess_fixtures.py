#!/usr/bin/env python3
"""Preprocessing fixtures for the Java CLIP preprocessor, produced by open_clip and Pillow.

Run with the reference venv (open_clip_torch, torchvision, Pillow, scikit-image, scikit-learn;
see environment/requirements-reference.txt):

    .venv-export/bin/python environment/reference/make_preprocess_fixtures.py

Source photos are the samples that scikit-image and scikit-learn ship, cropped to keep the
fixtures small while keeping assorted sizes, aspect ratios and modes (RGB, grayscale L, RGBA,
palette P, a 28 x 28 and an 8 x 8 upscale, an exact 224 x 224, odd sizes). Each is saved as PNG;
for each case the script runs open_clip.image_transform(size, is_train=False, ...) and stores

  * <case>.npy.gz: uint8 [s, s, 3], the image after open_clip's resize, centre crop and RGB
    conversion (every transform before ToTensor), i.e. what PIL computed;
  * for a few cases <case>.tensor.npy.gz: float32 [3, s, s], the transform's final tensor.

It checks that ToTensor + Normalize of the uint8 image equals open_clip's tensor exactly, so the
uint8 references carry the whole transform. chelsea_resize_only.npy.gz is Pillow's
Image.resize((240, 160), BICUBIC) of chelsea alone (no crop), to test the resampler by itself.
The .npy files are gzipped (mtime 0) to keep the fixtures small.
Writes lib/src/test/resources/org/clipsynergy/image/ (PNG sources, .npy, cases.json).
"""
import gzip
import io
import json
from pathlib import Path

import numpy as np
import open_clip
import PIL
import skimage
import skimage.data as skd
import sklearn
import sklearn.datasets as skds
import torch
from open_clip.constants import OPENAI_DATASET_MEAN, OPENAI_DATASET_STD
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "lib/src/test/resources/org/clipsynergy/image"


def sources():
    """name -> PIL image, each a crop of a sample photo (shape comments are h x w)."""
    china, flower = skds.load_sample_images().images
    digit = (skds.load_digits().images[0] * 255.0 / 16.0).round().astype(np.uint8)  # 8 x 8
    logo = skd.logo()
    return {
        "astronaut": Image.fromarray(skd.astronaut()[40:340, 110:410]),  # 300 x 300
        "chelsea": Image.fromarray(skd.chelsea()),  # 300 x 451
        "coffee": Image.fromarray(skd.coffee()[40:360, 60:540]),  # 320 x 480
        "rocket_tall": Image.fromarray(skd.rocket()[:, 200:400]),  # 427 x 200
        "camera_gray": Image.fromarray(skd.camera()[100:400, 50:450]),  # 300 x 400, L
        "coins_gray": Image.fromarray(skd.coins()),  # 303 x 384, L
        "china_wide": Image.fromarray(china[100:350, 70:570]),  # 250 x 500
        "flower_tall": Image.fromarray(flower[:, 150:450]),  # 427 x 300
        "text_28": Image.fromarray(skd.text()[60:88, 100:128]),  # 28 x 28, L (MNIST-like)
        "digit_8": Image.fromarray(digit),  # 8 x 8, L
        "logo_rgba": Image.fromarray(logo[100:400, 120:380]),  # 300 x 260, RGBA
        "chelsea_palette": Image.fromarray(skd.chelsea()[50:250, 100:400]).quantize(64),  # P
        "hubble_224": Image.fromarray(skd.hubble_deep_field()[300:524, 400:624]),  # exact
        "hubble_odd": Image.fromarray(skd.hubble_deep_field()[100:325, 500:801]),  # 225 x 301
        "ihc_small": Image.fromarray(skd.immunohistochemistry()[200:260, 150:250]),  # 60 x 100
        "colorwheel": Image.fromarray(skd.colorwheel()),  # 370 x 371
        # 800 x 260: Pillow resizes it vertical pass first (height shrinks > 2x the width)
        "hubble_tall": Image.fromarray(skd.hubble_deep_field()[0:800, 0:260]),
    }


# (case, source, size, interpolation, resize_mode, store the final tensor)
CASES = [(name, name, 224, "bicubic", "shortest", name in ("astronaut", "digit_8"))
         for name in sources()]
CASES += [
    ("colorwheel_336", "colorwheel", 336, "bicubic", "shortest", False),
    ("chelsea_bilinear", "chelsea", 224, "bilinear", "shortest", False),
    ("rocket_tall_bilinear", "rocket_tall", 224, "bilinear", "shortest", False),
    ("chelsea_squash", "chelsea", 224, "bicubic", "squash", False),
    ("rocket_tall_squash", "rocket_tall", 224, "bicubic", "squash", False),
    ("coffee_bilinear_squash", "coffee", 224, "bilinear", "squash", False),
    ("text_28_squash", "text_28", 224, "bicubic", "squash", False),
]


def save_npy_gz(path: Path, array: np.ndarray):
    buf = io.BytesIO()
    np.save(buf, array)
    with gzip.GzipFile(filename="", mode="wb", fileobj=open(path, "wb"), mtime=0) as gz:
        gz.write(buf.getvalue())


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in list(OUT.glob("*.npy")) + list(OUT.glob("*.npy.gz")) + list(OUT.glob("*.png")):
        old.unlink()
    images = {}
    for name, image in sources().items():
        path = OUT / f"{name}.png"
        image.save(path, optimize=True)
        images[name] = Image.open(path)  # what Java reads: the PNG, not the array
        images[name].load()

    records = []
    for case, source, size, interpolation, resize_mode, keep_tensor in CASES:
        transform = open_clip.image_transform(
            size, is_train=False, mean=OPENAI_DATASET_MEAN, std=OPENAI_DATASET_STD,
            interpolation=interpolation, resize_mode=resize_mode)
        image = images[source]
        pil = image
        for t in transform.transforms[:-2]:  # resize, crop, convert("RGB")
            pil = t(pil)
        pixels = np.asarray(pil, dtype=np.uint8)
        assert pixels.shape == (size, size, 3), (case, pixels.shape)
        tensor = transform(image).numpy()
        rebuilt = transform.transforms[-1](transform.transforms[-2](pil)).numpy()
        assert np.array_equal(tensor, rebuilt), case
        save_npy_gz(OUT / f"{case}.npy.gz", pixels)
        record = {"case": case, "image": f"{source}.png", "mode": image.mode,
                  "width": image.width, "height": image.height, "size": size,
                  "interpolation": interpolation, "resizeMode": resize_mode,
                  "pixels": f"{case}.npy.gz"}
        if keep_tensor:
            save_npy_gz(OUT / f"{case}.tensor.npy.gz", tensor.astype(np.float32))
            record["tensor"] = f"{case}.tensor.npy.gz"
        records.append(record)
        print(f"{case:24s} {image.mode:4s} {image.width}x{image.height} -> {size} "
              f"{interpolation}/{resize_mode}")

    resized = images["chelsea"].resize((240, 160), Image.Resampling.BICUBIC)
    save_npy_gz(OUT / "chelsea_resize_only.npy.gz", np.asarray(resized, dtype=np.uint8))

    manifest = {
        "source": f"open_clip {open_clip.__version__} image_transform(is_train=False), "
                  f"torch {torch.__version__}, Pillow {PIL.__version__}, "
                  f"scikit-image {skimage.__version__}, scikit-learn {sklearn.__version__}",
        "mean": list(OPENAI_DATASET_MEAN), "std": list(OPENAI_DATASET_STD),
        "resizeOnly": {"image": "chelsea.png", "width": 240, "height": 160,
                       "interpolation": "bicubic", "pixels": "chelsea_resize_only.npy.gz"},
        "cases": records,
    }
    (OUT / "cases.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    total = sum(f.stat().st_size for f in OUT.iterdir())
    print(f"wrote {len(records)} cases to {OUT} ({total / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
