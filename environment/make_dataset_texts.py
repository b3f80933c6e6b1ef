#!/usr/bin/env python3
"""Writes the class names and prompt templates of every catalog dataset as plain text files.

For each dataset, environment/datasets/<name>/classes.txt holds one class name per line in label
order, and templates.txt one prompt template per line with "{}" as the class slot. They come from
the reference files in shared/reference/:

* openai-clip-prompts.md (the CLIP paper's zero-shot prompts) where it has the dataset;
* otherwise the benchmark harness's clip-benchmark-en-classnames.json and
  clip-benchmark-en-templates.json (their "{c}" slot is rewritten to "{}");
* Fashion-MNIST is in neither: its ten class names are the dataset's own (Xiao et al. 2017, label
  order 0-9) and its templates are CLIP-style photo prompts written here.

Where the CLIP paper gives several synonyms for one class (FER2013: "happy", "smiling"), the first
is kept, since a catalog class has one name.

Python standard library only. Run from anywhere:

    python3 environment/make_dataset_texts.py [--reference PATH]

The outputs are committed; re-running on the same reference files rewrites them byte for byte.
"""

import argparse
import ast
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "environment" / "datasets"

# catalog name -> section title in openai-clip-prompts.md
OPENAI_SECTIONS = {
    "cifar10": "CIFAR10",
    "cifar100": "CIFAR100",
    "caltech101": "Caltech101",
    "cars": "StanfordCars",
    "fgvc_aircraft": "FGVCAircraft",
    "flowers": "Flowers102",
    "food101": "Food101",
    "pets": "OxfordPets",
    "dtd": "DescribableTextures",
    "eurosat": "EuroSAT",
    "resisc45": "RESISC45",
    "gtsrb": "GTSRB",
    "mnist": "MNIST",
    "stl10": "STL10",
    "sun397": "SUN397",
    "country211": "Country211",
    "fer2013": "FacialEmotionRecognition2013",
    "pcam": "PatchCamelyon",
    "renderedsst2": "SST2",
}

# catalog name -> key in the benchmark harness's JSON files
HARNESS_KEYS = {"imagenet1k": "imagenet1k", "svhn": "svhn"}

FASHION_MNIST_CLASSES = [
    "T-shirt/top",
    "trouser",
    "pullover",
    "dress",
    "coat",
    "sandal",
    "shirt",
    "sneaker",
    "bag",
    "ankle boot",
]

FASHION_MNIST_TEMPLATES = [
    "a photo of a {}.",
    "a black and white photo of a {}.",
    "a low resolution photo of a {}.",
    "a photo of the {}, a type of clothing.",
    "a grayscale product photo of a {}.",
]


def openai_sections(text):
    """Returns {section title: (classes, templates)} parsed from the prompts markdown."""
    sections = {}
    for match in re.finditer(r"^## (.+?)\n(.*?)(?=^## |\Z)", text, re.S | re.M):
        title, body = match.group(1).strip(), match.group(2)
        lists = {}
        for name in ("classes", "templates"):
            found = re.search(name + r" = (\[.*?\n\])", body, re.S)
            if found:
                lists[name] = ast.literal_eval(found.group(1))
        if "classes" in lists and "templates" in lists:
            sections[title] = (lists["classes"], lists["templates"])
    return sections


def first_name(entry):
    return entry[0] if isinstance(entry, list) else entry


def check(name, classes, templates):
    if not classes or not templates:
        sys.exit(f"{name}: empty class or template list")
    for c in classes:
        if not c or "\n" in c or c != c.strip():
            sys.exit(f"{name}: bad class name {c!r}")
    for t in templates:
        if t.count("{}") != 1 or "\n" in t:
            sys.exit(f"{name}: template {t!r} must hold exactly one {{}} class slot")


def write(name, classes, templates):
    check(name, classes, templates)
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "classes.txt").write_text("\n".join(classes) + "\n", encoding="utf-8")
    (folder / "templates.txt").write_text("\n".join(templates) + "\n", encoding="utf-8")
    print(f"{name}: {len(classes)} classes, {len(templates)} templates")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reference",
        type=Path,
        default=ROOT.parent / "shared" / "reference",
        help="folder with openai-clip-prompts.md and the clip-benchmark-*.json files",
    )
    args = parser.parse_args()
    ref = args.reference
    openai = openai_sections((ref / "openai-clip-prompts.md").read_text(encoding="utf-8"))
    names = json.loads((ref / "clip-benchmark-en-classnames.json").read_text(encoding="utf-8"))
    temps = json.loads((ref / "clip-benchmark-en-templates.json").read_text(encoding="utf-8"))

    for name, title in sorted(OPENAI_SECTIONS.items()):
        classes, templates = openai[title]
        write(name, [first_name(c) for c in classes], list(templates))
    for name, key in sorted(HARNESS_KEYS.items()):
        write(name, list(names[key]), [t.replace("{c}", "{}") for t in temps[key]])
    write("fashion-mnist", FASHION_MNIST_CLASSES, FASHION_MNIST_TEMPLATES)


if __name__ == "__main__":
    main()
