"""Text helpers shared by the chart modules: box labels broken into lines, axis labels that fit."""
from __future__ import annotations

import json

#: Ticks of a 0–100 % share axis: every 20 %, so "100%" has room beside "80%" (vega's default
#: ticks every 10 % put "90%" over "100%" on a 320 px axis, and ``labelFlush`` pulls "100%" inwards).
SHARE_TICKS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


def share_axis(**kwargs) -> dict:
    """Keyword arguments of ``alt.Axis`` for a 0–1 share shown in per cent, ticks every 20 %.

    Parameters
    ----------
    **kwargs
        Further ``alt.Axis`` properties (they win over the defaults).

    Returns
    -------
    dict
        ``format=".0%"`` and ``values`` = :data:`SHARE_TICKS`, plus ``kwargs``.

    Notes
    -----
    Six labels of at most four characters on an axis of 300 px or more leave ≥ 30 px between
    neighbours; the data and the scale's domain are untouched (only where ticks go).

    Examples
    --------
    >>> share_axis(title=None)["values"]
    [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    """
    return {"format": ".0%", "values": list(SHARE_TICKS), **kwargs}


def wrap_expr(width: int, *, cjk: bool = False) -> str:
    """A vega ``labelExpr`` that breaks any axis label into lines of about ``width`` characters.

    Parameters
    ----------
    width : int
        Characters per line.
    cjk : bool
        Chinese labels: cut every ``width`` characters (no spaces to break at); otherwise break
        at spaces (a word longer than ``width`` stays whole).

    Returns
    -------
    str
        A vega expression returning the list of lines (vega draws a list as lines of text).

    Notes
    -----
    For category names that come with the data (unknown when the chart is built); for names known
    at build time :func:`wrapped_labels_expr` breaks them exactly as :func:`wrap_label` does. The
    data keep the full names.

    Examples
    --------
    >>> print(wrap_expr(10))
    split(trim(replace(datum.label, regexp('(.{1,10})(\\\\s+|$)', 'g'), '$1\\n')), '\\n')
    """
    pattern = f"(.{{1,{width}}})" if cjk else f"(.{{1,{width}}})(\\\\s+|$)"
    return f"split(trim(replace(datum.label, regexp('{pattern}', 'g'), '$1\\n')), '\\n')"


def wrapped_labels_expr(labels, width: int) -> str:
    """A vega ``labelExpr`` that draws each of ``labels`` on several lines (:func:`wrap_label`).

    Parameters
    ----------
    labels : sequence of str
        The axis' category names (known when the chart is built, e.g. translated stage names).
    width : int
        Characters per line, as for :func:`wrap_label`.

    Returns
    -------
    str
        A vega expression: the list of lines of a known label (vega draws a list as lines of
        text), any other label unchanged. Labels already short enough are left as they are.

    Notes
    -----
    The category values in the data stay the full names (tooltips, sorting and the data table
    are unchanged); only the drawn axis label is broken.

    Examples
    --------
    >>> wrapped_labels_expr(["Satisfaction after recovery", "Short"], 14)
    'datum.label === "Satisfaction after recovery" ? ["Satisfaction", "after recovery"] : datum.label'
    """
    parts = []
    for label in labels:
        lines = wrap_label(label, width).split("\n")
        if len(lines) > 1:
            parts.append(f"datum.label === {json.dumps(label, ensure_ascii=False)} ? {json.dumps(lines, ensure_ascii=False)}")
    return " : ".join([*parts, "datum.label"])


