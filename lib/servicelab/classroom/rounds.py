"""Class-mode rounds: what a round asks (its *spec*) and the check of every answer against it.

Pure functions, no I/O: the store (:mod:`servicelab.classroom.store`) and the server
(:mod:`servicelab.classroom.server`) call them, the instructor's panel builds the specs.

Two kinds of round
------------------
* ``choice`` — peer instruction on a bank question::

      {"kind": "choice", "question_id": "Q-C5.9-single-01", "phase": 1,
       "options": ["A", "B", "C", "D"], "multiple": False,
       "display": {"zh": {"prompt": "…", "options": {"A": "…"}}, "en": {…}}}

  answer: ``{"choice": ["B"]}`` — distinct option keys of the round; exactly one when
  ``multiple`` is false, 1 … len(options) when true.
* ``survey`` — the class as the survey::

      {"kind": "survey", "items": [{"key": "E_tangibles", "min": 1, "max": 7}, …],
       "texts": [{"key": "comment", "max_len": 200}],
       "display": {"zh": {"title": "…", "items": {…}, "texts": {…}, "groups": [{"title": "…", "keys": […]}]},
                   "en": {…}}}

  answer: ``{"ratings": {key: int, …}, "texts": {key: str, …}}`` — every item rated with a whole
  number in [min, max]; texts optional, at most ``max_len`` characters; no unknown keys.

Keys match ``[A-Za-z0-9_.-]{1,40}``. Display strings are plain text: the phone page inserts them
with ``textContent``, never as markup. A spec may carry further keys of the panel's own (for
example the right answer, ``"correct": ["B"]``): they are kept in the store but never sent to a
phone (:func:`public_spec`).

Every problem raises :class:`~servicelab.errors.ServiceLabError` with a ``classroom.error.*`` key
naming the field and the allowed values or range.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..errors import ServiceLabError

KINDS: tuple[str, ...] = ("choice", "survey")
KEY_PATTERN = re.compile(r"[A-Za-z0-9_.-]{1,40}")
#: Bounds of a choice round's option list.
MIN_OPTIONS, MAX_OPTIONS = 2, 26
#: Bounds of a survey's scale ends and of its number of items / text fields.
SCALE_LIMIT = 100
MAX_ITEMS = 60
MAX_TEXTS = 5
#: Longest free-text field a survey may ask for, and the longest display string.
MAX_TEXT_LEN = 2000
MAX_DISPLAY_LEN = 4000
#: The keys a phone may see (everything else in a spec stays with the instructor).
PUBLIC_KEYS = {"choice": ("kind", "phase", "options", "multiple", "display"),
               "survey": ("kind", "items", "texts", "display")}


def _key(value: Any, field: str) -> str:
    if not isinstance(value, str) or not KEY_PATTERN.fullmatch(value):
        raise ServiceLabError("classroom.error.bad_key", field=field, value=str(value)[:60])
    return value


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_DISPLAY_LEN:
        raise ServiceLabError("classroom.error.spec_display", field=field, limit=MAX_DISPLAY_LEN)
    return value


def _display(raw: Any, kind: str, keys: Mapping[str, tuple[str, ...]]) -> dict:
    """The display block: ``{lang: {...}}`` with plain-text strings only, for known keys only."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ServiceLabError("classroom.error.spec_display", field="display", limit=MAX_DISPLAY_LEN)
    out: dict[str, dict] = {}
    for lang, block in raw.items():
        if lang not in ("zh", "en") or not isinstance(block, Mapping):
            raise ServiceLabError("classroom.error.spec_display_lang", value=str(lang)[:20])
        clean: dict[str, Any] = {}
        for name, value in block.items():
            where = f"display.{lang}.{name}"
            if name in ("prompt", "title"):
                clean[name] = _text(value, where)
            elif name in keys:
                if not isinstance(value, Mapping):
                    raise ServiceLabError("classroom.error.spec_display", field=where, limit=MAX_DISPLAY_LEN)
                unknown = sorted(set(value) - set(keys[name]))
                if unknown:
                    raise ServiceLabError("classroom.error.spec_display_key", field=where, value=str(unknown[0])[:60])
                clean[name] = {k: _text(v, f"{where}.{k}") for k, v in value.items()}
            elif name == "groups" and kind == "survey":
                if not isinstance(value, list):
                    raise ServiceLabError("classroom.error.spec_display", field=where, limit=MAX_DISPLAY_LEN)
                groups = []
                for i, g in enumerate(value):
                    if not isinstance(g, Mapping) or not isinstance(g.get("keys"), list):
                        raise ServiceLabError("classroom.error.spec_display", field=f"{where}[{i}]", limit=MAX_DISPLAY_LEN)
                    bad = [k for k in g["keys"] if k not in keys["items"]]
                    if bad:
                        raise ServiceLabError("classroom.error.spec_display_key", field=f"{where}[{i}]",
                                              value=str(bad[0])[:60])
                    groups.append({"title": _text(g.get("title", ""), f"{where}[{i}].title"), "keys": list(g["keys"])})
                clean[name] = groups
            else:
                raise ServiceLabError("classroom.error.spec_display_key", field=f"display.{lang}", value=str(name)[:60])
        out[lang] = clean
    return out


