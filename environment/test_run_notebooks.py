"""Tests of the notebook runner's checks that need no kernel: parameter files against a
notebook's parameter cell, and the up-to-date stamps of `make figures`.

Run: .venv/bin/python -m unittest discover -s environment -p 'test_*.py'
"""

import argparse
import json
import os
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


if __name__ == "__main__":
    unittest.main()
