"""Checks the committed notebooks: outputs stripped, a parameter cell, the Java kernel,
an id on every cell.

Usage: python environment/check_notebooks.py NOTEBOOK...
Exits non-zero with one line per problem, naming the notebook and the cell.
"""

import json
import sys


def problems(path):
    notebook = json.loads(open(path, encoding="utf-8").read())
    kernel = notebook.get("metadata", {}).get("kernelspec", {}).get("name")
    if kernel != "java":
        yield f"{path}: kernelspec name is {kernel!r}, expected 'java'"
    cells = notebook.get("cells", [])
    tagged = [i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(tagged) != 1:
        yield f"{path}: expected one cell tagged 'parameters', found {len(tagged)}"
    ids = [cell.get("id") for cell in cells]
    for i, cell_id in enumerate(ids):
        if not cell_id:
            yield f"{path}: cell {i} has no id (nbformat 4.5 wants one per cell)"
        elif ids.index(cell_id) != i:
            yield f"{path}: cell {i} repeats the id {cell_id!r} of cell {ids.index(cell_id)}"
    for i, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            yield f"{path}: cell {i} has outputs; strip them before committing"
        if cell.get("execution_count") is not None:
            yield f"{path}: cell {i} has an execution count; strip outputs before committing"


def main():
    found = [p for path in sys.argv[1:] for p in problems(path)]
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
