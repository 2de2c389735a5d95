"""The gap model of service quality (C5.11) and the organisational factors behind gaps 1–4.

* :func:`load_gap_model` — the diagram of Parasuraman, Zeithaml & Berry (1985) as data
  (``data/gap_model/gaps.json``): its nodes above and below the line that separates consumer and
  marketer, the arrows between them and the five gaps, each with the course's wording, what it
  is, why it opens and how to close it, in Chinese and English.
* :func:`load_factors` — the organisational factors that Zeithaml, Berry & Parasuraman (1988)
  link to gaps 1–4 (``data/gap_model/factors.json``).
* :func:`factor_risks` and :func:`gap_risk_profile` — a manager rates each factor 1–5 and gets a
  gap-risk profile and where to start. **The scoring is a teaching aid built on the paper's list
  of factors**, not a measured law: the paper names the factors and the direction in which each
  one moves its gap; the equal weights and the 0–1 risk scale are this project's choice.
"""
from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from ..errors import ContentError, ServiceLabError
from ..i18n import has, t
from ..paths import data_path
from ._inputs import check_mapping, check_number

#: The five gaps; gaps 1–4 lie inside the firm, gap 5 is the customer's.
GAPS: tuple[int, ...] = (1, 2, 3, 4, 5)
#: The gaps the organisational factors act on.
FIRM_GAPS: tuple[int, ...] = (1, 2, 3, 4)
#: Rating scale of the factor ratings.
RATING_MIN, RATING_MAX = 1, 5
_LANGS = ("zh", "en")
_GAP_TEXTS = ("name", "alias", "what", "why", "close")


def _bilingual(entry: dict, field: str, where: str, file: str) -> None:
    value = entry.get(field)
    if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) and value[lang].strip() for lang in _LANGS):
        raise ContentError("content.invalid", file=file, detail=f"{where}: {field} needs non-empty zh and en")


def _point(p, where: str, file: str) -> None:
    if not (isinstance(p, list) and len(p) == 2 and all(isinstance(c, (int, float)) for c in p)):
        raise ContentError("content.invalid", file=file, detail=f"{where}: {p!r} is not a point [x, y]")


@lru_cache(maxsize=1)
def load_gap_model() -> dict:
    """The gap model diagram from ``data/gap_model/gaps.json`` (validated).

    Returns
    -------
    dict
        ``nodes`` (``id``, ``side`` consumer/marketer, ``x``, ``y``, ``label``), ``edges``
        (``from``, ``to``, ``path`` of points), ``gaps`` (``gap`` 1–5, ``between`` two node ids,
        ``path``, ``label_at`` and the texts ``name``, ``alias``, ``what``, ``why``, ``close``,
        each ``{"zh", "en"}``), ``line_y`` (the line between consumer and marketer), ``sides``
        and ``reference``.

    Raises
    ------
    ContentError
        A missing language, an unknown node, a gap missing or repeated, a node on the wrong side
        of the line — naming the file and the entry.

    References
    ----------
    Parasuraman, A., Zeithaml, V. A. & Berry, L. L. (1985). A conceptual model of service quality
    and its implications for future research. *Journal of Marketing*, 49(4), 41–50.

    Examples
    --------
    >>> model = load_gap_model()
    >>> [g["gap"] for g in model["gaps"]], len(model["nodes"])
    ([1, 2, 3, 4, 5], 9)
    """
    path = data_path("gap_model", "gaps.json")
    file = path.name
    model = json.loads(path.read_text(encoding="utf-8"))
    line = model.get("line_y")
    if not isinstance(line, (int, float)):
        raise ContentError("content.invalid", file=file, detail="line_y must be a number")
    ids = set()
    for node in model.get("nodes", []):
        where = f"node {node.get('id')}"
        _bilingual(node, "label", where, file)
        side = node.get("side")
        if side not in ("consumer", "marketer") or (node["y"] < line) != (side == "consumer"):
            raise ContentError("content.invalid", file=file, detail=f"{where}: side {side!r} does not match y = {node.get('y')}")
        if node["id"] in ids:
            raise ContentError("content.invalid", file=file, detail=f"{where}: duplicate id")
        ids.add(node["id"])
    for edge in model.get("edges", []):
        where = f"edge {edge.get('from')} → {edge.get('to')}"
        if edge.get("from") not in ids or edge.get("to") not in ids:
            raise ContentError("content.invalid", file=file, detail=f"{where}: unknown node")
        for p in edge.get("path", []):
            _point(p, where, file)
        if len(edge.get("path", [])) < 2:
            raise ContentError("content.invalid", file=file, detail=f"{where}: path needs two points")
    numbers = [g.get("gap") for g in model.get("gaps", [])]
    if numbers != list(GAPS):
        raise ContentError("content.invalid", file=file, detail=f"gaps must be 1–5 in order, found {numbers}")
    for gap in model["gaps"]:
        where = f"gap {gap['gap']}"
        for field in _GAP_TEXTS:
            _bilingual(gap, field, where, file)
        if len(gap.get("between", [])) != 2 or not set(gap["between"]) <= ids:
            raise ContentError("content.invalid", file=file, detail=f"{where}: between needs two known nodes")
        for p in [*gap.get("path", []), gap.get("label_at")]:
            _point(p, where, file)
    for side in model.get("sides", []):
        _bilingual(side, "label", f"side {side.get('id')}", file)
    return model


