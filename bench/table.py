"""Reads benchmark JSON lines on stdin and prints Markdown tables: one row per (bench, impl, java), and the
session growth rows (session_growth.py) as a table of their own, one row per kernel and mark.

A row that ran several times (bench/run repeats the process scenarios) shows the median of its runs; the CPU
time the children used per start and the machine's 1-minute load average, when a row gives them, are shown
beside it (the load as the range over the runs).
"""
import json
import statistics
import sys

NOT_METRICS = ("bench", "impl", "n", "code", "note", "java", "load1", "child_cpu_ms", "min_ms")

groups = {}
growth = []
ratios = []
for line in sys.stdin:
    line = line.strip()
    if not line.startswith("{"):
        continue
    r = json.loads(line)
    if r["bench"] == "session_growth":
        growth.append(r)
        continue
    if r["bench"] == "session_growth_ratio":
        ratios.append(r)
        continue
    metric = next((k for k in r if k not in NOT_METRICS), None)
    key = (r["bench"], r["impl"], r.get("java", ""), metric)
    groups.setdefault(key, []).append(r)


def median(rows, field):
    values = [row[field] for row in rows if isinstance(row.get(field), (int, float))]
    return round(statistics.median(values), 2) if values else ""


if groups:
    print("| benchmark | implementation | java | metric | value | runs | child CPU per start (ms) | load |")
    print("|---|---|---|---|---|---|---|---|")
    for (bench, impl, java, metric), rows in groups.items():
        value = median(rows, metric) if metric else ""
        if value == "" and metric:
            value = rows[-1].get(metric)
        loads = [row["load1"] for row in rows if "load1" in row]
        load = "" if not loads else (f"{min(loads)}" if min(loads) == max(loads) else f"{min(loads)}-{max(loads)}")
        print(f"| {bench} | {impl} | {java} | {metric} | {value} | {len(rows)} | {median(rows, 'child_cpu_ms')}"
              f" | {load} |")
if growth:
    if groups:
        print()
    print("| kernel | live snippets | `1+1` median (twin) | `1+1` kernel CPU | definition cell median (twin)"
          " | kernel RSS (twin) | load |")
    print("|---|---|---|---|---|---|---|")
    for r in growth:
        print(f"| {r['impl']} | {r['snippets']:,} | {r['one_plus_one_ms']} ms ({r['twin_one_plus_one_ms']})"
              f" | {r['one_plus_one_cpu_ms']} ms | {r['def_cell_ms']} ms ({r['twin_def_cell_ms']})"
              f" | {r['rss_mib']} MiB ({r['twin_rss_mib']}) | {r['load']} |")
    for r in ratios:
        print(f"\n{r['impl']}, {r['snippets']} snippets: `1+1` x{r['one_plus_one_x']} (x{r['one_plus_one_x_twin']}"
              f" its twin), definition cell x{r['def_cell_x']} (x{r['def_cell_x_twin']} its twin),"
              f" RSS {r['rss_mib_per_1000']:+} MiB per 1,000 snippets (its twin {r['twin_rss_mib_growth']:+} MiB)")
