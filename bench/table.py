"""Reads benchmark JSON lines on stdin and prints one Markdown table row per (bench, impl)."""
import json
import sys

rows = []
for line in sys.stdin:
    line = line.strip()
    if not line.startswith("{"):
        continue
    r = json.loads(line)
    metric = next((k for k in r if k not in ("bench", "impl", "n", "code", "note")), None)
    rows.append((r["bench"], r["impl"], metric, r.get(metric)))
print("| benchmark | implementation | metric | value |")
print("|---|---|---|---|")
for bench, impl, metric, value in rows:
    print(f"| {bench} | {impl} | {metric} | {value} |")