def _distinct(keys: list[str], field: str) -> None:
    seen: set[str] = set()
    for k in keys:
        if k in seen:
            raise ServiceLabError("classroom.error.spec_duplicate", field=field, value=k)
        seen.add(k)


def validate_spec(spec: Any) -> dict:
    """Check a round spec and return its normalised copy.

    Parameters
    ----------
    spec : dict
        A ``choice`` or ``survey`` spec (module notes).

    Returns
    -------
    dict
        A new dict: defaults filled in (``multiple`` False, ``texts`` [], ``display`` {}), display
        strings checked to be plain text of known keys; extra top-level keys of the panel kept.

    Raises
    ------
    ServiceLabError
        ``classroom.error.spec_*`` / ``classroom.error.bad_key`` naming the field and what is allowed.

    Notes
    -----
    A choice round has 2–26 distinct option keys and phase 1 or 2; a survey has 1–60 items, each
    a scale ``min < max`` of whole numbers within ±100, and up to 5 free-text fields of 1–2000
    characters; item and text keys are distinct.

    References
    ----------
    Crouch, C. H., & Mazur, E. (2001). Peer instruction: Ten years of experience and results.
    *American Journal of Physics*, 69(9), 970–977.

    Examples
    --------
    >>> validate_spec({"kind": "choice", "question_id": "Q-1", "phase": 1, "options": ["A", "B"]})["multiple"]
    False
    >>> try:
    ...     validate_spec({"kind": "survey", "items": [{"key": "x", "min": 7, "max": 1}]})
    ... except ServiceLabError as err:
    ...     print(err.key)
    classroom.error.spec_bounds
    """
    if not isinstance(spec, Mapping):
        raise ServiceLabError("classroom.error.spec_not_object")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise ServiceLabError("classroom.error.spec_kind", value=str(kind)[:40], allowed=", ".join(KINDS))
    out = dict(spec)
    if kind == "choice":
        qid = spec.get("question_id")
        if not isinstance(qid, str) or not 1 <= len(qid) <= 80:
            raise ServiceLabError("classroom.error.spec_missing", field="question_id")
        phase = spec.get("phase")
        if not _whole(phase) or phase not in (1, 2):
            raise ServiceLabError("classroom.error.spec_phase", value=str(phase)[:20])
        options = spec.get("options")
        if not isinstance(options, list) or not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
            raise ServiceLabError("classroom.error.spec_options", low=MIN_OPTIONS, high=MAX_OPTIONS)
        options = [_key(o, "options") for o in options]
        _distinct(options, "options")
        multiple = spec.get("multiple", False)
        if not isinstance(multiple, bool):
            raise ServiceLabError("classroom.error.spec_bool", field="multiple")
        out.update(options=options, multiple=multiple,
                   display=_display(spec.get("display"), kind, {"options": tuple(options)}))
        return out
    items = spec.get("items")
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_ITEMS:
        raise ServiceLabError("classroom.error.spec_items", high=MAX_ITEMS)
    clean_items = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise ServiceLabError("classroom.error.spec_missing", field=f"items[{i}]")
        key = _key(item.get("key"), f"items[{i}].key")
        lo, hi = item.get("min"), item.get("max")
        if not (_whole(lo) and _whole(hi) and -SCALE_LIMIT <= lo < hi <= SCALE_LIMIT):
            raise ServiceLabError("classroom.error.spec_bounds", item=key, low=str(lo), high=str(hi), limit=SCALE_LIMIT)
        clean_items.append({"key": key, "min": lo, "max": hi})
    texts = spec.get("texts", [])
    if not isinstance(texts, list) or len(texts) > MAX_TEXTS:
        raise ServiceLabError("classroom.error.spec_texts", high=MAX_TEXTS)
    clean_texts = []
    for i, field in enumerate(texts):
        if not isinstance(field, Mapping):
            raise ServiceLabError("classroom.error.spec_missing", field=f"texts[{i}]")
        key = _key(field.get("key"), f"texts[{i}].key")
        n = field.get("max_len")
        if not _whole(n) or not 1 <= n <= MAX_TEXT_LEN:
            raise ServiceLabError("classroom.error.spec_max_len", item=key, value=str(n)[:20], limit=MAX_TEXT_LEN)
        clean_texts.append({"key": key, "max_len": n})
    _distinct([it["key"] for it in clean_items] + [f["key"] for f in clean_texts], "items/texts")
    out.update(items=clean_items, texts=clean_texts,
               display=_display(spec.get("display"), kind, {"items": tuple(it["key"] for it in clean_items),
                                                            "texts": tuple(f["key"] for f in clean_texts)}))
    return out


