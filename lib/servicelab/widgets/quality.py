"""Quality-management panels (chapter 10): staffing to a service level, one PDCA cycle on a
p-chart, and a mystery-shopping checklist.

Wiring only: the panels read their inputs, call :mod:`servicelab.models.quality`,
:mod:`servicelab.models.control`, :mod:`servicelab.models.queueing` (chapter 03's Erlang C) and
:mod:`servicelab.models.complaints` (chapter 09's Pareto table), and refresh an HTML read-out and
an offline chart. Elements a test or the latency benchmark presses carry CSS classes:
``sl-slp-calls`` (forecast slider), ``sl-pdca-effect`` (the fix's effect), ``sl-pdca-do``,
``sl-mystery-weight-<item>``.
"""
from __future__ import annotations

import html

import ipywidgets as W

from ..charts import quality as charts
from ..errors import ServiceLabError
from ..i18n import t
from ..models import complaints as cm
from ..models import control as ctl
from ..models import quality as qm
from .common import guarded, html_widget, label_width, page_accessibility, table_html, wrap_row

#: Named starting points of :class:`ServiceLevelPanel` (service level as a share).
SERVICE_LEVEL_PRESETS: dict[str, dict] = {
    "industry_80_20": {"calls_per_hour": 200, "handle_seconds": 180, "target_seconds": 20, "service_level": 0.8},
    "strict_90_10": {"calls_per_hour": 200, "handle_seconds": 180, "target_seconds": 10, "service_level": 0.9},
    "promotion_day": {"calls_per_hour": 400, "handle_seconds": 240, "target_seconds": 20, "service_level": 0.8},
}
#: Named starting points of :class:`PdcaPanel`: the cause (its rank in the Pareto table), the
#: effect of the fix (share of that cause's complaints removed) and whether "do" has been pressed.
PDCA_PRESETS: dict[str, dict] = {
    "plan": {"rank": 1, "effect": 0.8, "done": False},
    "main_cause": {"rank": 1, "effect": 0.8, "done": True},
    "minor_cause": {"rank": 30, "effect": 0.8, "done": True},
}
#: Named starting points of :class:`MysteryShopPanel`: weights and ratings per item.
MYSTERY_PRESETS: dict[str, dict] = {
    "typical_visit": {"weights": dict(qm.CHECKLIST),
                      "ratings": {"greeting": "met", "wait": "partly", "needs": "met", "knowledge": "partly",
                                  "courtesy": "met", "resolution": "met", "farewell": "missed"}},
    "slow_counter": {"weights": dict(qm.CHECKLIST),
                     "ratings": {"greeting": "missed", "wait": "missed", "needs": "partly", "knowledge": "met",
                                 "courtesy": "partly", "resolution": "partly", "farewell": "met"}},
    "bad_weights": {"weights": dict(qm.CHECKLIST, farewell=15),
                    "ratings": {k: "met" for k in qm.CHECKLIST}},
}
#: The eight PDCA steps (``quality.pdca.step.1`` … ``8``) by stage.
PDCA_STAGES: tuple[tuple[str, tuple[int, ...]], ...] = (("P", (1, 2, 3, 4)), ("D", (5,)), ("C", (6,)), ("A", (7, 8)))


def _preset(presets: dict[str, dict], name, default: str) -> dict:
    if name is None:
        return presets[default]
    if not isinstance(name, str) or name not in presets:
        raise ServiceLabError("quality.error.preset", value=str(name), allowed=", ".join(presets))
    return presets[name]


def _pct(x: float, digits: int = 1) -> str:
    return "–" if x != x else f"{100 * x:.{digits}f} %"


