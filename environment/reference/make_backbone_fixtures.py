#!/usr/bin/env python3
"""Golden fixtures for the Java backbone path, made by open_clip itself.

For two reduced-width CLIP architectures (a ViT and a ModifiedResNet, configs in
backbone_configs/), with seeded random weights, this script exports each model with
environment/export_backbones.py and records what open_clip computes for a few real
photographs (scikit-image and scikit-learn sample images) and prompts:

  images/<name>.png              the photographs, downscaled, as the Java side reads them
  <model>/model.pt, card.json    the exported backbone
  <model>/pixels.npy             float32 [N,3,S,S]  open_clip's preprocess of each PNG
  <model>/image_embeddings.npy   float32 [N,D]      model.encode_image(pixels), raw
  <model>/texts.json             the M prompts (every template x class, then extra strings)
  <model>/tokens.npy             int64   [M,77]     open_clip.tokenize(texts)
  <model>/text_embeddings.npy    float32 [M,D]      model.encode_text(tokens), raw
  <model>/zeroshot_weights.npy   float32 [C,D]      per class: normalise, average, renormalise
  <model>/logits.npy             float32 [N,C]      logit_scale * normalised image @ weights.T
  zeroshot.json                  class names, templates, image names

Run from the repository root:
  .venv-export/bin/python environment/reference/make_backbone_fixtures.py
"""

import json
import sys
from pathlib import Path

import numpy as np
import torch
from PIL import Image

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
import export_backbones  # noqa: E402
import open_clip  # noqa: E402
from open_clip.transform import PreprocessCfg, image_transform_v2  # noqa: E402

OUT = ROOT / "lib/src/test/resources/org/clipsynergy/backbone"
SEED = 20240601
FIXTURE_SHORT_SIDE = 160  # photographs are stored downscaled to keep the fixtures small
CLASSES = ["astronaut", "cat", "cup of coffee", "rocket", "cameraman", "pagoda"]
TEMPLATES = ["a photo of a {}.", "a blurry photo of the {}.", "art of a {}."]
EXTRA_TEXTS = [
    "",
    "Crème brûlée, café and naïve résumé",
    "ein Foto eines Hundes; 一张猫的照片",
    " ".join(["a very long prompt"] * 40),  # longer than the context: truncated, end kept
]
LOGIT_SCALE = 100.0  # the OpenAI models' learned scale, so random logits look like real ones


def photographs():
    import skimage.data
    from sklearn.datasets import load_sample_images
    images = {
        "astronaut": skimage.data.astronaut(),
        "chelsea": skimage.data.chelsea(),
        "coffee": skimage.data.coffee(),
        "rocket": skimage.data.rocket(),
        "camera": skimage.data.camera(),  # grayscale
        "china": load_sample_images().images[0],
    }
    out = {}
    for name, array in images.items():
        img = Image.fromarray(array)
        scale = FIXTURE_SHORT_SIDE / min(img.size)
        size = (round(img.size[0] * scale), round(img.size[1] * scale))
        out[name] = img.resize(size, Image.BICUBIC)
    return out


def randomise_resnet(model, generator):
    """Makes a random ResNet's output depend on its input, as a trained one's does.

    PyTorch's default convolution init shrinks activations layer by layer, so a random
    ModifiedResNet returns nearly the same embedding for every image, which would make a
    parity test blind. He-normal convolutions and batch norms with real statistics fix that.
    """
    for m in model.modules():
        if isinstance(m, torch.nn.Conv2d):
            fan_in = m.weight[0].numel()
            m.weight.data = torch.randn(m.weight.shape, generator=generator) * (2 / fan_in) ** 0.5
        elif isinstance(m, torch.nn.BatchNorm2d):
            c = m.num_features
            m.weight.data = 0.5 + torch.rand(c, generator=generator)
            m.bias.data = 0.1 * torch.randn(c, generator=generator)
            m.running_mean = 0.1 * torch.randn(c, generator=generator)
            m.running_var = 0.5 + torch.rand(c, generator=generator)


def save(path, array):
    np.save(path, np.ascontiguousarray(array))


def make(config, photos, names):
    open_clip.add_model_config(str(config))
    name = config.stem
    model, pcfg = export_backbones.create(name, None, SEED, "cpu", "fp32")
    randomise_resnet(model, torch.Generator().manual_seed(SEED))
    with torch.no_grad():
        model.logit_scale.fill_(np.log(LOGIT_SCALE))
    folder = export_backbones.export(
        model, pcfg, name, f"open_clip:{name}:none (seed {SEED}, {config.name})", OUT, seed=SEED)

    preprocess = image_transform_v2(PreprocessCfg(**pcfg), is_train=False)
    tokenizer = open_clip.get_tokenizer(name)
    pixels = torch.stack([preprocess(Image.open(OUT / "images" / f"{n}.png")) for n in names])
    texts = [t.format(c) for c in CLASSES for t in TEMPLATES] + EXTRA_TEXTS
    tokens = tokenizer(texts)
    with torch.no_grad():
        image_emb = model.encode_image(pixels)
        text_emb = model.encode_text(tokens)
        per_template = text_emb[: len(CLASSES) * len(TEMPLATES)].reshape(
            len(CLASSES), len(TEMPLATES), -1)
        per_template = per_template / per_template.norm(dim=-1, keepdim=True)
        weights = per_template.mean(dim=1)
        weights = weights / weights.norm(dim=-1, keepdim=True)
        image_n = image_emb / image_emb.norm(dim=-1, keepdim=True)
        logits = model.logit_scale.exp() * image_n @ weights.T

    save(folder / "pixels.npy", pixels.numpy().astype(np.float32))
    save(folder / "image_embeddings.npy", image_emb.numpy().astype(np.float32))
    save(folder / "tokens.npy", tokens.numpy().astype(np.int64))
    save(folder / "text_embeddings.npy", text_emb.numpy().astype(np.float32))
    save(folder / "zeroshot_weights.npy", weights.numpy().astype(np.float32))
    save(folder / "logits.npy", logits.numpy().astype(np.float32))
    (folder / "texts.json").write_text(json.dumps(texts, ensure_ascii=False, indent=1) + "\n")

    top2 = torch.topk(logits, 2, dim=1).values
    print(f"{name}: {folder} ({(folder / 'model.pt').stat().st_size / 1e6:.1f} MB), "
          f"top-1 {logits.argmax(1).tolist()}, smallest top-1 margin "
          f"{(top2[:, 0] - top2[:, 1]).min().item():.4f}")


def main():
    (OUT / "images").mkdir(parents=True, exist_ok=True)
    photos = photographs()
    for n, img in photos.items():
        img.save(OUT / "images" / f"{n}.png", optimize=True)
    names = list(photos)
    (OUT / "zeroshot.json").write_text(json.dumps(
        {"classes": CLASSES, "templates": TEMPLATES, "images": names,
         "logitScale": LOGIT_SCALE, "seed": SEED,
         "origin": "environment/reference/make_backbone_fixtures.py, open_clip "
                   + open_clip.__version__ + ", torch " + torch.__version__},
        indent=1) + "\n")
    torch.set_num_threads(1)
    for config in sorted((HERE / "backbone_configs").glob("*.json")):
        make(config, photos, names)


if __name__ == "__main__":
    main()
