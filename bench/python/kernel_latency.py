"""Kernel start (launch to kernel_info_reply) and `1+1` round trip, procbook beside ipykernel, same run.

Prints one JSON object per line. Usage: kernel_latency.py [--runs N] [--starts N] [KERNEL ...]
A kernel name may carry its own code for the round trip as NAME=CODE (default: 1+1).

Besides wall-clock medians it reports the CPU time the kernel process used (all its threads: JIT compilers and
GC included), read from /proc: for the start, up to kernel_info_reply; for the round trips, per cell. CPU time
hardly depends on what else loads the machine, so it compares runs made at different moments; the load
average of the moment is printed with every line.
"""
import argparse
import json
import os
import statistics
import time

from jupyter_client.manager import KernelManager


def cpu_seconds(km):
    """User + system CPU time of the kernel process so far (Linux /proc), or None elsewhere."""
    try:
        with open(f"/proc/{km.provisioner.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, AttributeError, ValueError, IndexError):
        return None


def one_start(name):
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)  # sends kernel_info_request until a reply comes
        return time.perf_counter() - t0, cpu_seconds(km), km, kc
    except Exception:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise


def round_trips(kc, code, runs):
    times = []
    for _ in range(runs + 5):
        t0 = time.perf_counter()
        msg_id = kc.execute(code)
        while True:  # the round trip ends when the cell's result and the idle status have arrived
            msg = kc.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" \
                    and msg["content"]["execution_state"] == "idle":
                break
        kc.get_shell_msg(timeout=30)
        times.append(time.perf_counter() - t0)
    return times[5:]  # the first few warm the JIT of both kernels


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("kernels", nargs="*", default=["procbook", "python3=1+1"])
    args = ap.parse_args()
    for spec in args.kernels:
        name, _, code = spec.partition("=")
        code = code or "1+1"
        starts, start_cpu = [], []
        for i in range(args.starts):
            dt, cpu, km, kc = one_start(name)
            starts.append(dt)
            start_cpu.append(cpu)
            if i < args.starts - 1:
                kc.stop_channels()
                km.shutdown_kernel(now=False)
        load = os.getloadavg()[0]
        cpu0 = cpu_seconds(km)
        rt = round_trips(kc, code, args.runs)
        cpu1 = cpu_seconds(km)
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        known = [c for c in start_cpu if c is not None]
        print(json.dumps({"bench": "kernel_start", "impl": name, "median_ms": round(statistics.median(starts) * 1e3, 1),
                          "cpu_ms": round(statistics.median(known) * 1e3) if known else None,
                          "n": len(starts), "load": round(load, 2)}))
        # The CPU count includes the few warm-up cells round_trips leaves out of its times.
        per_cell = (cpu1 - cpu0) / (args.runs + 5) * 1e3 if cpu0 is not None and cpu1 is not None else None
        print(json.dumps({"bench": "cell_round_trip", "impl": name, "code": code,
                          "median_ms": round(statistics.median(rt) * 1e3, 2),
                          "cpu_ms_per_cell": round(per_cell, 2) if per_cell is not None else None,
                          "n": len(rt), "load": round(os.getloadavg()[0], 2)}))


if __name__ == "__main__":
    main()