class ServiceLevelPanel(W.VBox):
    """Staffing a hotline to a service-level target with chapter 03's Erlang C.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str, optional
        A key of :data:`SERVICE_LEVEL_PRESETS` (default ``"industry_80_20"``).

    Attributes
    ----------
    options : pandas.DataFrame
        :func:`~servicelab.models.quality.staffing_options` for the current inputs.
    needed : int
        The fewest agents meeting the target.
    """

    _SPEC = (("calls_per_hour", 10, 1000, 10, "sl-slp-calls"), ("handle_seconds", 30, 600, 10, "sl-slp-handle"),
             ("target_seconds", 5, 60, 5, "sl-slp-target"), ("service_level", 50, 95, 5, "sl-slp-level"))

    def __init__(self, lang: str = "zh", *, preset: str | None = None) -> None:
        self.lang = lang
        p = dict(_preset(SERVICE_LEVEL_PRESETS, preset, "industry_80_20"))
        p["service_level"] = int(round(100 * p["service_level"]))
        labels = [t(f"quality.slp.input.{k}", lang) for k, *_ in self._SPEC]
        width = label_width(labels, 120)
        style, layout = {"description_width": f"{width}px"}, W.Layout(width=f"{width + 300}px")
        self.sliders: dict[str, W.IntSlider] = {}
        for (key, lo, hi, step, css), label in zip(self._SPEC, labels):
            s = W.IntSlider(value=int(p[key]), min=lo, max=hi, step=step, description=label, style=style,
                            layout=layout, continuous_update=False)
            s.add_class(css)
            s.observe(self._on_change, names="value")
            self.sliders[key] = s
        self.readout = html_widget()
        self.readout.add_class("sl-slp-readout")
        self.readout.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self._compute()
        self.chart = charts.STAFFING.live(self._chart_output(), lang)
        self.chart.add_class("sl-slp-chart")
        self._render()
        super().__init__([*self.sliders.values(), self.error, wrap_row([self.readout, self.chart]),
                          page_accessibility()])
        self.add_class("sl-slp-panel")

    @property
    def values(self) -> dict:
        """The inputs as the model takes them (service level as a share)."""
        v = {k: s.value for k, s in self.sliders.items()}
        v["service_level"] = v["service_level"] / 100
        return v

    def _compute(self) -> None:
        v = self.values
        self.options = qm.staffing_options(v["calls_per_hour"], v["handle_seconds"], target_seconds=v["target_seconds"],
                                           service_level=v["service_level"])
        self.needed = int(self.options["agents"].to_numpy()[self.options["needed"].to_numpy()][0])

    def _chart_output(self) -> dict:
        return {"options": self.options, "target": self.values["service_level"]}

    def _on_change(self, _change) -> None:
        self.refresh()

    @guarded(stale=("readout", "chart"))
    def refresh(self) -> None:
        self._compute()
        self._render()
        charts.STAFFING.update(self.chart, self._chart_output(), self.lang)

    def _render(self) -> None:
        lang, v = self.lang, self.values
        o = self.options.to_dict("list")  # plain lists: much faster than row-by-row pandas access
        at = o["needed"].index(True)
        head = (f"<p class='sl-slp-needed'><b>{html.escape(t('quality.slp.needed', lang, agents=self.needed, level=round(100 * v['service_level']), seconds=v['target_seconds']))}</b></p>")
        yes, no = t("quality.slp.yes", lang), t("quality.slp.no", lang)
        rows = [[str(int(c)), _pct(sl), f"{w:.1f}" if ok else "∞", _pct(occ), yes if meets else no]
                for c, sl, w, ok, occ, meets in zip(o["agents"], o["service_level"], o["asa_seconds"], o["stable"],
                                                    o["occupancy"], o["meets"])]
        table = table_html([t(f"quality.slp.col.{c}", lang) for c in ("agents", "service_level", "asa", "occupancy", "meets")],
                           rows, "sl-slp-table", ["right"] * 4 + ["left"])
        note = t("quality.slp.load", lang, load=f"{float(o['offered_load'][at]):.2f}", occupancy=_pct(float(o["occupancy"][at])))
        self.readout.value = head + table + f"<p>{html.escape(note)}</p>"