def gap_text(gap: int, lang: str = "zh") -> dict[str, str]:
    """The texts of one gap in ``lang``: ``name``, ``alias``, ``what``, ``why``, ``close``.

    Examples
    --------
    >>> gap_text(3, "en")["alias"]
    'The delivery gap (standards exist but are not delivered)'
    """
    gap = check_number(gap, "gap", low=1, high=5, integer=True)
    entry = load_gap_model()["gaps"][gap - 1]
    return {field: entry[field][lang] for field in _GAP_TEXTS}


@lru_cache(maxsize=1)
def load_factors() -> pd.DataFrame:
    """The organisational factors of gaps 1–4 from ``data/gap_model/factors.json`` (validated).

    Returns
    -------
    pandas.DataFrame
        One row per factor in the file's order: ``factor`` (id), ``gap`` (1–4), ``high_is``
        (``"good"`` when a high level narrows the gap, ``"bad"`` when it widens it), ``label_zh``,
        ``label_en``, ``rate_zh``, ``rate_en`` (what a rating of 1 and of 5 means; from the i18n keys
        ``gap_model.factor.<id>`` and ``gap_model.factor.<id>.rate``).

    Notes
    -----
    The list and the directions are those of Zeithaml, Berry & Parasuraman (1988): gap 1 —
    marketing-research orientation, upward communication (narrow it), levels of management
    (widen it); gap 2 — management commitment to service quality, goal setting, task
    standardisation, perception of feasibility; gap 3 — teamwork, employee–job fit,
    technology–job fit, perceived control, supervisory control systems (narrow it), role conflict
    and role ambiguity (widen it); gap 4 — horizontal communication (narrows it), propensity to
    over-promise (widens it).

    References
    ----------
    Zeithaml, V. A., Berry, L. L. & Parasuraman, A. (1988). Communication and control processes
    in the delivery of service quality. *Journal of Marketing*, 52(2), 35–48.

    Examples
    --------
    >>> f = load_factors()
    >>> f.groupby("gap").size().tolist()
    [3, 4, 7, 2]
    """
    path = data_path("gap_model", "factors.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    rows, seen = [], set()
    for entry in raw.get("factors", []):
        where = f"factor {entry.get('id')}"
        if entry.get("id") in seen or not entry.get("id"):
            raise ContentError("content.invalid", file=path.name, detail=f"{where}: missing or duplicate id")
        seen.add(entry["id"])
        if entry.get("gap") not in FIRM_GAPS or entry.get("high_is") not in ("good", "bad"):
            raise ContentError("content.invalid", file=path.name, detail=f"{where}: gap must be 1–4 and high_is good/bad")
        texts = {}
        for field, key in (("label", f"gap_model.factor.{entry['id']}"), ("rate", f"gap_model.factor.{entry['id']}.rate")):
            if not has(key):
                raise ContentError("content.invalid", file=path.name, detail=f"{where}: no translation {key}")
            texts.update({f"{field}_{lang}": t(key, lang) for lang in _LANGS})
        rows.append({"factor": entry["id"], "gap": entry["gap"], "high_is": entry["high_is"], **texts})
    frame = pd.DataFrame(rows)
    if sorted(frame["gap"].unique().tolist()) != list(FIRM_GAPS):
        raise ContentError("content.invalid", file=path.name, detail="every gap 1–4 needs at least one factor")
    return frame


@lru_cache(maxsize=1)
def factor_presets() -> dict[str, dict]:
    """Example firms for the factor panel (``presets`` of ``factors.json``): name → label and ratings.

    Examples
    --------
    >>> sorted(factor_presets())
    ['front_line_strain', 'hotel_chain']
    """
    path = data_path("gap_model", "factors.json")
    presets = json.loads(path.read_text(encoding="utf-8")).get("presets", {})
    for name, preset in presets.items():
        _bilingual(preset, "label", f"preset {name}", path.name)
        try:
            _checked_ratings(preset.get("ratings"))
        except ServiceLabError as err:
            raise ContentError("content.invalid", file=path.name, detail=f"preset {name}: {err.message('en')}") from None
    return presets


def _checked_ratings(ratings) -> dict[str, int]:
    ratings = check_mapping(ratings, "ratings")
    factors = load_factors()["factor"].tolist()
    unknown = [k for k in ratings if k not in factors]
    if unknown:
        raise ServiceLabError("gap_model.error.unknown_factor", factor=unknown[0], allowed=", ".join(factors))
    checked = {f: check_number(ratings[f], f"ratings[{f}]", low=RATING_MIN, high=RATING_MAX, integer=True)
               for f in factors if f in ratings}
    missing = [f for f in factors if f not in ratings]
    if missing:
        raise ServiceLabError("gap_model.error.missing_factor", factors=", ".join(missing))
    return checked


def factor_risks(ratings) -> pd.DataFrame:
    """Risk of each organisational factor from a manager's 1–5 ratings.

    Parameters
    ----------
    ratings : Mapping
        ``{factor id: rating}`` for every factor of :func:`load_factors`; each rating a whole
        number 1–5 describing the *level* of the factor as named (5 = a lot of it: much
        marketing research, many levels of management, strong role conflict …).

    Returns
    -------
    pandas.DataFrame
        One row per factor: ``factor``, ``gap``, ``high_is``, ``rating``, ``risk`` (0–1).

    Raises
    ------
    ServiceLabError
        An unknown or missing factor, or a rating that is not a whole number 1–5 (the message
        names the factor and the allowed range).

    Notes
    -----
    A factor whose high level narrows its gap (``high_is = "good"``) has risk
    :math:`r = (5 - x) / 4`; one whose high level widens it (``"bad"``: levels of management,
    role conflict, role ambiguity, propensity to over-promise) has :math:`r = (x - 1) / 4`.
    So 0 is the best level and 1 the worst. This linear scale is a teaching aid built on the
    factor list of Zeithaml, Berry & Parasuraman (1988), not a scale from the paper.

    References
    ----------
    Zeithaml, V. A., Berry, L. L. & Parasuraman, A. (1988). Communication and control processes
    in the delivery of service quality. *Journal of Marketing*, 52(2), 35–48.

    Examples
    --------
    >>> r = {f: 3 for f in load_factors()["factor"]}
    >>> r.update(marketing_research=1, role_conflict=5)
    >>> risks = factor_risks(r).set_index("factor")["risk"]
    >>> float(risks["marketing_research"]), float(risks["role_conflict"]), float(risks["teamwork"])
    (1.0, 1.0, 0.5)
    """
    checked = _checked_ratings(ratings)
    factors = load_factors()
    x = factors["factor"].map(checked).astype(float)
    span = RATING_MAX - RATING_MIN
    risk = ((RATING_MAX - x) / span).where(factors["high_is"] == "good", (x - RATING_MIN) / span)
    return pd.DataFrame({"factor": factors["factor"], "gap": factors["gap"], "high_is": factors["high_is"],
                         "rating": x.astype(int), "risk": risk})


def gap_risk_profile(ratings) -> pd.DataFrame:
    """Gap-risk profile of a firm: the risk of gaps 1–4 and where to start.

    Parameters
    ----------
    ratings : Mapping
        ``{factor id: rating 1–5}`` for every factor (see :func:`factor_risks`).

    Returns
    -------
    pandas.DataFrame
        One row per gap 1–4: ``gap``, ``n_factors``, ``risk`` (mean of its factors' risks, 0–1),
        ``weakest_factor`` (its factor with the highest risk; the first listed on a tie),
        ``weakest_risk``, ``rank`` (1 = highest risk) and ``start`` (True for the one gap to work
        on first).

    Notes
    -----
    Gap risk :math:`R_g = \\frac{1}{|F_g|}\\sum_{f \\in F_g} r_f` over the factors :math:`F_g` of
    gap *g*, with :math:`r_f` from :func:`factor_risks` — every factor moves only its own gap.
    Start with the gap of highest risk; on a tie, with the earlier gap (an earlier gap feeds the
    later ones: standards set on a wrong picture of the customer cannot be right). The equal
    weights, the linear scale and the tie rule are this project's teaching choices built on the
    factor list of Zeithaml, Berry & Parasuraman (1988).

    References
    ----------
    Zeithaml, V. A., Berry, L. L. & Parasuraman, A. (1988). Communication and control processes
    in the delivery of service quality. *Journal of Marketing*, 52(2), 35–48.

    Examples
    --------
    Everything at 3 except a firm that never does market research and has many levels of
    management: gap 1 risk = (1 + 0.5 + 1) / 3 ≈ 0.833, the others 0.5, so start with gap 1.

    >>> r = {f: 3 for f in load_factors()["factor"]}
    >>> r.update(marketing_research=1, levels_of_management=5)
    >>> p = gap_risk_profile(r)
    >>> p["risk"].round(3).tolist(), int(p.loc[p["start"], "gap"].iloc[0]), p.loc[0, "weakest_factor"]
    ([0.833, 0.5, 0.5, 0.5], 1, 'marketing_research')
    """
    risks = factor_risks(ratings)
    by_gap = risks.groupby("gap", sort=True)["risk"]
    weakest = risks.loc[by_gap.idxmax()]  # idxmax: the first of equal maxima, in the file's order
    profile = pd.DataFrame({"gap": list(FIRM_GAPS), "n_factors": by_gap.size().to_numpy(),
                            "risk": by_gap.mean().to_numpy(), "weakest_factor": weakest["factor"].to_numpy(),
                            "weakest_risk": weakest["risk"].to_numpy()})
    # rank by risk (rounded, so 0.5 and 0.5000000001 tie), ties to the earlier gap
    order = sorted(range(len(profile)), key=lambda i: (-round(float(profile["risk"].iat[i]), 12), i))
    rank = [0] * len(profile)
    for r, i in enumerate(order, start=1):
        rank[i] = r
    profile["rank"] = rank
    profile["start"] = profile["rank"] == 1
    return profile


def neutral_ratings() -> dict[str, int]:
    """Every factor at the middle of the scale (3): the factor panel's starting point.

    Examples
    --------
    >>> set(neutral_ratings().values())
    {3}
    """
    mid = (RATING_MIN + RATING_MAX) // 2
    return {f: mid for f in load_factors()["factor"]}
