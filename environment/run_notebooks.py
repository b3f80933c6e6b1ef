"""Executes notebooks headless with papermill on the JJava kernel ``java``.

Papermill has no parameter translator for Java, so this script registers one
(values become ``var name = value;`` statements in the injected cell, lists
``java.util.List.of(...)``, maps ``java.util.Map.ofEntries(...)``, null an
``Object``) and then
runs each notebook in order. A notebook whose cell fails stops the run with a
non-zero exit status; the partly executed copy is kept in the output folder.

Usage:
    python environment/run_notebooks.py --out DIR [--params DIR] [--timeout S] [--jobs N]
        [--heartbeat S] [--inputs PATH]... [--outputs DIR] [--force] NOTEBOOK...

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

While notebooks run at once, a line per running notebook every ``--heartbeat`` seconds
(default 60) gives its elapsed time and the last progress line of its log. Ctrl-C
(SIGINT) or SIGTERM shuts the kernels down, prints a line per interrupted notebook
naming its partial copy and exits with 130 or 143. A notebook runs into
``<out>/.<name>.partial.ipynb``, which replaces ``<out>/<name>.ipynb`` only once it has
finished or failed, so an interrupted run keeps the last complete copy; a notebook that did
not finish is not up to date, so running the same command again runs it again.
"""

import argparse
import difflib
import hashlib
import json
import logging
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import papermill
import yaml
from jupyter_client import AsyncKernelManager
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="folder for executed copies")
    parser.add_argument("--params", type=Path, help="folder of <stem>.yaml parameter overrides")
    parser.add_argument("--timeout", type=positive_seconds, default=1800,
                        help="seconds per cell (a whole number above 0; default 1800)")
    parser.add_argument("--cwd", type=Path, help="working folder of the kernel")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks run at once (default 1)")
    parser.add_argument("--heartbeat", type=positive_seconds, default=HEARTBEAT_SECONDS,
                        metavar="S", help="with --jobs, seconds between the progress lines of the "
                                          f"running notebooks (default {HEARTBEAT_SECONDS})")
    parser.add_argument("--inputs", action="append", type=Path, default=None, metavar="PATH",
                        help="a file or folder the notebooks depend on (repeat the flag for more); "
                             "a notebook whose inputs are unchanged since it ran into --out is skipped")
    parser.add_argument("--outputs", type=Path, default=None,
                        help="folder the notebooks write figures to; a figure missing or rewritten "
                             "since reruns the notebook that wrote it")
    parser.add_argument("--force", action="store_true", help="run every notebook")
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")

    install_signal_handlers()
    try:
        return run(args)
    except Interrupted as interrupt:
        return interrupt.exit_code


def run(args) -> int:
    """Checks the arguments, then runs the notebooks that are not up to date."""
    try:
        check_inputs(args)
        check_out(args.out)
    except ParameterError as error:
        print(f"run_notebooks: {error}; nothing was run", file=sys.stderr)
        return 2
    notebooks = args.notebooks
    if args.inputs is not None and not args.force:
        try:
            notebooks = [nb for nb in notebooks if not up_to_date(nb, args)]
        except Interrupted:
            print("run_notebooks: interrupted while checking which notebooks are up to date; "
                  "nothing was run", file=sys.stderr, flush=True)
            raise
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


HEARTBEAT_SECONDS = 60


def positive_seconds(text: str) -> int:
    """An argparse type: a whole number of seconds above 0."""
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or value <= 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of seconds above 0, got {text!r}")
    return value


