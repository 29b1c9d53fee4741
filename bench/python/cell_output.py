"""Children's output in a cell, procbook beside ipykernel + multiprocessing, same run.

Prints one JSON object per line. Usage: cell_output.py [--lines N] [KERNEL ...]  (default: procbook python3)

* cut_lines: two children each print N lines as two pieces ("p<k>-<i>" then " end\\n"); counts the lines of
  the cell's stdout that are not exactly such a line (a piece of another child's line cut into them). A count,
  so it hardly depends on the machine's load.
* flood: one child prints N numbered lines; reports the time from execute to idle, the stream messages the
  front end got for them, and whether every line arrived.
The load average of the moment is printed with every line.
"""
import argparse
import json
import os
import re
import time

from jupyter_client.manager import KernelManager

CELLS = {
    "procbook": {
        "cut_lines": """
var kids = new ArrayList<Process>();
for (int k = 0; k < 2; k++) {
    int id = k;
    kids.add(new Process(() -> {
        for (int i = 0; i < %(n)d; i++) { System.out.print("p" + id + "-" + i); System.out.print(" end\\n"); }
    }));
}
kids.forEach(Process::start);
kids.forEach(Process::join);
""",
        "flood": """
var flood = new Process(() -> { for (int i = 0; i < %(n)d; i++) System.out.println(i); });
flood.start();
flood.join();
""",
    },
    "python3": {
        "cut_lines": """
import multiprocessing as mp
def _pieces(k, n):
    for i in range(n):
        print(f"p{k}-{i}", end="")
        print(" end")
kids = [mp.Process(target=_pieces, args=(k, %(n)d)) for k in range(2)]
for p in kids: p.start()
for p in kids: p.join()
""",
        "flood": """
import multiprocessing as mp
def _flood(n):
    for i in range(n):
        print(i)
flood = mp.Process(target=_flood, args=(%(n)d,))
flood.start()
flood.join()
""",
    },
}


def run_cell(kc, code):
    """Runs a cell; returns (seconds to idle, stdout text, number of stdout stream messages)."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    text, messages = [], 0
    while True:
        msg = kc.get_iopub_msg(timeout=300)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "stream" and msg["content"]["name"] == "stdout":
            text.append(msg["content"]["text"])
            messages += 1
        elif kind == "error":
            raise RuntimeError("\n".join(msg["content"]["traceback"]))
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = kc.get_shell_msg(timeout=60)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(str(reply["content"]))
    return time.perf_counter() - t0, "".join(text), messages


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=20000)
    ap.add_argument("kernels", nargs="*", default=["procbook", "python3"])
    args = ap.parse_args()
    whole = re.compile(r"p[01]-\d+ end")
    for spec in args.kernels:
        name, _, family = spec.partition("=")
        cells = CELLS[family or name]
        km = KernelManager(kernel_name=name)
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            run_cell(kc, cells["flood"] % {"n": 10})  # warm-up: the first child of a session
            _, out, _ = run_cell(kc, cells["cut_lines"] % {"n": args.lines})
            lines = out.split("\n")[:-1]
            cut = sum(1 for line in lines if not whole.fullmatch(line))
            print(json.dumps({"bench": "child_output_cut_lines", "impl": name, "cut_lines": cut,
                              "lines": len(lines), "expected": 2 * args.lines, "load": round(os.getloadavg()[0], 2)}))
            secs, out, messages = run_cell(kc, cells["flood"] % {"n": args.lines * 10})
            complete = out == "".join(f"{i}\n" for i in range(args.lines * 10))
            print(json.dumps({"bench": "child_output_flood", "impl": name, "seconds": round(secs, 3),
                              "stream_messages": messages, "lines": args.lines * 10, "complete": complete,
                              "load": round(os.getloadavg()[0], 2)}))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)


if __name__ == "__main__":
    main()
