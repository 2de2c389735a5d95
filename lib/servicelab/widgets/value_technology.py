"""Panels of chapter 11: customer delivered value (C2.2), the e-service rating (C2.8) and the
high-tech vs high-touch decision for a customer mix (C2.9).

Each panel reads its inputs, calls :mod:`servicelab.models.value`, :mod:`servicelab.models.esqual`
or :mod:`servicelab.models.technology`, and refreshes an HTML read-out and an offline chart. No
computation happens here beyond picking what to show.
"""
from __future__ import annotations

import html
import math
from contextlib import contextmanager
from typing import Mapping

import ipywidgets as W
import pandas as pd

from ..charts import value_technology as charts
from ..errors import ServiceLabError
from ..i18n import t
from ..models import esqual as esq
from ..models import technology as tech
from ..models import value as val
from .common import guarded, html_widget, label_width, own_layout, page_accessibility, table_html, wrap_row

OFFER_IDS = ("a", "b", "c")
_COMPONENTS = (*val.VALUE_COMPONENTS, *val.COST_COMPONENTS)


def _offer(values, costs) -> dict[str, float]:
    return dict(zip(_COMPONENTS, (*values, *costs)))


#: Offers of the delivered-value panel (per offer: the four values, then the four costs, in points).
#: "level": product value and price nearly level, so the service side decides (C2.3);
#: "disagree": a big, dear offer against a small, cheap one — difference and ratio rank them in
#: opposite orders.
VALUE_PRESETS: dict[str, dict] = {
    "level": {"offers": {"a": _offer((60, 10, 5, 5), (50, 10, 5, 10)),
                         "b": _offer((60, 25, 15, 10), (55, 5, 3, 2)),
                         "c": _offer((60, 15, 10, 15), (58, 12, 8, 5))}, "third": True},
    "disagree": {"offers": {"a": _offer((120, 40, 20, 20), (100, 20, 15, 15)),
                            "b": _offer((40, 10, 5, 5), (20, 5, 3, 2)),
                            "c": _offer((80, 20, 10, 10), (60, 10, 5, 5))}, "third": True},
    "two_offers": {"offers": {"a": _offer((120, 40, 20, 20), (100, 20, 15, 15)),
                              "b": _offer((40, 10, 5, 5), (20, 5, 3, 2))}, "third": False},
}

#: E-S-QUAL panel presets: item ratings (1–5) and whether the customer had a problem or a return.
ESQUAL_PRESETS: dict[str, dict] = {
    "default": {"ratings": {"eff1": 4, "eff2": 4, "eff3": 5, "ful1": 3, "ful2": 4, "ful3": 4, "sys1": 5, "sys2": 4,
                            "pri1": 3, "pri2": 4}, "recovery": False},
    "slow_delivery": {"ratings": {"eff1": 5, "eff2": 5, "eff3": 5, "ful1": 1, "ful2": 3, "ful3": 2, "sys1": 5,
                                  "sys2": 5, "pri1": 4, "pri2": 4}, "recovery": False},
    "with_recovery": {"ratings": {"eff1": 4, "eff2": 4, "eff3": 5, "ful1": 2, "ful2": 2, "ful3": 4, "sys1": 5,
                                  "sys2": 4, "pri1": 3, "pri2": 4, "res1": 2, "res2": 3, "com1": 1, "con1": 4},
                      "recovery": True},
}

#: Customer mixes of the high-tech vs high-touch panel (weights in %; "sample" = the clusters' shares).
MIX_PRESETS: dict[str, dict[str, float] | None] = {
    "sample": None,
    "young_online": {"explorers": 40, "pioneers": 30, "skeptics": 20, "paranoids": 5, "laggards": 5},
    "older_branch": {"explorers": 5, "pioneers": 10, "skeptics": 25, "paranoids": 25, "laggards": 35},
}


def offers_table(preset: dict, lang: str = "zh") -> pd.DataFrame:
    """The offers of a delivered-value preset as the table :func:`~servicelab.models.value.value_rankings` reads.

    Examples
    --------
    >>> offers_table(VALUE_PRESETS["two_offers"], "en")["offer"].tolist()
    ['Offer A', 'Offer B']
    """
    return pd.DataFrame([{"offer": t("vt.offer." + o, lang), **{c: comps.get(c, 0) for c in _COMPONENTS}}
                         for o, comps in preset["offers"].items()])


def _preset(preset, presets: Mapping[str, object], what: str):
    if preset is None:
        return None
    if isinstance(preset, Mapping):
        return dict(preset)
    if preset not in presets:
        raise ServiceLabError("vt.error.preset", what=what, value=preset, allowed=", ".join(presets))
    return presets[preset]