def wrap_label(text: str, width: int) -> str:
    """Break ``text`` into lines of about ``width`` characters (CJK: per character; else per word).

    Examples
    --------
    >>> wrap_label("查验货物、定承运方式", 4)
    '查验货物、\\n定承运\\n方式'
    >>> wrap_label("Checks goods, picks carrier", 14)
    'Checks goods,\\npicks carrier'
    """
    if any("\u2e80" <= ch <= "\u9fff" for ch in text):
        lines = [text[i:i + width] for i in range(0, len(text), width)]
        for i in range(1, len(lines)):  # a line never starts with a punctuation mark
            while lines[i] and lines[i][0] in "、，。；：）":
                lines[i - 1], lines[i] = lines[i - 1] + lines[i][0], lines[i][1:]
        return "\n".join(line for line in lines if line)
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def text_size(text: str, font_size: float, *, bold: bool = False) -> tuple[float, float]:
    """A generous estimate of the box (width, height) in px that ``text`` takes (lines split at ``\\n``).

    Parameters
    ----------
    text : str
        The label, lines split at ``\\n``.
    font_size : float
        Font size in px.
    bold : bool
        Bold text (a little wider).

    Returns
    -------
    (float, float)
        Width of the longest line and height of all lines, in px.

    Notes
    -----
    A CJK character is one em wide, any other character 0.6 em (0.66 em bold); a line is 1.25 em
    high. Over-estimates DejaVu Sans / Noto Sans CJK, the fonts of the classroom machines, a little.

    Examples
    --------
    >>> text_size("ab\\n重要", 10)
    (20.0, 25.0)
    """
    lines = text.split("\n")
    latin = 0.66 if bold else 0.6
    width = max(sum(1.0 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else latin for ch in line)
                for line in lines)
    return round(width * font_size, 2), round(len(lines) * 1.25 * font_size, 2)


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


#: Where a point's label may go: (dx, dy, align) from the point, in px; tried in this order.
LABEL_SPOTS = ((7, -8, "left"), (7, 8, "left"), (-7, -8, "right"), (-7, 8, "right"),
               (9, 0, "left"), (-9, 0, "right"), (0, -16, "center"), (0, 16, "center"))


def place_labels(points, texts, width: float, height: float, *, font_size: float = 10,
                 obstacles=(), radius: float = 6) -> list[tuple[float, float, str]]:
    """Put one label beside each point so that no two labels (nor a label and a point) overlap.

    Parameters
    ----------
    points : sequence of (x, y)
        The points in px of the plot area (origin top left, y downwards).
    texts : sequence of str
        One label per point (lines split at ``\\n``).
    width, height : float
        The plot area in px; a label stays inside it when it can.
    font_size : float
        The labels' font size in px.
    obstacles : sequence of (x0, y0, x1, y1)
        Boxes in px that the labels must keep clear of (e.g. quadrant names).
    radius : float
        Half the size of a point's symbol in px.

    Returns
    -------
    list of (x, y, align)
        The anchor of each label in px (vertical middle of the text block) and its horizontal
        alignment ("left", "right" or "center").

    Notes
    -----
    Greedy: points from top to bottom, each label in the first spot of :data:`LABEL_SPOTS` whose
    box (:func:`text_size`) stays in the plot and overlaps nothing placed so far; failing that,
    the spot with the least overlapping area. Imhof (1975) ranks the spots right-above first.

    References
    ----------
    Imhof, E. (1975). Positioning names on maps. *The American Cartographer*, 2(2), 128–144.

    Examples
    --------
    >>> place_labels([(50, 50), (52, 52)], ["A", "B"], 200, 200)
    [(43, 42.0, 'right'), (59, 44.0, 'left')]
    """
    boxes = [tuple(o) for o in obstacles]
    boxes += [(x - radius, y - radius, x + radius, y + radius) for x, y in points]
    placed: list = [None] * len(points)
    for i in sorted(range(len(points)), key=lambda k: (points[k][1], points[k][0])):
        (x, y), (w, h) = points[i], text_size(texts[i], font_size)
        best = None
        for dx, dy, align in LABEL_SPOTS:
            ax, ay = x + dx, y + dy + (0 if dy == 0 else (h / 2 - 0.625 * font_size) * (1 if dy > 0 else -1))
            x0 = ax if align == "left" else ax - w if align == "right" else ax - w / 2
            box = (x0, ay - h / 2, x0 + w, ay + h / 2)
            outside = max(0, -box[0]) + max(0, box[2] - width) + max(0, -box[1]) + max(0, box[3] - height)
            cost = sum(_overlap(box, b) for b in boxes) + 1000 * outside
            if best is None or cost < best[0]:
                best = (cost, (round(ax, 2), round(ay, 2), align), box)
            if cost == 0:
                break
        placed[i] = best[1]
        boxes.append(best[2])
    return placed
