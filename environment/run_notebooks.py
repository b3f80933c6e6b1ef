"""Executes notebooks headless with papermill on the JJava kernel ``java``.

Papermill has no parameter translator for Java, so this script registers one
(values become ``var name = value;`` statements in the injected cell, lists
``java.util.List.of(...)``, maps ``java.util.Map.ofEntries(...)``, null an
``Object``) and then
runs each notebook in order. A notebook whose cell fails stops the run with a
non-zero exit status; the partly executed copy is kept in the output folder.

Usage:
    python environment/run_notebooks.py --out DIR [--params DIR] [--timeout S] [--jobs N] NOTEBOOK...

With ``--params DIR``, ``DIR/<notebook stem>.yaml`` (if present) overrides the
notebook's parameter cell, e.g. small sizes for the test run. With ``--jobs N``
up to N notebooks run at once, each in its own process and kernel, in the order
given (put the longest first); their output goes to ``DIR/<stem>.log`` and the
run stops starting new ones after the first failure. Notebooks that run at once
should not extract the same feature-cache entry: extract shared features first.
"""

import argparse
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
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")

    args.out.mkdir(parents=True, exist_ok=True)
    if args.jobs == 1 or len(args.notebooks) == 1:
        for notebook in args.notebooks:
            if run_one(notebook, args) != 0:
                return 1
        return 0
    return run_parallel(args)


def run_one(notebook: Path, args) -> int:
    """Executes one notebook in this process; 0 when every cell ran."""
    params = {}
    if args.params is not None:
        override = args.params / f"{notebook.stem}.yaml"
        if override.is_file():
            params = yaml.safe_load(override.read_text()) or {}
    target = args.out / notebook.name
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
    return 0


def run_parallel(args) -> int:
    """Runs each notebook in a child process of this script, at most ``args.jobs`` at once."""
    def child(notebook: Path):
        command = [sys.executable, __file__, "--out", str(args.out), "--timeout", str(args.timeout)]
        if args.params is not None:
            command += ["--params", str(args.params)]
        if args.cwd is not None:
            command += ["--cwd", str(args.cwd)]
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
