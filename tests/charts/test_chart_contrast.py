"""Text drawn in a chart is readable: contrast at least 4.5 : 1 on the white chart background.

WCAG 2.x AA for normal text (success criterion 1.4.3). The contrast is computed here from the
WCAG formula (relative luminance of sRGB), from each text mark's colour(s) in the chart's
Vega-Lite template, blended over white at the mark's opacity — independent of the chart code.
Vega's default text colour is black.
"""
from __future__ import annotations

import pytest

from servicelab.charts import blueprint, customers, process, quiz, servqual
from servicelab.charts._offline import ChartKind

KINDS = {f"{m.__name__.rsplit('.', 1)[-1]}.{n}": k for m in (customers, servqual, quiz, blueprint, process)
         for n, k in vars(m).items() if isinstance(k, ChartKind)}
#: Text marks whose background is not the white chart but a data-coloured mark under them
#: (checked on that colour by their own test below).
ON_COLOURED_MARKS = {"customers.RFM_MATRIX"}
#: Vega 5's continuous "blues" scheme (vega-scale, schemes.js), interpolated linearly in RGB.
BLUES = "cfe1f2bed8eca8cee58fc1de74b2d75ba3cf4592c63181bd206fb2125ca40a4a90"
NAMED = {"white": "#ffffff", "black": "#000000"}


def _rgb(colour: str) -> tuple[float, float, float]:
    c = NAMED.get(colour.lower(), colour).lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    return tuple(int(c[i:i + 2], 16) / 255 for i in (0, 2, 4))


def _luminance(rgb) -> float:
    lin = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(colour: str, opacity: float = 1.0, background: str = "#ffffff") -> float:
    bg = _rgb(background)
    fg = tuple(opacity * f + (1 - opacity) * b for f, b in zip(_rgb(colour), bg))
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_against_known_values():
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#777777") == pytest.approx(4.48, abs=0.01)   # the classic "just fails" grey
    assert contrast("#e15759", 0.45) < 1.9                          # the old quadrant label


def _text_marks(spec: dict):
    """(mark, encoding) of every text mark in a (layered / concatenated) spec."""
    mark = spec.get("mark")
    if mark == "text" or (isinstance(mark, dict) and mark.get("type") == "text"):
        yield (mark if isinstance(mark, dict) else {}), spec.get("encoding", {})
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for sub in spec.get(key, []):
            yield from _text_marks(sub)
    if isinstance(spec.get("spec"), dict):
        yield from _text_marks(spec["spec"])


def _colours(mark: dict, encoding: dict) -> list[str]:
    enc = encoding.get("color") or encoding.get("fill")
    if isinstance(enc, dict):
        if "value" in enc:
            return [enc["value"]]
        if "condition" in enc:
            cond = enc["condition"]
            return [c["value"] for c in (cond if isinstance(cond, list) else [cond])] + [enc.get("value", "#000000")]
        rng = enc.get("scale", {}).get("range")
        assert isinstance(rng, list), f"text colour from a scheme cannot be checked: {enc}"
        return rng
    return [mark.get("color") or mark.get("fill") or "#000000"]


CASES = [(name, lang) for name in sorted(KINDS) if name not in ON_COLOURED_MARKS for lang in ("zh", "en")]


@pytest.mark.parametrize("name, lang", CASES)
def test_chart_text_has_at_least_4_5_to_1_contrast(name, lang):
    spec = KINDS[name].template(lang)
    for mark, encoding in _text_marks(spec):
        opacity = float(mark.get("opacity", mark.get("fillOpacity", 1.0)))
        for colour in _colours(mark, encoding):
            assert contrast(colour, opacity) >= 4.5, (name, colour, opacity, round(contrast(colour, opacity), 2))


def test_service_type_quadrant_labels_are_dark_enough():
    """The four quadrant names of chapter 01's chart (were 1.5–1.8 : 1)."""
    spec = KINDS["customers.SERVICE_TYPES"].template("zh")
    marks = list(_text_marks(spec))
    assert marks, "no text mark found"
    ratios = [contrast(c, float(m.get("opacity", 1.0))) for m, e in marks for c in _colours(m, e)]
    assert len(ratios) >= 4 and min(ratios) >= 4.5, ratios


def _blues(t: float) -> str:
    cols = [tuple(int(BLUES[i + j:i + j + 2], 16) for j in (0, 2, 4)) for i in range(0, len(BLUES), 6)]
    n = len(cols) - 1
    k = min(int(t * n), n - 1)
    f = t * n - k
    return "#" + "".join(f"{round(cols[k][j] + (cols[k + 1][j] - cols[k][j]) * f):02x}" for j in range(3))


def test_rfm_count_labels_are_readable_on_their_cells():
    """The heat map's counts: the colour chosen for each cell's share of the range reads at >= 4.5 : 1."""
    import re

    spec = KINDS["customers.RFM_MATRIX"].template("en")
    (mark, enc), = list(_text_marks(spec))
    cond = enc["color"]["condition"]
    above, below = cond["value"], enc["color"]["value"]
    cut = float(re.search(r"> ([0-9.]+) \*", cond["test"]).group(1))
    for i in range(101):
        t = i / 100
        text = above if t > cut else below
        assert contrast(text, 1.0, _blues(t)) >= 4.5, (t, text, _blues(t), round(contrast(text, 1.0, _blues(t)), 2))


def test_rfm_count_labels_as_vega_draws_them():
    """Drawn by vega (vl-convert): each count's text colour against the fill of the cell under it."""
    import re

    import pandas as pd

    vlc = pytest.importorskip("vl_convert")
    rows = []
    for i, (r, f) in enumerate((r, f) for r in range(1, 6) for f in range(1, 4)):
        rows += [(r, f)] * (i + 1)  # 15 cells holding 1 … 15 customers: the whole colour range
    frame = pd.DataFrame(rows, columns=["R", "F"])
    svg = vlc.vegalite_to_svg(customers.rfm_matrix_chart(frame, pd.DataFrame({"revenue": [1.0] * len(frame)}),
                                                         "en").to_dict())
    fills = {m.group(1): tuple(int(x) for x in m.group(2).split(","))
             for m in re.finditer(r'aria-label="[^"]*Customers: (\d+);[^"]*"[^>]*aria-roledescription="rect mark"'
                                  r'[^>]*fill="rgb\(([\d, ]+)\)"', svg)}
    texts = re.findall(r'<text[^>]*aria-roledescription="text mark"[^>]*fill="([^"]+)"[^>]*>(\d+)</text>', svg)
    assert len(fills) == len(texts) == 15
    for colour, count in texts:
        cell = "#" + "".join(f"{c:02x}" for c in fills[count])
        assert contrast(colour, 1.0, cell) >= 4.5, (count, colour, cell, round(contrast(colour, 1.0, cell), 2))
