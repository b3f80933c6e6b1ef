"""Vendors the published zero-shot results of the nine OpenAI CLIP backbones.

Reads the two upstream tables in ../shared/reference/ (or --source) and writes
environment/reference-results/openai-zeroshot.csv: one row per (model, dataset,
metric, source) with the project's dataset names from datasets.yaml.

- clip_benchmark: LAION-AI/CLIP_benchmark benchmark/benchmark.csv, rows with
  pretrained = openai: acc1, acc5 and mean per-class recall (as top1, top5,
  mean_per_class_recall);
- open_clip: mlfoundations/open_clip docs/openclip_classification_results.csv,
  rows with pretrained = openai: top-1 only.

Both upstream files are MIT-licensed; their licence texts are copied beside the output.

Usage: python environment/reference_results.py [--source DIR]
"""

import argparse
import csv
import shutil
from pathlib import Path

MODELS = ["RN50", "RN101", "RN50x4", "RN50x16", "RN50x64",
          "ViT-B-32", "ViT-B-16", "ViT-L-14", "ViT-L-14-336"]

# datasets.yaml name -> CLIP_benchmark dataset name
BENCHMARK = {
    "mnist": "mnist", "imagenet1k": "imagenet1k", "cifar10": "vtab/cifar10",
    "cifar100": "vtab/cifar100", "caltech101": "vtab/caltech101", "cars": "cars",
    "fgvc_aircraft": "fgvc_aircraft", "flowers": "vtab/flowers", "pets": "vtab/pets",
    "dtd": "vtab/dtd", "eurosat": "vtab/eurosat", "resisc45": "vtab/resisc45",
    "gtsrb": "gtsrb", "svhn": "vtab/svhn", "stl10": "stl10", "sun397": "sun397",
    "country211": "country211", "fer2013": "fer2013", "pcam": "vtab/pcam",
    "renderedsst2": "renderedsst2",
}

# datasets.yaml name -> open_clip results column
OPEN_CLIP = {
    "mnist": "MNIST", "imagenet1k": "ImageNet 1k", "cifar10": "CIFAR-10",
    "cifar100": "CIFAR-100", "caltech101": "Caltech-101", "cars": "Stanford Cars",
    "fgvc_aircraft": "FGVC Aircraft", "flowers": "Oxford Flowers-102", "food101": "Food-101",
    "pets": "Oxford-IIIT Pet", "dtd": "Describable Textures", "eurosat": "EuroSAT",
    "resisc45": "RESISC45", "gtsrb": "GTSRB", "svhn": "SVHN", "stl10": "STL-10",
    "sun397": "SUN397", "country211": "Country211", "pcam": "PatchCamelyon",
    "renderedsst2": "Rendered SST2",
}


def main():
    here = Path(__file__).resolve().parent
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--source", default=str(here.parent.parent / "shared" / "reference"))
    args = p.parse_args()
    src = Path(args.source)
    out_dir = here / "reference-results"
    out_dir.mkdir(exist_ok=True)
    rows = []
    by_name = {v: k for k, v in BENCHMARK.items()}
    with open(src / "clip-benchmark-results.csv", newline="") as f:
        for r in csv.DictReader(f):
            if (r["pretrained"] == "openai" and r["model"] in MODELS
                    and r["task"] == "zeroshot_classification" and r["dataset"] in by_name):
                for metric, column in (("top1", "acc1"), ("top5", "acc5"),
                                       ("mean_per_class_recall", "mean_per_class_recall")):
                    if r[column]:
                        rows.append((r["model"], by_name[r["dataset"]], metric,
                                     float(r[column]), "clip_benchmark"))
    with open(src / "openclip-openai-zeroshot.csv", newline="") as f:
        for r in csv.DictReader(f):
            if r["pretrained"] == "openai" and r["name"] in MODELS:
                for ours, column in OPEN_CLIP.items():
                    if r.get(column):
                        rows.append((r["name"], ours, "top1", float(r[column]), "open_clip"))
    rows.sort(key=lambda t: (MODELS.index(t[0]), t[1], t[4], t[2]))
    with open(out_dir / "openai-zeroshot.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["model", "dataset", "metric", "value", "source"])
        for model, dataset, metric, value, source in rows:
            w.writerow([model, dataset, metric, f"{value:.4f}", source])
    for lic in ("LICENSE-clip-benchmark.txt", "LICENSE-openai-clip.txt"):
        if (src / lic).exists():
            shutil.copyfile(src / lic, out_dir / lic)
    print(f"reference_results: {len(rows)} rows -> {out_dir / 'openai-zeroshot.csv'}")


if __name__ == "__main__":
    main()
