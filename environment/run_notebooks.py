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
``--outputs FOLDER``, the files the notebook wrote there (size and modification
time); one missing or rewritten since (e.g. by a run with other parameters)
makes it run again.
``--force`` runs every notebook regardless.
"""

import argparse
import difflib
import hashlib
import json
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
                        help="folder the notebooks write figures to; a figure missing or rewritten "
                             "since reruns the notebook that wrote it")
    parser.add_argument("--force", action="store_true", help="run every notebook")
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")

    try:
        check_inputs(args)
    except ParameterError as error:
        print(f"run_notebooks: {error}; nothing was run", file=sys.stderr)
        return 2
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


class ParameterError(Exception):
    """A notebook or parameter file that cannot run; the message names the file and the value."""


def parameter_cell(notebook: Path) -> dict:
    """``name -> Java type`` of the declarations in the notebook's cell tagged ``parameters``."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError) as error:
        raise ParameterError(f"notebook {notebook} cannot be read: {error}") from error
    declared = {}
    for cell in cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            for line in "".join(cell.get("source", [])).splitlines():
                match = _DECLARATION.match(line)
                if match:
                    declared[match["name"]] = match["type"].strip()
    return declared


_INT_TYPES = {"int": 31, "Integer": 31, "short": 15, "Short": 15, "long": 63, "Long": 63}
_FLOAT_TYPES = {"double", "Double", "float", "Float"}


def coerce(value, java_type: str, where: str):
    """The YAML value as the Java type declares it (ints become floats for doubles), or a
    ParameterError naming ``where``, the declaration, the expected and the actual value."""
    def fail(expected):
        raise ParameterError(f"{where} is declared `{java_type}`: expected {expected}, "
                             f"got {value!r} ({type(value).__name__})")
    base = java_type.split("<", 1)[0].rsplit(".", 1)[-1]
    if value is None:
        fail("a value (null is not accepted)")
    if base in _INT_TYPES:
        if isinstance(value, bool) or not isinstance(value, int):
            fail("a whole number")
        bits = _INT_TYPES[base]
        if not -2**bits <= value < 2**bits:
            fail(f"a whole number from {-2**bits} to {2**bits - 1}")
        return value
    if base in _FLOAT_TYPES:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            fail("a number")
        return float(value)
    if base in ("boolean", "Boolean"):
        if not isinstance(value, bool):
            fail("true or false")
        return value
    if base == "String":
        if not isinstance(value, str):
            fail("a string (quote it in YAML)")
        return value
    if base == "List":
        if not isinstance(value, list):
            fail("a list, e.g. [a, b]")
        element = java_type[java_type.index("<") + 1:java_type.rindex(">")].strip() \
            if "<" in java_type else "Object"
        return [coerce(v, element, f"{where}[{i}]") for i, v in enumerate(value)]
    if base == "Map":
        if not isinstance(value, dict):
            fail("a mapping")
        return value
    return value


def load_params(notebook: Path, args) -> dict:
    """The notebook's parameter overrides from ``--params``, checked against its parameter cell."""
    override = params_file(notebook, args)
    if override is None:
        return {}
    try:
        params = yaml.safe_load(override.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ParameterError(f"{override} is not valid YAML: {error}") from error
    if params is None:
        return {}
    if not isinstance(params, dict):
        raise ParameterError(f"{override} must be a mapping of parameter names to values, "
                             f"got a {type(params).__name__}")
    declared = parameter_cell(notebook)
    checked = {}
    for name, value in params.items():
        if name not in declared:
            close = difflib.get_close_matches(str(name), declared, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ParameterError(f"{override}: '{name}' is not a parameter of {notebook.name}{hint}; "
                                 f"its parameters are {', '.join(declared)}")
        checked[name] = coerce(value, declared[name], f"{override}: parameter '{name}'")
    return checked


def check_inputs(args) -> None:
    """Fails before anything runs when a notebook or parameter file cannot be used."""
    for notebook in args.notebooks:
        if not notebook.is_file():
            raise ParameterError(f"notebook {notebook} does not exist")
    if args.params is not None:
        if not args.params.is_dir():
            raise ParameterError(f"--params {args.params} is not a folder "
                                 f"(expected a folder of <notebook stem>.yaml files)")
        stems = {nb.stem for folder in {n.parent for n in args.notebooks}
                 for nb in folder.glob("*.ipynb")}
        for file in sorted(args.params.iterdir()):
            if file.suffix in (".yaml", ".yml") and file.stem not in stems:
                close = difflib.get_close_matches(file.stem, stems, n=1)
                hint = f" (did you mean {close[0]}.yaml?)" if close else ""
                raise ParameterError(f"{file} names no notebook{hint}; parameter files are named "
                                     f"after the notebook: {', '.join(sorted(stems))}")
            if file.suffix == ".yml" and file.stem in stems:
                raise ParameterError(f"{file}: name it {file.stem}.yaml (the runner reads .yaml)")
    for notebook in args.notebooks:
        load_params(notebook, args)


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
    changed = changed_outputs(lines[1:])
    if changed:
        print(f"notebook {notebook} runs again: {len(changed)} of the figures it wrote are "
              f"missing or were rewritten by another run (first {changed[0]})", flush=True)
        return False
    print(f"notebook {notebook} is up to date (inputs unchanged since it ran into {args.out})",
          flush=True)
    return True


def run_one(notebook: Path, args) -> int:
    """Executes one notebook in this process; 0 when every cell ran."""
    params = load_params(notebook, args)
    target = args.out / notebook.name
    stamp = stamp_path(notebook, args)
    stamp.unlink(missing_ok=True)
    # Hashed before the run: an input changed while it runs makes the next run rerun it.
    before = inputs_hash(notebook, args) if args.inputs is not None else None
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
        stamp.write_text("".join(line + "\n" for line in [before] + written_outputs(target, args)))
    return 0


def written_outputs(target: Path, args) -> list:
    """``path size mtime`` of each file under ``--outputs`` that the executed notebook says it
    wrote (the library logs every table as ``... written: N rows to PATH.*`` and every chart as
    ``chart written: PAGE.html; PAGE.png ...``), so notebooks running at the same time do not
    claim each other's figures. The index is left out: ``clip-synergy report`` rewrites it."""
    if args.outputs is None:
        return []
    root = str(args.outputs.resolve())
    pattern = re.compile(re.escape(root) + r"/[^\s;'\"]+")
    text = []
    for cell in json.loads(target.read_text(encoding="utf-8")).get("cells", []):
        for output in cell.get("outputs", []):
            text.append("".join(output.get("text", "")))
    files = set()
    for match in pattern.findall("\n".join(text)):
        if match.endswith(".*"):
            files.update(Path(match[:-2]).parent.glob(Path(match[:-2]).name + ".*"))
        else:
            files.add(Path(match.rstrip(".,")))
    lines = []
    for file in sorted(files):
        if file.is_file() and file.name != "index.html":
            info = file.stat()
            lines.append(f"{file}\t{info.st_size}\t{info.st_mtime_ns}")
    return lines


def changed_outputs(lines: list) -> list:
    """The recorded outputs that are missing or were rewritten since (by another run, e.g. one
    with other parameters writing to the same figures)."""
    changed = []
    for line in lines:
        if not line:
            continue
        path, _, rest = line.partition("\t")
        file = Path(path)
        if not file.is_file():
            changed.append(f"{path} (missing)")
            continue
        info = file.stat()
        if rest and rest != f"{info.st_size}\t{info.st_mtime_ns}":
            changed.append(f"{path} (rewritten since)")
    return changed


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