def check_out(out: Path) -> None:
    """Creates the output folder and makes sure a file can be written in it, before anything runs."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ParameterError(f"--out {out} cannot be used: it exists and is not a folder") from None
    except OSError as error:
        raise ParameterError(f"--out {out} cannot be created: {error.strerror or error}") from None
    try:
        with tempfile.TemporaryFile(dir=out, prefix=".run_notebooks-check-"):
            pass
    except OSError as error:
        raise ParameterError(f"--out {out} is not writable: {error.strerror or error}") from None


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
    time of every file under ``--inputs`` except hidden ones (as make compares targets: a rebuilt jar or a retrained
    backbone counts as changed, a folder of a million images is cheap to check) and the
    CLIP_SYNERGY_* environment (another backbone or cache folder is another input)."""
    digest = hashlib.sha256()
    for path in [notebook, params_file(notebook, args)]:
        if path is not None:
            digest.update(f"{path}\n".encode())
            digest.update(path.read_bytes())
    for path in args.inputs or []:
        if path.is_dir():
            # Hidden entries are bookkeeping, not inputs: train-zoo's lock file (rewritten on
            # every run), a member still being written (.<member>.partial).
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".")
                                       for part in p.relative_to(path).parts))
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


class Interrupted(BaseException):
    """Raised in the main thread by the first SIGINT or SIGTERM; the runner then shuts its kernels
    down, reports the interrupted notebooks and exits with 128 + the signal's number."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.exit_code = 128 + signum


_received = []


def _on_signal(signum, frame):
    if not _received:
        _received.append(signum)
        raise Interrupted(signum)
    # Another signal while the kernels shut down: do not wait for them.
    stop_kernels(grace=0)


def install_signal_handlers() -> None:
    """SIGINT (Ctrl-C) and SIGTERM both raise Interrupted once; a second one hurries the shutdown.
    A signal this process was started ignoring (SIGINT in a shell script's background job) stays
    ignored, as Python leaves it."""
    _received.clear()
    for signum in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, _on_signal)


_KERNELS = []


class TrackedKernelManager(AsyncKernelManager):
    """nbclient's kernel manager, remembered so that an interrupted run can stop its kernel."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _KERNELS.append(self)


def stop_kernels(grace: float = 10.0) -> None:
    """Sends SIGTERM to the process group of every kernel this process started (a JJava kernel is a
    launcher JVM and the kernel JVM it starts; jupyter_client gives each kernel its own group), and
    SIGKILL to the groups still there after ``grace`` seconds."""
    groups = {}
    for km in list(_KERNELS):
        process = getattr(km.provisioner, "process", None) if km.provisioner else None
        if process is not None:
            groups[getattr(km.provisioner, "pgid", None) or process.pid] = process
    for pgid in groups:
        _signal_group(pgid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while groups and time.monotonic() < deadline:
        for pgid, process in list(groups.items()):
            process.poll()  # reaps the launcher, which would otherwise keep its group alive
            if not _signal_group(pgid, 0):
                del groups[pgid]
        time.sleep(0.1)
    for pgid in groups:
        _signal_group(pgid, signal.SIGKILL)


def _signal_group(pgid: int, signum: int) -> bool:
    """False when the process group no longer exists."""
    try:
        os.killpg(pgid, signum)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def partial_path(notebook: Path, args) -> Path:
    """Where a notebook's executed copy is written while it runs: the last complete copy keeps its
    place until the new one has finished (or failed, showing its error)."""
    return args.out / f".{notebook.stem}.partial.ipynb"


def interrupted_line(notebook: Path, seconds: float, args) -> str:
    """What the runner says about a notebook it stopped."""
    copy = partial_path(notebook, args)
    where = f"its partial copy is at {copy}" if copy.is_file() else "no partial copy was written"
    kept = args.out / notebook.name
    if kept.is_file():
        where += f" (the last complete one stays at {kept})"
    again = ("run again to rerun it (notebooks that finished are skipped)"
             if args.inputs is not None else "run again to rerun it")
    return f"notebook {notebook} interrupted after {seconds:.0f} s; {where}; {again}"


def run_one(notebook: Path, args) -> int:
    """Executes one notebook in this process; 0 when every cell ran. The notebook runs in a worker
    thread so that this (main) thread keeps the signals: nbclient installs its own SIGINT and
    SIGTERM handlers only when it runs in the main thread."""
    start = time.monotonic()
    outcome = {}

    def execute():
        try:
            papermill.execute_notebook(
                str(notebook), str(partial), parameters=params, kernel_name="java",
                language="java", execution_timeout=args.timeout,
                cwd=str(args.cwd or notebook.parent), progress_bar=False, log_output=True,
                kernel_manager_class=TrackedKernelManager)
        except BaseException as error:  # noqa: B036 -- handed to the main thread
            outcome["error"] = error

    worker = threading.Thread(target=execute, name=f"notebook {notebook.stem}", daemon=True)
    try:
        params = load_params(notebook, args)
        target = args.out / notebook.name
        partial = partial_path(notebook, args)
        stamp = stamp_path(notebook, args)
        stamp.unlink(missing_ok=True)
        # Hashed before the run: an input changed while it runs makes the next run rerun it.
        before = inputs_hash(notebook, args) if args.inputs is not None else None
        print(f"notebook {notebook} -> {target} parameters {params}", flush=True)
        start = time.monotonic()
        worker.start()
        while worker.is_alive():
            worker.join(0.5)
    except Interrupted:
        # The dying kernel makes nbclient and papermill log errors: the line below says it all.
        logging.getLogger("papermill").disabled = True
        # Papermill saves the partial copy once it sees the kernel gone; a kernel still starting
        # when the signal came is stopped as soon as its process exists.
        deadline = time.monotonic() + 30
        while worker.is_alive() and time.monotonic() < deadline:
            stop_kernels()
            worker.join(0.5)
        stop_kernels()
        print(interrupted_line(notebook, time.monotonic() - start, args), file=sys.stderr,
              flush=True)
        raise
    error = outcome.get("error")
    if partial.is_file() and (error is None
                              or isinstance(error, papermill.PapermillExecutionError)):
        os.replace(partial, target)
    if isinstance(error, papermill.PapermillExecutionError):
        print(f"FAILED {notebook} after {time.monotonic() - start:.1f} s: "
              f"cell {error.exec_count}: {java_error(error.ename, error.evalue)}",
              file=sys.stderr)
        return 1
    if error is not None:
        raise error
    print(f"notebook {notebook} ran in {time.monotonic() - start:.1f} s", flush=True)
    if before is not None:
        stamp.write_text("".join(line + "\n" for line in [before] + written_outputs(target, args)))
    return 0


def java_error(name: str, value: str) -> str:
    """A Java cell's error as a reader wants it: the kernel reports an exception thrown in a cell
    as ``RuntimeException`` with ``java.lang.IllegalArgumentException, <message>``; keep the
    message, prefixed by the exception's simple name unless it is an argument error."""
    match = re.match(r"^([\w.]+\.)?(\w+(?:Exception|Error)), (.*)$", value or "", re.S)
    if name == "RuntimeException" and match:
        simple, message = match.group(2), match.group(3)
        return message if simple == "IllegalArgumentException" else f"{simple}: {message}"
    return f"{name}: {value}"


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
    """Runs each notebook in a child process of this script, at most ``args.jobs`` at once, with a
    heartbeat line per running notebook every ``args.heartbeat`` seconds. Interrupted, it passes the
    signal on to the children (each shuts its kernel down) and waits for them."""
    def command(notebook: Path) -> list:
        line = [sys.executable, __file__, "--out", str(args.out), "--timeout", str(args.timeout)]
        if args.params is not None:
            line += ["--params", str(args.params)]
        if args.cwd is not None:
            line += ["--cwd", str(args.cwd)]
        if args.inputs is not None:
            line += ["--force"]
            for path in args.inputs:
                line += ["--inputs", str(path)]
        if args.outputs is not None:
            line += ["--outputs", str(args.outputs)]
        return line + [str(notebook)]

    pending = list(args.notebooks)
    running = {}  # notebook -> (process, start, log)
    failed = []
    start = time.monotonic()
    next_beat = start + args.heartbeat
    try:
        while pending or running:
            while pending and len(running) < args.jobs and not failed:
                notebook = pending.pop(0)
                log = args.out / f"{notebook.stem}.log"
                print(f"notebook {notebook} started (log {log})", flush=True)
                with log.open("w") as out:
                    process = subprocess.Popen(command(notebook), stdout=out,
                                               stderr=subprocess.STDOUT)
                running[notebook] = (process, time.monotonic(), log)
            if not running:
                break
            time.sleep(0.5)
            for notebook, (process, began, log) in list(running.items()):
                code = process.poll()
                if code is None:
                    continue
                del running[notebook]
                seconds = time.monotonic() - began
                if code == 0:
                    print(f"notebook {notebook} ran in {seconds:.1f} s", flush=True)
                    continue
                failed.append(notebook)
                if code in (128 + signal.SIGINT, 128 + signal.SIGTERM, -signal.SIGINT,
                            -signal.SIGTERM, -signal.SIGKILL):
                    print(f"FAILED {notebook} after {seconds:.1f} s: its process was stopped "
                          f"from outside (exit status {code}); log {log}", file=sys.stderr)
                    continue
                print(f"FAILED {notebook} after {seconds:.1f} s; its log {log} ends:",
                      file=sys.stderr)
                print("".join(log.read_text(errors="replace").splitlines(True)[-30:]),
                      file=sys.stderr)
            now = time.monotonic()
            if running and now >= next_beat:
                for notebook, (process, began, log) in running.items():
                    print(heartbeat_line(notebook, now - began, log), flush=True)
                next_beat = now + args.heartbeat
    except Interrupted as interrupt:
        for process, _, _ in running.values():
            if process.poll() is None:
                process.send_signal(interrupt.signum)
        deadline = time.monotonic() + 60
        for notebook, (process, began, log) in running.items():
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            print(interrupted_line(notebook, time.monotonic() - began, args), file=sys.stderr,
                  flush=True)
        raise
    print(f"notebooks: {len(args.notebooks) - len(failed) - len(pending)} ran, "
          f"{len(failed)} failed, {len(pending)} not started, in {time.monotonic() - start:.1f} s "
          f"with {args.jobs} at once", flush=True)
    return 1 if failed else 0


def format_duration(seconds: float) -> str:
    """``45 s``, ``12 min 03 s``, ``1 h 02 min``."""
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


_PROGRESS = re.compile(r"\d\s?%(?:\s|$)")
_BAR = re.compile(r"\s*\[[=>#.\- ]*\]")
_LOG_LEVEL = re.compile(r"\b(?:INFO|WARN|WARNING|ERROR)\b")
_THREAD = re.compile(r"^\[[^\]]*\]\s*")  # slf4j-simple's "[thread] "
_LOGGER = re.compile(r"^(?P<level>INFO|WARN|WARNING|ERROR) (?:[\w$]+\.)*(?P<logger>[\w$]+) -")


def last_progress(log: Path, width: int = 110) -> str:
    """The last progress-bar line (its bar left out) or INFO, WARN or ERROR line of a log (without
    the thread and the logger's package), shortened to ``width`` characters; empty when the log has
    none yet (the kernel is still starting)."""
    try:
        with log.open("rb") as file:
            file.seek(0, os.SEEK_END)
            file.seek(max(0, file.tell() - 65536))
            tail = file.read().decode("utf-8", errors="replace")
    except OSError:
        return ""
    for line in reversed(re.split(r"[\r\n]+", tail)):
        if _PROGRESS.search(line) or _LOG_LEVEL.search(line):
            line = " ".join(_BAR.sub(" ", line).split())
            line = _LOGGER.sub(r"\g<level> \g<logger> -", _THREAD.sub("", line))
            return line if len(line) <= width else line[:width - 3] + "..."
    return ""


def heartbeat_line(notebook: Path, seconds: float, log: Path) -> str:
    """One line about a running notebook: its name, elapsed time and the last progress of its log."""
    progress = last_progress(log)
    return (f"notebook {notebook.stem} running for {format_duration(seconds)}"
            + (f": {progress}" if progress else ""))


if __name__ == "__main__":
    sys.exit(main())
