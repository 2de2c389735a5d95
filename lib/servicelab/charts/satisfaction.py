"""Chapter 08 charts: satisfaction indicators, IPA grid, Kano CS–DS chart, loyalty curves, service–profit chain.

Each is a :class:`~servicelab.charts._offline.ChartKind` (``KIND.live(output, lang)``,
``KIND.update(widget, output, lang)``, ``KIND.chart(output, lang)``):

* :data:`INDICATORS` — the five indicators of :func:`~servicelab.models.satisfaction.satisfaction_indicators` as bars (percent).
* :data:`IPA_GRID` — :func:`~servicelab.models.ipa.ipa_quadrants` output: performance × importance, the cross-lines, the quadrant names.
* :data:`KANO_GRID` — :func:`~servicelab.models.kano.kano_classify` output: CS × |DS| (Berger et al. 1993's chart).
* :data:`LOYALTY_CURVES` — ``(competitive, current)`` frames of :func:`~servicelab.models.satisfaction.loyalty_curve` and the zone bounds.
* :data:`PROFIT_CHAIN` — the service–profit chain of ``data/satisfaction/profit_chain.json``, course or Heskett et al. version.
"""
from __future__ import annotations

import math

import pandas as pd

from ..i18n import t
from ..models.ipa import QUADRANTS
from ..models.kano import CATEGORIES
from ..models.satisfaction import INDICATORS as INDICATOR_CODES
from ..models.satisfaction import ZONES, load_profit_chain
from ._offline import ChartKind, import_altair
from ._text import place_labels, text_size, wrap_label

QUADRANT_COLORS = ("#c0392b", "#2e7d32", "#6d6d6d", "#1f5f9e")   # concentrate, keep up, low priority, overkill
KANO_COLORS = ("#1f5f9e", "#2e7d32", "#c0392b", "#6d6d6d", "#8e44ad", "#a0522d")  # A O M I R Q
ZONE_FILLS = ("#f6d5d1", "#eeeeee", "#d6ead7")
TEXT = "#222222"
IPA_W, IPA_H = 440, 340
KANO_W, KANO_H = 420, 340
NAME_FONT, LABEL_FONT = 11, 10      # px: quadrant names (bold), point labels
NAME_PAD = (6, 4)                   # px between a quadrant name and the plot's edges


def _corner_name(text: str, lang: str) -> str:
    """A quadrant name over lines: the name, then its bracketed gloss wrapped (it fits a corner)."""
    for bracket in ("（", " ("):
        if bracket in text:
            head, gloss = text.split(bracket, 1)
            return head.strip() + "\n" + wrap_label(bracket.strip() + gloss, 10 if lang == "zh" else 18)
    return wrap_label(text, 10 if lang == "zh" else 22)


def _point_label(text: str, lang: str) -> str:
    """A point's label over as few, evenly filled lines as fit 8 CJK characters / 24 letters a line."""
    most = 8 if lang == "zh" else 24
    lines = math.ceil(len(text) / most)
    return wrap_label(text, math.ceil(len(text) / lines) + (0 if lang == "zh" else 3))


def _corners(names: dict[str, str], width: float, height: float, from_px) -> tuple[pd.DataFrame, list]:
    """``names`` = {corner: text}, corner in tl/tr/bl/br → the names' frame (data units) and their boxes (px)."""
    rows, boxes = [], []
    dx, dy = NAME_PAD
    for corner, text in names.items():
        w, h = text_size(text, NAME_FONT, bold=True)
        x = dx if corner[1] == "l" else width - dx
        y = dy if corner[0] == "t" else height - dy - h    # the block's top: vega lays the lines downwards
        x0, y0 = (x if corner[1] == "l" else x - w), y
        cx, cy = from_px(x, y)
        rows.append({"corner": corner, "name": text, "cx": round(cx, 4), "cy": round(cy, 4)})
        boxes.append((x0, y0, x0 + w, y0 + h))
    return pd.DataFrame(rows), boxes