def _n(x: float, digits: int = 1) -> str:
    if isinstance(x, float) and math.isinf(x):
        return "∞"
    if isinstance(x, float) and math.isnan(x):
        return "–"
    return f"{x:.{digits}f}".replace("-", "−")


class _Held:
    """Shared wiring of the three panels: input changes refresh unless a preset is being applied."""

    _hold = False

    @contextmanager
    def _holding(self):
        self._hold = True
        try:
            yield
        finally:
            self._hold = False

    def _on_change(self, _change) -> None:
        if not self._hold:
            self.refresh()


# ------------------------------------------------------------------------------ delivered value
class DeliveredValuePanel(_Held, W.VBox):
    """Two or three offers with a slider per value and cost component; ranked by TCV − TCC and by TCV/TCC.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str or dict, optional
        ``"level"`` (default: product and price level, service decides), ``"disagree"`` (the two
        rankings disagree), ``"two_offers"``, or ``{"offers": {"a": {component: points}, …},
        "third": bool}``.

    Attributes
    ----------
    rankings : pandas.DataFrame
        The current :func:`~servicelab.models.value.value_rankings` result.
    """

    def __init__(self, lang: str = "zh", *, preset=None) -> None:
        self.lang = lang
        labels = [t("value.component." + c, lang) for c in _COMPONENTS]
        width = label_width(labels, 60)
        self.sliders: dict[str, dict[str, W.IntSlider]] = {}
        columns = []
        for o in OFFER_IDS:
            self.sliders[o] = {}
            for c, lab in zip(_COMPONENTS, labels):
                s = W.IntSlider(value=0, min=0, max=150, step=1, description=lab, continuous_update=False,
                                style={"description_width": f"{width}px"}, layout=W.Layout(width=f"{width + 200}px"))
                s.add_class(f"sl-cdv-{o}-{c}")
                s.observe(self._on_change, names="value")
                self.sliders[o][c] = s
            head = html_widget(f"<b>{html.escape(self.offer_name(o))}</b>")
            vhead = html_widget(f"<i>{html.escape(t('value.label.total_value', lang))}</i>")
            chead = html_widget(f"<i>{html.escape(t('value.label.total_cost', lang))}</i>")
            col = W.VBox([head, vhead, *[self.sliders[o][c] for c in val.VALUE_COMPONENTS], chead,
                          *[self.sliders[o][c] for c in val.COST_COMPONENTS]])
            col.add_class(f"sl-cdv-offer-{o}")
            columns.append(col)
        self.columns = columns
        self.third = W.Checkbox(value=True, description=t("vt.label.third_offer", lang), indent=False)
        self.third.add_class("sl-cdv-third")
        self.third.observe(self._on_third, names="value")
        self.score = html_widget()
        self.score.add_class("sl-cdv-score")
        self.score.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self._set(VALUE_PRESETS["level"])
        self._compute()
        self.chart = charts.OFFER_VALUES.live(self.rankings, lang)
        self.chart.add_class("sl-cdv-chart")
        self._render()
        super().__init__([wrap_row(columns, "18px"), self.third, self.error, wrap_row([self.score, self.chart]),
                          page_accessibility()])
        self.add_class("sl-cdv-panel")
        if preset is not None:
            self.apply_preset(preset)

    def offer_name(self, offer: str) -> str:
        return t("vt.offer." + offer, self.lang)

    def offers_frame(self) -> pd.DataFrame:
        ids = OFFER_IDS if self.third.value else OFFER_IDS[:2]
        return pd.DataFrame([{"offer": self.offer_name(o), **{c: int(self.sliders[o][c].value) for c in _COMPONENTS}}
                             for o in ids])

    def _set(self, p: dict) -> None:
        offers = p.get("offers", {})
        for o in offers:
            if o not in OFFER_IDS:
                raise ServiceLabError("vt.error.preset", what="offer", value=o, allowed=", ".join(OFFER_IDS))
            for c, v in offers[o].items():
                if c not in _COMPONENTS:
                    raise ServiceLabError("vt.error.preset", what=f"{o}.component", value=c, allowed=", ".join(_COMPONENTS))
                if not (isinstance(v, (int, float)) and 0 <= v <= 150):
                    raise ServiceLabError("value.error.negative", side=o, component=c, value=v)
        with self._holding():
            for o, comps in offers.items():
                for c, v in comps.items():
                    self.sliders[o][c].value = int(round(v))
            self.third.value = bool(p.get("third", "c" in offers))
            own_layout(self.columns[2]).display = None if self.third.value else "none"

    def apply_preset(self, preset) -> None:
        """Put the sliders into a preset's state (see the class docs); one refresh."""
        self._set(_preset(preset, VALUE_PRESETS, "preset"))
        self.refresh()

    def _on_third(self, _change) -> None:
        own_layout(self.columns[2]).display = None if self.third.value else "none"
        if not self._hold:
            self.refresh()

    def _compute(self) -> None:
        self.rankings = val.value_rankings(self.offers_frame())

    @guarded(stale=("score", "chart"))
    def refresh(self) -> None:
        self._compute()
        self._render()
        charts.OFFER_VALUES.update(self.chart, self.rankings, self.lang)

    def _render(self) -> None:
        lang, r = self.lang, self.rankings
        header = [t("vt.chart.offer", lang), "TCV", "TCC", t("vt.label.cdv_short", lang), "TCV/TCC",
                  t("vt.label.rank_difference", lang), t("vt.label.rank_ratio", lang),
                  t("vt.label.core", lang), t("vt.label.service_side", lang)]
        rows = [[x.offer, _n(x.total_value, 0), _n(x.total_cost, 0), _n(x.delivered_value, 0),
                 _n(x.value_cost_ratio, 2), str(x.rank), str(x.ratio_rank), _n(x.core, 0), _n(x.service_side, 0)]
                for x in r.itertuples()]
        table = table_html(header, rows, "sl-cdv-table", ["left"] + ["right"] * 8)
        by_diff = r.loc[r["rank"] == 1, "offer"].tolist()
        by_ratio = r.loc[r["ratio_rank"] == 1, "offer"].tolist()
        parts = [f"<p class='sl-cdv-choice'><b>{html.escape(t('vt.label.choice', lang, offer=' / '.join(by_diff)))}</b></p>"]
        if val.rankings_agree(r):
            parts.append(f"<p class='sl-cdv-agree'>{html.escape(t('vt.label.agree', lang))}</p>")
        else:
            parts.append(f"<p class='sl-cdv-disagree' style='color:#a93226'>"
                         f"{html.escape(t('vt.label.disagree', lang, ratio=' / '.join(by_ratio), difference=' / '.join(by_diff)))}</p>")
        parts.append(table)
        parts.append(f"<p style='color:#555'>{html.escape(t('vt.label.sides_note', lang))}</p>")
        self.score.value = "".join(parts)


