"""Reads benchmark JSON lines on stdin and prints one Markdown table row per (bench, impl, java).

A row that ran several times (bench/run repeats the process scenarios) shows the median of its runs; the CPU
time the children used per start and the machine's 1-minute load average, when a row gives them, are shown
beside it (the load as the range over the runs).
"""
import json
import statistics
import sys

NOT_METRICS = ("bench", "impl", "n", "code", "note", "java", "load1", "child_cpu_ms", "min_ms")

groups = {}
for line in sys.stdin:
    line = line.strip()
    if not line.startswith("{"):
        continue
    r = json.loads(line)
    metric = next((k for k in r if k not in NOT_METRICS), None)
    key = (r["bench"], r["impl"], r.get("java", ""), metric)
    groups.setdefault(key, []).append(r)


def median(rows, field):
    values = [row[field] for row in rows if isinstance(row.get(field), (int, float))]
    return round(statistics.median(values), 2) if values else ""


print("| benchmark | implementation | java | metric | value | runs | child CPU per start (ms) | load |")
print("|---|---|---|---|---|---|---|---|")
for (bench, impl, java, metric), rows in groups.items():
    value = median(rows, metric) if metric else ""
    if value == "" and metric:
        value = rows[-1].get(metric)
    loads = [row["load1"] for row in rows if "load1" in row]
    load = "" if not loads else (f"{min(loads)}" if min(loads) == max(loads) else f"{min(loads)}-{max(loads)}")
    print(f"| {bench} | {impl} | {java} | {metric} | {value} | {len(rows)} | {median(rows, 'child_cpu_ms')} | {load} |")
