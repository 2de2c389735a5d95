"""Charts for chapter 1: service types, customer concentration and tiers, strategic customers,
the value–price map and the R × F customer matrix.

Each chart is a :class:`~servicelab.charts._offline.ChartKind`: its look is defined once per
language in altair on named datasets; ``KIND.live(output, lang)`` gives a live widget,
``KIND.update(widget, output, lang)`` sends only the new rows, ``KIND.chart(output, lang)`` a
static altair chart. The ``*_chart`` functions are shortcuts for the static form. Everything that
changes with the inputs — points, reference lines, tier order, even the Gini coefficient shown
above the Lorenz curve — travels in the data, never in the spec. Labels come from the i18n
catalogue. No chart carries more than :data:`MAX_ROWS` data rows: curves are thinned to exact
vertices and customers are aggregated before they reach a chart.
"""
from __future__ import annotations

from functools import lru_cache, partial

import pandas as pd

from ..i18n import t
from ._offline import ChartKind, import_altair
from ._text import share_axis

#: Upper bound on the rows any chart here embeds (a chart is JSON shipped to the browser).
MAX_ROWS = 5000
#: Points drawn on a Pareto or Lorenz curve (exact vertices, evenly spaced).
CURVE_POINTS = 400
#: One colour per service type (colour-blind-safe Tableau 10 subset).
TYPE_COLORS = {"indifferent": "#e15759", "by_the_book": "#4e79a7", "friendly": "#f28e2b", "quality": "#59a14f"}
#: Darker shades of :data:`TYPE_COLORS` for text (quadrant labels): each at least 4.5 : 1 on white
#: (WCAG 2.x AA for text), where the point colours at 45 % opacity were 1.5–1.8 : 1.
TYPE_TEXT_COLORS = {"indifferent": "#b23a3c", "by_the_book": "#2f5f8a", "friendly": "#a4500f", "quality": "#33702c"}
#: Tier colours, top tier first.
#: Share of the R×F heat map's colour range from which its count labels are white (black below).
RFM_WHITE_FROM = 0.74
TIER_COLORS = ("#b07aa1", "#4e79a7", "#76b7b2", "#bab0ac")


