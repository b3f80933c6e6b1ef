#!/usr/bin/env python3
"""Export open_clip models to clip-synergy's backbone folder format.

Each backbone becomes a folder holding
  model.pt    TorchScript module with two methods:
                encode_image(float[N,3,S,S]) -> float[N,D]   (raw, not normalised)
                encode_text(long[N,77])      -> float[N,D]   (raw, not normalised)
  card.json   the fields of org.clipsynergy.backbone.BackboneCard, read from
              open_clip's own model and preprocessing configuration
  export.json how the file was made (device, precision, library versions)

card.json's gflops is the image tower's forward cost for one image as counted by
torch.utils.flop_counter, 2 FLOPs per multiply-add (ViT-B-32: 8.7; RN50: 12.2); parameters
counts the image tower only.

Usage:
  export_backbones.py --out backbones                   # the nine OpenAI backbones
  export_backbones.py --out backbones --models ViT-B-32 --pretrained openai
  export_backbones.py --out backbones --models RN50 --pretrained none --seed 0   # random weights
  export_backbones.py --out backbones --config tiny-vit.json --pretrained none   # custom widths

Downloading weights needs the network. Without it the script says so and exits
with status 3 instead of waiting.
"""

import argparse
import hashlib
import json
import logging
import os
import socket
import sys
import time
from pathlib import Path

# Fail fast when offline: every socket the download opens gives up after this many seconds.
NETWORK_TIMEOUT_S = 15
os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", str(NETWORK_TIMEOUT_S))
os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", str(NETWORK_TIMEOUT_S))
socket.setdefaulttimeout(NETWORK_TIMEOUT_S)

import torch  # noqa: E402
import open_clip  # noqa: E402
from open_clip.model import CLIP  # noqa: E402
from open_clip.modified_resnet import ModifiedResNet  # noqa: E402
from open_clip.transformer import VisionTransformer  # noqa: E402

OPENAI_NINE = [
    "RN50", "RN101", "RN50x4", "RN50x16", "RN50x64",
    "ViT-B-32", "ViT-B-16", "ViT-L-14", "ViT-L-14-336",
]
EXIT_OFFLINE = 3
TRACE_BATCH = 2  # traced with two examples so the batch axis stays symbolic