def public_spec(spec: Mapping) -> dict:
    """What a phone sees of a (validated) spec: no question id, no right answer, no panel keys.

    Examples
    --------
    >>> s = validate_spec({"kind": "choice", "question_id": "Q-1", "phase": 2, "options": ["A", "B"],
    ...                    "correct": ["B"]})
    >>> sorted(public_spec(s))
    ['display', 'kind', 'multiple', 'options', 'phase']
    """
    return {k: spec[k] for k in PUBLIC_KEYS[spec["kind"]] if k in spec}


def _only(payload: Mapping, allowed: tuple[str, ...]) -> None:
    unknown = sorted(str(k) for k in payload if k not in allowed)
    if unknown:
        raise ServiceLabError("classroom.error.answer_unknown_field", field=unknown[0][:60], allowed=", ".join(allowed))


def validate_answer(spec: Mapping, payload: Any) -> dict:
    """Check one answer against its round's (validated) spec; return the normalised answer.

    Parameters
    ----------
    spec : dict
        The round's spec, as :func:`validate_spec` returns it.
    payload : dict
        ``{"choice": [...]}`` for a choice round, ``{"ratings": {...}, "texts": {...}}`` for a survey.

    Returns
    -------
    dict
        Choice: ``{"choice": keys in the order of the round's options}``. Survey:
        ``{"ratings": {key: int} in item order, "texts": {key: str}}`` (texts verbatim, never
        stripped or escaped: the page escapes on display).

    Raises
    ------
    ServiceLabError
        ``classroom.error.answer_*`` naming the field, the value and the allowed keys or range.

    Notes
    -----
    Single choice: exactly one key; multiple choice: 1 … len(options) distinct keys. A rating is
    a whole number (JSON integer; not a boolean, not 5.0) with ``min ≤ r ≤ max``. A text is at
    most ``max_len`` characters (Python ``len``: code points).

    Examples
    --------
    >>> s = validate_spec({"kind": "choice", "question_id": "Q-1", "phase": 1, "options": ["A", "B", "C"],
    ...                    "multiple": True})
    >>> validate_answer(s, {"choice": ["C", "A"]})
    {'choice': ['A', 'C']}
    >>> v = validate_spec({"kind": "survey", "items": [{"key": "recommend", "min": 0, "max": 10}]})
    >>> try:
    ...     validate_answer(v, {"ratings": {"recommend": 11}})
    ... except ServiceLabError as err:
    ...     print(err.message("en"))
    Rating 'recommend' is 11; it must be a whole number from 0 to 10.
    """
    if not isinstance(payload, Mapping):
        raise ServiceLabError("classroom.error.answer_not_object")
    if spec["kind"] == "choice":
        _only(payload, ("choice",))
        choice = payload.get("choice")
        if not isinstance(choice, list) or not choice:
            raise ServiceLabError("classroom.error.answer_choice_missing")
        options = spec["options"]
        for c in choice:
            if not isinstance(c, str) or c not in options:
                raise ServiceLabError("classroom.error.answer_choice_option", value=str(c)[:40],
                                      allowed=", ".join(options))
        if len(set(choice)) != len(choice):
            raise ServiceLabError("classroom.error.answer_choice_duplicate")
        if not spec.get("multiple", False) and len(choice) != 1:
            raise ServiceLabError("classroom.error.answer_choice_single", n=len(choice))
        return {"choice": [o for o in options if o in choice]}
    _only(payload, ("ratings", "texts"))
    ratings = payload.get("ratings")
    if not isinstance(ratings, Mapping):
        raise ServiceLabError("classroom.error.answer_ratings_missing")
    items = {it["key"]: it for it in spec["items"]}
    unknown = sorted(str(k) for k in ratings if k not in items)
    if unknown:
        raise ServiceLabError("classroom.error.answer_unknown_key", field="ratings", value=unknown[0][:60])
    missing = [k for k in items if k not in ratings]
    if missing:
        raise ServiceLabError("classroom.error.answer_rating_missing", keys=", ".join(missing[:5]), n=len(missing))
    clean: dict[str, int] = {}
    for key, item in items.items():
        r = ratings[key]
        if not _whole(r) or not item["min"] <= r <= item["max"]:
            raise ServiceLabError("classroom.error.answer_rating_range", item=key, value=str(r)[:20],
                                  low=item["min"], high=item["max"])
        clean[key] = r
    texts = payload.get("texts", {})
    if texts is None:
        texts = {}
    if not isinstance(texts, Mapping):
        raise ServiceLabError("classroom.error.answer_texts_type")
    fields = {f["key"]: f["max_len"] for f in spec.get("texts", [])}
    clean_texts: dict[str, str] = {}
    for key, text in texts.items():
        if key not in fields:
            raise ServiceLabError("classroom.error.answer_unknown_key", field="texts", value=str(key)[:60])
        if not isinstance(text, str):
            raise ServiceLabError("classroom.error.answer_text_type", item=key)
        if len(text) > fields[key]:
            raise ServiceLabError("classroom.error.answer_text_long", item=key, n=len(text), limit=fields[key])
        clean_texts[key] = text
    return {"ratings": clean, "texts": clean_texts}
