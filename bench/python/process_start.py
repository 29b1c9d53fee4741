"""Process start latency of Python's multiprocessing, for comparison with procbook's Process.

Prints one JSON object per start method (fork, forkserver, spawn) and scenario, as bench/java/ProcessStart.java
does for procbook:
  single: median of 30 start()+join() of a trivial target, after 3 warm-up runs;
  loop:   200 x (start, join) back to back: the mean per iteration;
  burst:  2 x cores processes started one after the other, then joined: the time until all have exited, the
          first time and again.
Each row also gives the CPU time the children used per start (reaped children's user+system time) and the
1-minute load average. Run with /usr/bin/python3: process_start.py [single|loop|burst].
"""
import json
import multiprocessing as mp
import os
import statistics
import sys
import time

N = 30
LOOP = 200


def noop():
    pass


def child_cpu_ms():
    t = os.times()
    return (t.children_user + t.children_system) * 1000


def once(ctx):
    t0 = time.perf_counter()
    p = ctx.Process(target=noop)
    p.start()
    p.join()
    if p.exitcode != 0:
        raise RuntimeError("child failed with exit code %s" % p.exitcode)
    return (time.perf_counter() - t0) * 1000


def emit(bench, method, n, cpu0, **values):
    row = {"bench": bench, "impl": "python-" + method}
    row.update(values)
    row.update({"n": n, "child_cpu_ms": round((child_cpu_ms() - cpu0) / n, 1),
                "load1": round(os.getloadavg()[0], 2)})
    print(json.dumps(row), flush=True)


def single(method):
    ctx = mp.get_context(method)
    for _ in range(3):
        once(ctx)
    cpu0 = child_cpu_ms()
    t = [once(ctx) for _ in range(N)]
    emit("process_start", method, N, cpu0, median_ms=round(statistics.median(t), 2), min_ms=round(min(t), 2))


def loop(method):
    ctx = mp.get_context(method)
    once(ctx)
    cpu0 = child_cpu_ms()
    t0 = time.perf_counter()
    for _ in range(LOOP):
        once(ctx)
    emit("process_loop", method, LOOP, cpu0, mean_ms=round((time.perf_counter() - t0) * 1000 / LOOP, 2))


def burst(method):
    ctx = mp.get_context(method)
    n = 2 * os.cpu_count()
    once(ctx)
    for when in ("first", "again"):
        cpu0 = child_cpu_ms()
        t0 = time.perf_counter()
        ps = [ctx.Process(target=noop) for _ in range(n)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
            if p.exitcode != 0:
                raise RuntimeError("child failed with exit code %s" % p.exitcode)
        emit("process_burst_" + when, method, n, cpu0, total_ms=round((time.perf_counter() - t0) * 1000, 2))


if __name__ == "__main__":
    scenario = sys.argv[1] if len(sys.argv) > 1 else "single"
    run = {"single": single, "loop": loop, "burst": burst}[scenario]
    for method in ("fork", "forkserver", "spawn"):
        run(method)