class PdcaPanel(W.VBox):
    """One PDCA cycle on a p-chart: plan from the chart and the Pareto table, do a fix, check next month.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str, optional
        A key of :data:`PDCA_PRESETS` (default ``"plan"``).

    Attributes
    ----------
    month : pandas.DataFrame
        The shipped month (:func:`~servicelab.models.control.load_complaint_month`).
    pareto : pandas.DataFrame
        Chapter 09's :func:`~servicelab.models.complaints.pareto_table` of the course's 30 causes.
    center : float
        This month's revised centre line (:func:`~servicelab.models.control.revised_center`).
    check : servicelab.models.control.PdcaCheck or None
        The Do and Check of the cycle (:func:`~servicelab.models.control.check_fix`) once the
        fix is done; ``after`` is its next month.
    rules : pandas.DataFrame
        Run rules on what the chart shows.
    """

    def __init__(self, lang: str = "zh", *, preset: str | None = None) -> None:
        self.lang = lang
        p = _preset(PDCA_PRESETS, preset, "plan")
        self.month = ctl.load_complaint_month()
        self.causes = cm.load_complaint_causes().set_index("cause")
        self.pareto = cm.pareto_table(self.causes["count"])
        self.trial = ctl.p_chart(self.month["complaints"], self.month["calls"])
        self.center = ctl.revised_center(self.month["complaints"], self.month["calls"])
        options = []
        for r in self.pareto.itertuples(index=False):
            name = self.causes.loc[r.cause, f"name_{lang}"]
            options.append((t("quality.pdca.cause_option", lang, rank=int(r.rank), name=name, count=int(r.count),
                              share=f"{100 * r.share:.1f} %"), int(r.rank)))
        labels = [t("quality.pdca.cause", lang), t("quality.pdca.effect", lang)]
        width = label_width(labels, 120)
        style = {"description_width": f"{width}px"}
        self.cause = W.Dropdown(options=options, value=int(p["rank"]), description=labels[0], style=style,
                                layout=W.Layout(width=f"{width + 420}px"))
        self.cause.add_class("sl-pdca-cause")
        self.effect = W.IntSlider(value=int(round(100 * p["effect"])), min=0, max=100, step=5, description=labels[1],
                                  style=style, layout=W.Layout(width=f"{width + 300}px"), continuous_update=False)
        self.effect.add_class("sl-pdca-effect")
        self.do = W.Button(description=t("quality.pdca.do", lang), button_style="primary",
                           layout=W.Layout(width="auto"))
        self.do.add_class("sl-pdca-do")
        self.reset = W.Button(description=t("quality.pdca.reset", lang), layout=W.Layout(width="auto"))
        self.reset.add_class("sl-pdca-reset")
        self.steps = html_widget()
        self.steps.add_class("sl-pdca-steps")
        self.readout = html_widget()
        self.readout.add_class("sl-pdca-readout")
        self.readout.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.done = bool(p["done"])
        self._compute()
        self.chart = charts.P_CHART.live(self._chart_output(), lang)
        self.chart.add_class("sl-pdca-chart")
        self._render()
        self.cause.observe(self._on_change, names="value")
        self.effect.observe(self._on_change, names="value")
        self.do.on_click(self._on_do)
        self.reset.on_click(self._on_reset)
        note = html_widget(f"<p class='sl-illustration'><i>{html.escape(t('quality.pdca.illustration', lang))}</i></p>")
        super().__init__([self.steps, self.cause, self.effect, W.HBox([self.do, self.reset]), note, self.error,
                          wrap_row([self.chart, self.readout]), page_accessibility()])
        self.add_class("sl-pdca-panel")

    @property
    def cause_row(self):
        """The chosen row of the Pareto table."""
        return self.pareto.loc[self.pareto["rank"] == self.cause.value].iloc[0]

    def _compute(self) -> None:
        if not self.done:
            self.check = None
            self.shown = self.trial.assign(day=self.month["day"].to_numpy())
            self.rules = ctl.run_rules(self.shown["z"].to_numpy())
        else:
            self.check = ctl.check_fix(self.month, cause_share=float(self.cause_row["share"]),
                                       effect=self.effect.value / 100)
            self.shown, self.rules = self.check.chart, self.check.rules

    @property
    def after(self):
        """The next month once the fix is done (a seeded illustration), else None."""
        return None if self.check is None else self.check.after

    def _chart_output(self) -> dict:
        return {"chart": self.shown, "rules": self.rules, "split": int(self.month["day"].max()) if self.done else None}

    def _on_change(self, _change) -> None:
        self.refresh()

    def _on_do(self, _button) -> None:
        self.done = True
        self.refresh()

    def _on_reset(self, _button) -> None:
        self.done = False
        self.refresh()

    @guarded(stale=("readout", "chart"))
    def refresh(self) -> None:
        self._compute()
        self._render()
        charts.P_CHART.update(self.chart, self._chart_output(), self.lang)

    def _render(self) -> None:
        lang = self.lang
        reached = 8 if self.done else 4
        items = []
        for stage, nums in PDCA_STAGES:
            for n in nums:
                cls = "sl-pdca-step-on" if n <= reached else "sl-pdca-step-off"
                mark = "✔ " if n <= reached else ""
                items.append(f"<li class='{cls}' style='color:{'#222' if n <= reached else '#595959'}'>"
                             f"<b>{stage}</b> · {mark}{html.escape(t(f'quality.pdca.step.{n}', lang))}</li>")
        self.steps.value = f"<ol style='margin:2px 0 6px 18px'>{''.join(items)}</ol>"
        trial = self.trial
        out_days = ", ".join(str(int(d)) for d in self.month["day"][trial["beyond"].to_numpy()]) or "–"
        lines = [t("quality.pdca.plan", lang, center=_pct(float(trial["center"].iloc[0]), 2), days=out_days,
                   revised=_pct(self.center, 2))]
        row = self.cause_row
        name = self.causes.loc[row["cause"], f"name_{lang}"]
        lines.append(t("quality.pdca.chosen", lang, name=name, share=_pct(float(row["share"])),
                       effect=self.effect.value))
        if self.done:
            rate, signals = self.check.after_share, self.check.below
            lines.append(t("quality.pdca.check", lang, before=_pct(self.center, 2), after=_pct(rate, 2),
                           rule2=signals.get("rule2", 0), rule3=signals.get("rule3", 0), rule4=signals.get("rule4", 0)))
            nxt = self.pareto[self.pareto["rank"] != self.cause.value].iloc[0]
            nxt_name = self.causes.loc[nxt["cause"], f"name_{lang}"]
            key = "quality.pdca.act_shift" if self.check.shifted else "quality.pdca.act_none"
            lines.append(t(key, lang, after=_pct(rate, 2), next=nxt_name))
        else:
            lines.append(t("quality.pdca.press_do", lang))
        body = "".join(f"<p>{html.escape(x)}</p>" for x in lines[:-1])
        self.readout.value = body + f"<p class='sl-pdca-verdict'><b>{html.escape(lines[-1])}</b></p>"


