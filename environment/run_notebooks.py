"""Executes notebooks headless with papermill on the JJava kernel ``java``.

Papermill has no parameter translator for Java, so this script registers one
(values become ``var name = value;`` statements in the injected cell, lists
``java.util.List.of(...)``, maps ``java.util.Map.ofEntries(...)``, null an
``Object``) and then
runs each notebook in order. A notebook whose cell fails stops the run with a
non-zero exit status; the partly executed copy is kept in the output folder.

Usage:
    python environment/run_notebooks.py --out DIR [--params DIR] [--timeout S] [--jobs N]
        [--inputs PATH]... [--outputs DIR] [--force] NOTEBOOK...

With ``--params DIR``, ``DIR/<notebook stem>.yaml`` (if present) overrides the
notebook's parameter cell, e.g. small sizes for the test run. With ``--jobs N``
up to N notebooks run at once, each in its own process and kernel, in the order
given (put the longest first); their output goes to ``DIR/<stem>.log`` and the
run stops starting new ones after the first failure. Notebooks that run at once
should not extract the same feature-cache entry: extract shared features first.

With ``--inputs PATH`` (repeated) a notebook whose executed copy is in DIR and whose
inputs are unchanged since it last ran there is skipped, as make skips an
up-to-date target: the inputs are the notebook, its parameter file and every
file under the given paths (e.g. the library jar, datasets.yaml, the backbones,
compared by size and modification time as make does) and the CLIP_SYNERGY_*
environment. The hash is kept in ``DIR/.<stem>.inputs.sha256`` with, under
``--outputs FOLDER``, the files the notebook wrote there; a missing one makes it
run again.
``--force`` runs every notebook regardless.
"""

import argparse
import hashlib
import os
import re
import subprocess
import sys
import time
from concurrent.futures import FIRST_COMPLETED, wait
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import papermill
import yaml
from papermill.models import Parameter
from papermill.translators import Translator, papermill_translators


class JavaTranslator(Translator):
    """Turns YAML/JSON values into Java expressions for a JShell cell."""

    @classmethod
    def translate_escaped_str(cls, str_val):
        out = []
        for ch in str(str_val):
            if ch in '"\\':
                out.append("\\" + ch)
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\t":
                out.append("\\t")
            elif ord(ch) < 0x20 or ord(ch) > 0x7E:
                out.extend(f"\\u{unit:04x}" for unit in _utf16_units(ch))
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'

    @classmethod
    def translate_none(cls, val):
        return "null"

    @classmethod
    def translate_int(cls, val):
        return f"{val}L" if not -2**31 <= val < 2**31 else str(val)

    @classmethod
    def translate_float(cls, val):
        if val != val or val in (float("inf"), float("-inf")):
            return {"nan": "Double.NaN", "inf": "Double.POSITIVE_INFINITY",
                    "-inf": "Double.NEGATIVE_INFINITY"}[repr(val)]
        return repr(val)

    @classmethod
    def translate_list(cls, val):
        return "java.util.List.of(" + ", ".join(cls.translate(v) for v in val) + ")"

    @classmethod
    def translate_dict(cls, val):
        entries = ", ".join(f"java.util.Map.entry({cls.translate_str(k)}, {cls.translate(v)})"
                            for k, v in val.items())
        return "java.util.Map.ofEntries(" + entries + ")"

    @classmethod
    def comment(cls, cmt_str):
        return f"// {cmt_str}".strip()

    @classmethod
    def assign(cls, name, str_val):
        # `var` cannot take its type from null.
        return f"Object {name} = null;" if str_val == "null" else f"var {name} = {str_val};"

    @classmethod
    def inspect(cls, parameters_cell):
        """Lists the ``type name = value;`` declarations of a parameter cell."""
        found = []
        for line in parameters_cell.source.splitlines():
            match = _DECLARATION.match(line)
            if match:
                found.append(Parameter(name=match["name"], inferred_type_name=match["type"],
                                       default=match["value"].strip(),
                                       help=(match["help"] or "").strip()))
        return found


