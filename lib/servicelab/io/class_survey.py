"""The class as the survey: the SERVQUAL round sent to the students' phones, and its answers as a survey.

Class mode (issue 13). The instructor's panel opens a *survey* round (the spec of
:mod:`servicelab.classroom.rounds`) built by :func:`survey_spec`; each phone sends
``{"ratings": {key: int, …}}``. :func:`survey_frame` turns the answers into the wide format of
:func:`servicelab.io.survey.read_survey` (the same format as an uploaded class survey), and
:func:`survey_csv` writes it so that ``read_survey`` reads it back. :func:`class_results` then runs
the chapters' own models on it: chapter 05's gap scores and Cronbach's α per dimension, chapter
08's NPS and importance–performance analysis.

The round's items
-----------------
=======================  ==========  ===============================================================
key                      scale       meaning
=======================  ==========  ===============================================================
``E_<dimension>``        1–7         short form: expectation of the dimension (one per dimension)
``P_<dimension>``        1–7         short form: perception of the dimension
``E1`` … ``E22``         1–7         full form: the 22 SERVQUAL expectation items
``P1`` … ``P22``         1–7         full form: the 22 perception items
``I_<dimension>``        1–10        importance of the dimension
``recommend``            0–10        "would you recommend it to a friend?" (NPS)
=======================  ==========  ===============================================================

Wide format written: ``id`` (``r1``, ``r2``, … in the order the answers arrived — the anonymous
device ids are not written), ``E1``–``E22``, ``P1``–``P22``, ``W1``–``W5`` and ``recommend``
(``read_survey`` reports it as an ignored column).

* **Short form**: a dimension's E and P ratings stand in the wide format in the dimension's first
  item (``E1`` for tangibles, ``E5`` for reliability, …); its other items are left empty (missing).
  The dimension gap is then the gap of that one rating (the SERVQUAL models average the items
  present), and Cronbach's α, which needs at least two items per scale, is not available.
* **Importance → weights**: the five importance ratings of a respondent are turned into the
  SERVQUAL 100-point allocation ``W1``–``W5`` in proportion to the ratings
  (:func:`servicelab.models.servqual.rescale_points`, whole points summing to 100). Chapter 08's
  :func:`~servicelab.models.ipa.survey_ipa` reads them as the importance axis (``importance="weights"``).
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ..models.servqual import (DIMENSION_ITEMS, DIMENSIONS, E_COLUMNS, P_COLUMNS, SCALE_MAX, SCALE_MIN,
                               load_items, rescale_points)
from .survey import W_COLUMNS, Survey, read_survey

#: The two forms of the class survey.
FORMS: tuple[str, ...] = ("short", "full")
#: Range of the importance ratings and of the recommend question.
IMPORTANCE_SCALE = (1, 10)
RECOMMEND_SCALE = (0, 10)
RECOMMEND = "recommend"
#: Fewest complete answers before Cronbach's α is reported (below it, α swings widely from one
#: answer to the next; a rule of thumb for a class demonstration, not a sample-size rule).
MIN_ALPHA_N = 10
#: Columns of the wide frame, in order.
WIDE_COLUMNS: tuple[str, ...] = ("id", *E_COLUMNS, *P_COLUMNS, *W_COLUMNS, RECOMMEND)


def _t(key: str, lang: str, **params) -> str:
    from ..i18n import t

    return t(key, lang, **params)


def _check_form(form) -> str:
    if form not in FORMS:
        raise ServiceLabError("classpanel.error.form", value=repr(form), allowed=", ".join(FORMS))
    return form


def rating_keys(form: str = "short") -> dict[str, list[str]]:
    """The item keys of a survey round: ``{"E": […], "P": […], "I": […], "recommend": [...]}``.

    Examples
    --------
    >>> rating_keys("short")["E"][:2], rating_keys("full")["P"][-1]
    (['E_tangibles', 'E_reliability'], 'P22')
    """
    _check_form(form)
    if form == "short":
        e, p = [f"E_{d}" for d in DIMENSIONS], [f"P_{d}" for d in DIMENSIONS]
    else:
        e, p = list(E_COLUMNS), list(P_COLUMNS)
    return {"E": e, "P": p, "I": [f"I_{d}" for d in DIMENSIONS], RECOMMEND: [RECOMMEND]}


def survey_spec(service: dict | None = None, *, form: str = "short") -> dict:
    """The spec of a class SERVQUAL round (the ``"survey"`` kind of :mod:`servicelab.classroom.rounds`).

    Parameters
    ----------
    service : dict, optional
        ``{"zh": "学校食堂", "en": "the campus canteen"}``: the service the class rates (shown in
        the title); default the translated "the service".
    form : {"short", "full"}, default "short"
        ``"short"``: one expectation and one perception rating per dimension (10 ratings);
        ``"full"``: the 22 SERVQUAL items, E and P (44 ratings). Both add the five importance
        ratings and the 0–10 recommend question.

    Returns
    -------
    dict
        ``{"kind": "survey", "form": form, "items": [{"key", "min", "max"}, …], "display": {lang:
        {"title", "items": {key: text}, "groups": [{"title", "keys"}]}}}`` — plain text, both
        languages.

    Examples
    --------
    >>> spec = survey_spec({"zh": "食堂", "en": "the canteen"})
    >>> len(spec["items"]), spec["items"][0], spec["items"][-1]
    (16, {'key': 'E_tangibles', 'min': 1, 'max': 7}, {'key': 'recommend', 'min': 0, 'max': 10})
    >>> "the canteen" in spec["display"]["en"]["title"]
    True
    """
    keys = rating_keys(form)
    items = ([{"key": k, "min": SCALE_MIN, "max": SCALE_MAX} for k in (*keys["E"], *keys["P"])]
             + [{"key": k, "min": IMPORTANCE_SCALE[0], "max": IMPORTANCE_SCALE[1]} for k in keys["I"]]
             + [{"key": RECOMMEND, "min": RECOMMEND_SCALE[0], "max": RECOMMEND_SCALE[1]}])
    wording = load_items().set_index("item")
    display = {}
    for lang in ("zh", "en"):
        name = (service or {}).get(lang) or _t("classpanel.survey.the_service", lang)
        dim = {d: _t(f"servqual.dimension.{d}", lang) for d in DIMENSIONS}
        texts: dict[str, str] = {}
        if form == "short":
            for d in DIMENSIONS:
                definition = _t(f"servqual.definition.{d}", lang)
                texts[f"E_{d}"] = _t("classpanel.survey.e_dimension", lang, dimension=dim[d], definition=definition)
                texts[f"P_{d}"] = _t("classpanel.survey.p_dimension", lang, dimension=dim[d], service=name)
        else:
            for i in range(1, len(E_COLUMNS) + 1):
                texts[f"E{i}"] = _t("classpanel.survey.e_item", lang, n=i, text=wording.loc[i, lang])
                texts[f"P{i}"] = _t("classpanel.survey.p_item", lang, n=i, text=wording.loc[i, lang])
        for d in DIMENSIONS:
            texts[f"I_{d}"] = _t("classpanel.survey.importance", lang, dimension=dim[d])
        texts[RECOMMEND] = _t("classpanel.survey.recommend", lang, service=name)
        display[lang] = {
            "title": _t("classpanel.survey.title", lang, service=name),
            "items": texts,
            "groups": [
                {"title": _t("classpanel.survey.group_e", lang, scale=f"{SCALE_MIN}–{SCALE_MAX}"), "keys": keys["E"]},
                {"title": _t("classpanel.survey.group_p", lang, service=name, scale=f"{SCALE_MIN}–{SCALE_MAX}"),
                 "keys": keys["P"]},
                {"title": _t("classpanel.survey.group_i", lang, scale="1–10"), "keys": keys["I"]},
                {"title": _t("classpanel.survey.group_r", lang), "keys": [RECOMMEND]},
            ],
        }
    return {"kind": "survey", "form": form, "items": items, "display": display}


def spec_form(spec: dict) -> str:
    """``"short"`` or ``"full"``: the form of a survey spec (from its item keys)."""
    keys = {item["key"] for item in spec.get("items", ())}
    if set(E_COLUMNS) <= keys:
        return "full"
    if {f"E_{d}" for d in DIMENSIONS} <= keys:
        return "short"
    raise ServiceLabError("classpanel.error.not_servqual", keys=", ".join(sorted(keys))[:200])


def _ratings(answers) -> list[dict]:
    frame = pd.DataFrame(answers)
    if frame.empty:
        return []
    if "payload" not in frame.columns:
        raise ServiceLabError("classpanel.error.answers_columns", columns=", ".join(map(str, frame.columns)))
    if "received_at" in frame.columns:
        frame = frame.sort_values("received_at", kind="stable")
    return [dict((p or {}).get("ratings") or {}) for p in frame["payload"]]


def survey_frame(answers, spec: dict) -> pd.DataFrame:
    """The answers of a class survey round in ``read_survey``'s wide format.

    Parameters
    ----------
    answers : pandas.DataFrame
        The round's answers (:meth:`ClassStore.answers`: ``device``, ``payload`` =
        ``{"ratings": {…}}``, ``received_at``), one row per device.
    spec : dict
        The round's spec (:func:`survey_spec`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`WIDE_COLUMNS`: ``id`` = ``r1``, ``r2``, … in the order received; E/P ratings
        (float, NaN where the form has no rating), ``W1``–``W5`` (points summing to 100, from the
        importance ratings; NaN when the form has none) and ``recommend``.

    Notes
    -----
    Weights :math:`W_d = 100\\, I_d / \\sum_k I_k`, rounded to whole points by the largest
    remainder (:func:`~servicelab.models.servqual.rescale_points`).

    Examples
    --------
    >>> spec = survey_spec()
    >>> r = {**{f"E_{d}": 6 for d in DIMENSIONS}, **{f"P_{d}": 4 for d in DIMENSIONS},
    ...      **{f"I_{d}": 2 for d in DIMENSIONS}, "recommend": 9}
    >>> f = survey_frame(pd.DataFrame({"device": ["x"], "payload": [{"ratings": r}], "received_at": [1.0]}), spec)
    >>> print(f[["id", "E1", "E2", "P5", "W1", "recommend"]].to_string(index=False))
    id  E1  E2  P5   W1  recommend
    r1 6.0 NaN 4.0 20.0        9.0
    """
    form = spec_form(spec)
    keys = rating_keys(form)
    rows = []
    for n, r in enumerate(_ratings(answers), start=1):
        row = {c: np.nan for c in WIDE_COLUMNS}
        row["id"] = f"r{n}"
        if form == "short":
            for d in DIMENSIONS:
                first = DIMENSION_ITEMS[d][0]
                row[f"E{first}"], row[f"P{first}"] = r.get(f"E_{d}", np.nan), r.get(f"P_{d}", np.nan)
        else:
            for c in (*E_COLUMNS, *P_COLUMNS):
                row[c] = r.get(c, np.nan)
        imp = [r.get(k) for k in keys["I"]]
        if all(isinstance(v, (int, float)) and v == v for v in imp):
            row.update(zip(W_COLUMNS, map(float, rescale_points(imp))))
        row[RECOMMEND] = r.get(RECOMMEND, np.nan)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(WIDE_COLUMNS))
    for c in WIDE_COLUMNS[1:]:
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype(float)
    return frame


def survey_csv(answers, spec: dict, path=None) -> str:
    """The wide frame (:func:`survey_frame`) as UTF-8 CSV text that ``read_survey`` reads back.

    Whole numbers are written without decimals, missing ratings as empty cells. With ``path``
    the text is also written to that file.

    Examples
    --------
    >>> spec = survey_spec()
    >>> survey_csv(pd.DataFrame(columns=["device", "payload", "received_at"]), spec).splitlines()[0][:9]
    'id,E1,E2,'
    """
    frame = survey_frame(answers, spec)
    out = frame.astype(object).where(frame.notna(), "")
    for c in WIDE_COLUMNS[1:]:
        out[c] = [("" if v == "" else (str(int(v)) if float(v).is_integer() else f"{v:g}")) for v in out[c]]
    text = out.to_csv(index=False, lineterminator="\n")
    if path is not None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    return text


def class_survey(answers, spec: dict, lang: str = "zh") -> Survey:
    """The class's answers read exactly as an uploaded survey: ``read_survey(survey_csv(…))``.

    Raises
    ------
    ServiceLabError
        ``classpanel.error.no_answers`` when the round has no answer yet.
    """
    if not _ratings(answers):
        raise ServiceLabError("classpanel.error.no_answers")
    return read_survey(survey_csv(answers, spec).encode("utf-8"), name="class.csv", lang=lang)


@dataclass
class ClassResults:
    """The chapters' own models run on the class survey (:func:`class_results`).

    Attributes
    ----------
    survey : Survey
        The answers as read by ``read_survey``.
    form : str
    n : int
        Answers.
    servqual : ServqualResult
        Chapter 05's :func:`~servicelab.models.servqual.gap_scores` (with the class's weights).
    alpha : pandas.DataFrame or None
        :func:`~servicelab.models.servqual.dimension_reliability` once at least
        :data:`MIN_ALPHA_N` complete answers are in (full form only), else None.
    alpha_note : str
        Why α is not shown: ``""``, ``"short_form"`` or ``"too_few"``.
    nps : NetPromoterScore or None
        Chapter 08's :func:`~servicelab.models.satisfaction.net_promoter_score` of ``recommend``.
    ipa : pandas.DataFrame or None
        Chapter 08's :func:`~servicelab.models.ipa.survey_ipa` (importance = weights), or None
        when no answer carries importance ratings.
    """

    survey: Survey
    form: str
    n: int
    servqual: object
    alpha: pd.DataFrame | None
    alpha_note: str
    nps: object
    ipa: pd.DataFrame | None


def class_results(answers, spec: dict, lang: str = "zh") -> ClassResults:
    """Run chapter 05's and chapter 08's models on a class survey round's answers.

    Nothing is recomputed here: the answers go through :func:`class_survey` (``read_survey``)
    and then to :func:`servicelab.models.servqual.gap_scores`,
    :func:`~servicelab.models.servqual.dimension_reliability`,
    :func:`servicelab.models.satisfaction.net_promoter_score` and
    :func:`servicelab.models.ipa.survey_ipa`.

    Notes
    -----
    Cronbach's α needs at least two items per scale (the full form) and is reported from
    :data:`MIN_ALPHA_N` complete answers on.

    Examples
    --------
    >>> spec = survey_spec()
    >>> r = {**{f"E_{d}": 6 for d in DIMENSIONS}, **{f"P_{d}": 4 for d in DIMENSIONS},
    ...      **{f"I_{d}": 2 for d in DIMENSIONS}, "recommend": 9}
    >>> res = class_results(pd.DataFrame({"device": ["x"], "payload": [{"ratings": r}]}), spec)
    >>> res.servqual.dimensions["gap"].tolist(), res.nps.nps, res.alpha_note
    ([-2.0, -2.0, -2.0, -2.0, -2.0], 100.0, 'short_form')
    """
    from ..models.ipa import survey_ipa
    from ..models.satisfaction import net_promoter_score
    from ..models.servqual import dimension_reliability, gap_scores

    form = spec_form(spec)
    survey = class_survey(answers, spec, lang)
    frame = survey_frame(answers, spec)
    weights = survey.weights.dropna() if survey.weights is not None else None
    use_weights = weights is not None and len(weights) == len(survey.responses)
    result = gap_scores(survey.expectations, survey.perceptions, weights if use_weights else None, scale=survey.scale)
    alpha, note = None, "short_form"
    if form == "full":
        complete = int(survey.responses.notna().all(axis=1).sum())
        if complete >= MIN_ALPHA_N:
            alpha, note = dimension_reliability(survey.responses, scale=survey.scale), ""
        else:
            note = "too_few"
    rec = frame[RECOMMEND].dropna()
    nps = net_promoter_score(rec.to_numpy()) if len(rec) else None
    ipa = survey_ipa(survey, importance="weights") if survey.weights is not None and survey.weights.notna().any().all() else None
    return ClassResults(survey=survey, form=form, n=len(survey.responses), servqual=result, alpha=alpha,
                        alpha_note=note, nps=nps, ipa=ipa)
