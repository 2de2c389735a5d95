"""Benchmarks of the exam-prep quiz engine.

Rows (``run() -> list[dict]`` with name, value, target, unit):

* ``quiz.bank_load_first`` — import + first load and validation of the real bank, in a fresh
  Python process (interpreter start-up excluded); no target, reported for the record.
* ``quiz.next_question_after_load`` — ``load_bank()`` (cached) + ``next_question`` with half the
  bank already answered; worst of 20 calls; target ≤ 0.1 s.
* ``quiz.dashboard_10k_answers`` — ``ProgressStore.dashboard`` over 10 000 stored answers;
  worst of 5 calls, pandas already imported (as in a notebook); target ≤ 0.2 s.

Run as a script to print the rows: ``.venv/bin/python bench/bench_quiz.py``. The progress file
is a temporary file (``SERVICELAB_PROGRESS_DB`` is never needed: the path is passed explicitly).
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

LIB = Path(__file__).resolve().parents[1] / "lib"
if str(LIB) not in sys.path:
    sys.path.insert(0, str(LIB))

_FIRST_LOAD = """
import time
t = time.perf_counter()
from servicelab.quiz.bank import load_bank
bank = load_bank()
print(time.perf_counter() - t)
"""


def _first_load() -> float:
    out = subprocess.run([sys.executable, "-c", _FIRST_LOAD], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(LIB)})
    return float(out.stdout.strip().splitlines()[-1])


def _next_question() -> float:
    from servicelab.quiz.bank import load_bank
    from servicelab.quiz.paper import DEFAULT_BLUEPRINT
    from servicelab.quiz.schedule import marks_by_type, next_question, review

    bank = load_bank()
    rng = random.Random(0)
    now = datetime(2025, 6, 1, tzinfo=timezone.utc)
    progress = {}
    for q in bank.questions[::2]:
        progress[q.id] = review(None, q.id, rng.random() < 0.7, now - timedelta(days=rng.randint(0, 20)))
    worst = 0.0
    for _ in range(20):
        t = time.perf_counter()
        bank = load_bank()
        next_question(bank.questions, progress, now, rng, marks=marks_by_type(DEFAULT_BLUEPRINT),
                      exam_date=(now + timedelta(days=40)).date())
        worst = max(worst, time.perf_counter() - t)
    return worst


def _dashboard(n_answers: int = 10_000) -> float:
    import pandas  # noqa: F401 - already loaded in any notebook; keep its import out of the timing

    from servicelab.quiz.bank import load_bank
    from servicelab.storage.progress import EXPORT_FORMAT, EXPORT_VERSION, ProgressStore

    bank = load_bank()
    rng = random.Random(1)
    ids = list(bank.ids)
    t0 = datetime(2025, 1, 1, tzinfo=timezone.utc)
    answers = []
    for i in range(n_answers):
        ok = rng.random() < 0.65
        answers.append({
            "uuid": str(uuid.UUID(int=rng.getrandbits(128))), "question_id": rng.choice(ids), "mode": "practice",
            "response": {"text": "答案" * rng.randint(0, 40), "ticked": [0]}, "score": float(ok), "max_score": 1.0,
            "partial_credit": float(ok), "correct": ok,
            "answered_at": (t0 + timedelta(minutes=27 * i)).isoformat(),
        })
    with tempfile.TemporaryDirectory() as tmp:
        with ProgressStore(Path(tmp) / "bench.db") as store:
            store.import_json({"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "answers": answers})
            now = t0 + timedelta(minutes=27 * n_answers)
            worst = 0.0
            for _ in range(5):
                t = time.perf_counter()
                store.dashboard(bank, now)
                worst = max(worst, time.perf_counter() - t)
    return worst


def run() -> list[dict]:
    """Measure and return the benchmark rows."""
    return [
        {"name": "quiz.bank_load_first", "value": round(_first_load(), 4), "target": None, "unit": "s"},
        {"name": "quiz.next_question_after_load", "value": round(_next_question(), 5), "target": 0.1, "unit": "s"},
        {"name": "quiz.dashboard_10k_answers", "value": round(_dashboard(), 4), "target": 0.2, "unit": "s"},
    ]


if __name__ == "__main__":
    rows = run()
    for row in rows:
        target = "-" if row["target"] is None else f"≤ {row['target']}"
        print(f"{row['name']:<34} {row['value']:>10} {row['unit']}   target {target}")
    print(json.dumps(rows))
