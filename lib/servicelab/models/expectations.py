"""What shapes customer expectations: desired and adequate service and the zone between (C5.8).

Zeithaml, Berry & Parasuraman (1993) separate two levels of expectation: **desired service** (what
the customer hopes for: what can and should be) and **adequate service** (the lowest level the
customer will accept). The band between them is the **zone of tolerance**. Determinants move the
levels: some the desired level, some the adequate level, and four of them (explicit and implicit
promises, word of mouth, past experience) the desired level and the *predicted* level — and
predicted service in turn moves the adequate level. Which determinant moves which level, and which
way, is data (``data/expectations/determinants.json``, from the paper's model); how far is a
teaching illustration (``step``).

A perception is placed against the zone by :func:`servicelab.models.servqual.zone_of_tolerance`
(chapter 05's model, reused here).

References
----------
Zeithaml, V. A., Berry, L. L. & Parasuraman, A. (1993). The nature and determinants of customer
expectations of service. *Journal of the Academy of Marketing Science*, 21(1), 1–12.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import pandas as pd

from ..errors import ContentError
from ..paths import data_path
from ._inputs import check_choice, check_names, check_number
from .servqual import SCALE_MAX, SCALE_MIN, zone_of_tolerance

__all__ = [
    "LEVELS",
    "BASE_DESIRED",
    "BASE_ADEQUATE",
    "STEP",
    "PRESETS",
    "Determinant",
    "ExpectationLevels",
    "load_determinants",
    "determinant_ids",
    "expectation_levels",
    "determinant_effects",
    "place_perception",
    "preset_state",
    "preset_table",
]

#: What a determinant can move: desired service, adequate service, or both (via predicted service).
LEVELS: tuple[str, ...] = ("desired", "adequate", "both")
#: Starting levels on SERVQUAL's 1–7 scale, with no determinant switched on (illustrative).
BASE_DESIRED, BASE_ADEQUATE = 6.0, 4.5
#: How far one determinant moves a level (illustrative; the paper gives directions, not sizes).
STEP = 0.5

_KEYS = {"id", "label", "examples", "paper_term", "moves", "direction"}

#: Lecture states: determinants switched on and the perception (1–7).
PRESETS: dict[str, dict] = {
    "baseline": {"active": (), "perception": 5.0},
    # an emergency after a failed first repair: the customer accepts far less slack
    "emergency": {"active": ("transitory_intensifiers",), "perception": 5.0},
    # big promises and rave reviews: both edges go up, the same service now falls short
    "big_promises": {"active": ("explicit_promises", "word_of_mouth"), "perception": 5.0},
    # a storm the provider cannot help: the customer accepts less, the zone widens
    "storm": {"active": ("situational_factors",), "perception": 4.2},
}


@dataclass(frozen=True)
class Determinant:
    """One determinant of expectations (see ``data/expectations/README.md``)."""

    id: str
    label: dict
    examples: dict
    paper_term: str
    moves: str
    direction: int


@dataclass(frozen=True)
class ExpectationLevels:
    """Desired and adequate service for a set of active determinants.

    Attributes
    ----------
    active : tuple of str
        The determinants switched on, in the file's order.
    desired, adequate : float
        The two levels on the 1–7 scale (``adequate ≤ desired``).
    width : float
        Width of the zone of tolerance, ``desired − adequate``.
    """

    active: tuple
    desired: float
    adequate: float

    @property
    def width(self) -> float:
        return round(self.desired - self.adequate, 6) + 0.0


def _bad(path, detail: str) -> ContentError:
    return ContentError("content.invalid", file=path.name, detail=detail)


@lru_cache(maxsize=1)
def load_determinants() -> tuple[Determinant, ...]:
    """The ten determinants of ``data/expectations/determinants.json``, validated.

    Returns
    -------
    tuple of Determinant
        In the file's order (the course's list).

    Raises
    ------
    ContentError
        A malformed file: unknown or missing keys, a text without both languages, a duplicate id,
        ``moves`` not one of :data:`LEVELS` or ``direction`` not ±1 (the message names the file,
        the determinant and the field).

    Examples
    --------
    >>> [d.id for d in load_determinants()][:2]
    ['enduring_intensifiers', 'personal_needs']
    """
    path = data_path("expectations", "determinants.json")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise _bad(path, f"line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    items = raw.get("determinants") if isinstance(raw, dict) else None
    if not isinstance(items, list) or not items:
        raise _bad(path, "'determinants' must be a non-empty list")
    out, seen = [], set()
    for n, item in enumerate(items, 1):
        where = f"determinant {item.get('id', n) if isinstance(item, dict) else n}"
        if not isinstance(item, dict) or set(item) != _KEYS:
            extra = sorted(set(item) - _KEYS) if isinstance(item, dict) else []
            missing = sorted(_KEYS - set(item)) if isinstance(item, dict) else sorted(_KEYS)
            raise _bad(path, f"{where}: unknown keys {extra}, missing keys {missing}")
        if item["id"] in seen:
            raise _bad(path, f"{where}: duplicate id")
        seen.add(item["id"])
        for field in ("label", "examples"):
            text = item[field]
            if not (isinstance(text, dict) and all(isinstance(text.get(lang), str) and text[lang].strip()
                                                   for lang in ("zh", "en"))):
                raise _bad(path, f"{where}: {field} needs non-empty zh and en")
        if item["moves"] not in LEVELS:
            raise _bad(path, f"{where}: moves = {item['moves']!r}, allowed {', '.join(LEVELS)}")
        if item["direction"] not in (1, -1) or isinstance(item["direction"], bool):
            raise _bad(path, f"{where}: direction = {item['direction']!r}, allowed 1 or -1")
        out.append(Determinant(**item))
    return tuple(out)


def determinant_ids() -> tuple[str, ...]:
    """Ids of the determinants, in the course's order.

    Examples
    --------
    >>> len(determinant_ids())
    10
    """
    return tuple(d.id for d in load_determinants())


def _active(active) -> tuple[str, ...]:
    ids = determinant_ids()
    if active is None:
        return ()
    chosen = {check_choice(a, "active", ids) for a in check_names(active, "active", min_size=0)}
    return tuple(i for i in ids if i in chosen)


def expectation_levels(active: Iterable[str] | None = None, *, desired: float = BASE_DESIRED,
                       adequate: float = BASE_ADEQUATE, step: float = STEP) -> ExpectationLevels:
    """Desired and adequate service with the given determinants switched on.

    Parameters
    ----------
    active : iterable of str, optional
        Ids of the determinants switched on (see :func:`determinant_ids`); none by default.
    desired, adequate : float
        The levels with nothing switched on, on the 1–7 scale (``adequate ≤ desired``).
    step : float
        How far one determinant moves a level, 0–3 points (a teaching illustration).

    Returns
    -------
    ExpectationLevels

    Raises
    ------
    ServiceLabError
        An unknown determinant, a level outside 1–7, ``adequate > desired`` or ``step`` out of range.

    Notes
    -----
    With :math:`s` the step and :math:`d_k = \\pm 1` the direction of determinant :math:`k`:

    .. math::

        \\text{desired} &= \\text{desired}_0 + s \\sum_{k \\in D \\cup B} d_k \\\\
        \\text{adequate} &= \\text{adequate}_0 + s \\sum_{k \\in A \\cup B} d_k

    where :math:`D`, :math:`A`, :math:`B` are the active determinants that move the desired, the
    adequate, or both levels (``both``: desired and predicted service, predicted passed on to
    adequate one for one). Both levels are then kept on 1–7, and adequate at most desired (the
    zone cannot be negative).

    References
    ----------
    Zeithaml, V. A., Berry, L. L. & Parasuraman, A. (1993). The nature and determinants of
    customer expectations of service. *Journal of the Academy of Marketing Science*, 21(1), 1–12.

    Examples
    --------
    >>> lv = expectation_levels(["transitory_intensifiers"])
    >>> lv.desired, lv.adequate, lv.width
    (6.0, 5.0, 1.0)
    >>> expectation_levels(["situational_factors"]).adequate
    4.0
    """
    chosen = _active(active)
    desired = check_number(desired, "desired", low=SCALE_MIN, high=SCALE_MAX)
    adequate = check_number(adequate, "adequate", low=SCALE_MIN, high=desired)
    step = check_number(step, "step", low=0, high=3)
    by_id = {d.id: d for d in load_determinants()}
    d_shift = sum(by_id[i].direction for i in chosen if by_id[i].moves in ("desired", "both"))
    a_shift = sum(by_id[i].direction for i in chosen if by_id[i].moves in ("adequate", "both"))
    new_desired = min(max(desired + step * d_shift, SCALE_MIN), SCALE_MAX)
    new_adequate = min(max(adequate + step * a_shift, SCALE_MIN), new_desired)
    return ExpectationLevels(active=chosen, desired=round(new_desired, 6) + 0.0,
                             adequate=round(new_adequate, 6) + 0.0)


def determinant_effects(lang: str = "zh", *, step: float = STEP) -> pd.DataFrame:
    """Each determinant switched on alone: how it moves desired and adequate service.

    Parameters
    ----------
    lang : {"zh", "en"}
        Language of the ``label`` column.
    step : float
        As in :func:`expectation_levels`.

    Returns
    -------
    pandas.DataFrame
        One row per determinant: ``id``, ``label``, ``moves``, ``desired_shift``,
        ``adequate_shift``, ``width`` (zone width with it alone).

    Examples
    --------
    >>> fx = determinant_effects("en").set_index("id")
    >>> fx.loc["explicit_promises", ["desired_shift", "adequate_shift"]].tolist()
    [0.5, 0.5]
    """
    base = expectation_levels(step=step)
    rows = []
    for d in load_determinants():
        lv = expectation_levels([d.id], step=step)
        rows.append({"id": d.id, "label": d.label[lang], "moves": d.moves,
                     "desired_shift": round(lv.desired - base.desired, 6) + 0.0,
                     "adequate_shift": round(lv.adequate - base.adequate, 6) + 0.0, "width": lv.width})
    return pd.DataFrame(rows)


def place_perception(perception: float, levels: ExpectationLevels) -> dict:
    """Where a perception falls against the zone of tolerance (below, inside or above).

    Parameters
    ----------
    perception : float
        Perceived service on the 1–7 scale.
    levels : ExpectationLevels

    Returns
    -------
    dict
        ``perceived``, ``adequate``, ``desired``, ``msa`` (= P − adequate), ``mss``
        (= P − desired) and ``position`` (``"below"``, ``"inside"`` or ``"above"``), from
        :func:`servicelab.models.servqual.zone_of_tolerance`.

    Examples
    --------
    >>> place_perception(5.0, expectation_levels(["explicit_promises", "word_of_mouth"]))["position"]
    'below'
    """
    p = check_number(perception, "perception", low=SCALE_MIN, high=SCALE_MAX)
    row = zone_of_tolerance([p], [levels.adequate], [levels.desired]).iloc[0]
    return {k: (float(row[k]) if k != "position" else row[k]) for k in row.index}


def preset_state(preset: str | None) -> dict:
    """The active determinants and perception of a lecture preset (``None`` = ``"baseline"``).

    Examples
    --------
    >>> preset_state("emergency")["active"]
    ('transitory_intensifiers',)
    """
    name = "baseline" if preset is None else check_choice(preset, "preset", tuple(PRESETS))
    return dict(PRESETS[name])


def preset_table(names=("baseline", "emergency", "big_promises", "storm")) -> pd.DataFrame:
    """The lecture presets side by side: the zone and where the perception falls, one row each.

    Parameters
    ----------
    names : sequence of str
        Preset names from :data:`PRESETS`.

    Returns
    -------
    pandas.DataFrame
        Columns ``preset``, ``adequate``, ``desired``, ``width``, ``perceived``, ``position``.

    Examples
    --------
    >>> preset_table(["baseline", "big_promises"])["position"].tolist()
    ['inside', 'below']
    """
    rows = []
    for name in names:
        state = preset_state(name)
        lv = expectation_levels(state["active"])
        placed = place_perception(state["perception"], lv)
        rows.append({"preset": name, "adequate": lv.adequate, "desired": lv.desired, "width": lv.width,
                     "perceived": placed["perceived"], "position": placed["position"]})
    return pd.DataFrame(rows)