_DECLARATION = re.compile(
    r"^\s*(?:final\s+)?(?P<type>[\w.<>\[\], ?]+?)\s+(?P<name>[A-Za-z_]\w*)\s*="
    r"\s*(?P<value>[^;]*);\s*(?://(?P<help>.*))?$")


def _utf16_units(ch):
    data = ch.encode("utf-16-be")
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]


papermill_translators.register("java", JavaTranslator)
papermill_translators.register("Java", JavaTranslator)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="folder for executed copies")
    parser.add_argument("--params", type=Path, help="folder of <stem>.yaml parameter overrides")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    parser.add_argument("--cwd", type=Path, help="working folder of the kernel")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks run at once (default 1)")
    parser.add_argument("--inputs", action="append", type=Path, default=None, metavar="PATH",
                        help="a file or folder the notebooks depend on (repeat the flag for more); "
                             "a notebook whose inputs are unchanged since it ran into --out is skipped")
    parser.add_argument("--outputs", type=Path, default=None,
                        help="folder the notebooks write figures to; a missing one reruns its notebook")
    parser.add_argument("--force", action="store_true", help="run every notebook")
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")

    args.out.mkdir(parents=True, exist_ok=True)
    notebooks = args.notebooks
    if args.inputs is not None and not args.force:
        notebooks = [nb for nb in notebooks if not up_to_date(nb, args)]
        if not notebooks:
            print("notebooks: all up to date (inputs unchanged since their last run; "
                  "--force or FORCE=1 reruns them)", flush=True)
            return 0
    args.notebooks = notebooks
    if args.jobs == 1 or len(notebooks) == 1:
        for notebook in notebooks:
            if run_one(notebook, args) != 0:
                return 1
        return 0
    return run_parallel(args)


def params_file(notebook: Path, args):
    """The parameter override of a notebook, or None."""
    if args.params is None:
        return None
    override = args.params / f"{notebook.stem}.yaml"
    return override if override.is_file() else None


def inputs_hash(notebook: Path, args) -> str:
    """SHA-256 over the notebook and its parameter file (by content), the size and modification
    time of every file under ``--inputs`` (as make compares targets: a rebuilt jar or a retrained
    backbone counts as changed, a folder of a million images is cheap to check) and the
    CLIP_SYNERGY_* environment (another backbone or cache folder is another input)."""
    digest = hashlib.sha256()
    for path in [notebook, params_file(notebook, args)]:
        if path is not None:
            digest.update(f"{path}\n".encode())
            digest.update(path.read_bytes())
    for path in args.inputs or []:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            files = [path]
        else:
            digest.update(f"missing {path}\n".encode())
            continue
        for file in files:
            info = file.stat()
            digest.update(f"{file} {info.st_size} {info.st_mtime_ns}\n".encode())
    for name in sorted(os.environ):
        if name.startswith("CLIP_SYNERGY_"):
            digest.update(f"{name}={os.environ[name]}\n".encode())
    return digest.hexdigest()


def stamp_path(notebook: Path, args) -> Path:
    return args.out / f".{notebook.stem}.inputs.sha256"


def up_to_date(notebook: Path, args) -> bool:
    """True when the executed copy exists and the inputs' hash equals the one it ran with."""
    stamp = stamp_path(notebook, args)
    if not (args.out / notebook.name).is_file() or not stamp.is_file():
        return False
    lines = stamp.read_text().splitlines()
    if not lines or lines[0].strip() != inputs_hash(notebook, args):
        return False
    missing = [line for line in lines[1:] if line and not Path(line).exists()]
    if missing:
        print(f"notebook {notebook} runs again: {len(missing)} of its outputs are missing "
              f"(first {missing[0]})", flush=True)
        return False
    print(f"notebook {notebook} is up to date (inputs unchanged since it ran into {args.out})",
          flush=True)
    return True