class DualEncoder(torch.nn.Module):
    """The two towers of an open_clip model as separately traceable methods."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def encode_image(self, pixels):
        return self.model.encode_image(pixels)

    def encode_text(self, tokens):
        return self.model.encode_text(tokens)

    def forward(self, pixels):
        return self.encode_image(pixels)


class OfflineError(RuntimeError):
    pass


def is_network_failure(error):
    """True if the error (or one it was raised from) comes from a failed connection."""
    markers = ("connection", "resolve", "timed out", "timeout", "network", "offline",
               "urlopen", "name or service", "max retries", "localentrynotfound")
    seen = set()
    e = error
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, (socket.timeout, ConnectionError, TimeoutError)):
            return True
        text = (type(e).__name__ + " " + str(e)).lower()
        if any(m in text for m in markers):
            return True
        e = e.__cause__ or e.__context__
    return False


def network_reachable(host="huggingface.co", port=443, timeout_s=5):
    """One quick connection attempt, so that an offline machine does not sit through retries."""
    try:
        socket.create_connection((host, port), timeout=timeout_s).close()
        return True
    except OSError:
        return False


def create(model_name, pretrained, seed, device, precision):
    """Builds the open_clip model in eval mode with its preprocessing configuration."""
    torch.manual_seed(seed)
    kwargs = {}
    if pretrained:
        tag_cfg = open_clip.get_pretrained_cfg(model_name, pretrained)
        if tag_cfg.get("quick_gelu", False):
            kwargs["force_quick_gelu"] = True  # OpenAI weights were trained with QuickGELU
    try:
        model = open_clip.create_model(
            model_name, pretrained=pretrained, device=device, precision=precision, **kwargs)
    except Exception as e:  # open_clip wraps download failures in RuntimeError
        if pretrained and is_network_failure(e):
            raise OfflineError(
                f"cannot download weights for {model_name}:{pretrained}: no network "
                f"({type(e).__name__}: {str(e)[:200]})") from e
        raise
    model.eval()
    return model, open_clip.get_model_preprocess_cfg(model)


def family(model):
    visual = model.visual
    if isinstance(visual, ModifiedResNet):
        return "ResNet"
    if isinstance(visual, VisionTransformer):
        return "ViT"
    return type(visual).__name__


def image_gflops(model, size, device, dtype):
    """Forward FLOPs of the image tower for one image (torch's counter: 2 per multiply-add)."""
    from torch.utils.flop_counter import FlopCounterMode
    x = torch.zeros(1, 3, size, size, device=device, dtype=dtype)
    counter = FlopCounterMode(display=False)
    # With gradients on, attention runs its composite path, which the counter sees in full
    # (the fused inference kernel of nn.MultiheadAttention is invisible to it).
    with torch.enable_grad(), counter:
        model.encode_image(x)
    return counter.get_total_flops() / 1e9


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def example_inputs(size, context_length, device, dtype, seed):
    g = torch.Generator().manual_seed(seed)
    pixels = torch.randn(TRACE_BATCH, 3, size, size, generator=g).to(device=device, dtype=dtype)
    tokens = torch.zeros(TRACE_BATCH, context_length, dtype=torch.long)
    tokens[:, 0] = 49406  # start of text
    tokens[0, 1:4] = torch.tensor([320, 1125, 539])
    tokens[0, 4] = 49407  # end of text
    tokens[1, 1] = 49407
    return pixels, tokens.to(device)


def export(model, preprocess_cfg, name, source, out_dir, device="cpu", precision="fp32", seed=0):
    """Traces `model` and writes model.pt, card.json and export.json into out_dir/name.

    Returns the folder.
    """
    folder = Path(out_dir) / name
    folder.mkdir(parents=True, exist_ok=True)
    size = preprocess_cfg["size"]
    size = size if isinstance(size, int) else size[0]
    if preprocess_cfg.get("resize_mode", "shortest") not in ("shortest", "squash"):
        raise ValueError(f"{name}: resize_mode {preprocess_cfg['resize_mode']} is not supported")
    context_length = model.context_length
    dtype = next(model.parameters()).dtype

    pixels, tokens = example_inputs(size, context_length, device, dtype, seed)
    with torch.no_grad():
        traced = torch.jit.trace_module(
            DualEncoder(model), {"encode_image": pixels, "encode_text": tokens},
            check_trace=False)
        image_out = model.encode_image(pixels)
        text_out = model.encode_text(tokens)
        assert torch.allclose(traced.encode_image(pixels), image_out, atol=1e-4)
        assert torch.allclose(traced.encode_text(tokens), text_out, atol=1e-4)
    tmp = folder / "model.pt.tmp"
    traced.save(str(tmp))
    tmp.replace(folder / "model.pt")

    card = {
        "name": name,
        "family": family(model),
        "inputSize": int(size),
        "mean": [float(v) for v in preprocess_cfg["mean"]],
        "std": [float(v) for v in preprocess_cfg["std"]],
        "interpolation": preprocess_cfg.get("interpolation", "bicubic"),
        "resizeMode": preprocess_cfg.get("resize_mode", "shortest"),
        "embeddingSize": int(image_out.shape[1]),
        "contextLength": int(context_length),
        "logitScale": float(model.logit_scale.exp().item()),
        "gflops": round(image_gflops(model, size, device, dtype), 4),
        "parameters": int(sum(p.numel() for p in model.visual.parameters())),
        "weightsSha256": sha256(folder / "model.pt"),
        "source": source,
    }
    (folder / "card.json").write_text(json.dumps(card, indent=2) + "\n")
    (folder / "export.json").write_text(json.dumps({
        "device": device,
        "precision": precision,
        "traceBatch": TRACE_BATCH,
        "seed": seed,
        "torch": torch.__version__,
        "open_clip": open_clip.__version__,
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }, indent=2) + "\n")
    return folder


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--out", required=True, help="folder that receives one sub-folder per model")
    p.add_argument("--models", default=",".join(OPENAI_NINE),
                   help="comma-separated open_clip model names (default: the nine OpenAI ones)")
    p.add_argument("--pretrained", default="openai",
                   help="open_clip pretrained tag, or 'none' for seeded random weights")
    p.add_argument("--config", action="append", default=[],
                   help="a custom open_clip model config (JSON); its file stem is the model name")
    p.add_argument("--name-suffix", default="",
                   help="appended to each folder name, e.g. '-random'")
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    p.add_argument("--precision", choices=["fp32", "fp16"], default="fp32")
    p.add_argument("--seed", type=int, default=0, help="seed of random weights and trace inputs")
    p.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    if args.precision == "fp16" and args.device != "cuda":
        p.error("--precision fp16 needs --device cuda (half precision is a GPU format here)")
    if args.device == "cuda" and not torch.cuda.is_available():
        p.error("--device cuda: torch sees no CUDA device")
    if args.threads:
        torch.set_num_threads(args.threads)
    pretrained = None if args.pretrained.lower() == "none" else args.pretrained
    if pretrained and not network_reachable():
        # Weights already in the local Hugging Face cache still load; anything else fails at once.
        os.environ["HF_HUB_OFFLINE"] = "1"
        import huggingface_hub.constants
        huggingface_hub.constants.HF_HUB_OFFLINE = True

    models = []
    for cfg in args.config:
        open_clip.add_model_config(cfg)
        models.append(Path(cfg).stem)
    if not args.config:
        models = [m.strip() for m in args.models.split(",") if m.strip()]

    for name in models:
        tag = pretrained or "none"
        print(f"exporting {name} ({tag}) to {args.out}/{name}{args.name_suffix} ...", flush=True)
        try:
            model, pcfg = create(name, pretrained, args.seed, args.device, args.precision)
        except OfflineError as e:
            print(f"OFFLINE: {e}\nexport_backbones needs the network to fetch pretrained "
                  f"weights; run it where the network allows, or use --pretrained none.",
                  file=sys.stderr)
            return EXIT_OFFLINE
        folder = export(model, pcfg, name + args.name_suffix, f"open_clip:{name}:{tag}",
                        args.out, args.device, args.precision, args.seed)
        card = json.loads((folder / "card.json").read_text())
        print(f"  wrote {folder}: embedding {card['embeddingSize']}, input {card['inputSize']}, "
              f"{card['gflops']} GFLOPs, {card['parameters']:,} image-tower parameters", flush=True)
        del model
    return 0


if __name__ == "__main__":
    sys.exit(main())