class MysteryShopPanel(W.VBox):
    """A weighted mystery-shopping checklist for one visit, scored 0–100.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str, optional
        A key of :data:`MYSTERY_PRESETS` (default ``"typical_visit"``).

    Attributes
    ----------
    result : servicelab.models.quality.ChecklistResult or None
        The latest score (None while the weights are refused).
    """

    def __init__(self, lang: str = "zh", *, preset: str | None = None) -> None:
        self.lang = lang
        p = _preset(MYSTERY_PRESETS, preset, "typical_visit")
        names = [t(f"quality.mystery.item.{k}", lang) for k in qm.CHECKLIST]
        width = label_width(names, 120)
        rating_options = [(t(f"quality.mystery.rating.{r}", lang), r) for r in qm.RATINGS]
        self.weights: dict[str, W.BoundedIntText] = {}
        self.ratings: dict[str, W.ToggleButtons] = {}
        rows = []
        for key, name in zip(qm.CHECKLIST, names):
            w = W.BoundedIntText(value=int(p["weights"][key]), min=0, max=100, step=5, description=name,
                                 style={"description_width": f"{width}px"}, layout=W.Layout(width=f"{width + 90}px"))
            w.add_class(f"sl-mystery-weight-{key}")
            r = W.ToggleButtons(options=rating_options, value=p["ratings"][key], tooltips=[],
                                style={"button_width": "auto"})
            r.add_class(f"sl-mystery-rating-{key}")
            w.observe(self._on_change, names="value")
            r.observe(self._on_change, names="value")
            self.weights[key], self.ratings[key] = w, r
            rows.append(W.HBox([w, r]))
        head = html_widget(f"<b>{html.escape(t('quality.mystery.head', lang))}</b>")
        self.readout = html_widget()
        self.readout.add_class("sl-mystery-readout")
        self.readout.add_class("sl-live")
        self.total = html_widget()
        self.total.add_class("sl-mystery-total")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.result = None
        self.chart = charts.CHECKLIST_LOSS.live(qm.checklist_score(qm.CHECKLIST, {k: 1.0 for k in qm.CHECKLIST}), lang)
        self.chart.add_class("sl-mystery-chart")
        self.refresh()
        super().__init__([head, *rows, self.total, self.error, wrap_row([self.readout, self.chart]),
                          page_accessibility()])
        self.add_class("sl-mystery-panel")

    def _on_change(self, _change) -> None:
        self.refresh()

    def refresh(self) -> None:
        total = sum(w.value for w in self.weights.values())
        self.total.value = html.escape(t("quality.mystery.total", self.lang, total=total))
        self._score()

    @guarded(stale=("readout", "chart"))
    def _score(self) -> None:
        self.result = None
        weights = {k: w.value for k, w in self.weights.items()}
        ratings = {k: qm.RATINGS[r.value] for k, r in self.ratings.items()}
        result = qm.checklist_score(weights, ratings)
        self.result = result
        lang = self.lang
        worst = [t(f"quality.mystery.item.{k}", lang) for k in result.costliest(3)]
        lost = {r.item: r.lost for r in result.items.itertuples(index=False)}
        worst_text = "、".join(worst) if lang == "zh" else ", ".join(worst)
        parts = [f"<p class='sl-mystery-score'><b>{html.escape(t('quality.mystery.score', lang, score=f'{result.score:.1f}'))}</b></p>"]
        if worst:
            detail = "; ".join(f"{t(f'quality.mystery.item.{k}', lang)} −{lost[k]:.1f}" for k in result.costliest(3))
            parts.append(f"<p>{html.escape(t('quality.mystery.costliest', lang, items=worst_text, detail=detail))}</p>")
        else:
            parts.append(f"<p>{html.escape(t('quality.mystery.perfect', lang))}</p>")
        self.readout.value = "".join(parts)
        charts.CHECKLIST_LOSS.update(self.chart, result, lang)


__all__ = ["MYSTERY_PRESETS", "PDCA_PRESETS", "SERVICE_LEVEL_PRESETS", "MysteryShopPanel", "PdcaPanel",
           "ServiceLevelPanel"]
