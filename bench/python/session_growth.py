"""How a cell's cost grows with the session: procbook beside ipykernel running the same sequence, same run.

A growth cell defines a variable, a function and a class: `int vN = N;`, `int fN(int x)` and
`record RN(int a, String b)` in Java (three JShell snippets), `vN = N`, `def fN(x)` and `class RN` in Python.
At each mark (by default 0, 600 and 1,800 live snippets, that is 0, 200 and 600 growth cells) it measures the
median round trip of `1+1` and of a growth cell, the CPU time the kernel process spent per `1+1` (all its
threads, read from /proc) and the kernel's resident memory. The growth cells measured at a mark count towards
the next one.

On a shared, loaded machine a median drifts with the load, and a kernel's JIT keeps warming for hundreds of
cells, so each kernel runs beside a twin that does the same work without growing its session (while the kernel
grows, the twin runs the same cells with their declarations inside a block; the cells timed are the same in
both, so the twin's session grows by what is timed, 135 snippets by the last mark): the two take turns cell by
cell, and `x_twin` is the grown kernel's median over the twin's, measured in the same minutes with equally warm
compilers.

Prints one JSON object per line. Usage: session_growth.py [--marks 0,600,1800] [--runs N] [KERNEL ...]
"""
import argparse
import json
import os
import statistics
import time

from jupyter_client.manager import KernelManager

JAVA_CELL = "int v{n} = {n};\nint f{n}(int x) {{ return x + {n}; }}\nrecord R{n}(int a, String b) {{ }}\n"
JAVA_TWIN_CELL = ("{{\n    int v{n} = {n};\n    java.util.function.IntUnaryOperator f{n} = x -> x + {n};\n"
                  "    record R{n}(int a, String b) {{ }}\n}}\n")
PYTHON_CELL = ("v{n} = {n}\n"
               "def f{n}(x):\n    return x + {n}\n"
               "class R{n}:\n    def __init__(self, a, b):\n        self.a = a\n        self.b = b\n")
PYTHON_TWIN_CELL = ("def _twin():\n    v{n} = {n}\n    def f{n}(x):\n        return x + {n}\n"
                    "    class R{n}:\n        def __init__(self, a, b):\n"
                    "            self.a = a\n            self.b = b\n"
                    "_twin()\n")
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


class Kernel:
    def __init__(self, name):
        self.km = KernelManager(kernel_name=name)
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=120)
        except Exception:
            self.close()
            raise
        self.pid = self.km.provisioner.pid
        self.java = self.km.kernel_spec.language.lower() == "java"

    def run(self, code):
        return run_cell(self.kc, code)

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)


def median_ms(times):
    return round(statistics.median(times) * 1e3, 1)


def measure(name, marks, runs, def_runs):
    grown, twin = Kernel(name), None
    try:
        twin = Kernel(name)
        cell, twin_cell = (JAVA_CELL, JAVA_TWIN_CELL) if grown.java else (PYTHON_CELL, PYTHON_TWIN_CELL)
        one = "1+1"
        for _ in range(30):  # both kernels' first cells warm their compilers; none counts
            grown.run(one)
            twin.run(one)
        cells = 0
        results = []
        for mark in marks:
            while cells * SNIPPETS_PER_CELL < mark:
                grown.run(cell.format(n=cells))
                twin.run(twin_cell.format(n=cells))
                cells += 1
            ones, twin_ones = [], []
            cpu0 = cpu_seconds(grown.pid)
            for _ in range(runs):
                ones.append(grown.run(one))
                cpu1 = cpu_seconds(grown.pid)
                twin_ones.append(twin.run(one))
                cpu0 += cpu_seconds(grown.pid) - cpu1  # the grown kernel's CPU while the twin ran is not its cell's
            cpu = (cpu_seconds(grown.pid) - cpu0) / runs
            rss = proc_status(grown.pid, "VmRSS") / 1024
            defs, twin_defs = [], []
            for _ in range(def_runs):
                defs.append(grown.run(cell.format(n=cells)))
                twin_defs.append(twin.run(cell.format(n=cells)))  # the same cell: its session grows a little
                cells += 1
            row = {"bench": "session_growth", "impl": name, "snippets": mark,
                   "one_plus_one_ms": median_ms(ones), "one_plus_one_cpu_ms": round(cpu * 1e3, 1),
                   "def_cell_ms": median_ms(defs), "rss_mib": round(rss),
                   "twin_one_plus_one_ms": median_ms(twin_ones), "twin_def_cell_ms": median_ms(twin_defs),
                   "twin_rss_mib": round(proc_status(twin.pid, "VmRSS") / 1024),
                   "one_plus_one_x_twin": round(statistics.median(ones) / statistics.median(twin_ones), 2),
                   "def_cell_x_twin": round(statistics.median(defs) / statistics.median(twin_defs), 2),
                   "n": runs, "load": round(os.getloadavg()[0], 2)}
            print(json.dumps(row), flush=True)
            results.append(row)
        first, last = results[0], results[-1]
        span = (last["snippets"] - first["snippets"]) / 1000
        print(json.dumps({"bench": "session_growth_ratio", "impl": name,
                          "snippets": f"{first['snippets']}->{last['snippets']}",
                          "one_plus_one_x": round(last["one_plus_one_ms"] / first["one_plus_one_ms"], 2),
                          "def_cell_x": round(last["def_cell_ms"] / first["def_cell_ms"], 2),
                          "one_plus_one_x_twin": last["one_plus_one_x_twin"],
                          "def_cell_x_twin": last["def_cell_x_twin"],
                          "rss_mib_per_1000": round((last["rss_mib"] - first["rss_mib"]) / span) if span else None,
                          "twin_rss_mib_growth": last["twin_rss_mib"] - first["twin_rss_mib"]}),
              flush=True)
    finally:
        grown.close()
        if twin is not None:
            twin.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--marks", default="0,600,1800", help="live snippets at which to measure")
    ap.add_argument("--runs", type=int, default=30, help="1+1 cells per mark (each kernel)")
    ap.add_argument("--def-runs", type=int, default=15, help="growth cells timed per mark (each kernel)")
    ap.add_argument("kernels", nargs="*", default=["procbook", "python3"])
    args = ap.parse_args()
    marks = sorted(int(m) for m in args.marks.split(","))
    for name in args.kernels:
        measure(name, marks, args.runs, args.def_runs)


if __name__ == "__main__":
    main()