def _corner_layers(alt, data: str, x: str, y: str, sx, sy):
    """One text layer per corner, left or right aligned, its lines laid downwards from the block's top
    (``cy``): the four blocks sit in the plot's corners and, narrower than half the plot, never meet."""
    layers = []
    for corner in ("tl", "tr", "bl", "br"):
        layers.append(alt.Chart(alt.NamedData(data)).transform_filter(f"datum.corner === '{corner}'").mark_text(
            align="left" if corner[1] == "l" else "right", baseline="top", lineBreak="\n",
            lineHeight=1.25 * NAME_FONT, fontWeight="bold", color="#444444", fontSize=NAME_FONT).encode(
            x=alt.X(f"{x}:Q", scale=sx), y=alt.Y(f"{y}:Q", scale=sy), text="name:N"))
    return layers


def _label_layers(alt, data: str, x: str, y: str, sx, sy):
    """The points' labels, anchored where :func:`place_labels` put them (one layer per alignment)."""
    return [alt.Chart(alt.NamedData(data)).transform_filter(f"datum.align === '{align}'").mark_text(
        align=align, baseline="top", lineBreak="\n", lineHeight=1.25 * LABEL_FONT, fontSize=LABEL_FONT, color=TEXT).encode(
        x=alt.X(f"{x}:Q", scale=sx), y=alt.Y(f"{y}:Q", scale=sy), text="label:N")
        for align in ("left", "right", "center")]


def _placed_labels(xs, ys, texts, to_px, from_px, width, height, obstacles) -> pd.DataFrame:
    """Labels beside the points (data units in, data units out; placement in px)."""
    pts = [to_px(x, y) for x, y in zip(xs, ys)]
    spots = place_labels(pts, list(texts), width, height, font_size=LABEL_FONT, obstacles=obstacles)
    rows = []
    for text, (px, py, align) in zip(texts, spots):
        lx, ly = from_px(px, py - text_size(text, LABEL_FONT)[1] / 2)   # anchor: the block's top
        rows.append({"lx": round(lx, 4), "ly": round(ly, 4), "align": align, "label": text})
    return pd.DataFrame(rows, columns=["lx", "ly", "align", "label"])


