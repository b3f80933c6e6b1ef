"""Tests of the notebook runner's parts that need no kernel: parameter files against a
notebook's parameter cell, the up-to-date stamps of `make figures`, the checks of --out and
--timeout, the heartbeat line and the line about an interrupted notebook.

Run: .venv/bin/python -m unittest discover -s environment -p 'test_*.py'
"""

import argparse
import contextlib
import io
import json
import os
import signal
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_notebooks as rn  # noqa: E402

PARAMETER_CELL = """List<String> datasets = List.of("mnist");
int n = 500;
long seed = 0;
double threshold = 0.5;
List<Double> fractions = List.of();
List<Integer> ks = List.of(1, 2);
String split = "test";
boolean writeFigures = true;
"""


def notebook_json(source: str) -> str:
    return json.dumps({
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# A question\n"]},
            {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "outputs": [],
             "execution_count": None, "source": source.splitlines(True)},
        ],
        "metadata": {"kernelspec": {"name": "java", "language": "java"}},
        "nbformat": 4, "nbformat_minor": 5,
    })


class RunnerTest(unittest.TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.notebooks = self.folder / "notebooks"
        self.notebooks.mkdir()
        self.notebook = self.notebooks / "01-question.ipynb"
        self.notebook.write_text(notebook_json(PARAMETER_CELL))
        self.params = self.folder / "params"
        self.params.mkdir()
        self.out = self.folder / "out"
        self.out.mkdir()
        self.figures = self.folder / "figures"
        self.figures.mkdir()

    def args(self, **extra):
        values = dict(params=self.params, notebooks=[self.notebook], out=self.out, inputs=None,
                      outputs=None)
        values.update(extra)
        return argparse.Namespace(**values)

    def write_params(self, text: str, name: str = "01-question.yaml") -> Path:
        path = self.params / name
        path.write_text(text)
        return path

    def error(self, args=None) -> str:
        with self.assertRaises(rn.ParameterError) as caught:
            rn.check_inputs(args or self.args())
        return str(caught.exception)

    def test_parameter_cell_declarations(self):
        declared = rn.parameter_cell(self.notebook)
        self.assertEqual(declared["datasets"], "List<String>")
        self.assertEqual(declared["n"], "int")
        self.assertEqual(declared["fractions"], "List<Double>")
        self.assertEqual(len(declared), 8)

    def test_valid_parameters_are_coerced_to_the_declared_types(self):
        self.write_params("n: 20\nthreshold: 1\nfractions: [1, 0.5]\nks: [4]\nseed: 5000000000\n")
        params = rn.load_params(self.notebook, self.args())
        self.assertEqual(params["n"], 20)
        self.assertIsInstance(params["threshold"], float)
        self.assertEqual(params["fractions"], [1.0, 0.5])
        self.assertIsInstance(params["fractions"][0], float)
        self.assertEqual(params["seed"], 5000000000)

    def test_unknown_parameter_names_the_file_and_suggests(self):
        path = self.write_params("thresold: 0.3\n")
        message = self.error()
        self.assertIn(str(path), message)
        self.assertIn("'thresold' is not a parameter of 01-question.ipynb", message)
        self.assertIn("did you mean 'threshold'", message)

    def test_wrong_types_name_declaration_expected_and_actual(self):
        cases = {
            "n: three\n": ("int", "a whole number", "'three'"),
            "n: 2.5\n": ("int", "a whole number", "2.5"),
            "n: true\n": ("int", "a whole number", "True"),
            "n: 3000000000\n": ("int", "from -2147483648 to 2147483647", "3000000000"),
            "split: 7\n": ("String", "a string", "7"),
            "datasets: mnist\n": ("List<String>", "a list", "'mnist'"),
            "datasets: [mnist, 3]\n": ("String", "a string", "3"),
            "writeFigures: 'no'\n": ("boolean", "true or false", "'no'"),
            "threshold: null\n": ("double", "null is not accepted", "None"),
        }
        for text, (declared, expected, actual) in cases.items():
            with self.subTest(text=text):
                self.write_params(text)
                message = self.error()
                self.assertIn(f"`{declared}`", message)
                self.assertIn(expected, message)
                self.assertIn(f"got {actual}", message)

    def test_bad_yaml_and_non_mapping_name_the_file(self):
        path = self.write_params("n: [3\n")
        message = self.error()
        self.assertIn(str(path), message)
        self.assertIn("not valid YAML", message)
        self.write_params("- 3\n")
        self.assertIn("must be a mapping", self.error())

    def test_misnamed_parameter_file_and_missing_folder(self):
        path = self.write_params("n: 3\n", name="01-Question.yaml")
        message = self.error()
        self.assertIn(str(path), message)
        self.assertIn("names no notebook", message)
        self.assertIn("did you mean 01-question.yaml", message)
        path.unlink()
        message = self.error(self.args(params=self.folder / "nowhere"))
        self.assertIn("is not a folder", message)

    def test_missing_notebook(self):
        message = self.error(self.args(notebooks=[self.notebooks / "09-nothing.ipynb"]))
        self.assertIn("09-nothing.ipynb does not exist", message)

    def executed_copy(self, lines):
        target = self.out / self.notebook.name
        target.write_text(json.dumps({"cells": [{"cell_type": "code", "outputs": [
            {"output_type": "stream", "name": "stdout", "text": [line + "\n" for line in lines]}]}]}))
        return target

    def test_outputs_are_the_files_the_notebook_logged(self):
        root = self.figures.resolve()
        (self.figures / "tables").mkdir()
        (self.figures / "charts").mkdir()
        for name in ("tables/01-a.csv", "tables/01-a.md", "charts/01-b.html", "charts/01-b.png",
                     "charts/02-other.html", "index.html"):
            (self.figures / name).write_text(name)
        target = self.executed_copy([
            f"INFO Figures - table 'A' written: 3 rows to {root}/tables/01-a.*",
            f"INFO ChartWriter - chart written: {root}/charts/01-b.html; {root}/charts/01-b.png unchanged, kept",
            f"INFO Figures - figure index written: 1 tables, 1 charts in {root}/index.html",
        ])
        lines = rn.written_outputs(target, self.args(outputs=self.figures))
        named = sorted(Path(line.split("\t")[0]).relative_to(root).as_posix() for line in lines)
        self.assertEqual(named, ["charts/01-b.html", "charts/01-b.png", "tables/01-a.csv",
                                 "tables/01-a.md"])
        self.assertEqual(rn.changed_outputs(lines), [])
        time.sleep(0.01)
        (self.figures / "tables/01-a.csv").write_text("another run")
        self.assertEqual(len(rn.changed_outputs(lines)), 1)
        self.assertIn("rewritten", rn.changed_outputs(lines)[0])
        (self.figures / "charts/01-b.png").unlink()
        self.assertTrue(any("missing" in c for c in rn.changed_outputs(lines)))

    def test_up_to_date_follows_inputs_and_environment(self):
        data = self.folder / "data"
        data.mkdir()
        (data / "a.bin").write_bytes(b"1234")
        args = self.args(inputs=[data], outputs=self.figures)
        target = self.executed_copy([])
        rn.stamp_path(self.notebook, args).write_text(rn.inputs_hash(self.notebook, args) + "\n")
        self.assertTrue(rn.up_to_date(self.notebook, args))
        os.environ["CLIP_SYNERGY_CACHE"] = "/somewhere/else"
        try:
            self.assertFalse(rn.up_to_date(self.notebook, args))
        finally:
            del os.environ["CLIP_SYNERGY_CACHE"]
        self.assertTrue(rn.up_to_date(self.notebook, args))
        self.write_params("n: 3\n")
        self.assertFalse(rn.up_to_date(self.notebook, args))
        (self.params / "01-question.yaml").unlink()
        (data / "a.bin").write_bytes(b"12345")
        self.assertFalse(rn.up_to_date(self.notebook, args))
        target.unlink()
        rn.stamp_path(self.notebook, args).write_text(rn.inputs_hash(self.notebook, args) + "\n")
        self.assertFalse(rn.up_to_date(self.notebook, args))

    def test_hidden_files_under_inputs_are_not_inputs(self):
        backbones = self.folder / "backbones"
        (backbones / "mini-a").mkdir(parents=True)
        (backbones / "mini-a" / "weights.params").write_bytes(b"1234")
        args = self.args(inputs=[backbones], outputs=self.figures)
        before = rn.inputs_hash(self.notebook, args)
        # train-zoo rewrites its lock file on every run; a member being written is hidden.
        (backbones / ".train-zoo.lock").write_text("123@host since now")
        (backbones / ".mini-b.partial").mkdir()
        (backbones / ".mini-b.partial" / "weights.params").write_bytes(b"56")
        self.assertEqual(before, rn.inputs_hash(self.notebook, args))
        (backbones / "mini-a" / "weights.params").write_bytes(b"12345")
        self.assertNotEqual(before, rn.inputs_hash(self.notebook, args))


class ArgumentTest(unittest.TestCase):
    """--out and --timeout are checked before any notebook runs (exit status 2, one line)."""

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.notebook = self.folder / "01-question.ipynb"
        self.notebook.write_text(notebook_json(PARAMETER_CELL))

    def main(self, *argv):
        """The exit status of the runner and what it wrote to stderr."""
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
            try:
                code = rn.main([*argv, str(self.notebook)])
            except SystemExit as exit_:
                code = exit_.code
        return code, stderr.getvalue()

    def test_out_below_a_file_is_refused_before_running(self):
        blocker = self.folder / "a-file"
        blocker.write_text("")
        code, message = self.main("--out", str(blocker / "out"))
        self.assertEqual(code, 2)
        self.assertEqual(len(message.strip().splitlines()), 1, message)
        self.assertIn(f"--out {blocker / 'out'} cannot be created", message)
        self.assertIn("nothing was run", message)
        self.assertNotIn("Traceback", message)

    def test_out_that_is_a_file_is_refused(self):
        blocker = self.folder / "a-file"
        blocker.write_text("")
        code, message = self.main("--out", str(blocker))
        self.assertEqual(code, 2)
        self.assertIn(f"--out {blocker} cannot be used: it exists and is not a folder", message)

    @unittest.skipIf(os.geteuid() == 0, "root may write into a read-only folder")
    def test_out_that_is_not_writable_is_refused(self):
        locked = self.folder / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            code, message = self.main("--out", str(locked))
            self.assertEqual(code, 2)
            self.assertIn(f"--out {locked} is not writable", message)
            code, message = self.main("--out", str(locked / "sub"))
            self.assertEqual(code, 2)
            self.assertIn(f"--out {locked / 'sub'} cannot be created", message)
        finally:
            locked.chmod(0o700)

    def test_check_out_creates_a_missing_folder(self):
        out = self.folder / "new" / "out"
        rn.check_out(out)
        self.assertTrue(out.is_dir())
        self.assertEqual(list(out.iterdir()), [])

    def test_timeout_must_be_a_positive_whole_number(self):
        for value in ("-5", "0", "abc", "1.5"):
            with self.subTest(value=value):
                code, message = self.main("--out", str(self.folder / "out"), "--timeout", value)
                self.assertEqual(code, 2)
                self.assertIn("argument --timeout: expected a whole number of seconds above 0", message)
                self.assertIn(repr(value), message)
        self.assertEqual(rn.positive_seconds("90"), 90)

    def test_heartbeat_must_be_positive(self):
        code, message = self.main("--out", str(self.folder / "out"), "--heartbeat", "0")
        self.assertEqual(code, 2)
        self.assertIn("argument --heartbeat", message)


class HeartbeatTest(unittest.TestCase):
    def setUp(self):
        self.log = Path(tempfile.mkdtemp()) / "04-robustness.log"

    def test_last_progress_bar_without_its_bar(self):
        self.log.write_text(
            "[I 2026-01-01 10:00:00.000 KernelLauncher] Starting kernel: [java, -Xmx6g]\n"
            "[jjava-exec-abc-0] INFO org.clipsynergy.report.Study - robustness features: 2 datasets\n\n"
            "mini-vit/mnist/test/gaussian_noise-3  40% [====>      ] 200/500 img (0:00:01 / 0:00:02) 450.0 img/s\n\n"
            "mini-vit/mnist/test/gaussian_noise-3 100% [===========] 500/500 img (0:00:01 / 0:00:00) 450.0 img/s\n\n")
        line = rn.heartbeat_line(Path("notebooks/04-robustness.ipynb"), 754, self.log)
        self.assertEqual(line, "notebook 04-robustness running for 12 min 34 s: "
                               "mini-vit/mnist/test/gaussian_noise-3 100% 500/500 img "
                               "(0:00:01 / 0:00:00) 450.0 img/s")

    def test_an_info_line_after_the_bar_is_the_latest_progress(self):
        self.log.write_text(
            "mini-vit/mnist/test/gaussian_noise-3 100% [=====] 500/500 img (0:00:01 / 0:00:00) 450.0 img/s\n"
            "[jjava-exec-abc-0] INFO org.clipsynergy.metrics.Accuracy - scored 6 feature sets in 45 ms\n"
            "[I 2026-01-01 10:00:05.000 Loop-Shell-0] Loop stopped.\n")
        self.assertEqual(rn.heartbeat_line(Path("01-a.ipynb"), 3725, self.log),
                         "notebook 01-a running for 1 h 02 min: "
                         "INFO Accuracy - scored 6 feature sets in 45 ms")

    def test_long_lines_are_cut_and_a_starting_kernel_shows_only_the_time(self):
        self.log.write_text("[main] WARN org.x.Y - " + "z" * 500 + "\n")
        line = rn.heartbeat_line(Path("05-b.ipynb"), 5, self.log)
        self.assertTrue(line.startswith("notebook 05-b running for 5 s: WARN Y - zzz"), line)
        self.assertTrue(line.endswith("..."))
        self.assertLess(len(line), 160)
        self.log.write_text("[I 2026-01-01 10:00:00.000 KernelLauncher] Starting kernel: [java]\n")
        self.assertEqual(rn.heartbeat_line(Path("05-b.ipynb"), 5, self.log),
                         "notebook 05-b running for 5 s")
        self.assertEqual(rn.heartbeat_line(Path("05-b.ipynb"), 5, self.log.with_name("none.log")),
                         "notebook 05-b running for 5 s")


class InterruptTest(unittest.TestCase):
    def test_java_errors_read_without_the_kernels_wrapping(self):
        self.assertEqual(
            rn.java_error("RuntimeException",
                          "java.lang.IllegalArgumentException, parameter 'n': expected >= 4, got 0"),
            "parameter 'n': expected >= 4, got 0")
        self.assertEqual(
            rn.java_error("RuntimeException", "java.io.IOException, data/x: missing"),
            "IOException: data/x: missing")
        self.assertEqual(rn.java_error("CompilationException", "cannot find symbol"),
                         "CompilationException: cannot find symbol")

    def test_interrupted_line_names_the_partial_copy(self):
        out = Path(tempfile.mkdtemp())
        args = argparse.Namespace(out=out, inputs=[out])
        notebook = Path("notebooks/04-robustness.ipynb")
        self.assertEqual(rn.interrupted_line(notebook, 12.4, args),
                         f"notebook {notebook} interrupted after 12 s; no partial copy was written; "
                         f"run again to rerun it (notebooks that finished are skipped)")
        (out / ".04-robustness.partial.ipynb").write_text("{}")
        self.assertIn(f"its partial copy is at {out / '.04-robustness.partial.ipynb'};",
                      rn.interrupted_line(notebook, 12.4, args))
        (out / notebook.name).write_text("{}")
        self.assertIn(f"(the last complete one stays at {out / notebook.name})",
                      rn.interrupted_line(notebook, 12.4, args))

    def test_signals_become_one_interruption_with_the_shell_exit_status(self):
        previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            rn.install_signal_handlers()
            with self.assertRaises(rn.Interrupted) as caught:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(1)
            self.assertEqual(caught.exception.exit_code, 143)
            os.kill(os.getpid(), signal.SIGINT)  # a second signal while shutting down: no raise
            time.sleep(0.1)
            rn.install_signal_handlers()
            with self.assertRaises(rn.Interrupted) as caught:
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(1)
            self.assertEqual(caught.exception.exit_code, 130)
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # as in a shell script's background job
            rn.install_signal_handlers()
            self.assertIs(signal.getsignal(signal.SIGINT), signal.SIG_IGN)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


if __name__ == "__main__":
    unittest.main()
