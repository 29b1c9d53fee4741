#!/usr/bin/python3
"""The Manager dict benchmark of bench/java/ManagerBench.java, measured with Python's multiprocessing.

A child process does d['k'] = i; d['k'] on a Manager().dict() proxy; both calls count as ops. One JSON line:
    /usr/bin/python3 bench/python/manager_bench.py
"""
import json
import multiprocessing as mp
import time

WARMUP = 2_000
ROUNDS = 20_000
REPEATS = 3


def loop(d, n):
    for i in range(n):
        d['k'] = i
        if d['k'] != i:
            raise RuntimeError('lost write %d' % i)


def child(d, results):
    loop(d, WARMUP)
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        loop(d, ROUNDS)
        results.append(2 * ROUNDS / (time.perf_counter() - t0))


def main():
    with mp.Manager() as m:
        d = m.dict()
        results = m.list()
        p = mp.Process(target=child, args=(d, results))
        p.start()
        p.join()
        if p.exitcode != 0:
            raise RuntimeError('child failed')
        print(json.dumps({"bench": "manager_dict", "impl": "python", "ops_per_s": round(max(results)),
                          "ops": 2 * ROUNDS, "note": "put+get from a child process, best of %d" % REPEATS}),
              flush=True)


if __name__ == '__main__':
    main()
