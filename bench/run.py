"""Run every benchmark: print a table and write JSON to bench/results/ (git-ignored).

    make bench                 # everything
    python bench/run.py core   # one group: core, scoring, notebooks, latency, tiers, quiz, survey, capacity, process, loyalty, classroom, 'class panel', pagesize, 'mock start'
"""
from __future__ import annotations

import datetime as dt
import json
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_core  # noqa: E402

GROUPS = {
    "import": bench_core.run_import,
    "scoring": bench_core.run_scoring,
    "tiers": lambda: __import__("bench_tiers").run(),
    "quiz": lambda: __import__("bench_quiz").run(),
    "survey": lambda: __import__("bench_survey").run(),
    "process": lambda: __import__("bench_process").run(),
    "capacity": lambda: __import__("bench_capacity").run(),
    "loyalty": lambda: __import__("bench_loyalty").run(),
    "classroom": lambda: __import__("bench_classroom").run(),
    "class panel": lambda: __import__("bench_class_panel").run(),
    "notebooks": bench_core.run_notebooks,
    "latency": lambda: __import__("bench_latency").run(),
    "pagesize": lambda: __import__("bench_page_size").run(),
    "mock start": lambda: __import__("bench_mock_start").run(),
}


def verdict(row: dict) -> str:
    v, t = row.get("value"), row.get("target")
    if v is None:
        return "skipped"
    if t is None:
        return ""
    return "ok" if v <= t else "MISSED"


def main(argv: list[str]) -> int:
    chosen = argv or list(GROUPS)
    rows = []
    for name in chosen:
        print(f"… {name}", flush=True)
        for row in GROUPS[name]():
            row["group"] = name
            rows.append(row)
    width = max(len(r["name"]) for r in rows)
    print(f"\n{'benchmark'.ljust(width)}  {'value':>10}  {'target':>10}  unit  verdict  note")
    for r in rows:
        val = "–" if r.get("value") is None else f"{r['value']:.4g}"
        tgt = "–" if r.get("target") is None else f"{r['target']:.4g}"
        print(f"{r['name'].ljust(width)}  {val:>10}  {tgt:>10}  {r.get('unit', ''):4}  {verdict(r):7}  {r.get('note', '')}")
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = out_dir / f"bench-{stamp}.json"
    out.write_text(json.dumps({"when": stamp, "python": platform.python_version(), "machine": platform.machine(),
                               "rows": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwritten: {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
