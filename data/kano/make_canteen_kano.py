"""Generate the synthetic Kano class sample ``canteen_kano.csv`` (run from anywhere; writes next to this file).

A made-up class of 60 students answers the functional / dysfunctional Kano questions for six
canteen features. Each feature has an intended mix of categories (below); every answer pair is
drawn from pairs that the Kano evaluation table (Berger et al. 1993) maps to the drawn category,
so the sample shows the categories it was built to show, with noise. Seeded: running it again
gives the same file byte for byte.

    .venv/bin/python data/kano/make_canteen_kano.py
"""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

SEED = 20261201
N_STUDENTS = 60
CATEGORIES = ("A", "O", "M", "I", "R", "Q")
#: Intended category mix per feature (probabilities of A, O, M, I, R, Q).
MIX = {
    "clean_tableware":  (0.05, 0.20, 0.62, 0.10, 0.00, 0.03),
    "short_queue":      (0.12, 0.55, 0.20, 0.10, 0.00, 0.03),
    "free_soup":        (0.58, 0.12, 0.05, 0.22, 0.00, 0.03),
    "app_preorder":     (0.45, 0.15, 0.05, 0.30, 0.03, 0.02),
    "menu_calories":    (0.18, 0.08, 0.04, 0.62, 0.06, 0.02),
    "background_music": (0.15, 0.05, 0.02, 0.50, 0.25, 0.03),
}
#: Answer pairs (functional, dysfunctional) giving each category in the evaluation table.
PAIRS = {
    "A": [("like", "must_be"), ("like", "neutral"), ("like", "live_with")],
    "O": [("like", "dislike")],
    "M": [("must_be", "dislike"), ("neutral", "dislike"), ("live_with", "dislike")],
    "I": [(f, d) for f in ("must_be", "neutral", "live_with") for d in ("must_be", "neutral", "live_with")],
    "R": [("dislike", "like"), ("dislike", "neutral"), ("neutral", "like"), ("live_with", "like"), ("dislike", "live_with")],
    "Q": [("like", "like"), ("dislike", "dislike")],
}


def main() -> Path:
    rng = np.random.default_rng(SEED)
    rows = []
    for s in range(1, N_STUDENTS + 1):
        for feature, mix in MIX.items():
            cat = CATEGORIES[rng.choice(len(CATEGORIES), p=np.array(mix) / sum(mix))]
            f, d = PAIRS[cat][rng.integers(len(PAIRS[cat]))]
            rows.append((f"S{s:03d}", feature, f, d))
    out = Path(__file__).with_name("canteen_kano.csv")
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("respondent", "feature", "functional", "dysfunctional"))
        w.writerows(rows)
    return out


if __name__ == "__main__":
    print(main())
