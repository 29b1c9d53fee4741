"""Runs notebooks with nbclient against a kernel installed in procbook's platform fallback mode (no /proc, no
/dev/shm, no setsid: as on a Mac) and checks that every cell passed, that the monitor showed its display in
every cell where the saved notebook has one (a monitor that fails is otherwise silent: the cell just lacks
it), and that each table or chart it left says what it cannot measure there.

Usage: run_fallback_notebooks.py KERNEL_NAME OUT_DIR NOTEBOOK...
Each notebook is saved, as far as it ran, into OUT_DIR. Exit status 0 when every notebook ran without error and
every monitor table or chart carries the note.
"""
import html
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

# io.procbook.monitor.PlatformNote.NO_PROC, as the display shows it
NOTE = "no /proc here: CPU from the JDK, memory per process not measured"
MONITOR = "procbook monitor \u00b7 "


def monitor_displays(nb):
    """(cell index, text, html) of every monitor display left in the notebook (updates already applied)."""
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            data = out.get("data", {}) if out.get("output_type") in ("display_data", "execute_result") else {}
            text = data.get("text/plain", "")
            if text.startswith(MONITOR):
                yield i, text, data.get("text/html", "")


def check(nb, saved, name):
    """Problems with the monitor displays of an executed notebook, and how many tables or charts it has."""
    problems, tables = [], 0
    missing = {i for i, _, _ in monitor_displays(saved)} - {i for i, _, _ in monitor_displays(nb)}
    for i in sorted(missing):
        problems.append(f"{name} cell {i}: no monitor display, where the saved notebook has one")
    for i, text, markup in monitor_displays(nb):
        if "\n" not in text:
            continue  # the one-line summary of work that did almost nothing: no figure is missing from it
        tables += 1
        if not text.endswith("\n  (" + NOTE + ")"):
            problems.append(f"{name} cell {i}: the monitor's text does not end with the note:\n{text}")
        if NOTE not in html.unescape(markup):
            problems.append(f"{name} cell {i}: the monitor's HTML lacks the note")
    return problems, tables


def main():
    kernel, out_dir = sys.argv[1], pathlib.Path(sys.argv[2])
    books = [pathlib.Path(p) for p in sys.argv[3:]]
    out_dir.mkdir(parents=True, exist_ok=True)
    failed, tables, problems = 0, 0, []
    for book in books:
        nb = nbformat.read(book, as_version=4)
        saved = nbformat.read(book, as_version=4)
        client = NotebookClient(nb, kernel_name=kernel, timeout=300,
                                resources={"metadata": {"path": str(book.parent)}})
        start = time.monotonic()
        try:
            client.execute()
        except CellExecutionError as e:
            failed += 1
            print(f"FAILED  {book.name}:\n{e}")
            continue
        except Exception as e:  # a kernel that died or timed out is a failure too, with its reason
            failed += 1
            print(f"FAILED  {book.name}: {type(e).__name__}: {e}")
            continue
        finally:
            nbformat.write(nb, out_dir / book.name)
        found, n = check(nb, saved, book.name)
        problems += found
        tables += n
        print(f"ok      {book.name} ({time.monotonic() - start:.1f} s, {n} monitor tables or charts)")
    if tables == 0:
        problems.append("no monitor table or chart in any notebook: nothing showed what the monitor measures")
    for p in problems:
        print("MONITOR " + p)
    print(f"{len(books) - failed} passed, {failed} failed, {len(problems)} monitor problems")
    return 1 if failed or problems else 0


if __name__ == "__main__":
    sys.exit(main())
