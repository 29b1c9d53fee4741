"""Process start+join latency of Python's multiprocessing, for comparison with procbook's Process.

Prints one JSON object per start method: median of 30 start()+join() of a trivial target, after 3 warm-up
runs. Run with /usr/bin/python3.
"""
import json
import multiprocessing as mp
import os
import statistics
import time

N = 30


def noop():
    pass


def measure(method):
    ctx = mp.get_context(method)
    for _ in range(3):
        p = ctx.Process(target=noop)
        p.start()
        p.join()
    times = []
    for _ in range(N):
        t0 = time.perf_counter()
        p = ctx.Process(target=noop)
        p.start()
        p.join()
        times.append((time.perf_counter() - t0) * 1000)
    return times


if __name__ == "__main__":
    for method in ("fork", "forkserver", "spawn"):
        t = measure(method)
        print(json.dumps({"bench": "process_start", "impl": "python-" + method,
                          "median_ms": round(statistics.median(t), 2), "min_ms": round(min(t), 2), "n": N,
                          "load1": round(os.getloadavg()[0], 2)}),
              flush=True)
