#!/usr/bin/python3
"""The IPC benchmarks of bench/java/IpcBench.java, measured with Python's multiprocessing on the same machine.

Prints one JSON object per line, same bench names and fields as the Java side:
    /usr/bin/python3 bench/python/ipc_bench.py
"""
import json
import multiprocessing as mp
import os
import statistics
import time

QUEUE_MSGS = 200_000
PIPE_TRIPS = 5_000
LOCK_OPS = 100_000


def emit(bench, **fields):
    print(json.dumps({"bench": bench, "impl": "python", **fields}), flush=True)


def produce(q, n):
    for _ in range(2):
        for i in range(n):
            q.put(i)


def queue_1to1():
    q = mp.Queue()
    p = mp.Process(target=produce, args=(q, QUEUE_MSGS))
    p.start()
    for _ in range(QUEUE_MSGS):
        q.get()
    q.get()
    t0 = time.perf_counter()
    for _ in range(1, QUEUE_MSGS):
        q.get()
    s = time.perf_counter() - t0
    p.join()
    emit("queue_1to1", msgs_per_s=round((QUEUE_MSGS - 1) / s), msgs=QUEUE_MSGS)


def echo(conn, n):
    for _ in range(n):
        conn.send(conn.recv())


def pipe_roundtrip():
    left, right = mp.Pipe()
    p = mp.Process(target=echo, args=(right, 2 * PIPE_TRIPS))
    p.start()
    right.close()
    times = []
    for rnd in range(2):
        times = []
        for i in range(PIPE_TRIPS):
            t0 = time.perf_counter_ns()
            left.send(i)
            left.recv()
            times.append(time.perf_counter_ns() - t0)
    p.join()
    times.sort()
    emit("pipe_roundtrip", median_us=round(times[len(times) // 2] / 1e3, 2),
         p99_us=round(times[len(times) * 99 // 100] / 1e3, 2), trips=PIPE_TRIPS)


def count(v, ready, done, go, n):
    with ready.get_lock():
        ready.value += 1
    go.wait()
    for _ in range(n):
        with v.get_lock():
            v.value += 1
    with done.get_lock():
        done.value += 1


def value_lock_2proc():
    v = mp.Value('q', 0)
    ready = mp.Value('i', 0)
    done = mp.Value('i', 0)
    go = mp.Event()
    ps = [mp.Process(target=count, args=(v, ready, done, go, LOCK_OPS)) for _ in range(2)]
    for p in ps:
        p.start()
    while ready.value < 2:
        time.sleep(0.001)
    t0 = time.perf_counter()
    go.set()
    while done.value < 2:
        pass
    s = time.perf_counter() - t0
    for p in ps:
        p.join()
    assert v.value == 2 * LOCK_OPS, v.value
    emit("value_lock_2proc", ops_per_s=round(2 * LOCK_OPS / s), ops=2 * LOCK_OPS)


def idle(inq, outq):
    while True:
        m = inq.get()
        if m < 0:
            break
        outq.put(time.monotonic_ns())


def cpu_of(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_waiter():
    inq, outq = mp.Queue(), mp.Queue()
    p = mp.Process(target=idle, args=(inq, outq))
    p.start()
    inq.put(time.monotonic_ns())
    outq.get()
    time.sleep(2)  # same settling time as the Java side
    c0, t0 = cpu_of(p.pid), time.monotonic()
    time.sleep(2)  # the idle period being measured
    cpu, wall = cpu_of(p.pid) - c0, time.monotonic() - t0
    lat = []
    for _ in range(5):
        time.sleep(1)
        sent = time.monotonic_ns()
        inq.put(sent)
        lat.append(outq.get() - sent)
    inq.put(-1)
    p.join()
    emit("idle_waiter", cpu_pct=round(100 * cpu / wall, 3), wake_after_idle_median_us=round(statistics.median(lat) / 1e3, 1))


if __name__ == "__main__":
    queue_1to1()
    pipe_roundtrip()
    value_lock_2proc()
    idle_waiter()
