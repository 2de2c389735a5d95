"""The airline turnaround case (course concept C5.15): from a loss of 20 M to a profit of 80 M.

The course (seed S1) lists the measures — cut costs, drop services that do not fit the target,
aim at revenue by targeting full-fare business travellers, fit the services to them, re-engineer
the culture — and the result, but not how much of the 100 M swing each measure brought. The split
in ``data/process/airline_turnaround.json`` is therefore this project's illustration (every lever
is flagged ``illustrative``); :func:`bridge` turns it into the bars of a bridge (waterfall) chart.
"""
from __future__ import annotations

import math
from typing import Mapping, Sequence

import pandas as pd

from ..errors import ContentError, ServiceLabError
from ._inputs import check_number, is_sequence, shown
from .blueprint import bilingual, read_process_json

_LEVER_KEYS = {"id", "amount", "illustrative", "label"}


def bridge(start: float, end: float, levers: Sequence[tuple[str, float]]) -> pd.DataFrame:
    """The bars of a bridge (waterfall) chart from ``start`` to ``end`` through the levers.

    Parameters
    ----------
    start, end : float
        Result before and after (e.g. −20 and 80, in millions).
    levers : sequence of (label, amount)
        Each lever's contribution, in order; the amounts must add up to ``end − start``.

    Returns
    -------
    pandas.DataFrame
        One row per bar: ``label``, ``kind`` (``start``, ``up``, ``down``, ``end``), ``amount``,
        ``low`` and ``high`` (the bar's span), ``order`` (0, 1, …).

    Raises
    ------
    ServiceLabError
        If the levers do not add up to the change (``turnaround.error.sum``), or a number is not finite.

    Notes
    -----
    A lever bar spans from the running total :math:`S_{k-1} = start + \\sum_{i<k} a_i` to
    :math:`S_k = S_{k-1} + a_k`; the first and last bars span from 0 to ``start`` and to ``end``.

    Examples
    --------
    >>> df = bridge(-20, 80, [("costs", 40), ("revenue", 60)])
    >>> df[["kind", "low", "high"]].values.tolist()
    [['start', -20.0, 0.0], ['up', -20.0, 20.0], ['up', 20.0, 80.0], ['end', 0.0, 80.0]]
    """
    start = check_number(start, "start")
    end = check_number(end, "end")
    rows = [{"label": "start", "kind": "start", "amount": start, "low": min(0.0, start), "high": max(0.0, start)}]
    total = start
    if not is_sequence(levers):
        raise ServiceLabError("error.param.not_sequence", name="levers", value=shown(levers))
    for i, lever in enumerate(levers, start=1):
        if not (isinstance(lever, (tuple, list)) and len(lever) == 2):
            raise ServiceLabError("error.param.not_sequence", name=f"levers #{i}", value=shown(lever))
        label, amount = lever
        amount = check_number(amount, f"levers #{i}")
        new = total + amount
        rows.append({"label": str(label), "kind": "up" if amount >= 0 else "down", "amount": amount,
                     "low": min(total, new), "high": max(total, new)})
        total = new
    if not math.isclose(total, end, rel_tol=1e-9, abs_tol=1e-9):
        raise ServiceLabError("turnaround.error.sum", total=round(total - start, 6), change=round(end - start, 6))
    rows.append({"label": "end", "kind": "end", "amount": end, "low": min(0.0, end), "high": max(0.0, end)})
    out = pd.DataFrame(rows)
    out["order"] = range(len(out))
    return out


def load_turnaround(name: str = "airline_turnaround.json") -> Mapping:
    """The turnaround case's figures: ``start``, ``end`` and the ``levers`` (validated on load).

    Returns
    -------
    dict
        ``{"start": float, "end": float, "levers": [{"id", "amount", "illustrative", "label"}, …]}``.

    Raises
    ------
    ContentError
        A missing file, bad JSON, an unknown key, a missing language, an amount that is not a
        number, or levers that do not add up to ``end − start`` (file, lever and field named).

    Examples
    --------
    >>> case = load_turnaround()
    >>> case["start"], case["end"], sum(l["amount"] for l in case["levers"])
    (-20.0, 80.0, 100.0)
    """
    raw = read_process_json(name)

    def bad(where, field, value):
        return ContentError("blueprint.error.field", file=name, where=where, field=field, value=str(value)[:60])

    if not isinstance(raw, dict) or set(raw) != {"start", "end", "levers"}:
        raise bad("/", "keys", sorted(raw) if isinstance(raw, dict) else raw)
    out = {}
    for key in ("start", "end"):
        if isinstance(raw[key], bool) or not isinstance(raw[key], (int, float)) or not math.isfinite(raw[key]):
            raise bad("/", key, raw[key])
        out[key] = float(raw[key])
    levers, ids = [], set()
    for i, lever in enumerate(raw["levers"] if isinstance(raw["levers"], list) else [None], start=1):
        where = f"levers[{i}]"
        if not isinstance(lever, dict) or set(lever) != _LEVER_KEYS:
            raise bad(where, "keys", sorted(lever) if isinstance(lever, dict) else lever)
        if not isinstance(lever["id"], str) or not lever["id"] or lever["id"] in ids:
            raise bad(where, "id", lever["id"])
        ids.add(lever["id"])
        a = lever["amount"]
        if isinstance(a, bool) or not isinstance(a, (int, float)) or not math.isfinite(a):
            raise bad(f"{where} ({lever['id']})", "amount", a)
        if not isinstance(lever["illustrative"], bool):
            raise bad(f"{where} ({lever['id']})", "illustrative", lever["illustrative"])
        bilingual(lever["label"], name, f"{where} ({lever['id']})", "label")
        levers.append({**lever, "amount": float(a)})
    total = sum(lever["amount"] for lever in levers)
    if not math.isclose(total, out["end"] - out["start"], abs_tol=1e-9):
        raise bad("levers", "amount", f"Σ = {total} ≠ {out['end'] - out['start']}")
    out["levers"] = levers
    return out


def turnaround_bridge(lang: str = "zh", case: Mapping | None = None) -> pd.DataFrame:
    """The case's bridge bars with translated lever labels and each bar's ``illustrative`` flag.

    Examples
    --------
    >>> df = turnaround_bridge("en")
    >>> df["kind"].iloc[0], df["kind"].iloc[-1], float(df["high"].iloc[-1])
    ('start', 'end', 80.0)
    """
    from ..i18n import t

    case = case or load_turnaround()
    df = bridge(case["start"], case["end"], [(lv["label"][lang], lv["amount"]) for lv in case["levers"]])
    df.loc[df["kind"] == "start", "label"] = t("turnaround.label.start", lang)
    df.loc[df["kind"] == "end", "label"] = t("turnaround.label.end", lang)
    df["illustrative"] = [False] + [bool(lv["illustrative"]) for lv in case["levers"]] + [False]
    return df
