"""Benchmark: memory and time to read a 20 MB class survey (issue 7, item 14: "well under 1 GB").

The survey is written to a temporary file (ids, a name and a timestamp column, 44 ratings, like a
问卷星 export), then read by :func:`servicelab.io.survey.read_survey` and analysed
(gap scores, item summary, reliability) in a **fresh** Python process, so the peak resident memory
(``ru_maxrss``) is that of reading the survey, not of whatever ran before. The row reports that
peak for the whole process (interpreter, numpy, pandas included), target 1024 MB; a second row
the extra memory over the process just before reading (imports done, file bytes not yet read),
and a third the time.

Run on its own with ``python bench/bench_survey.py``.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

SIZE_MB = 20
_CHILD = r"""
import json, resource, sys, time
from servicelab.io.survey import read_survey
from servicelab.models import servqual as sq
def peak_kb():
    # VmHWM belongs to this process's own memory map (new at exec); ru_maxrss is kept across
    # fork + exec, so a child of a large benchmark runner would report the runner's peak
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
before = peak_kb()
start = time.perf_counter()
s = read_survey(sys.argv[1])
sq.gap_scores(s.expectations, s.perceptions)
sq.item_summary(s.expectations, s.perceptions)
sq.dimension_reliability(s.responses)
seconds = time.perf_counter() - start
peak = peak_kb()
print(json.dumps({"peak_kb": peak, "before_kb": before, "seconds": seconds, "n": s.report.n_respondents}))
"""


def write_survey(path: Path, size_mb: int = SIZE_MB, seed: int = 20261201) -> int:
    """Write a ``size_mb`` MB survey CSV; return its number of respondents."""
    rng = random.Random(seed)
    header = ["id", "姓名", "提交答卷时间", *[f"E{i}" for i in range(1, 23)], *[f"P{i}" for i in range(1, 23)]]
    target, size, n = size_mb * 1024 * 1024, 0, 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(header) + "\n")
        while size < target:
            line = ",".join([f"2026{n:06d}", "张三", "2026/9/14 12:00", *(str(rng.randint(1, 7)) for _ in range(44))]) + "\n"
            f.write(line)
            size += len(line.encode("utf-8"))
            n += 1
    return n


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="servicelab-bench-survey-") as tmp:
        path = Path(tmp) / "class_20mb.csv"
        n = write_survey(path)
        out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["n"] == n, (result, n)
    note = f"{SIZE_MB} MB CSV, {n} respondents, fresh process"
    return [
        {"name": "survey_20mb_peak_rss", "value": result["peak_kb"] / 1024, "target": 1024.0, "unit": "MB", "note": note},
        {"name": "survey_20mb_extra_rss", "value": (result["peak_kb"] - result["before_kb"]) / 1024, "target": None,
         "unit": "MB", "note": "over the process after imports"},
        {"name": "survey_20mb_read_analyse", "value": result["seconds"], "target": None, "unit": "s", "note": note},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
