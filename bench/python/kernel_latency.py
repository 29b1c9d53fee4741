"""Kernel start (launch to kernel_info_reply) and `1+1` round trip, procbook beside ipykernel, same run.

Prints one JSON object per line. Usage: kernel_latency.py [--runs N] [--starts N] [KERNEL ...]
A kernel name may carry its own code for the round trip as NAME=CODE (default: 1+1).
"""
import argparse
import json
import statistics
import time

from jupyter_client.manager import KernelManager


def one_start(name):
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)  # sends kernel_info_request until a reply comes
        return time.perf_counter() - t0, km, kc
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
        starts = []
        for i in range(args.starts):
            dt, km, kc = one_start(name)
            starts.append(dt)
            if i < args.starts - 1:
                kc.stop_channels()
                km.shutdown_kernel(now=False)
        rt = round_trips(kc, code, args.runs)
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        print(json.dumps({"bench": "kernel_start", "impl": name, "median_ms": round(statistics.median(starts) * 1e3, 1),
                          "n": len(starts)}))
        print(json.dumps({"bench": "cell_round_trip", "impl": name, "code": code,
                          "median_ms": round(statistics.median(rt) * 1e3, 2), "n": len(rt)}))


if __name__ == "__main__":
    main()
