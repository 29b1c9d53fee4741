"""Runs notebooks top to bottom against a kernel and saves them with their outputs, routed as JupyterLab routes them.

nbclient keeps only the messages whose parent is the cell it is running: a thread's line printed into an
earlier cell while a later one runs, or a monitor that turns into its summary after its cell has finished, are
dropped from the file it saves. A reader in JupyterLab sees them, in the cell they belong to. This runner keeps
every iopub message, puts it in the cell whose execute_request is its parent, applies update_display_data to
every output with that display id in any cell, merges consecutive stream outputs as the front ends do, and
after the last cell keeps listening until the kernel has been quiet for a while. A cell that fails stops that
notebook (it is not saved).

Usage: save_notebooks.py [--kernel NAME] [--quiet-seconds S] NOTEBOOK...
"""
import argparse
import pathlib
import queue
import sys
import time

import nbformat
from jupyter_client.manager import KernelManager


class Book:
    """One notebook's cells and where each display id is shown."""

    def __init__(self, nb):
        self.nb = nb
        self.cell_of_msg = {}
        self.displays = {}  # display id -> list of (cell, output)

    def add(self, cell, out):
        outs = cell.outputs
        if out.output_type == "stream" and outs and outs[-1].output_type == "stream" and outs[-1].name == out.name:
            outs[-1].text += out.text
            return
        outs.append(out)

    def handle(self, msg):
        parent = msg["parent_header"].get("msg_id")
        cell = self.cell_of_msg.get(parent)
        kind = msg["msg_type"]
        content = msg["content"]
        if kind == "update_display_data":
            for _, out in self.displays.get(content.get("transient", {}).get("display_id"), []):
                out.data = content["data"]
                out.metadata = content.get("metadata", {})
            return
        if cell is None:
            return
        if kind == "stream":
            self.add(cell, nbformat.v4.new_output("stream", name=content["name"], text=content["text"]))
        elif kind in ("display_data", "execute_result"):
            if kind == "execute_result":
                out = nbformat.v4.new_output(kind, data=content["data"], metadata=content.get("metadata", {}),
                                             execution_count=content.get("execution_count"))
            else:
                out = nbformat.v4.new_output(kind, data=content["data"], metadata=content.get("metadata", {}))
            self.add(cell, out)
            display_id = content.get("transient", {}).get("display_id")
            if display_id:
                self.displays.setdefault(display_id, []).append((cell, out))
        elif kind == "error":
            self.add(cell, nbformat.v4.new_output("error", ename=content["ename"], evalue=content["evalue"],
                                                  traceback=content["traceback"]))
        elif kind == "clear_output":
            cell.outputs = []


def drain(kc, book, until, quiet_seconds):
    """Handles iopub messages until `until()` holds, then until none came for quiet_seconds."""
    last = time.monotonic()
    while True:
        try:
            msg = kc.get_iopub_msg(timeout=0.2)
            book.handle(msg)
            last = time.monotonic()
            if until is not None and until(msg):
                until = None
                last = time.monotonic()
        except queue.Empty:
            if until is None and time.monotonic() - last >= quiet_seconds:
                return


def run(path, kernel, quiet_seconds):
    nb = nbformat.read(path, as_version=4)
    book = Book(nb)
    km = KernelManager(kernel_name=kernel)
    km.start_kernel(cwd=str(path.parent))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        count = 0
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            cell.outputs = []
            msg_id = kc.execute(cell.source, allow_stdin=False, stop_on_error=True)
            book.cell_of_msg[msg_id] = cell
            reply = kc.get_shell_msg(timeout=900)
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = kc.get_shell_msg(timeout=900)
            count += 1
            cell.execution_count = reply["content"].get("execution_count", count)
            drain(kc, book, lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                  and m["content"]["execution_state"] == "idle", 0)
            if reply["content"]["status"] != "ok":
                print(f"FAILED  {path.name}: {reply['content'].get('ename')}: {reply['content'].get('evalue')}")
                return False
        drain(kc, book, None, quiet_seconds)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    nbformat.write(nb, path)
    print(f"saved   {path.name}")
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default="procbook")
    ap.add_argument("--quiet-seconds", type=float, default=3.0)
    ap.add_argument("notebooks", nargs="+")
    a = ap.parse_args()
    ok = all([run(pathlib.Path(p).resolve(), a.kernel, a.quiet_seconds) for p in a.notebooks])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
