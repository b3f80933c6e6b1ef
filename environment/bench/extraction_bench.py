#!/usr/bin/env python3
"""open_clip's own extraction loop, timed: the Python side of the extraction benchmark.

For one exported backbone folder (its card.json names the open_clip architecture), builds the
same architecture with open_clip (random weights: throughput does not depend on them), and
times PIL decoding + open_clip's preprocessing + encode_image + normalisation + zero-shot
logits over N images cycled from a folder of JPEG/PNG files held in memory, in batches, with
torch limited to the given thread count. Prints one JSON line.

Usage:
  extraction_bench.py --backbone backbones/RN50-random --images build/bench-images \
      --n 1000 --threads 1 --batch 64
"""

import argparse
import io
import json
import sys
import time
from pathlib import Path


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--backbone", required=True)
    p.add_argument("--images", required=True)
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--classes", type=int, default=10)
    args = p.parse_args()

    import torch
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    import open_clip
    from open_clip.transform import PreprocessCfg, image_transform_v2
    from PIL import Image

    card = json.loads((Path(args.backbone) / "card.json").read_text())
    arch = card["source"].split(":")[1]
    model = open_clip.create_model(arch, pretrained=None).eval()
    preprocess = image_transform_v2(PreprocessCfg(
        size=card["inputSize"], mean=tuple(card["mean"]), std=tuple(card["std"]),
        interpolation=card["interpolation"], resize_mode=card["resizeMode"]), is_train=False)
    files = sorted(f for f in Path(args.images).iterdir() if f.suffix in (".jpg", ".png"))
    blobs = [f.read_bytes() for f in files]
    g = torch.Generator().manual_seed(0)
    weights = torch.nn.functional.normalize(
        torch.randn(args.classes, card["embeddingSize"], generator=g), dim=-1)

    def run(n):
        for start in range(0, n, args.batch):
            count = min(args.batch, n - start)
            pixels = torch.stack([
                preprocess(Image.open(io.BytesIO(blobs[(start + i) % len(blobs)])).convert("RGB"))
                for i in range(count)])
            with torch.no_grad():
                f = model.encode_image(pixels)
                f = f / f.norm(dim=-1, keepdim=True)
                _ = card["logitScale"] * f @ weights.T

    run(min(args.batch, args.n))  # warm-up
    t0 = time.perf_counter()
    run(args.n)
    seconds = time.perf_counter() - t0
    print(json.dumps({"backbone": Path(args.backbone).name, "threads": args.threads,
                      "images": args.n, "seconds": round(seconds, 3),
                      "images_per_s": round(args.n / seconds, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
