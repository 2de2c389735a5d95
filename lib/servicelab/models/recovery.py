"""Service recovery (C5.20): failure severity and the three keys — timeliness, empowerment,
compensation — and what they do to satisfaction and to repurchase intention.

**A teaching illustration.** The directions follow the literature (see :func:`recovery_outcome`);
the numbers (a 0–100 scale, a loss of 50 points for the worst unrecovered failure, a bonus of at most
10 points) are this project's, made to show those directions, not measured.
"""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from ..errors import ServiceLabError
from ._inputs import check_flag, check_number

#: The three keys of service recovery (the course: 及时、授权、补偿), each rated 0–10.
KEYS: tuple[str, ...] = ("timeliness", "empowerment", "compensation")
#: Rating range of a key and of failure severity (severity starts at 1: there is a failure).
KEY_MIN, KEY_MAX, SEVERITY_MIN, SEVERITY_MAX = 0, 10, 1, 10
#: Satisfaction before the failure (default) and its allowed range, on a 0–100 scale.
BASELINE, BASELINE_RANGE = 70.0, (50.0, 90.0)
#: Points lost to the worst failure (severity 10) left unrecovered.
LOSS = 50.0
#: At most this many points above the baseline after an excellent recovery of a mild first failure.
GAIN = 10.0
#: Recovery quality above which a recovery counts as excellent; severity (0–1) below which a failure is mild.
EXCELLENT, MILD = 0.8, 0.5
#: Stages of the outcome table, in order.
STAGES: tuple[str, ...] = ("before", "failure", "satisfaction", "repurchase")

#: Lecture states of the recovery panel: severity 1–10 and the three keys 0–10.
PRESETS: dict[str, dict] = {
    "paradox": {"severity": 2, "timeliness": 10, "empowerment": 10, "compensation": 10, "prior_failure": False},
    "severe": {"severity": 9, "timeliness": 10, "empowerment": 10, "compensation": 10, "prior_failure": False},
    "slow": {"severity": 5, "timeliness": 1, "empowerment": 3, "compensation": 8, "prior_failure": False},
    "second_failure": {"severity": 2, "timeliness": 10, "empowerment": 10, "compensation": 10, "prior_failure": True},
}
#: The panel's start without a preset.
NEUTRAL: dict = {"severity": 5, "timeliness": 5, "empowerment": 5, "compensation": 5, "prior_failure": False}


def recovery_quality(timeliness, empowerment, compensation) -> float:
    """Recovery quality R in [0, 1]: the mean of the three keys, each rated 0–10.

    Parameters
    ----------
    timeliness, empowerment, compensation : int or float
        Ratings 0 (none) to 10 (the best the firm can do).

    Returns
    -------
    float

    Notes
    -----
    :math:`R = (t + e + c) / 30` — equal weights, a teaching choice (the course names the three keys
    without weighting them).

    Examples
    --------
    >>> recovery_quality(10, 10, 10), recovery_quality(3, 6, 0)
    (1.0, 0.3)
    """
    ratings = [check_number(v, k, low=KEY_MIN, high=KEY_MAX) for k, v in zip(KEYS, (timeliness, empowerment, compensation))]
    return round(sum(ratings) / (3 * KEY_MAX), 12)


