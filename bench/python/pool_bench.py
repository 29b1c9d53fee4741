"""Pool throughput and scaling of Python's multiprocessing, for comparison with procbook's Pool.

Prints JSON lines: Pool(2).map of a trivial function over 10,000 items with chunksize 1 and over 100,000 items
with the default chunking (tasks/s, median of several runs after warm-up), and a CPU-bound task (counting
primes) with 1..N workers on N cores: speed-up over one worker. Run with /usr/bin/python3.
"""
import json
import multiprocessing as mp
import os
import statistics
import time


def identity(x):
    return x


def primes(n):
    count = 0
    for k in range(2, n):
        d = 2
        prime = True
        while d * d <= k:
            if k % d == 0:
                prime = False
                break
            d += 1
        if prime:
            count += 1
    return count


def rate(pool, items, chunksize, runs):
    r = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = pool.map(identity, items, chunksize) if chunksize else pool.map(identity, items)
        r.append(len(items) / (time.perf_counter() - t0))
        assert out[-1] == items[-1]
    return statistics.median(r)


if __name__ == "__main__":
    small = list(range(10_000))
    big = list(range(100_000))
    with mp.Pool(2) as pool:
        for _ in range(3):
            pool.map(identity, small, 1)
            pool.map(identity, big)
        for bench, items, cs, runs in (("pool_map_chunksize1", small, 1, 7), ("pool_map_default_chunks", big, 0, 15)):
            print(json.dumps({"bench": bench, "impl": "python", "tasks_per_s": round(rate(pool, items, cs, runs)),
                              "load1": round(os.getloadavg()[0], 2)}), flush=True)
    cores = os.cpu_count()
    tasks = 4 * cores
    limit = 150_000
    expected = primes(limit)
    one = None
    for w in range(1, cores + 1):
        with mp.Pool(w) as p:
            p.map(primes, [2_000] * w, 1)
            t0 = time.perf_counter()
            counts = p.map(primes, [limit] * tasks, 1)
            s = time.perf_counter() - t0
        assert all(c == expected for c in counts)
        one = one or s
        print(json.dumps({"bench": "pool_cpu_speedup", "impl": f"python-{w}w", "speedup": round(one / s, 2),
                          "seconds": round(s, 3), "target": round(0.9 * w, 2), "n": tasks,
                          "load1": round(os.getloadavg()[0], 2)}), flush=True)
