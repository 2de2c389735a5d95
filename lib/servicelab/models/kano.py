"""The Kano model: which service features delight, which are expected, which are taken for granted.

Course link: C5.3 / C5.5 (an unexpected touch delights, a missing basic angers). The Kano model is
not in the course outline; it is the published model behind that observation (Kano, Seraku,
Takahashi & Tsuji 1984), with the evaluation table and the satisfaction / dissatisfaction
coefficients of Berger et al. (1993).

Answer codes (functional and dysfunctional question alike): ``like``, ``must_be``, ``neutral``,
``live_with``, ``dislike``; translate with ``t("kano.answer." + code)``. Category codes ``A``,
``O``, ``M``, ``I``, ``R``, ``Q``; translate with ``t("kano.category." + code)``.
"""
from __future__ import annotations

import pandas as pd

from ..errors import ServiceLabError
from ..paths import data_path
from ._inputs import check_choice, check_frame

#: The five answers, in the order of the evaluation table's rows and columns.
ANSWERS: tuple[str, ...] = ("like", "must_be", "neutral", "live_with", "dislike")

#: Categories: attractive, one-dimensional, must-be, indifferent, reverse, questionable.
CATEGORIES: tuple[str, ...] = ("A", "O", "M", "I", "R", "Q")

#: Kano evaluation table (Berger et al. 1993): rows = functional answer, columns =
#: dysfunctional answer, both in :data:`ANSWERS` order.
_TABLE_ROWS: dict[str, str] = {
    "like":      "QAAAO",
    "must_be":   "RIIIM",
    "neutral":   "RIIIM",
    "live_with": "RIIIM",
    "dislike":   "RRRRQ",
}
EVALUATION_TABLE: dict[tuple[str, str], str] = {
    (f, d): row[j] for f, row in _TABLE_ROWS.items() for j, d in enumerate(ANSWERS)
}

#: Tie-break order when two categories are equally frequent: the rule of thumb of the Kano
#: literature (M > O > A > I: the requirement that hurts most when missing first), then R, Q.
TIE_ORDER: tuple[str, ...] = ("M", "O", "A", "I", "R", "Q")


def _answer(value, name: str) -> str:
    return check_choice(value, name, ANSWERS, key="kano.error.answer",
                        key_params={"what": name, "value": value, "allowed": ", ".join(ANSWERS)})


def kano_category(functional: str, dysfunctional: str) -> str:
    """The Kano category of one answer pair, read off the evaluation table.

    Parameters
    ----------
    functional : str
        Answer to "how do you feel if the service **has** this feature?", one of :data:`ANSWERS`.
    dysfunctional : str
        Answer to "how do you feel if it does **not** have it?".

    Returns
    -------
    str
        ``"A"`` attractive, ``"O"`` one-dimensional, ``"M"`` must-be, ``"I"`` indifferent,
        ``"R"`` reverse or ``"Q"`` questionable (a contradictory pair such as like/like).

    Raises
    ------
    ServiceLabError
        If an answer is not one of the five codes (the message lists them).

    Notes
    -----
    Rows (functional) × columns (dysfunctional), answers in the order like, must-be, neutral,
    live with, dislike::

        like       Q A A A O
        must-be    R I I I M
        neutral    R I I I M
        live with  R I I I M
        dislike    R R R R Q

    References
    ----------
    Kano, N., Seraku, N., Takahashi, F. & Tsuji, S. (1984). Attractive quality and must-be
    quality. *Journal of the Japanese Society for Quality Control*, 14(2), 39–48.
    Berger, C. et al. (1993). Kano's methods for understanding customer-defined quality.
    *Center for Quality Management Journal*, 2(4), 3–36.

    Examples
    --------
    >>> kano_category("like", "dislike"), kano_category("neutral", "dislike"), kano_category("like", "neutral")
    ('O', 'M', 'A')
    """
    return EVALUATION_TABLE[(_answer(functional, "functional"), _answer(dysfunctional, "dysfunctional"))]


