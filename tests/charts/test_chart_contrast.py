"""Text drawn in a chart is readable: contrast at least 4.5 : 1 on the white chart background.

WCAG 2.x AA for normal text (success criterion 1.4.3). The contrast is computed here from the
WCAG formula (relative luminance of sRGB), from each text mark's colour(s) in the chart's
Vega-Lite template, blended over white at the mark's opacity — independent of the chart code.
Vega's default text colour is black.
"""
from __future__ import annotations

import pytest

from servicelab.charts import customers, quiz, servqual
from servicelab.charts._offline import ChartKind

KINDS = {f"{m.__name__.rsplit('.', 1)[-1]}.{n}": k for m in (customers, servqual, quiz)
         for n, k in vars(m).items() if isinstance(k, ChartKind)}
#: Text marks whose background is not the white chart but a data-coloured mark under them.
ON_COLOURED_MARKS = {
    # the R×F heat map prints counts on its cells in white or #222 by cell colour (data-driven):
    # not checked here, reported as open in issue 7's closing note
    "customers.RFM_MATRIX",
}
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
