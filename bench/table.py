"""Reads benchmark JSON lines on stdin and prints Markdown tables: one row per (bench, impl), and the session
growth rows (session_growth.py) as a table of their own, one row per kernel and mark."""
import json
import sys

rows = []
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
    metric = next((k for k in r if k not in ("bench", "impl", "n", "code", "note")), None)
    rows.append((r["bench"], r["impl"], metric, r.get(metric)))
if rows:
    print("| benchmark | implementation | metric | value |")
    print("|---|---|---|---|")
    for bench, impl, metric, value in rows:
        print(f"| {bench} | {impl} | {metric} | {value} |")
if growth:
    if rows:
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