def kano_classify(answers: pd.DataFrame) -> pd.DataFrame:
    """Classify every feature of a Kano survey: category counts, the most frequent category, CS and DS.

    Parameters
    ----------
    answers : pandas.DataFrame
        One row per respondent and feature, with columns ``feature``, ``functional`` and
        ``dysfunctional`` (answer codes of :data:`ANSWERS`); other columns are ignored.

    Returns
    -------
    pandas.DataFrame
        One row per feature (in order of first appearance): ``feature``, ``n``, the counts ``A``,
        ``O``, ``M``, ``I``, ``R``, ``Q``, ``category`` (the most frequent; ties broken in the
        order M, O, A, I, R, Q), ``cs`` and ``ds``.

    Raises
    ------
    ServiceLabError
        A missing column, or an answer that is not one of the five codes (naming the row).

    Notes
    -----
    Berger et al.'s (1993) coefficients, R and Q left out:

    .. math:: CS = \\frac{A + O}{A + O + M + I}, \\qquad DS = -\\frac{O + M}{A + O + M + I}

    CS near 1: having the feature raises satisfaction; DS near −1: lacking it causes
    dissatisfaction. A feature whose answers are all R or Q has no coefficients (NaN).

    References
    ----------
    Berger, C. et al. (1993). Kano's methods for understanding customer-defined quality.
    *Center for Quality Management Journal*, 2(4), 3–36.

    Examples
    --------
    >>> df = pd.DataFrame({"feature": ["wifi"] * 4, "functional": ["like", "like", "neutral", "must_be"],
    ...                    "dysfunctional": ["neutral", "dislike", "dislike", "neutral"]})
    >>> out = kano_classify(df)
    >>> out.loc[0, ["A", "O", "M", "I"]].astype(int).tolist(), out.loc[0, "category"]
    ([1, 1, 1, 1], 'M')
    >>> float(out.loc[0, "cs"]), float(out.loc[0, "ds"])
    (0.5, -0.5)
    """
    frame = check_frame(answers, "answers")
    for col in ("feature", "functional", "dysfunctional"):
        if col not in frame.columns:
            raise ServiceLabError("kano.error.column", column=col)
    cats = []
    for row, (f, d) in enumerate(zip(frame["functional"], frame["dysfunctional"]), start=1):
        try:
            cats.append(EVALUATION_TABLE[(_answer(f, "functional"), _answer(d, "dysfunctional"))])
        except ServiceLabError:
            raise ServiceLabError("kano.error.answer_row", row=row, functional=f, dysfunctional=d,
                                  allowed=", ".join(ANSWERS)) from None
    tagged = pd.DataFrame({"feature": frame["feature"].to_numpy(), "category": cats})
    counts = (tagged.groupby(["feature", "category"], sort=False).size().unstack(fill_value=0)
              .reindex(columns=list(CATEGORIES), fill_value=0))
    counts = counts.reindex(pd.unique(tagged["feature"]))
    rows = []
    for feature, c in counts.iterrows():
        c = {k: int(c[k]) for k in CATEGORIES}
        best = max(TIE_ORDER, key=lambda k: (c[k], -TIE_ORDER.index(k)))
        rows.append({"feature": feature, "n": sum(c.values()), **c, "category": best,
                     **kano_coefficients(c)})
    return pd.DataFrame(rows, columns=["feature", "n", *CATEGORIES, "category", "cs", "ds"])


def kano_coefficients(counts) -> dict[str, float]:
    """Berger et al.'s satisfaction (CS) and dissatisfaction (DS) coefficients from category counts.

    Parameters
    ----------
    counts : mapping
        Counts of ``A``, ``O``, ``M``, ``I`` (others ignored; a missing one counts 0), each ≥ 0.

    Returns
    -------
    dict
        ``{"cs": CS, "ds": DS}``; both NaN when A + O + M + I = 0.

    Notes
    -----
    .. math:: CS = \\frac{A + O}{A + O + M + I}, \\qquad DS = -\\frac{O + M}{A + O + M + I}

    References
    ----------
    Berger, C. et al. (1993). Kano's methods for understanding customer-defined quality.
    *Center for Quality Management Journal*, 2(4), 3–36.

    Examples
    --------
    >>> kano_coefficients({"A": 10, "O": 5, "M": 3, "I": 2})
    {'cs': 0.75, 'ds': -0.4}
    """
    if not hasattr(counts, "get"):
        raise ServiceLabError("kano.error.counts", value=str(counts)[:40])
    vals = {}
    for k in ("A", "O", "M", "I"):
        v = counts.get(k, 0)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0 or v != v:
            raise ServiceLabError("kano.error.counts", value=f"{k}={v}")
        vals[k] = float(v)
    total = vals["A"] + vals["O"] + vals["M"] + vals["I"]
    if total == 0:
        return {"cs": float("nan"), "ds": float("nan")}
    return {"cs": (vals["A"] + vals["O"]) / total, "ds": -(vals["O"] + vals["M"]) / total}


def load_class_sample() -> pd.DataFrame:
    """The shipped synthetic class sample (``data/kano/canteen_kano.csv``; see its README).

    Returns
    -------
    pandas.DataFrame
        Columns ``respondent``, ``feature``, ``functional``, ``dysfunctional``.
    """
    return pd.read_csv(data_path("kano", "canteen_kano.csv"), dtype=str)


def load_features() -> pd.DataFrame:
    """The feature codes of the class sample (``data/kano/features.csv``, column ``feature``);
    their names translate with ``t("kano.feature." + code)``."""
    return pd.read_csv(data_path("kano", "features.csv"), dtype=str)
