"""Charts for chapter 1: service types, customer concentration and tiers, strategic customers,
the value–price map and the R × F customer matrix.

Every function takes model output (:mod:`servicelab.models.service_types`,
:mod:`servicelab.models.tiers`, :mod:`servicelab.models.customers`) and a language, and returns an
:class:`altair.Chart`. Labels come from the i18n catalogue. No chart carries more than
:data:`MAX_ROWS` data rows: curves are thinned to exact vertices and customers are aggregated
before they reach a chart.
"""
from __future__ import annotations

import pandas as pd

from ..i18n import t

#: Upper bound on the rows any chart here embeds (a chart is JSON shipped to the browser).
MAX_ROWS = 5000
#: Points drawn on a Pareto or Lorenz curve (exact vertices, evenly spaced).
CURVE_POINTS = 400
#: One colour per service type (colour-blind-safe Tableau 10 subset).
TYPE_COLORS = {"indifferent": "#e15759", "by_the_book": "#4e79a7", "friendly": "#f28e2b", "quality": "#59a14f"}
#: Tier colours, top tier first.
TIER_COLORS = ("#b07aa1", "#4e79a7", "#76b7b2", "#bab0ac")


def _check_rows(df: pd.DataFrame) -> pd.DataFrame:
    if len(df) > MAX_ROWS:  # a programming error, not a learner's: aggregate before charting
        raise ValueError(f"chart data has {len(df)} rows; aggregate to at most {MAX_ROWS}")
    return df


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
    import altair as alt

    from ..models.service_types import service_type

    pts = _check_rows(classified.reset_index(names="service")[["service", "procedural", "personal", "service_type", "type_name"]]).round(3)
    lo_mid, hi_mid = (low + threshold) / 2, (threshold + high) / 2
    quads = pd.DataFrame(
        [{"procedural": x, "personal": y} for x in (lo_mid, hi_mid) for y in (lo_mid, hi_mid)]
    )
    quads["service_type"] = [service_type(x, y, threshold=threshold, low=low, high=high) for x, y in zip(quads["procedural"], quads["personal"])]
    quads["type_name"] = [t(f"service_types.type.{c}", lang) for c in quads["service_type"]]
    codes = list(TYPE_COLORS)
    color = alt.Color("service_type:N", scale=alt.Scale(domain=codes, range=[TYPE_COLORS[c] for c in codes]), legend=None)
    scale = alt.Scale(domain=[low, high])
    x = alt.X("procedural:Q", scale=scale, title=t("service_types.characteristic.procedural", lang))
    y = alt.Y("personal:Q", scale=scale, title=t("service_types.characteristic.personal", lang))
    labels = alt.Chart(quads).mark_text(fontSize=14, opacity=0.45, fontWeight="bold").encode(x=x, y=y, text="type_name:N", color=color)
    lines = pd.DataFrame({"v": [threshold]})
    vrule = alt.Chart(lines).mark_rule(strokeDash=[4, 4], color="#888").encode(x="v:Q")
    hrule = alt.Chart(lines).mark_rule(strokeDash=[4, 4], color="#888").encode(y="v:Q")
    points = alt.Chart(pts).mark_point(filled=True, size=160).encode(
        x=x, y=y, color=color,
        tooltip=[alt.Tooltip("service:N", title=t("custui.st.case", lang)),
                 alt.Tooltip("type_name:N", title=t("custui.col.service_type", lang)),
                 alt.Tooltip("procedural:Q", title=t("service_types.characteristic.procedural", lang), format=".2f"),
                 alt.Tooltip("personal:Q", title=t("service_types.characteristic.personal", lang), format=".2f")],
    )
    return (labels + vrule + hrule + points).properties(title=t("custui.chart.st_title", lang), width=width, height=width)


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
    import altair as alt

    df = _check_rows(curve[["customer_share", "revenue_share"]]).round(4)
    x = alt.X("customer_share:Q", title=t("tiers.column.customer_share", lang), axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("revenue_share:Q", title=t("tiers.column.revenue_share", lang), axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]))
    line = alt.Chart(df).mark_line(color="#4e79a7", strokeWidth=2.5).encode(x=x, y=y)
    ref = pd.DataFrame({"customer_share": [0.2], "revenue_share": [0.8], "label": [t("custui.chart.rule_8020", lang)]})
    ref_pt = alt.Chart(ref).mark_point(shape="diamond", size=90, color="#999", filled=True).encode(
        x=x, y=y, tooltip=[alt.Tooltip("label:N", title=t("custui.chart.measure", lang))])
    ref_txt = alt.Chart(ref).mark_text(align="left", dx=8, dy=-6, color="#777").encode(x=x, y=y, text="label:N")
    layers = [line, ref_pt, ref_txt]
    if top is not None and share is not None:
        mark = pd.DataFrame({"customer_share": [round(float(top), 4)], "revenue_share": [round(float(share), 4)],
                             "x0": [0.0], "y0": [0.0], "label": [t("custui.chart.marker", lang)]})
        layers += [
            alt.Chart(mark).mark_rule(color="#d62728", strokeDash=[3, 3]).encode(x=x, y="y0:Q", y2="revenue_share:Q"),
            alt.Chart(mark).mark_rule(color="#d62728", strokeDash=[3, 3]).encode(y=y, x="x0:Q", x2="customer_share:Q"),
            alt.Chart(mark).mark_point(color="#d62728", size=110, filled=True).encode(
                x=x, y=y, tooltip=[alt.Tooltip("customer_share:Q", title=t("tiers.column.customer_share", lang), format=".1%"),
                                   alt.Tooltip("revenue_share:Q", title=t("tiers.column.revenue_share", lang), format=".1%")]),
        ]
    return alt.layer(*layers).properties(title=t("custui.chart.pareto_title", lang), width=width, height=width * 0.8)


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
    """
    import altair as alt

    df = _check_rows(curve[["population_share", "value_share"]]).round(4)
    eq, act = t("custui.chart.equality", lang), t("custui.chart.curve", lang)
    long = pd.concat([
        pd.DataFrame({"population_share": [0.0, 1.0], "value_share": [0.0, 1.0], "kind": eq}),
        df.assign(kind=act),
    ])
    x = alt.X("population_share:Q", title=t("tiers.column.population_share", lang), axis=alt.Axis(format="%"))
    y = alt.Y("value_share:Q", title=t("tiers.column.value_share", lang), axis=alt.Axis(format="%"))
    area = alt.Chart(df).mark_area(opacity=0.15, color="#e15759").encode(x=x, y=y)
    lines = alt.Chart(long).mark_line().encode(
        x=x, y=y, color=alt.Color("kind:N", scale=alt.Scale(domain=[eq, act], range=["#999999", "#e15759"]),
                                  legend=alt.Legend(title=None, orient="bottom")))
    return (area + lines).properties(title=t("custui.chart.lorenz_title", lang, gini=f"{gini:.4f}"), width=width, height=width * 0.8)


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
        Top tier at the top; the widths show how few customers bring how much revenue.
    """
    import altair as alt

    cust, rev = t("custui.col.customer_share", lang), t("custui.col.revenue_share", lang)
    names = list(profile["tier_name"])
    rows = []
    for name, cs, rs in profile[["tier_name", "customer_share", "revenue_share"]].itertuples(index=False):
        rows.append({"tier_name": name, "measure": cust, "signed": -100 * cs, "pct": round(100 * cs, 1)})
        rows.append({"tier_name": name, "measure": rev, "signed": 100 * rs, "pct": round(100 * rs, 1)})
    df = _check_rows(pd.DataFrame(rows)).round(2)
    y = alt.Y("tier_name:N", sort=names, title=None)
    x = alt.X("signed:Q", title=t("custui.chart.share", lang), scale=alt.Scale(domain=[-100, 100]),
              axis=alt.Axis(labelExpr="abs(datum.value)"))
    color = alt.Color("measure:N", scale=alt.Scale(domain=[cust, rev], range=["#4e79a7", "#f28e2b"]),
                      legend=alt.Legend(title=None, orient="bottom"))
    bars = alt.Chart(df).mark_bar().encode(
        y=y, x=x, color=color,
        tooltip=[alt.Tooltip("tier_name:N", title=t("custui.col.tier", lang)),
                 alt.Tooltip("measure:N", title=t("custui.chart.measure", lang)),
                 alt.Tooltip("pct:Q", title=t("custui.chart.share", lang), format=".1f")])
    text = alt.Chart(df).transform_calculate(tx="datum.signed < 0 ? datum.signed - 8 : datum.signed + 8").mark_text(
        color="#222", fontSize=11).encode(y=y, x=alt.X("tx:Q"), text=alt.Text("pct:Q", format=".1f"))
    return (bars + text).properties(title=t("custui.chart.pyramid_title", lang), width=width, height=40 * max(len(names), 1))


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
    import altair as alt

    df = _check_rows(scores.reset_index(names="customer")[["customer", "score_100", "rank"]]).round(2)
    return (
        alt.Chart(df).mark_bar(color="#59a14f").encode(
            y=alt.Y("customer:N", sort=list(df["customer"]), title=None),
            x=alt.X("score_100:Q", scale=alt.Scale(domain=[0, 100]), title=t("customers.column.score_100", lang)),
            tooltip=[alt.Tooltip("customer:N", title=t("custui.col.customer", lang)),
                     alt.Tooltip("score_100:Q", title=t("customers.column.score_100", lang), format=".1f"),
                     alt.Tooltip("rank:Q", title=t("customers.column.rank", lang))])
        .properties(title=t("custui.chart.strategic_title", lang), width=width, height=28 * max(len(df), 1))
    )


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
    import altair as alt

    pts = _check_rows(placed.reset_index(names="offer")[["offer", "value", "price", "position", "position_name", "direction_name"]]).round(3)
    grid = pd.DataFrame({"price": [float(low), float(high)]})
    grid["fair"] = fair_intercept + fair_slope * grid["price"]
    grid["lo"], grid["hi"] = grid["fair"] - tolerance, grid["fair"] + tolerance
    xs = alt.Scale(domain=[low, high])
    ys = alt.Scale(domain=[low, high], clamp=True)
    x = alt.X("price:Q", scale=xs, title=t("customers.column.price", lang))
    band = alt.Chart(grid).mark_area(opacity=0.15, color="#888").encode(
        x=x, y=alt.Y("lo:Q", scale=ys, title=t("customers.column.value", lang)), y2="hi:Q")
    line = alt.Chart(grid).mark_line(color="#666", strokeDash=[5, 3]).encode(x=x, y=alt.Y("fair:Q", scale=ys))
    codes = ["above_line", "on_line", "below_line"]
    color = alt.Color("position:N", scale=alt.Scale(domain=codes, range=["#59a14f", "#4e79a7", "#e15759"]), legend=None)
    points = alt.Chart(pts).mark_point(filled=True, size=150).encode(
        x=x, y=alt.Y("value:Q", scale=ys), color=color,
        tooltip=[alt.Tooltip("offer:N", title=t("custui.col.offer", lang)),
                 alt.Tooltip("value:Q", title=t("customers.column.value", lang)),
                 alt.Tooltip("price:Q", title=t("customers.column.price", lang)),
                 alt.Tooltip("position_name:N", title=t("custui.col.position", lang)),
                 alt.Tooltip("direction_name:N", title=t("custui.col.direction", lang))])
    labels = alt.Chart(pts).mark_text(align="left", dx=9, dy=-7).encode(x=x, y=alt.Y("value:Q", scale=ys), text="offer:N")
    return (band + line + points + labels).properties(title=t("custui.chart.vp_title", lang), width=width, height=width)


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
        At most ``bins × bins`` cells however many customers there are.
    """
    import altair as alt

    frame = pd.DataFrame({"R": rfm["R"], "F": rfm["F"], "revenue": customer_values["revenue"].reindex(rfm.index)}).dropna(subset=["R", "F"])
    cells = frame.groupby(["R", "F"]).agg(customers=("revenue", "size"), mean_revenue=("revenue", "mean")).reset_index()
    cells = _check_rows(cells.astype({"R": int, "F": int})).round(2)
    x = alt.X("F:O", title=t("custui.chart.rfm_f", lang), axis=alt.Axis(labelAngle=0))
    y = alt.Y("R:O", sort="descending", title=t("custui.chart.rfm_r", lang))
    heat = alt.Chart(cells).mark_rect().encode(
        x=x, y=y, color=alt.Color("customers:Q", scale=alt.Scale(scheme="blues"), title=t("custui.chart.rfm_customers", lang)),
        tooltip=[alt.Tooltip("R:O"), alt.Tooltip("F:O"),
                 alt.Tooltip("customers:Q", title=t("custui.chart.rfm_customers", lang)),
                 alt.Tooltip("mean_revenue:Q", title=t("custui.chart.rfm_mean_m", lang), format=".2f")])
    text = alt.Chart(cells).mark_text(fontSize=11).encode(
        x=x, y=y, text="customers:Q",
        color=alt.condition(f"datum.customers > {float(cells['customers'].max()) / 2 if len(cells) else 0}", alt.value("white"), alt.value("#222")))
    return (heat + text).properties(title=t("custui.chart.rfm_title", lang), width=width, height=width * 0.8)