def run_one(notebook: Path, args) -> int:
    """Executes one notebook in this process; 0 when every cell ran."""
    params = {}
    override = params_file(notebook, args)
    if override is not None:
        params = yaml.safe_load(override.read_text()) or {}
    target = args.out / notebook.name
    stamp = stamp_path(notebook, args)
    stamp.unlink(missing_ok=True)
    # Hashed before the run: an input changed while it runs makes the next run rerun it.
    before = inputs_hash(notebook, args) if args.inputs is not None else None
    wall_start = time.time() - 1
    print(f"notebook {notebook} -> {target} parameters {params}", flush=True)
    start = time.monotonic()
    try:
        papermill.execute_notebook(
            str(notebook), str(target), parameters=params, kernel_name="java",
            language="java", execution_timeout=args.timeout,
            cwd=str(args.cwd or notebook.parent), progress_bar=False, log_output=True)
    except papermill.PapermillExecutionError as error:
        print(f"FAILED {notebook} after {time.monotonic() - start:.1f} s: "
              f"cell {error.exec_count}: {error.ename}: {error.evalue}", file=sys.stderr)
        return 1
    print(f"notebook {notebook} ran in {time.monotonic() - start:.1f} s", flush=True)
    if before is not None:
        stamp.write_text("".join(line + "\n" for line in [before] + written_since(wall_start, args)))
    return 0


def written_since(wall_start: float, args) -> list:
    """Files under ``--outputs`` modified since the notebook started (notebooks running at the
    same time may add theirs: a superset only makes the missing-output check stricter)."""
    if args.outputs is None or not args.outputs.is_dir():
        return []
    written = {p for p in args.outputs.rglob("*")
               if p.is_file() and p.stat().st_mtime >= wall_start
               and not p.name.startswith(".") and p.suffix not in (".log", ".ipynb")}
    # A chart's PNG copy is kept, not rewritten, when its page is unchanged.
    written |= {p.with_suffix(".png") for p in written
                if p.suffix == ".html" and p.with_suffix(".png").is_file()}
    return sorted(str(p) for p in written)


def run_parallel(args) -> int:
    """Runs each notebook in a child process of this script, at most ``args.jobs`` at once."""
    def child(notebook: Path):
        command = [sys.executable, __file__, "--out", str(args.out), "--timeout", str(args.timeout)]
        if args.params is not None:
            command += ["--params", str(args.params)]
        if args.cwd is not None:
            command += ["--cwd", str(args.cwd)]
        if args.inputs is not None:
            command += ["--force"]
            for path in args.inputs:
                command += ["--inputs", str(path)]
        if args.outputs is not None:
            command += ["--outputs", str(args.outputs)]
        log = args.out / f"{notebook.stem}.log"
        start = time.monotonic()
        with log.open("w") as out:
            code = subprocess.call(command + [str(notebook)], stdout=out, stderr=subprocess.STDOUT)
        return notebook, code, time.monotonic() - start, log

    pending = list(args.notebooks)
    failed = []
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        running = set()
        while pending or running:
            while pending and len(running) < args.jobs and not failed:
                notebook = pending.pop(0)
                print(f"notebook {notebook} started (log {args.out / (notebook.stem + '.log')})",
                      flush=True)
                running.add(pool.submit(child, notebook))
            if not running:
                break
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                notebook, code, seconds, log = future.result()
                if code == 0:
                    print(f"notebook {notebook} ran in {seconds:.1f} s", flush=True)
                else:
                    failed.append(notebook)
                    print(f"FAILED {notebook} after {seconds:.1f} s; its log {log} ends:",
                          file=sys.stderr)
                    print("".join(log.read_text(errors="replace").splitlines(True)[-30:]),
                          file=sys.stderr)
    print(f"notebooks: {len(args.notebooks) - len(failed) - len(pending)} ran, "
          f"{len(failed)} failed, {len(pending)} not started, in {time.monotonic() - start:.1f} s "
          f"with {args.jobs} at once", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