# ------------------------------------------------------------------------------ E-S-QUAL rating
class EsqualPanel(_Held, W.VBox):
    """A short e-service rating with the project's own items, scored by E-S-QUAL dimension.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str or dict, optional
        ``"default"``, ``"slow_delivery"``, ``"with_recovery"`` or
        ``{"ratings": {item: 1–5}, "recovery": bool}``.

    Attributes
    ----------
    scores : pandas.DataFrame
        The current :func:`~servicelab.models.esqual.esqual_scores` result.
    """

    def __init__(self, lang: str = "zh", *, preset=None) -> None:
        self.lang = lang
        self.items = esq.load_esqual_items()
        texts = self.items[f"text_{lang}"].tolist()
        self.sliders: dict[str, W.IntSlider] = {}
        self.rows: dict[str, W.HBox] = {}
        for item, dim, text in zip(self.items["item"], self.items["dimension"], texts):
            s = W.IntSlider(value=4, min=1, max=5, step=1, continuous_update=False, layout=W.Layout(width="200px"),
                            description_allow_html=False)
            s.add_class(f"sl-esq-{item}")
            s.observe(self._on_change, names="value")
            self.sliders[item] = s
            label = html_widget(f"<span title='{html.escape(t('esqual.dimension.' + dim, lang))}'>{html.escape(text)}</span>",
                                layout=W.Layout(width="420px"))
            self.rows[item] = W.HBox([s, label])
        self.recovery = W.Checkbox(value=False, description=t("vt.label.had_problem", lang), indent=False,
                                   layout=W.Layout(width="auto"))
        self.recovery.add_class("sl-esq-recovery")
        self.recovery.observe(self._on_recovery, names="value")
        self.score = html_widget()
        self.score.add_class("sl-esq-score")
        self.score.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        blocks = []
        for scale, dims in (("E-S-QUAL", esq.ESQUAL_DIMENSIONS), ("E-RecS-QUAL", esq.ERECSQUAL_DIMENSIONS)):
            for dim in dims:
                its = self.items.loc[self.items["dimension"] == dim, "item"]
                blocks.append(html_widget(f"<b>{html.escape(t('esqual.dimension.' + dim, lang))}</b>"))
                blocks.extend(self.rows[i] for i in its)
            if scale == "E-S-QUAL":
                blocks.append(self.recovery)
        self._recovery_items = self.items.loc[self.items["scale"] == "E-RecS-QUAL", "item"].tolist()
        self._recovery_heads = [b for b in blocks if isinstance(b, W.HTML)][len(esq.ESQUAL_DIMENSIONS):]
        self._set(ESQUAL_PRESETS["default"])
        self._compute()
        self.chart = charts.ESQUAL_SCORES.live(self.scores, lang)
        self.chart.add_class("sl-esq-chart")
        self._render()
        note = html_widget(f"<p style='color:#555'>{html.escape(t('vt.label.own_items', lang))}</p>")
        super().__init__([note, W.VBox(blocks), self.error, wrap_row([self.score, self.chart]), page_accessibility()])
        self.add_class("sl-esq-panel")
        if preset is not None:
            self.apply_preset(preset)

    @property
    def ratings(self) -> dict[str, int]:
        return {i: int(s.value) for i, s in self.sliders.items()
                if self.recovery.value or i not in self._recovery_items}

    def _show_recovery(self) -> None:
        shown = None if self.recovery.value else "none"
        for i in self._recovery_items:
            own_layout(self.rows[i]).display = shown
        for h in self._recovery_heads:
            own_layout(h).display = shown

    def _set(self, p: dict) -> None:
        ratings = p.get("ratings", {})
        for i, v in ratings.items():
            if i not in self.sliders:
                raise ServiceLabError("vt.error.unknown_item", item=i, allowed=", ".join(self.sliders))
            if not (isinstance(v, (int, float)) and 1 <= v <= 5):
                raise ServiceLabError("vt.error.rating", item=i, value=v, low="1", high="5")
        with self._holding():
            for i, v in ratings.items():
                self.sliders[i].value = int(v)
            self.recovery.value = bool(p.get("recovery", False))
            self._show_recovery()

    def apply_preset(self, preset) -> None:
        """Put the sliders into a preset's state (see the class docs); one refresh."""
        self._set(_preset(preset, ESQUAL_PRESETS, "preset"))
        self.refresh()

    def _on_recovery(self, _change) -> None:
        self._show_recovery()
        if not self._hold:
            self.refresh()

    def _compute(self) -> None:
        self.scores = esq.esqual_scores(self.ratings, self.items)
        self.overall = esq.esqual_overall(self.scores)
        self.recovery_overall = esq.esqual_overall(self.scores, "E-RecS-QUAL")

    @guarded(stale=("score", "chart"))
    def refresh(self) -> None:
        self._compute()
        self._render()
        charts.ESQUAL_SCORES.update(self.chart, self.scores, self.lang)

    def _render(self) -> None:
        lang = self.lang
        s = self.scores.dropna(subset=["mean"])
        rows = [[r.scale, t("esqual.dimension." + r.dimension, lang), f"{r.answered}/{r.items}", _n(r.mean, 2),
                 str(esq.ITEM_COUNTS[r.dimension])] for r in s.itertuples()]
        table = table_html([t("vt.chart.scale", lang), t("vt.chart.dimension", lang), t("vt.chart.answered", lang),
                            t("vt.chart.mean", lang), t("vt.label.published_items", lang)], rows, "sl-esq-table",
                           ["left", "left", "right", "right", "right"])
        core = s[s["scale"] == "E-S-QUAL"]
        weakest = core.sort_values(["mean"], kind="mergesort").iloc[0]
        parts = [f"<p class='sl-esq-overall'><b>{html.escape(t('vt.label.esqual_overall', lang, value=_n(self.overall, 2)))}</b></p>",
                 f"<p>{html.escape(t('vt.label.weakest', lang, dimension=t('esqual.dimension.' + weakest.dimension, lang), value=_n(weakest['mean'], 2)))}</p>"]
        if not math.isnan(self.recovery_overall):
            parts.append(f"<p>{html.escape(t('vt.label.recovery_overall', lang, value=_n(self.recovery_overall, 2)))}</p>")
        parts.append(table)
        self.score.value = "".join(parts)