def recovery_outcome(severity, timeliness, empowerment, compensation, *, prior_failure: bool = False,
                     baseline: float = BASELINE) -> dict:
    """Satisfaction and repurchase intention after a service failure and its recovery (teaching illustration).

    Parameters
    ----------
    severity : int or float
        How bad the failure is, 1 (a trifle) to 10 (a disaster).
    timeliness, empowerment, compensation : int or float
        The three keys of recovery, each rated 0–10 (:func:`recovery_quality`).
    prior_failure : bool, default False
        Whether the customer has had a failure with this firm before.
    baseline : float, default 70
        Satisfaction before the failure, 50–90 on a 0–100 scale.

    Returns
    -------
    dict
        ``before`` (the baseline), ``failure`` (satisfaction right after the failure, no recovery),
        ``satisfaction`` (after the recovery), ``repurchase`` (repurchase intention after the
        recovery, same scale), ``quality`` (R), ``paradox`` (satisfaction above the baseline),
        ``why_not`` (when there is no paradox, which conditions fail: ``"prior"`` a failure before,
        ``"severe"`` severity 5 or more, ``"quality"`` R at most 0.8, or else ``"small"``: the bonus
        does not outweigh the loss left; empty when there is a paradox) and
        ``table`` (a DataFrame: ``stage``, ``value`` for the four stages of :data:`STAGES`).

    Raises
    ------
    ServiceLabError
        If a rating is outside its range or not a number, or ``prior_failure`` is not a bool.

    Notes
    -----
    With :math:`s` = severity / 10, :math:`R` the recovery quality, :math:`B` the baseline:

    .. math::
        S_{fail} = B - 50 s,\\qquad
        S = B - 50 s (1 - R) + 10\\,\\max\\!\\Big(0, \\frac{R - 0.8}{0.2}\\Big)\\,\\max\\!\\Big(0, 1 - \\frac{s}{0.5}\\Big)\\,[\\text{first failure}],\\qquad
        I = B - 50 s (1 - R).

    Directions from the literature: a worse failure lowers satisfaction and a better recovery
    raises it; post-recovery satisfaction can exceed the pre-failure level — the *service recovery
    paradox* (McCollough & Bharadwaj, 1992) — but only after an excellent recovery (R > 0.8) of a
    mild failure (s < 0.5) that is the customer's first with the firm (Magnini et al., 2007); the
    meta-analysis of de Matos, Henrique & Rossi (2007) finds the paradox significant for
    satisfaction but not for repurchase intention, word of mouth or image, so here repurchase
    intention :math:`I` gets no bonus: a recovery can at best restore it. **The numbers (50, 10,
    0.8, 0.5, equal weights) are this project's teaching choices, not estimates.**

    References
    ----------
    McCollough, M. A. & Bharadwaj, S. G. (1992). The recovery paradox: an examination of consumer
    satisfaction in relation to disconfirmation, service quality, and attribution based theories.
    In C. T. Allen et al. (Eds.), *Marketing theory and applications* (Vol. 3, p. 119). AMA.
    Magnini, V. P., Ford, J. B., Markowski, E. P. & Honeycutt, E. D. (2007). The service recovery
    paradox: justifiable theory or smoldering myth? *Journal of Services Marketing*, 21(3), 213–225.
    de Matos, C. A., Henrique, J. L. & Rossi, C. A. V. (2007). Service recovery paradox: a
    meta-analysis. *Journal of Service Research*, 10(1), 60–77.

    Examples
    --------
    >>> out = recovery_outcome(2, 10, 10, 10)
    >>> out["failure"], out["satisfaction"], out["repurchase"], out["paradox"]
    (60.0, 76.0, 70.0, True)
    >>> recovery_outcome(9, 10, 10, 10)["paradox"]
    False
    """
    s = check_number(severity, "severity", low=SEVERITY_MIN, high=SEVERITY_MAX) / SEVERITY_MAX
    r = recovery_quality(timeliness, empowerment, compensation)
    first = not check_flag(prior_failure, "prior_failure")
    b = check_number(baseline, "baseline", low=BASELINE_RANGE[0], high=BASELINE_RANGE[1])
    loss = LOSS * s
    remaining = loss * (1 - r)
    bonus = GAIN * max(0.0, (r - EXCELLENT) / (1 - EXCELLENT)) * max(0.0, 1 - s / MILD) * first
    values = {"before": b, "failure": round(b - loss, 9), "satisfaction": round(b - remaining + bonus, 9),
              "repurchase": round(b - remaining, 9)}
    paradox = values["satisfaction"] > b + 1e-9
    why_not = () if paradox else tuple(code for code, holds in (
        ("prior", not first), ("severe", s >= MILD), ("quality", r <= EXCELLENT)) if holds) or ("small",)
    return {**values, "quality": r, "paradox": paradox, "why_not": why_not,
            "table": pd.DataFrame({"stage": list(STAGES), "value": [values[k] for k in STAGES]})}


def preset_levers(preset: str | Mapping | None) -> dict:
    """The levers of a named lecture state (:data:`PRESETS`), of a mapping, or the neutral start.

    Examples
    --------
    >>> preset_levers("paradox")["severity"], preset_levers(None)["timeliness"]
    (2, 5)
    """
    if preset is None:
        return dict(NEUTRAL)
    if isinstance(preset, str):
        if preset not in PRESETS:
            raise ServiceLabError("recovery.error.preset", preset=preset, allowed=", ".join(PRESETS))
        return dict(PRESETS[preset])
    levers = {**NEUTRAL, **dict(preset)}
    unknown = sorted(set(levers) - set(NEUTRAL))
    if unknown:
        raise ServiceLabError("recovery.error.preset", preset=", ".join(unknown), allowed=", ".join(NEUTRAL))
    recovery_outcome(**levers)  # refuses a bad value by name
    return levers


def compare_recoveries(cases: Mapping[str, Mapping]) -> pd.DataFrame:
    """:func:`recovery_outcome` for several named sets of levers, one row each (a worked example).

    Parameters
    ----------
    cases : mapping
        Name → levers (``severity``, ``timeliness``, ``empowerment``, ``compensation``, optionally
        ``prior_failure`` and ``baseline``), or name → the name of a preset of :data:`PRESETS`.

    Returns
    -------
    pandas.DataFrame
        ``case``, ``quality``, ``before``, ``failure``, ``satisfaction``, ``repurchase``, ``paradox``.

    Examples
    --------
    >>> compare_recoveries({"mild": "paradox", "severe": "severe"})[["case", "satisfaction", "paradox"]].values.tolist()
    [['mild', 76.0, True], ['severe', 70.0, False]]
    """
    if not isinstance(cases, Mapping) or not cases:
        raise ServiceLabError("error.param.not_mapping", name="cases", value=repr(cases)[:60])
    rows = []
    for name, levers in cases.items():
        out = recovery_outcome(**preset_levers(levers))
        rows.append({"case": name, **{k: out[k] for k in ("quality", *STAGES, "paradox")}})
    return pd.DataFrame(rows, columns=["case", "quality", *STAGES, "paradox"])
