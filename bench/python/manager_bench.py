#!/usr/bin/python3
"""The Manager dict benchmark of bench/java/ManagerBench.java, measured with Python's multiprocessing.

A child process does d['k'] = i; d['k'] on a Manager().dict() proxy; both calls count as ops. It also counts
the voluntary context switches per op of itself (the client) and of the manager's server process. One JSON line:
    /usr/bin/python3 bench/python/manager_bench.py
"""
import glob
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


def switches(pid):
    """Voluntary context switches of every thread of process pid so far."""
    n = 0
    for status in glob.glob('/proc/%s/task/*/status' % pid):
        try:
            with open(status) as f:
                for line in f:
                    if line.startswith('voluntary_ctxt_switches:'):
                        n += int(line.split()[1])
        except OSError:
            pass  # the thread ended meanwhile
    return n


def child(d, results, server):
    loop(d, WARMUP)
    for _ in range(REPEATS):
        c0, s0 = switches('self'), switches(server)
        t0 = time.perf_counter()
        loop(d, ROUNDS)
        secs = time.perf_counter() - t0
        results.append((2 * ROUNDS / secs, (switches('self') - c0) / (2 * ROUNDS),
                        (switches(server) - s0) / (2 * ROUNDS)))


def main():
    with mp.Manager() as m:
        d = m.dict()
        results = m.list()
        p = mp.Process(target=child, args=(d, results, m._process.pid))
        p.start()
        p.join()
        if p.exitcode != 0:
            raise RuntimeError('child failed')
        ops, client, server = max(results)
        print(json.dumps({"bench": "manager_dict", "impl": "python", "ops_per_s": round(ops), "ops": 2 * ROUNDS,
                          "client_switches_per_op": round(client, 2), "server_switches_per_op": round(server, 2),
                          "note": "put+get from a child process, best of %d" % REPEATS}),
              flush=True)


if __name__ == '__main__':
    main()