# ------------------------------------------------------------------------------ high-tech vs high-touch
class TechTouchPanel(_Held, W.VBox):
    """The learner's customer mix → which touchpoints to make self-service (a teaching rule).

    Segment readiness comes from clustering the shipped synthetic sample
    (:func:`~servicelab.models.technology.tri_segments`); the rule is
    :func:`~servicelab.models.technology.tech_touch_plan`.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str or dict, optional
        ``"sample"`` (the clusters' shares, default), ``"young_online"``, ``"older_branch"`` or a
        dict of segment → weight in %.
    """

    def __init__(self, lang: str = "zh", *, preset=None) -> None:
        self.lang = lang
        scores = tech.tri_scores(tech.load_tri_sample(), dimensions=tech.illustrative_dimensions())
        _, self.profile = tech.tri_segments(scores)
        self.readiness = dict(zip(self.profile["segment"], self.profile["tri"]))
        self.sample_mix = {s: round(100 * float(x)) for s, x in zip(self.profile["segment"], self.profile["share"])}
        self.touchpoints = tech.load_touchpoints(lang)
        names = [t("technology.segment." + s, lang) for s in tech.SEGMENTS]
        width = label_width(names, 100)
        self.sliders: dict[str, W.IntSlider] = {}
        for s, name in zip(tech.SEGMENTS, names):
            sl = W.IntSlider(value=self.sample_mix[s], min=0, max=100, step=1, description=name, readout_format="d",
                             continuous_update=False, style={"description_width": f"{width}px"},
                             layout=W.Layout(width=f"{width + 240}px"))
            sl.add_class(f"sl-tt-{s}")
            sl.observe(self._on_change, names="value")
            self.sliders[s] = sl
        self.score = html_widget()
        self.score.add_class("sl-tt-score")
        self.score.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.majority, self.fallback = 0.5, 0.2
        self._compute()
        self.chart = charts.TECH_TOUCH.live((self.plan, self.majority), lang)
        self.chart.add_class("sl-tt-chart")
        self._render()
        head = html_widget(f"<b>{html.escape(t('vt.label.mix_head', lang))}</b>")
        rule = html_widget(f"<p style='color:#555'>{html.escape(t('vt.label.rule', lang))}</p>")
        super().__init__([head, *self.sliders.values(), rule, self.error, wrap_row([self.score, self.chart]),
                          page_accessibility()])
        self.add_class("sl-tt-panel")
        if preset is not None:
            self.apply_preset(preset)

    @property
    def mix(self) -> dict[str, int]:
        return {s: int(sl.value) for s, sl in self.sliders.items()}

    def apply_preset(self, preset) -> None:
        """Set the customer mix of a preset (see the class docs); one refresh."""
        p = _preset(preset, MIX_PRESETS, "preset")
        mix = dict(self.sample_mix if p is None else p)
        for s, v in mix.items():
            if s not in self.sliders:
                raise ServiceLabError("vt.error.segment", value=s, allowed=", ".join(tech.SEGMENTS))
            if not (isinstance(v, (int, float)) and 0 <= v <= 100):
                raise ServiceLabError("error.param.range", name=f"mix[{s}]", value=v, allowed=f"0 ≤ mix[{s}] ≤ 100")
        with self._holding():
            for s, sl in self.sliders.items():
                sl.value = int(round(mix.get(s, 0)))
        self.refresh()

    def _compute(self) -> None:
        plan = tech.tech_touch_plan(self.mix, self.touchpoints, self.readiness, majority=self.majority,
                                    fallback=self.fallback)
        self.plan = plan.merge(self.touchpoints[["touchpoint", "label"]], on="touchpoint", how="left")

    @guarded(stale=("score", "chart"))
    def refresh(self) -> None:
        self._compute()
        self._render()
        charts.TECH_TOUCH.update(self.chart, (self.plan, self.majority), self.lang)

    def _render(self) -> None:
        lang = self.lang
        total = sum(self.mix.values())
        shares = "、".join(f"{t('technology.segment.' + s, lang)} {100 * v / total:.0f} %" for s, v in self.mix.items()) \
            if lang == "zh" else ", ".join(f"{t('technology.segment.' + s, lang)} {100 * v / total:.0f} %" for s, v in self.mix.items())
        rows = [[r.label, _n(r.demand, 1), f"{100 * r.ready_share:.0f} %", t("vt.decision." + r.decision, lang)]
                for r in self.plan.itertuples()]
        table = table_html([t("vt.chart.touchpoint", lang), t("vt.chart.demand", lang), t("vt.chart.ready_share", lang),
                            t("vt.chart.decision", lang)], rows, "sl-tt-table", ["left", "right", "right", "left"])
        n_tech = int((self.plan["decision"] != "high_touch").sum())
        self.score.value = (f"<p>{html.escape(t('vt.label.mix_now', lang, shares=shares))}</p>"
                            f"<p class='sl-tt-count'><b>{html.escape(t('vt.label.self_service_count', lang, n=n_tech, total=len(self.plan)))}</b></p>"
                            + table)
