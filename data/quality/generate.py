"""Regenerate the seeded synthetic files of this folder (run: .venv/bin/python data/quality/generate.py).

Both files are teaching illustrations made by the library's own generators, so a test can
regenerate them and compare: ``complaint_month.csv`` = ``control.synthetic_month(seed=10)`` and
``call_log.csv`` = ``quality.synthetic_call_log()`` (seed 10).
"""
from pathlib import Path

from servicelab.models import control, quality

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    control.synthetic_month(seed=10).to_csv(HERE / "complaint_month.csv", index=False, lineterminator="\n")
    quality.synthetic_call_log(seed=10).to_csv(HERE / "call_log.csv", index=False, lineterminator="\n")
