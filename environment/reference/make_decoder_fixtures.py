"""Tiny image files of the odd kinds real datasets hold, and what PIL decodes from them.

Writes lib/src/test/resources/org/clipsynergy/data/images/: an 8-bit grey PNG, a palette PNG, a
16-bit grey PNG, an RGBA PNG, a grey+alpha PNG, an RGB JPEG, a CMYK JPEG, a YCCK JPEG, a PNG named
.jpg, a truncated PNG and a truncated JPEG; and expected.json with, per file, the pixels PIL gives
after convert("L") (grey kinds) or convert("RGB") (colour kinds), row-major, for ImageDecoderTest.

The YCCK JPEG: Pillow writes CMYK JPEGs only, so the script computes the YCCK components of a CMYK
image (the Adobe transform: Y, Cb, Cr of R = 255 - C, G = 255 - M, B = 255 - Y; K kept), stores
them as a CMYK JPEG, and sets the Adobe APP14 marker's transform byte from 0 (CMYK) to 2 (YCCK).
Its expected pixels are those of the CMYK JPEG it encodes.

    .venv-export/bin/python environment/reference/make_decoder_fixtures.py
"""

import io
import json
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "lib/src/test/resources/org/clipsynergy/data/images"
W, H = 8, 6


def pixels(image, mode):
    return np.asarray(image.convert(mode), dtype=np.int64).reshape(-1).tolist()


def cmyk_blocks():
    """Four colour blocks in CMYK: red, green, blue, dark grey (K only)."""
    a = np.zeros((H, W, 4), np.uint8)
    a[:3, :4] = (0, 255, 255, 0)
    a[:3, 4:] = (255, 0, 255, 0)
    a[3:, :4] = (255, 255, 0, 0)
    a[3:, 4:] = (0, 0, 0, 160)
    return a


def set_adobe_transform(jpeg, transform):
    """Returns the JPEG bytes with the Adobe APP14 marker's colour transform byte replaced."""
    start = jpeg.find(b"\xff\xee")
    if start < 0 or jpeg[start + 4 : start + 9] != b"Adobe":
        raise SystemExit("no Adobe APP14 marker in the CMYK JPEG")
    data = bytearray(jpeg)
    data[start + 4 + 11] = transform
    return bytes(data)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    expected = {}
    ramp = (np.arange(W * H).reshape(H, W) * 5).astype(np.uint8)
    rng = np.random.default_rng(7)
    colours = rng.integers(0, 256, (H, W, 3), dtype=np.uint8)

    gray = Image.fromarray(ramp)
    gray.save(OUT / "gray.png")
    expected["gray.png"] = {"mode": "L", "pixels": pixels(gray, "L")}

    palette = Image.fromarray(colours).quantize(colors=5)
    palette.save(OUT / "palette.png")
    expected["palette.png"] = {"mode": "RGB", "pixels": pixels(Image.open(OUT / "palette.png"), "RGB")}

    gray16 = (np.arange(W * H).reshape(H, W) * 1300 + 17).astype(np.uint16)
    Image.fromarray(gray16).save(OUT / "gray16.png")
    # PIL clips 16-bit grey on convert("L"); the decoder scales it instead (see ImageDecoder).
    scaled = np.floor(gray16.astype(np.float64) * 255 / 65535 + 0.5).astype(np.int64)
    expected["gray16.png"] = {"mode": "L", "pixels": scaled.reshape(-1).tolist()}

    alpha = np.dstack([colours, (np.arange(W * H).reshape(H, W) * 5).astype(np.uint8)])
    Image.fromarray(alpha).save(OUT / "rgba.png")
    expected["rgba.png"] = {"mode": "RGB", "pixels": pixels(Image.open(OUT / "rgba.png"), "RGB")}

    la = np.dstack([ramp, 255 - ramp])
    Image.fromarray(la, mode="LA").save(OUT / "gray_alpha.png")
    expected["gray_alpha.png"] = {"mode": "L", "pixels": ramp.reshape(-1).tolist()}

    Image.fromarray(colours).save(OUT / "png_named.jpg", format="PNG")
    expected["png_named.jpg"] = {"mode": "RGB", "pixels": colours.reshape(-1).tolist()}

    smooth = np.zeros((H, W, 3), np.uint8)
    smooth[..., 0], smooth[..., 1], smooth[..., 2] = 200, ramp, 255 - ramp
    Image.fromarray(smooth).save(OUT / "rgb.jpg", quality=95)
    expected["rgb.jpg"] = {"mode": "RGB", "pixels": pixels(Image.open(OUT / "rgb.jpg"), "RGB")}

    cmyk = cmyk_blocks()
    Image.fromarray(cmyk, mode="CMYK").save(OUT / "cmyk.jpg", quality=95)
    expected["cmyk.jpg"] = {
        "mode": "CMYK",
        "cmyk": pixels(Image.open(OUT / "cmyk.jpg"), "CMYK"),
        "blocks": ["red", "green", "blue", "grey"],
    }

    rgb = 255.0 - cmyk[..., :3].astype(np.float64)
    y = 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]
    cb = 128 - 0.168736 * rgb[..., 0] - 0.331264 * rgb[..., 1] + 0.5 * rgb[..., 2]
    cr = 128 + 0.5 * rgb[..., 0] - 0.418688 * rgb[..., 1] - 0.081312 * rgb[..., 2]
    ycck = np.dstack([y, cb, cr, cmyk[..., 3]]).round().clip(0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(ycck, mode="CMYK").save(buffer, format="JPEG", quality=95)
    (OUT / "ycck.jpg").write_bytes(set_adobe_transform(buffer.getvalue(), 2))
    expected["ycck.jpg"] = {"mode": "CMYK", "blocks": ["red", "green", "blue", "grey"]}

    noise = rng.integers(0, 256, (64, 64, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noise).save(buffer, format="PNG")
    (OUT / "truncated.png").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    buffer = io.BytesIO()
    Image.fromarray(noise).save(buffer, format="JPEG", quality=90)
    (OUT / "truncated.jpg").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])

    expected["origin"] = "environment/reference/make_decoder_fixtures.py (Pillow, numpy)"
    (OUT / "expected.json").write_text(json.dumps(expected) + "\n")
    for f in sorted(OUT.iterdir()):
        print(f"{f.name}: {f.stat().st_size} bytes")


if __name__ == "__main__":
    main()
