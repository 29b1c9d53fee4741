"""Executes every notebook in a directory with nbclient against the installed procbook kernel.

Exit status 0 when all ran without error. Each notebook is run from a clean state, in its own directory,
with a per-cell timeout; the first failing cell of each notebook is printed.
Usage: run_notebooks.py NOTEBOOK_DIR [KERNEL_NAME]
"""
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main():
    root = pathlib.Path(sys.argv[1])
    kernel = sys.argv[2] if len(sys.argv) > 2 else "procbook"
    books = sorted(p for p in root.glob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not books:
        print(f"no notebooks in {root}")
        return 1
    failed = 0
    for book in books:
        nb = nbformat.read(book, as_version=4)
        client = NotebookClient(nb, kernel_name=kernel, timeout=300, resources={"metadata": {"path": str(root)}})
        start = time.monotonic()
        try:
            client.execute()
            print(f"ok      {book.name} ({time.monotonic() - start:.1f} s)")
        except CellExecutionError as e:
            failed += 1
            print(f"FAILED  {book.name}:\n{e}")
        except Exception as e:  # a kernel that died or timed out is a failure too, with its reason
            failed += 1
            print(f"FAILED  {book.name}: {type(e).__name__}: {e}")
    print(f"{len(books) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
