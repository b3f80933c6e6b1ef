"""Reference statistics for the ImageNet-C corruptions, from the imagecorruptions package.

Writes, under lib/src/test/resources/org/clipsynergy/perturb/:
  photo-<name>.png          the clean test photographs (scikit-image sample data, downscaled)
  reference-stats.csv       per photo x corruption x severity: mean and standard deviation of
                            (corrupted - clean) in 0-255 units and SSIM to the clean image, each
                            averaged over DRAWS (10) noise draws, with their standard deviation
                            across draws
  exact/<photo>-<corruption>-<severity>.png
                            outputs of the deterministic corruptions on the small photos, for a
                            pixelwise comparison
  ssim-check.csv            SSIM (skimage.metrics.structural_similarity, defaults, 7x7 uniform
                            window, data_range 255, channel_axis -1) of clean vs each exact output

imagecorruptions 1.1.2 calls skimage.filters.gaussian(..., multichannel=True), a keyword that
scikit-image removed in 0.19; this script maps it to channel_axis=-1 (the same filter: sigma on the
two spatial axes only) before calling the package. Nothing else of the package is changed.
imagecorruptions.corrupt refuses images under 32 pixels; for the 28 x 28 photo the script calls
the same corruption functions directly, after the same grey-to-RGB stacking and the same uint8
conversion that corrupt() does.

Run: .venv-export/bin/python environment/reference/make_corruption_fixtures.py
"""

import csv
import os

import numpy as np
from PIL import Image
from skimage import data, transform
from skimage.metrics import structural_similarity

import imagecorruptions
import imagecorruptions.corruptions as icc

_original_gaussian = icc.gaussian


def _gaussian_shim(image, sigma=1, multichannel=None, **kwargs):
    if multichannel:
        kwargs["channel_axis"] = -1
    return _original_gaussian(image, sigma=sigma, **kwargs)


icc.gaussian = _gaussian_shim

OUT = os.path.join(
    os.path.dirname(__file__), "..", "..", "lib", "src", "test", "resources", "org",
    "clipsynergy", "perturb")
DRAWS = 10
CORRUPTIONS = [
    "gaussian_noise", "shot_noise", "impulse_noise", "speckle_noise",
    "gaussian_blur", "defocus_blur", "glass_blur", "motion_blur", "zoom_blur",
    "brightness", "contrast", "saturate", "pixelate", "jpeg_compression",
    "fog", "elastic_transform", "snow",
]
DETERMINISTIC = [
    "gaussian_blur", "defocus_blur", "zoom_blur", "brightness", "contrast", "saturate",
    "pixelate", "jpeg_compression",
]


def resized(image, shape):
    out = transform.resize(image, shape, order=3, anti_aliasing=True, preserve_range=True)
    return np.clip(np.round(out), 0, 255).astype(np.uint8)


def photos():
    return {
        "astronaut": resized(data.astronaut(), (224, 224)),
        "chelsea": resized(data.chelsea(), (150, 224)),
        "camera": resized(data.camera(), (128, 128)),
        "camera28": resized(data.camera(), (28, 28)),
        "chelsea-small": resized(data.chelsea(), (64, 96)),
    }


def as_rgb(image):
    return image if image.ndim == 3 else np.stack((image,) * 3, axis=-1)


def corrupt(image, name, severity):
    rgb = as_rgb(image)
    if min(rgb.shape[:2]) >= 32:
        return imagecorruptions.corrupt(rgb, severity=severity, corruption_name=name)
    return np.uint8(imagecorruptions.corruption_dict[name](Image.fromarray(rgb), severity))


def ssim(a, b):
    return structural_similarity(a, b, channel_axis=-1, data_range=255)


def main():
    os.makedirs(os.path.join(OUT, "exact"), exist_ok=True)
    rows = []
    checks = []
    for pname, image in photos().items():
        Image.fromarray(image).save(os.path.join(OUT, f"photo-{pname}.png"))
        clean = as_rgb(image)
        small = pname in ("camera28", "chelsea-small")
        for name in CORRUPTIONS:
            for severity in range(1, 6):
                stats = []
                for draw in range(DRAWS):
                    np.random.seed(1000 * draw + 7)
                    out = corrupt(image, name, severity)
                    change = out.astype(np.float64) - clean.astype(np.float64)
                    stats.append((change.mean(), change.std(), ssim(clean, out)))
                    if small and draw == 0 and name in DETERMINISTIC:
                        file = f"{pname}-{name}-{severity}.png"
                        Image.fromarray(out).save(os.path.join(OUT, "exact", file))
                        checks.append([file, f"{ssim(clean, out):.8f}"])
                s = np.array(stats)
                rows.append([pname, name, severity]
                            + [f"{v:.5f}" for v in s.mean(axis=0)]
                            + [f"{v:.5f}" for v in s.std(axis=0)])
                print(rows[-1], flush=True)
    with open(os.path.join(OUT, "reference-stats.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["photo", "corruption", "severity", "mean_change", "std_change", "ssim",
                    "mean_change_spread", "std_change_spread", "ssim_spread"])
        w.writerows(rows)
    with open(os.path.join(OUT, "ssim-check.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "ssim"])
        w.writerows(checks)


if __name__ == "__main__":
    main()