def _check_rows(data: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    # a programming error, not a learner's: aggregate before charting
    for name, df in data.items():
        if len(df) > MAX_ROWS:
            raise ValueError(f"chart dataset {name!r} has {len(df)} rows; aggregate to at most {MAX_ROWS}")
    n = sum(len(df) for df in data.values())
    if n > MAX_ROWS:
        raise ValueError(f"chart data has {n} rows in all; aggregate to at most {MAX_ROWS}")
    return data


def _sized(chart, width: int, height: float | None = None):
    return chart.properties(width=width) if height is None else chart.properties(width=width, height=height)


# ============================================================================ service types (C1.2, C1.3)
def _st_data(output, lang: str, *, low: float, high: float) -> dict[str, pd.DataFrame]:
    from ..models.service_types import service_type

    classified, threshold = output
    threshold = float(threshold)
    pts = classified.reset_index(names="service")[["service", "procedural", "personal", "service_type", "type_name"]]
    lo_mid, hi_mid = (low + threshold) / 2, (threshold + high) / 2
    quads = pd.DataFrame([{"procedural": x, "personal": y} for x in (lo_mid, hi_mid) for y in (lo_mid, hi_mid)])
    quads["service_type"] = [service_type(x, y, threshold=threshold, low=low, high=high)
                             for x, y in zip(quads["procedural"], quads["personal"])]
    quads["type_name"] = [t(f"service_types.type.{c}", lang) for c in quads["service_type"]]
    return _check_rows({"st_points": pts.round(3), "st_quadrants": quads.round(3),
                        "st_threshold": pd.DataFrame({"v": [threshold]})})


def _st_build(lang: str, *, low: float, high: float):
    alt = import_altair()
    codes = list(TYPE_COLORS)
    color = alt.Color("service_type:N", scale=alt.Scale(domain=codes, range=[TYPE_COLORS[c] for c in codes]), legend=None)
    scale = alt.Scale(domain=[low, high])
    x = alt.X("procedural:Q", scale=scale, title=t("service_types.characteristic.procedural", lang))
    y = alt.Y("personal:Q", scale=scale, title=t("service_types.characteristic.personal", lang))
    text_color = alt.Color("service_type:N", scale=alt.Scale(domain=codes, range=[TYPE_TEXT_COLORS[c] for c in codes]),
                           legend=None)
    labels = alt.Chart(alt.NamedData("st_quadrants")).mark_text(fontSize=14, fontWeight="bold").encode(
        x=x, y=y, text="type_name:N", color=text_color)
    vrule = alt.Chart(alt.NamedData("st_threshold")).mark_rule(strokeDash=[4, 4], color="#888").encode(x=alt.X("v:Q", scale=scale))
    hrule = alt.Chart(alt.NamedData("st_threshold")).mark_rule(strokeDash=[4, 4], color="#888").encode(y=alt.Y("v:Q", scale=scale))
    points = alt.Chart(alt.NamedData("st_points")).mark_point(filled=True, size=160).encode(
        x=x, y=y, color=color,
        tooltip=[alt.Tooltip("service:N", title=t("custui.st.case", lang)),
                 alt.Tooltip("type_name:N", title=t("custui.col.service_type", lang)),
                 alt.Tooltip("procedural:Q", title=t("service_types.characteristic.procedural", lang), format=".2f"),
                 alt.Tooltip("personal:Q", title=t("service_types.characteristic.personal", lang), format=".2f")],
    )
    return (labels + vrule + hrule + points).properties(title=t("custui.chart.st_title", lang), width=320, height=320)


@lru_cache(maxsize=None)
def service_type_kind(low: float = 1, high: float = 5) -> ChartKind:
    """The service-type grid on the scale ``[low, high]``; its output is ``(classified, threshold)``."""
    return ChartKind(partial(_st_build, low=low, high=high), partial(_st_data, low=low, high=high), tables=("st_points",))


#: The service-type grid on the course's 1–5 scale.
SERVICE_TYPES = service_type_kind()


def service_type_chart(classified: pd.DataFrame, lang: str = "zh", *, threshold: float = 3.0,
                       low: float = 1, high: float = 5, width: int = 320):
    """The procedural × personal grid with each rated service as a point (C1.2, C1.3).

    Parameters
    ----------
    classified : pandas.DataFrame
        Output of :func:`servicelab.models.service_types.classify_services` with ``lang`` given
        (columns ``procedural``, ``personal``, ``service_type``, ``type_name``); the index names
        the service.
    lang : {"zh", "en"}
    threshold, low, high : float
        Where the strong/weak lines are drawn, and the scale.

    Returns
    -------
    altair.LayerChart
        Quadrant labels, the two threshold lines and the points.
    """
    return _sized(service_type_kind(low, high).chart((classified, threshold), lang), width, width)


# ============================================================================ Pareto curve (C1.11)
def _pareto_data(output, lang: str) -> dict[str, pd.DataFrame]:
    curve, top, share = output
    ref = pd.DataFrame({"customer_share": [0.2], "revenue_share": [0.8], "label": [t("custui.chart.rule_8020", lang)]})
    if top is not None and share is not None:
        marker = pd.DataFrame({"customer_share": [round(float(top), 4)], "revenue_share": [round(float(share), 4)],
                               "x0": [0.0], "y0": [0.0], "label": [t("custui.chart.marker", lang)]})
    else:
        marker = pd.DataFrame(columns=["customer_share", "revenue_share", "x0", "y0", "label"])
    return _check_rows({"pareto_curve": curve[["customer_share", "revenue_share"]].round(4),
                        "pareto_reference": ref, "pareto_marker": marker})


def _pareto_build(lang: str):
    alt = import_altair()
    x = alt.X("customer_share:Q", title=t("tiers.column.customer_share", lang), axis=alt.Axis(**share_axis()), scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("revenue_share:Q", title=t("tiers.column.revenue_share", lang), axis=alt.Axis(**share_axis()), scale=alt.Scale(domain=[0, 1]))
    line = alt.Chart(alt.NamedData("pareto_curve")).mark_line(color="#4e79a7", strokeWidth=2.5).encode(x=x, y=y)
    ref = alt.Chart(alt.NamedData("pareto_reference"))
    ref_pt = ref.mark_point(shape="diamond", size=90, color="#999", filled=True).encode(
        x=x, y=y, tooltip=[alt.Tooltip("label:N", title=t("custui.chart.measure", lang))])
    ref_txt = ref.mark_text(align="left", dx=8, dy=-6, color="#595959").encode(x=x, y=y, text="label:N")
    mark = alt.Chart(alt.NamedData("pareto_marker"))
    layers = [
        line, ref_pt, ref_txt,
        mark.mark_rule(color="#d62728", strokeDash=[3, 3]).encode(x=x, y="y0:Q", y2="revenue_share:Q"),
        mark.mark_rule(color="#d62728", strokeDash=[3, 3]).encode(y=y, x="x0:Q", x2="customer_share:Q"),
        mark.mark_point(color="#d62728", size=110, filled=True).encode(
            x=x, y=y, tooltip=[alt.Tooltip("customer_share:Q", title=t("tiers.column.customer_share", lang), format=".1%"),
                               alt.Tooltip("revenue_share:Q", title=t("tiers.column.revenue_share", lang), format=".1%")]),
    ]
    return alt.layer(*layers).properties(title=t("custui.chart.pareto_title", lang), width=360, height=288)


#: Pareto curve with the 80/20 reference point and the learner's point; output ``(curve, top, share)``.
PARETO = ChartKind(_pareto_build, _pareto_data)


def pareto_chart(curve: pd.DataFrame, lang: str = "zh", *, top: float | None = None, share: float | None = None,
                 width: int = 360):
    """Pareto curve: cumulative share of customers (biggest first) against share of revenue.

    Parameters
    ----------
    curve : pandas.DataFrame
        Output of :func:`servicelab.models.tiers.pareto_curve` (columns ``customer_share``,
        ``revenue_share``); thin it with ``max_points`` first (at most :data:`MAX_ROWS` rows).
    lang : {"zh", "en"}
    top, share : float, optional
        A point to mark (e.g. top 0.2 and :func:`~servicelab.models.tiers.pareto_share`), drawn
        with guide lines. The 80/20 reference point is always shown.

    Returns
    -------
    altair.LayerChart
    """
    return _sized(PARETO.chart((curve, top, share), lang), width, width * 0.8)


# ============================================================================ Lorenz curve
def _lorenz_data(output, lang: str) -> dict[str, pd.DataFrame]:
    curve, gini = output
    df = curve[["population_share", "value_share"]].round(4)
    eq, act = t("custui.chart.equality", lang), t("custui.chart.curve", lang)
    long = pd.concat([
        pd.DataFrame({"population_share": [0.0, 1.0], "value_share": [0.0, 1.0], "kind": eq}),
        df.assign(kind=act),
    ], ignore_index=True)
    title = pd.DataFrame({"title": [t("custui.chart.lorenz_title", lang, gini=f"{gini:.4f}")], "gini": [round(float(gini), 4)]})
    return _check_rows({"lorenz_curve": df, "lorenz_lines": long, "lorenz_title": title})


def _lorenz_build(lang: str):
    alt = import_altair()
    eq, act = t("custui.chart.equality", lang), t("custui.chart.curve", lang)
    x = alt.X("population_share:Q", title=t("tiers.column.population_share", lang), axis=alt.Axis(**share_axis()))
    y = alt.Y("value_share:Q", title=t("tiers.column.value_share", lang), axis=alt.Axis(**share_axis()))
    area = alt.Chart(alt.NamedData("lorenz_curve")).mark_area(opacity=0.15, color="#e15759").encode(x=x, y=y)
    lines = alt.Chart(alt.NamedData("lorenz_lines")).mark_line().encode(
        x=x, y=y, color=alt.Color("kind:N", scale=alt.Scale(domain=[eq, act], range=["#999999", "#e15759"]),
                                  legend=alt.Legend(title=None, orient="bottom")))
    # the title carries the Gini coefficient, so it is data: a text mark centred above the plot
    title = alt.Chart(alt.NamedData("lorenz_title")).mark_text(fontSize=13, fontWeight="bold", baseline="bottom").encode(
        x=alt.X(datum=0.5, type="quantitative"), y=alt.value(-8), text="title:N")
    return (area + lines + title).properties(width=320, height=256)


#: Lorenz curve with the line of equality, titled with the Gini coefficient; output ``(curve, gini)``.
LORENZ = ChartKind(_lorenz_build, _lorenz_data, tables=("lorenz_curve",), title_field=("lorenz_title", "title"))


def lorenz_chart(curve: pd.DataFrame, gini: float, lang: str = "zh", *, width: int = 320):
    """Lorenz curve with the line of equality; the Gini coefficient in the title.

    Parameters
    ----------
    curve : pandas.DataFrame
        Output of :func:`servicelab.models.tiers.lorenz_curve` (``population_share``,
        ``value_share``), thinned with ``max_points``.
    gini : float
        From :func:`servicelab.models.tiers.gini_coefficient` (twice the area between the line of
        equality and the curve).
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
        The title is a text mark on the dataset ``lorenz_title`` (it changes with ``gini``).
    """
    return _sized(LORENZ.chart((curve, gini), lang), width, width * 0.8)


# ============================================================================ tier pyramid (C1.11)
def _pyramid_data(profile: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    cust, rev = t("custui.col.customer_share", lang), t("custui.col.revenue_share", lang)
    rows = []
    for order, (name, cs, rs) in enumerate(profile[["tier_name", "customer_share", "revenue_share"]].itertuples(index=False)):
        rows.append({"tier_name": name, "order": order, "measure": cust, "signed": -100 * cs, "pct": round(100 * cs, 1)})
        rows.append({"tier_name": name, "order": order, "measure": rev, "signed": 100 * rs, "pct": round(100 * rs, 1)})
    df = pd.DataFrame(rows, columns=["tier_name", "order", "measure", "signed", "pct"]).round(2)
    return _check_rows({"tiers_pyramid": df})


def _pyramid_build(lang: str):
    alt = import_altair()
    cust, rev = t("custui.col.customer_share", lang), t("custui.col.revenue_share", lang)
    y = alt.Y("tier_name:N", sort=alt.EncodingSortField(field="order", op="min"), title=None)
    x = alt.X("signed:Q", title=t("custui.chart.share", lang), scale=alt.Scale(domain=[-100, 100]),
              axis=alt.Axis(labelExpr="abs(datum.value)"))
    color = alt.Color("measure:N", scale=alt.Scale(domain=[cust, rev], range=["#4e79a7", "#f28e2b"]),
                      legend=alt.Legend(title=None, orient="bottom"))
    base = alt.Chart(alt.NamedData("tiers_pyramid"))
    bars = base.mark_bar().encode(
        y=y, x=x, color=color,
        tooltip=[alt.Tooltip("tier_name:N", title=t("custui.col.tier", lang)),
                 alt.Tooltip("measure:N", title=t("custui.chart.measure", lang)),
                 alt.Tooltip("pct:Q", title=t("custui.chart.share", lang), format=".1f")])
    text = base.transform_calculate(tx="datum.signed < 0 ? datum.signed - 8 : datum.signed + 8").mark_text(
        color="#222", fontSize=11).encode(y=y, x=alt.X("tx:Q"), text=alt.Text("pct:Q", format=".1f"))
    return (bars + text).properties(title=t("custui.chart.pyramid_title", lang), width=420, height=alt.Step(40))


#: Tier pyramid (share of customers left, share of revenue right); output a ``tier_profile``.
TIER_PYRAMID = ChartKind(_pyramid_build, _pyramid_data)


def tier_pyramid_chart(profile: pd.DataFrame, lang: str = "zh", *, width: int = 420):
    """Pyramid of tiers: share of customers to the left, share of revenue to the right.

    Parameters
    ----------
    profile : pandas.DataFrame
        Output of :func:`servicelab.models.tiers.tier_profile` with ``lang`` (columns ``tier``,
        ``tier_name``, ``customer_share``, ``revenue_share``), top tier first.
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
        Top tier at the top (rows carry their ``order``); the widths show how few customers bring
        how much revenue.
    """
    return _sized(TIER_PYRAMID.chart(profile, lang), width)


# ============================================================================ strategic customers (C1.7)
def _strategic_data(scores: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    df = scores.reset_index(names="customer")[["customer", "score_100", "rank"]].round(2)
    df.insert(1, "order", range(len(df)))
    return _check_rows({"strategic_scores": df})


def _strategic_build(lang: str):
    alt = import_altair()
    return (
        alt.Chart(alt.NamedData("strategic_scores")).mark_bar(color="#59a14f").encode(
            y=alt.Y("customer:N", sort=alt.EncodingSortField(field="order", op="min"), title=None),
            x=alt.X("score_100:Q", scale=alt.Scale(domain=[0, 100]), title=t("customers.column.score_100", lang)),
            tooltip=[alt.Tooltip("customer:N", title=t("custui.col.customer", lang)),
                     alt.Tooltip("score_100:Q", title=t("customers.column.score_100", lang), format=".1f"),
                     alt.Tooltip("rank:Q", title=t("customers.column.rank", lang))])
        .properties(title=t("custui.chart.strategic_title", lang), width=360, height=alt.Step(28))
    )


#: Strategic-customer scores out of 100, best first; output a ``strategic_score`` frame.
STRATEGIC_SCORES = ChartKind(_strategic_build, _strategic_data)


def strategic_score_chart(scores: pd.DataFrame, lang: str = "zh", *, width: int = 360):
    """Horizontal bars of the strategic-customer score out of 100, best first (C1.7).

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`servicelab.models.customers.strategic_score` (index = customer name,
        column ``score_100``, sorted by rank).
    lang : {"zh", "en"}

    Returns
    -------
    altair.Chart
    """
    return _sized(STRATEGIC_SCORES.chart(scores, lang), width)


# ============================================================================ value–price map (C1.12)
def _vp_data(output, lang: str, *, low: float, high: float) -> dict[str, pd.DataFrame]:
    placed, fair_slope, fair_intercept, tolerance = output
    pts = placed.reset_index(names="offer")[["offer", "value", "price", "position", "position_name", "direction_name"]].round(3)
    grid = pd.DataFrame({"price": [float(low), float(high)]})
    grid["fair"] = fair_intercept + fair_slope * grid["price"]
    grid["lo"], grid["hi"] = grid["fair"] - tolerance, grid["fair"] + tolerance
    return _check_rows({"vp_offers": pts, "vp_fair": grid.round(3)})


def _vp_build(lang: str, *, low: float, high: float):
    alt = import_altair()
    xs = alt.Scale(domain=[low, high])
    ys = alt.Scale(domain=[low, high], clamp=True)
    x = alt.X("price:Q", scale=xs, title=t("customers.column.price", lang))
    fair = alt.Chart(alt.NamedData("vp_fair"))
    band = fair.mark_area(opacity=0.15, color="#888").encode(
        x=x, y=alt.Y("lo:Q", scale=ys, title=t("customers.column.value", lang)), y2="hi:Q")
    line = fair.mark_line(color="#666", strokeDash=[5, 3]).encode(x=x, y=alt.Y("fair:Q", scale=ys))
    codes = ["above_line", "on_line", "below_line"]
    color = alt.Color("position:N", scale=alt.Scale(domain=codes, range=["#59a14f", "#4e79a7", "#e15759"]), legend=None)
    offers = alt.Chart(alt.NamedData("vp_offers"))
    points = offers.mark_point(filled=True, size=150).encode(
        x=x, y=alt.Y("value:Q", scale=ys), color=color,
        tooltip=[alt.Tooltip("offer:N", title=t("custui.col.offer", lang)),
                 alt.Tooltip("value:Q", title=t("customers.column.value", lang)),
                 alt.Tooltip("price:Q", title=t("customers.column.price", lang)),
                 alt.Tooltip("position_name:N", title=t("custui.col.position", lang)),
                 alt.Tooltip("direction_name:N", title=t("custui.col.direction", lang))])
    labels = offers.mark_text(align="left", dx=9, dy=-7).encode(x=x, y=alt.Y("value:Q", scale=ys), text="offer:N")
    return (band + line + points + labels).properties(title=t("custui.chart.vp_title", lang), width=340, height=340)


@lru_cache(maxsize=None)
def value_price_kind(low: float = 1, high: float = 10) -> ChartKind:
    """The value–price map on ``[low, high]``; output ``(placed, fair_slope, fair_intercept, tolerance)``."""
    return ChartKind(partial(_vp_build, low=low, high=high), partial(_vp_data, low=low, high=high), tables=("vp_offers",))


#: The value–price map on the 1–10 scale of :class:`~servicelab.widgets.customers.ValuePricePanel`.
VALUE_PRICE = value_price_kind()


def value_price_chart(placed: pd.DataFrame, lang: str = "zh", *, fair_slope: float = 1.0, fair_intercept: float = 0.0,
                      tolerance: float = 0.5, low: float = 1, high: float = 10, width: int = 340):
    """The customer value–price map: offers as points, the fair-value line and its band (C1.12).

    Parameters
    ----------
    placed : pandas.DataFrame
        Output of :func:`servicelab.models.customers.value_price_map` with ``lang`` (columns
        ``value``, ``price``, ``position``, ``position_name``, ``direction_name``); index = offer.
    lang : {"zh", "en"}
    fair_slope, fair_intercept, tolerance, low, high : float
        The same parameters given to the model, so the band drawn is the one it used.

    Returns
    -------
    altair.LayerChart
    """
    return _sized(value_price_kind(low, high).chart((placed, fair_slope, fair_intercept, tolerance), lang), width, width)


# ============================================================================ R × F matrix (C1.9, C1.11)
def _rfm_data(matrix: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    """``matrix`` is :func:`servicelab.models.tiers.rfm_matrix` output (one row per R × F cell)."""
    return _check_rows({"rfm_cells": matrix[["R", "F", "customers", "mean_revenue"]].round(2)})


def _rfm_build(lang: str):
    alt = import_altair()
    x = alt.X("F:O", title=t("custui.chart.rfm_f", lang), axis=alt.Axis(labelAngle=0))
    y = alt.Y("R:O", sort="descending", title=t("custui.chart.rfm_r", lang))
    base = alt.Chart(alt.NamedData("rfm_cells"))
    heat = base.mark_rect().encode(
        x=x, y=y, color=alt.Color("customers:Q", scale=alt.Scale(scheme="blues"), title=t("custui.chart.rfm_customers", lang)),
        tooltip=[alt.Tooltip("R:O"), alt.Tooltip("F:O"),
                 alt.Tooltip("customers:Q", title=t("custui.chart.rfm_customers", lang)),
                 alt.Tooltip("mean_revenue:Q", title=t("custui.chart.rfm_mean_m", lang), format=".2f")])
    # Count labels at >= 4.5 : 1 on their cell: the colour scale runs over [fewest, most] customers,
    # and on vega's "blues" black text reads at >= 4.5 : 1 up to 74 % of that range, white above it
    # (checked in tests/charts/test_chart_contrast.py).
    text = base.transform_joinaggregate(most="max(customers)", least="min(customers)").mark_text(fontSize=11).encode(
        x=x, y=y, text="customers:Q",
        color=alt.condition(f"datum.customers - datum.least > {RFM_WHITE_FROM} * (datum.most - datum.least)",
                            alt.value("white"), alt.value("black")))
    return (heat + text).properties(title=t("custui.chart.rfm_title", lang), width=300, height=240)


#: R × F heat map of customers per cell; output ``(rfm, customer_values)``.
RFM_MATRIX = ChartKind(_rfm_build, _rfm_data)


def rfm_matrix_chart(rfm: pd.DataFrame, customer_values: pd.DataFrame, lang: str = "zh", *, width: int = 300):
    """The customer matrix as a heat map: R score × F score, customers per cell (C1.9, C1.11).

    Parameters
    ----------
    rfm : pandas.DataFrame
        Output of :func:`servicelab.models.tiers.rfm_scores` (columns ``R``, ``F``).
    customer_values : pandas.DataFrame
        The frame ``rfm`` was computed from (column ``revenue``, same index): the mean revenue
        of each cell is shown in the tooltip.
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
        At most ``bins × bins`` cells however many customers there are, as computed by
        :func:`servicelab.models.tiers.rfm_matrix`. R runs down the rows from 5 at the top, F
        across from 1 on the left: recent frequent buyers are top-right, lapsed one-time buyers
        bottom-left.
    """
    from ..models.tiers import rfm_matrix

    return _sized(RFM_MATRIX.chart(rfm_matrix(rfm, customer_values), lang), width, width * 0.8)
