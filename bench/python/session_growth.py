"""How a cell's cost grows with the session: procbook beside ipykernel running the same sequence, same run.

A growth cell defines a variable, a function and a class: `int vN = N;`, `int fN(int x)` and
`record RN(int a, String b)` in Java (three JShell snippets), `vN = N`, `def fN(x)` and `class RN` in Python.
At each mark (by default 0, 600 and 1,800 live snippets, that is 0, 200 and 600 growth cells) it measures the
median round trip of `1+1` and of a growth cell, the CPU time the kernel process spent per `1+1` (all its
threads, read from /proc: it hardly depends on what else loads the machine) and the kernel's resident memory.
The growth cells measured at a mark count towards the next one.

Prints one JSON object per line. Usage: session_growth.py [--marks 0,600,1800] [--runs N] [KERNEL ...]
"""
import argparse
import json
import os
import statistics
import time

from jupyter_client.manager import KernelManager

JAVA_CELL = "int v{n} = {n};\nint f{n}(int x) {{ return x + {n}; }}\nrecord R{n}(int a, String b) {{ }}\n"
PYTHON_CELL = ("v{n} = {n}\n"
               "def f{n}(x):\n    return x + {n}\n"
               "class R{n}:\n    def __init__(self, a, b):\n        self.a = a\n        self.b = b\n")
SNIPPETS_PER_CELL = 3  # a growth cell adds a variable, a function and a class


def proc_status(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise ValueError(field)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_cell(kc, code):
    """Runs a cell; returns its round trip in seconds (execute_request to idle and reply). Raises on error."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    while True:
        msg = kc.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" \
                and msg["content"]["execution_state"] == "idle":
            break
    reply = kc.get_shell_msg(timeout=120)
    dt = time.perf_counter() - t0
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {code!r}: {reply['content'].get('ename')}: {reply['content'].get('evalue')}")
    return dt


def measure(name, marks, runs, def_runs):
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        pid = km.provisioner.pid
        java = km.kernel_spec.language.lower() == "java"
        cell = JAVA_CELL if java else PYTHON_CELL
        one = "1+1"
        for _ in range(30):  # both kernels' first cells warm their compilers; neither counts
            run_cell(kc, one)
        cells = 0
        results = []
        for mark in marks:
            while cells * SNIPPETS_PER_CELL < mark:
                run_cell(kc, cell.format(n=cells))
                cells += 1
            cpu0 = cpu_seconds(pid)
            ones = [run_cell(kc, one) for _ in range(runs)]
            cpu = (cpu_seconds(pid) - cpu0) / runs
            rss = proc_status(pid, "VmRSS") / 1024
            defs = []
            for _ in range(def_runs):
                defs.append(run_cell(kc, cell.format(n=cells)))
                cells += 1
            row = {"bench": "session_growth", "impl": name, "snippets": mark,
                   "one_plus_one_ms": round(statistics.median(ones) * 1e3, 1),
                   "one_plus_one_cpu_ms": round(cpu * 1e3, 1),
                   "def_cell_ms": round(statistics.median(defs) * 1e3, 1),
                   "rss_mib": round(rss), "n": runs, "load": round(os.getloadavg()[0], 2)}
            print(json.dumps(row), flush=True)
            results.append(row)
        first, last = results[0], results[-1]
        span = (last["snippets"] - first["snippets"]) / 1000
        print(json.dumps({"bench": "session_growth_ratio", "impl": name,
                          "snippets": f"{first['snippets']}->{last['snippets']}",
                          "one_plus_one_x": round(last["one_plus_one_ms"] / first["one_plus_one_ms"], 2),
                          "def_cell_x": round(last["def_cell_ms"] / first["def_cell_ms"], 2),
                          "rss_mib_per_1000": round((last["rss_mib"] - first["rss_mib"]) / span) if span else None}),
              flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--marks", default="0,600,1800", help="live snippets at which to measure")
    ap.add_argument("--runs", type=int, default=20, help="1+1 cells per mark")
    ap.add_argument("--def-runs", type=int, default=10, help="growth cells timed per mark")
    ap.add_argument("kernels", nargs="*", default=["procbook", "python3"])
    args = ap.parse_args()
    marks = sorted(int(m) for m in args.marks.split(","))
    for name in args.kernels:
        measure(name, marks, args.runs, args.def_runs)


if __name__ == "__main__":
    main()
