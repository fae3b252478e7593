"""Executes notebooks with the project's Java kernel and writes the executed copies and HTML.

Usage: python3 run_notebooks.py [--quick] [--update] [--out DIR] [--timeout S] [NAME ...]

NAME is a notebook file name or its number prefix ("00", "03-ddpm"); none means all of notebooks/.
--quick sets EDM_QUICK=1 for the kernel (small sample counts, steps and epochs).
--update writes the executed notebooks back into notebooks/ (the committed copies with outputs).
On a failing cell it prints the notebook, the cell number, its source and the Java stack trace.
"""
import argparse
import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def select(names):
    all_nbs = sorted(NOTEBOOKS.glob("*.ipynb"))
    if not names:
        return all_nbs
    chosen = []
    for name in names:
        hits = [p for p in all_nbs if p.name == name or p.stem == name or p.name.startswith(name)]
        if not hits:
            sys.stderr.write(f"error: run-notebooks: no notebook matches '{name}' in {NOTEBOOKS}\n")
            sys.exit(2)
        chosen.extend(h for h in hits if h not in chosen)
    return chosen


def failing_cell(nb):
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return i, cell, out
    return None


def run(path, args):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="edm-java", timeout=args.timeout,
                            startup_timeout=120, resources={"metadata": {"path": str(NOTEBOOKS)}})
    t0 = time.time()
    error = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        error = e
    took = time.time() - t0
    args.out.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, args.out / path.name)
    if error is None:
        write_html(nb, args.out / (path.stem + ".html"))
        if args.update:
            nbformat.write(nb, path)
        print(f"PASS {path.name} ({took:.0f}s)", flush=True)
        return True
    print(f"FAIL {path.name} ({took:.0f}s)", flush=True)
    hit = failing_cell(nb)
    if hit:
        i, cell, out = hit
        print(f"  cell {i} (execution count {cell.get('execution_count')}):", flush=True)
        print("  " + "\n  ".join(cell.source.splitlines()), flush=True)
        print(f"  {out.get('ename')}: {out.get('evalue')}", flush=True)
        print("\n".join(out.get("traceback", [])), flush=True)
    else:
        print(f"  {type(error).__name__}: {error}", flush=True)
    return False


def write_html(nb, target):
    try:
        from nbconvert import HTMLExporter
        body, _ = HTMLExporter().from_notebook_node(nb)
        target.write_text(body, encoding="utf-8")
    except Exception as e:  # HTML is a convenience; the executed notebook is the result
        print(f"  (no HTML for {target.name}: {e})", flush=True)


class OneLineParser(argparse.ArgumentParser):
    """A bad command line is one line, error: <message>, and exit status 2."""

    def error(self, message):
        sys.stderr.write(f"error: run-notebooks: {message}\n")
        sys.exit(2)


def main():
    p = OneLineParser(description=__doc__.splitlines()[0])
    p.add_argument("names", nargs="*")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--update", action="store_true")
    p.add_argument("--out", type=pathlib.Path, default=ROOT / "target" / "notebooks")
    p.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    args = p.parse_args()
    os.environ["EDM_QUICK"] = "1" if args.quick else "0"
    results = [run(path, args) for path in select(args.names)]
    passed = sum(results)
    print(f"notebooks run: {len(results)}, failing: {len(results) - passed}", flush=True)
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
