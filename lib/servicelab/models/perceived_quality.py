"""Grönroos's perceived service quality model as a teaching illustration (COURSE_MAP C4.6, C3.1).

Grönroos (1982, 1984) describes perceived service quality in words: the customer compares the
**expected quality** with the **experienced quality**.

* Expected quality is shaped by market communication (the firm's promise — *controllable*),
  word of mouth and the corporate image (the firm can only *influence* them) and the customer's
  needs (*uncontrollable*).
* Experienced quality is technical quality (*what* the customer gets, judged fairly objectively)
  plus functional quality (*how* it is delivered, judged subjectively), seen through the
  corporate image as a *filter*: a good image makes the same delivery look a little better, a bad
  one a little worse.

The model is verbal; it gives no formula. The arithmetic here is **this project's teaching
illustration**, chosen so each arrow of the diagram points the way Grönroos says (see
:func:`perceived_quality`); its weights are not measured values. It makes one thing computable
that the model states in words: the *over-promising trap* — a bigger promise raises expectations,
and with the same delivery perceived quality falls.

All inputs are on a 0–10 scale (0 = very poor / very low, 10 = excellent / very high).

References
----------
Grönroos, C. (1982). *Strategic Management and Marketing in the Service Sector*. Helsingfors:
Swedish School of Economics and Business Administration.
Grönroos, C. (1984). A service quality model and its marketing implications. *European Journal of
Marketing*, 18(4), 36–44.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Mapping

import numpy as np

from ..errors import ServiceLabError
from ._inputs import check_choice, check_mapping, check_number

__all__ = [
    "SCALE",
    "EXPECTATION_FACTORS",
    "FACTOR_CONTROL",
    "EXPECTATION_WEIGHTS",
    "TECHNICAL_WEIGHT",
    "IMAGE_FILTER",
    "INPUTS",
    "PRESETS",
    "GronroosResult",
    "perceived_quality",
    "promise_sweep",
    "preset_inputs",
    "preset_table",
]

#: The 0–10 scale of every input and of expected / experienced quality.
SCALE: tuple[float, float] = (0.0, 10.0)

#: The four factors that shape expected quality, in the order of the course's figure.
EXPECTATION_FACTORS: tuple[str, ...] = ("promise", "image", "word_of_mouth", "needs")

#: How far the firm controls each factor (Grönroos 1982, in the course's words).
FACTOR_CONTROL: dict[str, str] = {
    "promise": "controllable",      # market communication: advertising, selling, promises
    "image": "influence",           # corporate image: can only be influenced
    "word_of_mouth": "influence",   # word of mouth: can only be influenced
    "needs": "uncontrollable",      # customer needs
}

#: Illustrative weights of the four factors in expected quality (sum 1; equal by default).
EXPECTATION_WEIGHTS: dict[str, float] = {f: 0.25 for f in EXPECTATION_FACTORS}
#: Illustrative share of technical quality in delivered quality (functional gets the rest).
TECHNICAL_WEIGHT = 0.5
#: Illustrative strength of the image filter: points added per image point above the midpoint.
IMAGE_FILTER = 0.3

#: The panel's six inputs.
INPUTS: tuple[str, ...] = ("promise", "word_of_mouth", "needs", "image", "technical", "functional")

#: Lecture states (instructor presets), input → value on 0–10.
PRESETS: dict[str, dict[str, float]] = {
    # what is promised matches what is delivered
    "balanced": {"promise": 6, "word_of_mouth": 6, "needs": 6, "image": 6, "technical": 6, "functional": 6},
    # same delivery, a much bigger promise: expectations rise, perceived quality falls below zero
    "over_promise": {"promise": 10, "word_of_mouth": 6, "needs": 6, "image": 6, "technical": 6, "functional": 6},
    # a correct result delivered rudely: technical fine, functional poor
    "rude_but_right": {"promise": 6, "word_of_mouth": 6, "needs": 6, "image": 6, "technical": 9, "functional": 3},
}


@dataclass(frozen=True)
class GronroosResult:
    """The quantities of the diagram, each on the 0–10 scale except ``filter`` and ``perceived``.

    Attributes
    ----------
    inputs : dict
        The six inputs as given.
    expected : float
        Expected quality.
    delivered : float
        Technical and functional quality combined, before the image filter.
    filter : float
        What the image filter adds (negative for a poor image).
    experienced : float
        Experienced quality = delivered + filter (kept on the scale).
    perceived : float
        Perceived quality = experienced − expected (0 = exactly as expected).
    verdict : {"above", "meets", "below"}
        ``perceived`` above, at (within 0.05) or below zero.
    """

    inputs: dict
    expected: float
    delivered: float
    filter: float
    experienced: float
    perceived: float
    verdict: str

    def as_dict(self) -> dict:
        return asdict(self)


def _inputs(values: Mapping[str, float]) -> dict[str, float]:
    low, high = SCALE
    unknown = sorted(set(values) - set(INPUTS))
    if unknown:
        check_choice(unknown[0], "input", INPUTS)
    missing = [k for k in INPUTS if k not in values]
    if missing:
        raise ServiceLabError("perceived.error.missing_input", name=missing[0], allowed=", ".join(INPUTS))
    return {k: check_number(values[k], k, low=low, high=high) for k in INPUTS}


def perceived_quality(promise: float, word_of_mouth: float, needs: float, image: float,
                      technical: float, functional: float) -> GronroosResult:
    """Perceived quality in Grönroos's model, with this project's illustrative arithmetic.

    Parameters
    ----------
    promise : float
        Market communication: how much the firm promises (controllable), 0–10.
    word_of_mouth : float
        How good what others say is (the firm can only influence it), 0–10.
    needs : float
        How demanding the customer's needs are (uncontrollable), 0–10.
    image : float
        Corporate image (can only be influenced), 0–10; shapes expectations and filters experience.
    technical : float
        Technical quality — *what* the customer gets, 0–10.
    functional : float
        Functional quality — *how* it is delivered, 0–10.

    Returns
    -------
    GronroosResult

    Raises
    ------
    ServiceLabError
        An input that is not a number or lies outside 0–10 (the message names it and the range).

    Notes
    -----
    A teaching illustration of a verbal model (weights are choices, not measurements):

    .. math::

        E &= 0.25\\,\\text{promise} + 0.25\\,\\text{image} + 0.25\\,\\text{word of mouth}
             + 0.25\\,\\text{needs} \\\\
        D &= 0.5\\,T + 0.5\\,F \\\\
        X &= \\operatorname{clip}\\bigl(D + 0.3\\,(\\text{image} - 5),\\ 0,\\ 10\\bigr) \\\\
        PQ &= X - E

    Every arrow of the diagram points the way Grönroos says: a bigger promise, better word of
    mouth or more demanding needs raise ``E`` and so *lower* ``PQ`` with delivery unchanged (the
    over-promising trap: ∂PQ/∂promise = −0.25); better technical or functional quality raises
    ``X`` and ``PQ``; a better image raises both ``E`` (by 0.25 a point) and the filter (0.3 a
    point), so on balance it helps a little.

    References
    ----------
    Grönroos, C. (1984). A service quality model and its marketing implications. *European
    Journal of Marketing*, 18(4), 36–44.

    Examples
    --------
    Promise what you deliver, then promise more with the same delivery:

    >>> perceived_quality(6, 6, 6, 6, 6, 6).perceived
    0.3
    >>> r = perceived_quality(10, 6, 6, 6, 6, 6)
    >>> r.expected, r.experienced, r.perceived, r.verdict
    (7.0, 6.3, -0.7, 'below')
    """
    v = _inputs({"promise": promise, "word_of_mouth": word_of_mouth, "needs": needs, "image": image,
                 "technical": technical, "functional": functional})
    low, high = SCALE
    expected = sum(EXPECTATION_WEIGHTS[f] * v[f] for f in EXPECTATION_FACTORS)
    delivered = TECHNICAL_WEIGHT * v["technical"] + (1 - TECHNICAL_WEIGHT) * v["functional"]
    boost = IMAGE_FILTER * (v["image"] - (low + high) / 2)
    experienced = float(np.clip(delivered + boost, low, high))
    filt = experienced - delivered
    perceived = experienced - expected
    r = lambda x: round(float(x), 6) + 0.0  # noqa: E731 - tidy floats (no 0.30000000000000004, no -0.0)
    perceived = r(perceived)
    verdict = "above" if perceived > 0.05 else "below" if perceived < -0.05 else "meets"
    return GronroosResult(inputs=v, expected=r(expected), delivered=r(delivered), filter=r(filt),
                          experienced=r(experienced), perceived=perceived, verdict=verdict)


def promise_sweep(inputs: Mapping[str, float], promises=None) -> list[dict]:
    """Perceived quality for a range of promises, everything else as in ``inputs``.

    Parameters
    ----------
    inputs : mapping
        The six inputs (``promise`` is replaced).
    promises : sequence of float, optional
        Promise levels (default 0, 1, …, 10).

    Returns
    -------
    list of dict
        ``{"promise", "expected", "experienced", "perceived"}`` per promise level.

    Notes
    -----
    With delivery fixed, ``perceived`` falls by 0.25 for every point of promise: the
    over-promising trap as a line.

    Examples
    --------
    >>> rows = promise_sweep(PRESETS["balanced"], [4, 8])
    >>> [row["perceived"] for row in rows]
    [0.8, -0.2]
    """
    base = _inputs(check_mapping(inputs, "inputs", numbers_in=True, low=SCALE[0], high=SCALE[1]))
    levels = np.arange(SCALE[0], SCALE[1] + 1) if promises is None else promises
    out = []
    for p in levels:
        res = perceived_quality(**{**base, "promise": p})
        out.append({"promise": res.inputs["promise"], "expected": res.expected,
                    "experienced": res.experienced, "perceived": res.perceived})
    return out


def preset_inputs(preset: str | None) -> dict[str, float]:
    """The inputs of a lecture preset (``None`` = ``"balanced"``).

    Examples
    --------
    >>> preset_inputs("over_promise")["promise"]
    10
    """
    name = "balanced" if preset is None else check_choice(preset, "preset", tuple(PRESETS))
    return dict(PRESETS[name])


def preset_table(names=("balanced", "over_promise")):
    """The lecture presets side by side: inputs and the quantities of the diagram, one row each.

    Parameters
    ----------
    names : sequence of str
        Preset names from :data:`PRESETS`.

    Returns
    -------
    pandas.DataFrame
        Columns ``preset``, ``promise``, ``technical``, ``functional``, ``expected``,
        ``experienced``, ``perceived``, ``verdict``.

    Examples
    --------
    >>> preset_table()[["preset", "expected", "perceived"]].values.tolist()
    [['balanced', 6.0, 0.3], ['over_promise', 7.0, -0.7]]
    """
    import pandas as pd

    rows = []
    for name in names:
        r = perceived_quality(**preset_inputs(name))
        rows.append({"preset": name, "promise": r.inputs["promise"], "technical": r.inputs["technical"],
                     "functional": r.inputs["functional"], "expected": r.expected, "experienced": r.experienced,
                     "perceived": r.perceived, "verdict": r.verdict})
    return pd.DataFrame(rows)
