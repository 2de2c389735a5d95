"""The service blueprint of the course's express-delivery process (course concept C5.1), as data.

A service blueprint (Shostack 1984; Bitner, Ostrom & Morgan 2008) draws a service process in
horizontal lanes — physical evidence, customer actions, onstage contact, backstage contact, support
processes — separated by the line of interaction, the line of visibility and the line of internal
interaction, with the steps in time order and the fail points and waits marked. The blueprint of
the lesson is ``data/process/blueprint_express.json`` (see ``data/process/README.md``); this module
loads and validates it. The chart is :data:`servicelab.charts.blueprint.BLUEPRINT`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from ..errors import ContentError
from ..paths import data_path

#: The five lanes of a blueprint, top to bottom (Bitner, Ostrom & Morgan 2008).
LANES: tuple[str, ...] = ("evidence", "customer", "onstage", "backstage", "support")
#: The three lines and the lanes they separate.
LINES: dict[str, tuple[str, str]] = {"interaction": ("customer", "onstage"),
                                     "visibility": ("onstage", "backstage"),
                                     "internal": ("backstage", "support")}
_STEP_KEYS = {"id", "lane", "order", "process_step", "fail_point", "wait", "label"}


@dataclass(frozen=True)
class Blueprint:
    """A loaded blueprint.

    Attributes
    ----------
    title : dict
        ``{"zh": …, "en": …}``.
    lanes : pandas.DataFrame
        ``lane`` (code), ``row`` (0 = top), ``label_zh``, ``label_en``.
    lines : pandas.DataFrame
        ``line`` (code), ``y`` (between the rows it separates, e.g. 1.5), ``label_zh``, ``label_en``.
    steps : pandas.DataFrame
        ``id``, ``lane``, ``row``, ``order`` (column, time order), ``process_step`` (number of the
        step in the reliability table, 0 if none), ``fail_point``, ``wait``, ``label_zh``, ``label_en``.
    """

    title: dict
    lanes: pd.DataFrame
    lines: pd.DataFrame
    steps: pd.DataFrame


def read_process_json(name: str):
    """The parsed JSON of ``data/process/<name>``; a missing file or bad JSON is a :class:`ContentError`.

    Examples
    --------
    >>> sorted(read_process_json("airline_turnaround.json"))
    ['end', 'levers', 'start']
    """
    path = data_path("process", name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ContentError("content.error.missing_file", file=str(path)) from exc
    except ValueError as exc:
        raise ContentError("blueprint.error.json", file=name, detail=str(exc)[:120]) from exc


def bilingual(obj, file: str, where: str, field: str) -> dict:
    """``obj`` if it is ``{"zh": text, "en": text}`` with both texts non-empty, else a :class:`ContentError`.

    Examples
    --------
    >>> bilingual({"zh": "可视线", "en": "Line of visibility"}, "f.json", "lines[visibility]", "label")["en"]
    'Line of visibility'
    """
    if not isinstance(obj, dict) or set(obj) != {"zh", "en"} or not all(isinstance(v, str) and v.strip() for v in obj.values()):
        raise _bad(file, where, field, obj)
    return obj


def _bad(file: str, where: str, field: str, value) -> ContentError:
    return ContentError("blueprint.error.field", file=file, where=where, field=field, value=str(value)[:60])


def load_blueprint(name: str = "blueprint_express.json") -> Blueprint:
    """Load and validate a blueprint file of ``data/process/``.

    Parameters
    ----------
    name : str
        File name in ``data/process/``.

    Returns
    -------
    Blueprint

    Raises
    ------
    ContentError
        The file is missing, not JSON, or a lane, line or step is malformed (an unknown lane, a
        line between lanes that are not neighbours, a duplicate id, an order that is not a whole
        number ≥ 1, a missing language …): the message names the file, the entry and the field.

    Notes
    -----
    The lanes must be the five of Bitner, Ostrom & Morgan (2008) in their order; the lines those
    between customer/onstage (interaction), onstage/backstage (visibility) and backstage/support
    (internal interaction).

    Examples
    --------
    >>> bp = load_blueprint()
    >>> bp.lanes["lane"].tolist()
    ['evidence', 'customer', 'onstage', 'backstage', 'support']
    >>> sorted(bp.steps.loc[bp.steps["fail_point"], "process_step"].tolist())
    [3, 7]
    """
    raw = read_process_json(name)
    if not isinstance(raw, dict) or set(raw) != {"title", "lanes", "lines", "steps"}:
        raise _bad(name, "/", "keys", sorted(raw) if isinstance(raw, dict) else type(raw).__name__)
    title = bilingual(raw["title"], name, "/", "title")
    lanes = raw["lanes"]
    if not isinstance(lanes, list) or [lane.get("id") if isinstance(lane, dict) else None for lane in lanes] != list(LANES):
        raise _bad(name, "lanes", "id", [lane.get("id") if isinstance(lane, dict) else lane for lane in lanes]
                   if isinstance(lanes, list) else lanes)
    lane_rows = []
    for i, lane in enumerate(lanes):
        label = bilingual(lane.get("label"), name, f"lanes[{lane['id']}]", "label")
        lane_rows.append({"lane": lane["id"], "row": i, "label_zh": label["zh"], "label_en": label["en"]})
    line_rows = []
    seen_lines = set()
    for line in raw["lines"] if isinstance(raw["lines"], list) else [raw["lines"]]:
        lid = line.get("id") if isinstance(line, dict) else None
        if lid not in LINES or lid in seen_lines:
            raise _bad(name, "lines", "id", lid)
        seen_lines.add(lid)
        if (line.get("above"), line.get("below")) != LINES[lid]:
            raise _bad(name, f"lines[{lid}]", "above/below", (line.get("above"), line.get("below")))
        label = bilingual(line.get("label"), name, f"lines[{lid}]", "label")
        y = LANES.index(LINES[lid][0]) + 0.5
        line_rows.append({"line": lid, "y": y, "label_zh": label["zh"], "label_en": label["en"]})
    if seen_lines != set(LINES):
        raise _bad(name, "lines", "id", sorted(seen_lines))
    step_rows, ids, cells = [], set(), set()
    for i, step in enumerate(raw["steps"] if isinstance(raw["steps"], list) else [], start=1):
        where = f"steps[{i}]" + (f" ({step.get('id')})" if isinstance(step, dict) else "")
        if not isinstance(step, dict) or set(step) != _STEP_KEYS:
            raise _bad(name, where, "keys", sorted(step) if isinstance(step, dict) else step)
        if not isinstance(step["id"], str) or not step["id"] or step["id"] in ids:
            raise _bad(name, where, "id", step["id"])
        ids.add(step["id"])
        if step["lane"] not in LANES:
            raise _bad(name, where, "lane", step["lane"])
        order = step["order"]
        if isinstance(order, bool) or not isinstance(order, int) or order < 1:
            raise _bad(name, where, "order", order)
        if (step["lane"], order) in cells:
            raise _bad(name, where, "lane/order", (step["lane"], order))
        cells.add((step["lane"], order))
        ps = step["process_step"]
        if ps is not None and (isinstance(ps, bool) or not isinstance(ps, int) or ps < 1):
            raise _bad(name, where, "process_step", ps)
        for flag in ("fail_point", "wait"):
            if not isinstance(step[flag], bool):
                raise _bad(name, where, flag, step[flag])
        label = bilingual(step["label"], name, where, "label")
        step_rows.append({"id": step["id"], "lane": step["lane"], "row": LANES.index(step["lane"]), "order": order,
                          "process_step": ps or 0, "fail_point": step["fail_point"], "wait": step["wait"],
                          "label_zh": label["zh"], "label_en": label["en"]})
    if not step_rows:
        raise _bad(name, "steps", "steps", raw["steps"])
    steps = pd.DataFrame(step_rows).sort_values(["order", "row"], kind="stable").reset_index(drop=True)
    return Blueprint(title=title, lanes=pd.DataFrame(lane_rows), lines=pd.DataFrame(line_rows), steps=steps)