# -- the five indicators -----------------------------------------------------------------------
def _indicators_data(frame: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    rows = []
    for code, rate in zip(frame["indicator"], frame["rate"]):
        pct = None if pd.isna(rate) else round(100.0 * float(rate), 2)
        rows.append({"indicator": t(f"satisfaction.indicator.{code}", lang), "percent": pct,
                     "direction": t("satnb.chart.lower_better" if code == "complaint_rate" else "satnb.chart.higher_better", lang),
                     "complaint": code == "complaint_rate"})
    return {"si_bars": pd.DataFrame(rows)}


def _indicators_build(lang: str):
    alt = import_altair()
    order = [t(f"satisfaction.indicator.{c}", lang) for c in INDICATOR_CODES]
    bars = alt.Chart(alt.NamedData("si_bars")).mark_bar().encode(
        y=alt.Y("indicator:N", sort=order, title=None),
        x=alt.X("percent:Q", title=t("satnb.chart.percent", lang), scale=alt.Scale(domainMin=0)),
        color=alt.condition("datum.complaint", alt.value("#c0392b"), alt.value("#4e79a7")),
        tooltip=[alt.Tooltip("indicator:N", title=t("satnb.chart.indicator", lang)),
                 alt.Tooltip("percent:Q", title=t("satnb.chart.percent", lang), format=".1f"),
                 alt.Tooltip("direction:N", title=t("satnb.chart.direction", lang))])
    labels = alt.Chart(alt.NamedData("si_bars")).mark_text(align="left", dx=4, color=TEXT).encode(
        y=alt.Y("indicator:N", sort=order), x="percent:Q", text=alt.Text("percent:Q", format=".1f"))
    return (bars + labels).properties(title=t("satnb.chart.indicators_title", lang), width=360, height=170)


INDICATORS = ChartKind(_indicators_build, _indicators_data)


# -- IPA grid ------------------------------------------------------------------------------------
def attribute_label(a, lang: str) -> str:
    if isinstance(a, str):
        key = f"servqual.dimension.{a}"
        text = t(key, lang)
        return a if text == key else text
    return f"{t('satnb.chart.item', lang)} {a}"


def _ipa_data(frame: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    il, pl = float(frame["importance_line"].iloc[0]), float(frame["performance_line"].iloc[0])
    pts = pd.DataFrame({
        "attribute": [attribute_label(a, lang) for a in frame["attribute"]],
        "importance": frame["importance"].round(3), "performance": frame["performance"].round(3),
        "quadrant": [t(f"ipa.quadrant.{q}", lang) for q in frame["quadrant"]],
    })
    i_min, i_max = float(frame["importance"].min()), float(frame["importance"].max())
    p_min, p_max = float(frame["performance"].min()), float(frame["performance"].max())
    i_pad, p_pad = max((i_max - i_min) * 0.15, 0.5), max((p_max - p_min) * 0.15, 0.2)
    p_lo, p_hi = min(p_min, pl) - p_pad, max(p_max, pl) + p_pad
    i_pad *= 1.4                                   # room for the quadrant names above and below the points
    i_lo, i_hi = min(i_min, il) - i_pad, max(i_max, il) + i_pad

    def to_px(p, i):
        return (p - p_lo) / (p_hi - p_lo) * IPA_W, (i_hi - i) / (i_hi - i_lo) * IPA_H

    def from_px(x, y):
        return p_lo + x / IPA_W * (p_hi - p_lo), i_hi - y / IPA_H * (i_hi - i_lo)

    corners = {"tl": "concentrate_here", "tr": "keep_up", "bl": "low_priority", "br": "possible_overkill"}
    names, boxes = _corners({c: _corner_name(t(f"ipa.quadrant.{q}", lang), lang) for c, q in corners.items()},
                            IPA_W, IPA_H, from_px)
    labels = _placed_labels(pts["performance"], pts["importance"], [_point_label(a, lang) for a in pts["attribute"]],
                            to_px, from_px, IPA_W, IPA_H, boxes)
    return {"ipa_points": pts,
            "ipa_lines": pd.DataFrame({"il": [round(il, 3)], "pl": [round(pl, 3)], "p_lo": [p_lo], "p_hi": [p_hi],
                                       "i_lo": [i_lo], "i_hi": [i_hi]}),
            "ipa_span": pd.DataFrame({"p_lo": [p_lo], "p_hi": [p_hi], "i_lo": [i_lo], "i_hi": [i_hi]}),
            "ipa_labels": labels,
            "ipa_names": names}


def _ipa_build(lang: str):
    alt = import_altair()
    sx, sy = alt.Scale(zero=False, nice=False), alt.Scale(zero=False, nice=False)
    xt, yt = t("satnb.chart.performance", lang), t("satnb.chart.importance", lang)
    span = alt.Chart(alt.NamedData("ipa_span")).mark_rect(opacity=0).encode(
        x=alt.X("p_lo:Q", scale=sx, title=xt), x2="p_hi:Q", y=alt.Y("i_lo:Q", scale=sy, title=yt), y2="i_hi:Q")
    rules = alt.Chart(alt.NamedData("ipa_lines")).mark_rule(strokeDash=[6, 4], color="#555555")
    vline = rules.encode(x=alt.X("pl:Q", scale=sx), y=alt.Y("i_lo:Q", scale=sy), y2="i_hi:Q")
    hline = rules.encode(y=alt.Y("il:Q", scale=sy), x=alt.X("p_lo:Q", scale=sx), x2="p_hi:Q")
    names = _corner_layers(alt, "ipa_names", "cx", "cy", sx, sy)
    qnames = [t(f"ipa.quadrant.{q}", lang) for q in QUADRANTS]
    points = alt.Chart(alt.NamedData("ipa_points")).mark_point(filled=True, size=110).encode(
        x=alt.X("performance:Q", scale=sx), y=alt.Y("importance:Q", scale=sy),
        color=alt.Color("quadrant:N", scale=alt.Scale(domain=qnames, range=list(QUADRANT_COLORS)),
                        legend=alt.Legend(title=None, orient="bottom", columns=1, labelLimit=600)),
        tooltip=[alt.Tooltip("attribute:N", title=t("satnb.chart.attribute", lang)),
                 alt.Tooltip("importance:Q", title=yt, format=".2f"),
                 alt.Tooltip("performance:Q", title=xt, format=".2f"),
                 alt.Tooltip("quadrant:N", title=t("satnb.chart.quadrant", lang))])
    texts = _label_layers(alt, "ipa_labels", "lx", "ly", sx, sy)
    return alt.layer(span, vline, hline, *names, points, *texts).properties(
        title=t("satnb.chart.ipa_title", lang), width=IPA_W, height=IPA_H)


IPA_GRID = ChartKind(_ipa_build, _ipa_data, tables=("ipa_points",))


# -- Kano CS–DS chart -------------------------------------------------------------------------------
def _kano_data(output, lang: str) -> dict[str, pd.DataFrame]:
    """``output`` = (classified frame, {feature: label}) or the classified frame alone."""
    frame, labels = output if isinstance(output, tuple) else (output, {})
    pts = pd.DataFrame({
        "feature": [labels.get(f, f) for f in frame["feature"]],
        "cs": frame["cs"].round(3), "worse": (-frame["ds"]).round(3),
        "category": [t(f"kano.category.{c}", lang) for c in frame["category"]],
    })

    def to_px(cs, worse):
        return cs * KANO_W, (1 - worse) * KANO_H

    def from_px(x, y):
        return x / KANO_W, 1 - y / KANO_H

    corners = {"tl": "M", "tr": "O", "bl": "I", "br": "A"}
    names, boxes = _corners({c: t(f"kano.category.{k}", lang) for c, k in corners.items()}, KANO_W, KANO_H, from_px)
    labels = _placed_labels(pts["cs"], pts["worse"], [_point_label(f, lang) for f in pts["feature"]],
                            to_px, from_px, KANO_W, KANO_H, boxes)
    return {"kano_points": pts, "kano_names": names, "kano_labels": labels}


def _kano_build(lang: str):
    alt = import_altair()
    sx = alt.Scale(domain=[0, 1], nice=False)
    sy = alt.Scale(domain=[0, 1], nice=False)
    xt, yt = t("kano.chart.cs", lang), t("kano.chart.worse", lang)
    # decorative cross-lines at 0.5 (no data field of their own): hidden from screen readers, which
    # read the chart's text alternative instead (axe: svg-img-alt on an unnamed graphics-symbol)
    grid = alt.Chart(alt.NamedData("kano_names")).mark_rule(strokeDash=[6, 4], color="#555555", aria=False)
    vline = grid.encode(x=alt.datum(0.5, scale=sx))
    hline = grid.encode(y=alt.datum(0.5, scale=sy))
    names = _corner_layers(alt, "kano_names", "cx", "cy", sx, sy)
    cats = [t(f"kano.category.{c}", lang) for c in CATEGORIES]
    points = alt.Chart(alt.NamedData("kano_points")).mark_point(filled=True, size=120).encode(
        x=alt.X("cs:Q", scale=sx, title=xt), y=alt.Y("worse:Q", scale=sy, title=yt),
        color=alt.Color("category:N", scale=alt.Scale(domain=cats, range=list(KANO_COLORS)),
                        legend=alt.Legend(title=t("kano.chart.category", lang), orient="bottom")),
        tooltip=[alt.Tooltip("feature:N", title=t("kano.chart.feature", lang)),
                 alt.Tooltip("cs:Q", title=xt, format=".2f"), alt.Tooltip("worse:Q", title=yt, format=".2f"),
                 alt.Tooltip("category:N", title=t("kano.chart.category", lang))])
    texts = _label_layers(alt, "kano_labels", "lx", "ly", sx, sy)
    return alt.layer(vline, hline, *names, points, *texts).properties(
        title=t("kano.chart.title", lang), width=KANO_W, height=KANO_H)


KANO_GRID = ChartKind(_kano_build, _kano_data, tables=("kano_points",))


# -- loyalty curves --------------------------------------------------------------------------------
def _loyalty_data(output, lang: str) -> dict[str, pd.DataFrame]:
    """``output`` = (competitive curve, current curve, (low, high), (lower, upper))."""
    competitive, current, (low, high), (lower, upper) = output
    a, b = t("satnb.loyalty.competitive", lang), t("satnb.loyalty.current", lang)
    lines = pd.concat([
        pd.DataFrame({"satisfaction": competitive["satisfaction"].round(3), "loyalty": competitive["loyalty"].round(2), "market": a}),
        pd.DataFrame({"satisfaction": current["satisfaction"].round(3), "loyalty": current["loyalty"].round(2), "market": b}),
    ], ignore_index=True)
    edges = [low, lower, upper, high]
    zones = pd.DataFrame([{"x0": edges[i], "x1": edges[i + 1], "mid": (edges[i] + edges[i + 1]) / 2,
                           "zone": t(f"satisfaction.zone.{z}", lang)} for i, z in enumerate(ZONES)])
    return {"lc_lines": lines, "lc_zones": zones}


def _loyalty_build(lang: str):
    alt = import_altair()
    sx, sy = alt.Scale(zero=False, nice=False), alt.Scale(domain=[0, 100])
    xt, yt = t("satnb.loyalty.x", lang), t("satnb.loyalty.y", lang)
    znames = [t(f"satisfaction.zone.{z}", lang) for z in ZONES]
    zones = alt.Chart(alt.NamedData("lc_zones")).mark_rect(opacity=0.8).encode(
        x=alt.X("x0:Q", scale=sx, title=xt), x2="x1:Q", y=alt.datum(0, scale=sy), y2=alt.datum(100),
        fill=alt.Fill("zone:N", scale=alt.Scale(domain=znames, range=list(ZONE_FILLS)), legend=None))
    ztext = alt.Chart(alt.NamedData("lc_zones")).mark_text(baseline="top", dy=4, fontSize=11, color=TEXT).encode(
        x=alt.X("mid:Q", scale=sx), y=alt.datum(100, scale=sy), text="zone:N")
    markets = [t("satnb.loyalty.competitive", lang), t("satnb.loyalty.current", lang)]
    lines = alt.Chart(alt.NamedData("lc_lines")).mark_line(strokeWidth=3).encode(
        x=alt.X("satisfaction:Q", scale=sx, title=xt), y=alt.Y("loyalty:Q", scale=sy, title=yt),
        color=alt.Color("market:N", scale=alt.Scale(domain=markets, range=["#1f5f9e", "#c0392b"]),
                        legend=alt.Legend(title=None, orient="bottom")),
        strokeDash=alt.StrokeDash("market:N", scale=alt.Scale(domain=markets, range=[[1, 0], [6, 3]]), legend=None),
        tooltip=[alt.Tooltip("market:N", title=t("satnb.loyalty.market", lang)),
                 alt.Tooltip("satisfaction:Q", title=xt, format=".1f"),
                 alt.Tooltip("loyalty:Q", title=yt, format=".1f")])
    return alt.layer(zones, ztext, lines).properties(title=t("satnb.loyalty.title", lang), width=440, height=280)


LOYALTY_CURVES = ChartKind(_loyalty_build, _loyalty_data, tables=("lc_lines",))


# -- the service–profit chain ---------------------------------------------------------------------------
PC_X, PC_Y = (0.0, 100.0), (0.0, 100.0)
PC_W, PC_H = 760, 300
PC_HALF_W, PC_HALF_H = 5.6, 11.0


def _pc_wrap(text: str, lang: str) -> str:
    return wrap_label(text, 5 if lang == "zh" else 11)


def _pc_angle(p, q) -> float:
    sx, sy = PC_W / (PC_X[1] - PC_X[0]), PC_H / (PC_Y[1] - PC_Y[0])
    return round(math.degrees(math.atan2((q[0] - p[0]) * sx, -(q[1] - p[1]) * sy)), 2)


def _chain_data(version: str, lang: str) -> dict[str, pd.DataFrame]:
    chain = load_profit_chain()[version]
    nodes = pd.DataFrame([{"x0": n["x"] - PC_HALF_W, "x1": n["x"] + PC_HALF_W, "y0": n["y"] - PC_HALF_H,
                           "y1": n["y"] + PC_HALF_H, "x": n["x"], "y": n["y"], "label": n["label"][lang],
                           "text": _pc_wrap(n["label"][lang], lang), "step": i}
                          for i, n in enumerate(chain["nodes"], start=1)])
    segs, heads = [], []
    for e in chain["edges"]:
        pts = e["path"]
        segs += [{"x": a[0], "y": a[1], "x2": b[0], "y2": b[1]} for a, b in zip(pts, pts[1:])]
        heads.append({"x": pts[-1][0], "y": pts[-1][1], "angle": _pc_angle(pts[-2], pts[-1])})
    title = pd.DataFrame({"title": [chain["title"][lang]]})
    return {"pc_nodes": nodes, "pc_segments": pd.DataFrame(segs), "pc_heads": pd.DataFrame(heads), "pc_title": title}


def _chain_build(lang: str):
    alt = import_altair()
    sx = alt.Scale(domain=list(PC_X), nice=False)
    sy = alt.Scale(domain=list(PC_Y), reverse=True, nice=False)
    x, y = alt.X("x:Q", scale=sx, axis=None), alt.Y("y:Q", scale=sy, axis=None)
    boxes = alt.Chart(alt.NamedData("pc_nodes")).mark_rect(fill="#f4f6fb", stroke="#4e79a7", strokeWidth=1.2,
                                                           cornerRadius=3).encode(
        x=alt.X("x0:Q", scale=sx, axis=None), x2="x1:Q", y=alt.Y("y0:Q", scale=sy, axis=None), y2="y1:Q",
        tooltip=[alt.Tooltip("step:Q", title=t("satnb.chain.step", lang)),
                 alt.Tooltip("label:N", title=t("satnb.chain.link", lang))])
    texts = alt.Chart(alt.NamedData("pc_nodes")).mark_text(fontSize=11, lineBreak="\n", color=TEXT).encode(
        x=x, y=y, text="text:N")
    segs = alt.Chart(alt.NamedData("pc_segments")).mark_rule(color="#555555", strokeWidth=1.6).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q")
    heads = alt.Chart(alt.NamedData("pc_heads")).mark_point(shape="triangle-up", filled=True, color="#555555",
                                                            size=60).encode(x=x, y=y, angle=alt.Angle("angle:Q", scale=None))
    title = alt.Chart(alt.NamedData("pc_title")).mark_text(align="left", baseline="top", fontSize=13,
                                                           fontWeight="bold", color=TEXT).encode(
        x=alt.datum(0, scale=sx), y=alt.datum(0, scale=sy), text="title:N")
    return alt.layer(segs, heads, boxes, texts, title).properties(width=PC_W, height=PC_H)


PROFIT_CHAIN = ChartKind(_chain_build, _chain_data, tables=("pc_nodes",), title_field=("pc_title", "title"))
