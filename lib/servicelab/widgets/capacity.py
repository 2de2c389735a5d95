"""Perishability panels (chapter 03): a day of demand against capacity with the course's remedies,
and Erlang C staffing of a service hotline.

Wiring only: the panels read their sliders, call :mod:`servicelab.models.capacity` and
:mod:`servicelab.models.queueing`, and refresh an HTML read-out and an offline chart. The main
slider of each panel carries a CSS class a latency benchmark can press: ``sl-capacity-pricing``
and ``sl-queue-agents``.
"""
from __future__ import annotations

import html
import math

import ipywidgets as W
import numpy as np

from ..charts import capacity as charts
from ..errors import ServiceLabError
from ..i18n import t
from ..models import capacity as cap
from ..models import queueing as q
from .common import fmt, guarded, html_widget, label_width, page_accessibility, table_html, wrap_row

#: Named starting points of :class:`CapacityPanel` (shares in [0, 1]; ``day`` is a default day).
CAPACITY_PRESETS: dict[str, dict] = {
    "bank_branch": {"day": "bank_branch", "off_peak_shift": 0.0, "reservation_share": 0.0, "part_time": 0,
                    "third_party": 0.0, "patience_hours": 0},
    "lunch_peak": {"day": "canteen", "off_peak_shift": 0.0, "reservation_share": 0.0, "part_time": 0,
                   "third_party": 0.0, "patience_hours": 0},
    "bank_remedies": {"day": "bank_branch", "off_peak_shift": 0.3, "reservation_share": 0.3, "part_time": 12,
                      "third_party": 0.2, "patience_hours": 1},
}
#: Named starting points of :class:`QueuePanel`.
QUEUE_PRESETS: dict[str, dict] = {
    # the published worked example (200 calls an hour, 180 s, 80 % within 20 s; 14 agents are needed)
    "call_centre_80_20": {"calls_per_hour": 200, "handle_seconds": 180, "agents": 14, "target_seconds": 20,
                          "service_level": 0.8},
    # a heavier hour: 360 calls per half hour of 240 s each, 55 agents, a 15 s target
    "hotline_peak": {"calls_per_hour": 720, "handle_seconds": 240, "agents": 55, "target_seconds": 15,
                     "service_level": 0.8},
    "small_team": {"calls_per_hour": 30, "handle_seconds": 300, "agents": 4, "target_seconds": 60,
                   "service_level": 0.8},
}
LEVERS: tuple[str, ...] = ("off_peak_shift", "reservation_share", "part_time", "third_party", "patience_hours")
_CSS = {"off_peak_shift": "sl-capacity-pricing", "reservation_share": "sl-capacity-reservation",
        "part_time": "sl-capacity-parttime", "third_party": "sl-capacity-third", "patience_hours": "sl-capacity-patience"}
_SHARES = ("off_peak_shift", "reservation_share", "third_party")
#: Rows of the totals table: summary key → digits (None: a percentage).
_TOTALS = (("demand", 0), ("served", 1), ("third_party", 1), ("turned_away", 1), ("waiting_at_close", 1),
           ("idle", 1), ("idle_hours", 2), ("utilisation", None), ("lost_share", None))


def _preset(presets: dict[str, dict], name, default: str) -> dict:
    if name is None:
        return dict(presets[default])
    if not isinstance(name, str) or name not in presets:
        raise ServiceLabError("capacity.error.preset", value=str(name), allowed=", ".join(presets))
    return dict(presets[name])


def _pct(x: float, digits: int = 1) -> str:
    return f"{100 * x:.{digits}f} %"


def _num(x: float, digits: int) -> str:
    return fmt(float(x), digits, signed=False)


class CapacityPanel(W.VBox):
    """A day of hourly demand against capacity; the remedies for perishability as levers.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str, optional
        A key of :data:`CAPACITY_PRESETS` (default ``"bank_branch"``): the day and the levers.

    Attributes
    ----------
    day : pandas.DataFrame
        The latest :func:`~servicelab.models.capacity.capacity_day` table.
    summary, baseline : dict
        Its :func:`~servicelab.models.capacity.capacity_summary`, and the same day without levers.
    """

    def __init__(self, lang: str = "zh", *, preset: str | None = None) -> None:
        self.lang = lang
        p = _preset(CAPACITY_PRESETS, preset, "bank_branch")
        self.inputs = cap.load_day(p["day"])
        peak_cap = float(self.inputs["capacity"].max())
        labels = [t(f"capacity.lever.{k}", lang) for k in LEVERS]
        width = label_width(labels, 120)
        style, layout = {"description_width": f"{width}px"}, W.Layout(width=f"{width + 300}px")
        self.sliders: dict[str, W.IntSlider] = {}
        for key, label in zip(LEVERS, labels):
            if key in _SHARES:
                s = W.IntSlider(value=int(round(100 * p[key])), min=0, max=100, step=5, readout_format="d")
            elif key == "part_time":
                step = max(1, int(round(peak_cap / 48)))
                s = W.IntSlider(value=int(p[key]), min=0, max=int(peak_cap), step=step)
            else:
                s = W.IntSlider(value=int(p[key]), min=0, max=3, step=1)
            s.description, s.style, s.layout, s.continuous_update = label, style, layout, False
            s.tooltip = t(f"capacity.lever_help.{key}", lang)
            s.add_class(_CSS[key])
            s.observe(self._on_change, names="value")
            self.sliders[key] = s
        self.help = html_widget(self._help_html())
        self.totals = html_widget()
        self.totals.add_class("sl-capacity-totals")
        self.totals.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.baseline = cap.capacity_summary(cap.capacity_day(self.inputs["demand"], self.inputs["capacity"]))
        self._compute()
        self.chart = charts.CAPACITY_DAY.live(self.day, lang)
        self.chart.add_class("sl-capacity-chart")
        self._render()
        day_name = p["day"]
        title = html_widget(f"<b>{html.escape(t(f'capacity.day.{day_name}', lang))}</b>")
        super().__init__([title, *self.sliders.values(), self.help, self.error, wrap_row([self.totals, self.chart]),
                          page_accessibility()])
        self.add_class("sl-capacity-panel")

    def _help_html(self) -> str:
        items = "".join(f"<li><b>{html.escape(t(f'capacity.lever.{k}', self.lang))}</b>: "
                        f"{html.escape(t(f'capacity.lever_help.{k}', self.lang))}</li>" for k in LEVERS)
        return f"<details><summary>{html.escape(t('capacity.label.rules', self.lang))}</summary><ul>{items}</ul></details>"

    @property
    def levers(self) -> dict:
        """The levers as :func:`~servicelab.models.capacity.capacity_day` takes them."""
        return {k: (s.value / 100 if k in _SHARES else s.value) for k, s in self.sliders.items()}

    def _compute(self) -> None:
        self.day = cap.capacity_day(self.inputs["demand"], self.inputs["capacity"], **self.levers)
        self.summary = cap.capacity_summary(self.day)

    def _on_change(self, _change) -> None:
        self.refresh()

    @guarded(stale=("totals", "chart"))
    def refresh(self) -> None:
        self._compute()
        self._render()  # the numbers first: they are what the learner watches
        charts.CAPACITY_DAY.update(self.chart, self.day, self.lang)

    def _render(self) -> None:
        lang = self.lang
        rows = []
        for key, digits in _TOTALS:
            show = (lambda x: _pct(x)) if digits is None else (lambda x, d=digits: _num(x, d))
            rows.append([t(f"capacity.total.{key}", lang), show(self.baseline[key]), show(self.summary[key])])
        table = table_html([t("capacity.label.total", lang), t("capacity.label.without", lang),
                            t("capacity.label.with", lang)], rows, "sl-capacity-table", ["left", "right", "right"])
        lost = self.baseline["turned_away"] - self.summary["turned_away"]
        idle = self.baseline["idle_hours"] - self.summary["idle_hours"]
        verdict = t("capacity.label.verdict", lang, won=_num(lost, 1), idle=_num(idle, 2))
        self.totals.value = f"{table}<p class='sl-capacity-verdict'>{html.escape(verdict)}</p>"


class QueuePanel(W.VBox):
    """Erlang C for a service hotline: waiting, service level, and the fewest agents meeting a target.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str, optional
        A key of :data:`QUEUE_PRESETS` (default ``"call_centre_80_20"``).

    Attributes
    ----------
    metrics : pandas.DataFrame
        :func:`~servicelab.models.queueing.queue_metrics` for the current staffing (one row).
    needed : int
        The fewest agents meeting the target.
    staffing : pandas.DataFrame
        The day's :func:`~servicelab.models.queueing.staffing_table` (``data/capacity/call_centre.csv``).
    """

    _SPEC = (("calls_per_hour", 0, 2000, 10, "sl-queue-calls"), ("handle_seconds", 30, 900, 10, "sl-queue-handle"),
             ("agents", 1, 150, 1, "sl-queue-agents"), ("target_seconds", 0, 120, 5, "sl-queue-target"),
             ("service_level", 50, 99, 1, "sl-queue-level"))

    def __init__(self, lang: str = "zh", *, preset: str | None = None) -> None:
        self.lang = lang
        p = _preset(QUEUE_PRESETS, preset, "call_centre_80_20")
        p["service_level"] = int(round(100 * p["service_level"]))
        labels = [t(f"capacity.queue.input.{k}", lang) for k, *_ in self._SPEC]
        width = label_width(labels, 120)
        style, layout = {"description_width": f"{width}px"}, W.Layout(width=f"{width + 300}px")
        self.sliders: dict[str, W.IntSlider] = {}
        for (key, lo, hi, step, css), label in zip(self._SPEC, labels):
            s = W.IntSlider(value=int(p[key]), min=lo, max=hi, step=step, description=label, style=style,
                            layout=layout, continuous_update=False)
            s.add_class(css)
            s.observe(self._on_change, names="value")
            self.sliders[key] = s
        self.day_calls = cap.load_call_day()
        self.readout = html_widget()
        self.readout.add_class("sl-queue-metrics")
        self.readout.add_class("sl-live")
        self.day_table = html_widget()
        self.day_table.add_class("sl-queue-day")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self._compute()
        self.chart = charts.QUEUE_CURVE.live(self._chart_output(), lang)
        self.chart.add_class("sl-queue-chart")
        self._render()
        day_box = W.VBox([html_widget(f"<b>{html.escape(t('capacity.queue.day_title', lang))}</b>"), self.day_table])
        super().__init__([*self.sliders.values(), self.error, wrap_row([self.readout, self.chart]), day_box,
                          page_accessibility()])
        self.add_class("sl-queue-panel")

    @property
    def values(self) -> dict:
        """The inputs as the model takes them (service level as a share)."""
        v = {k: s.value for k, s in self.sliders.items()}
        v["service_level"] = v["service_level"] / 100
        return v

    def _compute(self) -> None:
        v = self.values
        kw = {"target_seconds": v["target_seconds"]}
        self.metrics = q.queue_metrics(v["calls_per_hour"], v["handle_seconds"], v["agents"], **kw)
        self.needed = q.agents_needed(v["calls_per_hour"], v["handle_seconds"], service_level=v["service_level"], **kw)
        load = float(self.metrics["offered_load"].iloc[0])
        lo = max(1, min(v["agents"], math.floor(load) + 1) - 2)
        hi = max(v["agents"], self.needed, lo) + 6
        self.curve = q.queue_metrics(v["calls_per_hour"], v["handle_seconds"], list(range(lo, hi + 1)), **kw)
        self.staffing = q.staffing_table(self.day_calls.to_numpy(), v["handle_seconds"], service_level=v["service_level"],
                                         start_hour=int(self.day_calls.index[0]), **kw)

    def _chart_output(self) -> dict:
        return {"metrics": self.curve, "target": self.values["service_level"], "agents": self.values["agents"],
                "needed": self.needed}

    def _on_change(self, _change) -> None:
        self.refresh()

    @guarded(stale=("readout", "chart", "day_table"))
    def refresh(self) -> None:
        self._compute()
        self._render()
        charts.QUEUE_CURVE.update(self.chart, self._chart_output(), self.lang)

    def _render(self) -> None:
        lang, v, m = self.lang, self.values, self.metrics.iloc[0]
        rows = [[t("capacity.queue.load", lang), _num(m["offered_load"], 2)],
                [t("capacity.queue.occupancy", lang), _pct(m["occupancy"])],
                [t("capacity.queue.p_wait", lang), _pct(m["p_wait"])],
                [t("capacity.queue.asa", lang), _num(m["asa_seconds"], 1) if m["stable"] else "∞"],
                [t("capacity.queue.service_level", lang, seconds=v["target_seconds"]), _pct(m["service_level"])]]
        table = table_html([t("capacity.queue.measure", lang), t("capacity.queue.value", lang)], rows,
                           "sl-queue-table", ["left", "right"])
        parts = [table]
        if not m["stable"]:
            parts.append(f"<p class='sl-queue-overload'><b>{html.escape(t('capacity.queue.overloaded', lang, load=_num(m['offered_load'], 2), agents=v['agents']))}</b></p>")
        met = bool(m["service_level"] >= v["service_level"])
        parts.append(f"<p class='sl-queue-verdict'>{html.escape(t('capacity.queue.met' if met else 'capacity.queue.missed', lang, level=round(v['service_level'] * 100), seconds=v['target_seconds']))}</p>")
        parts.append(f"<p class='sl-queue-needed'><b>{html.escape(t('capacity.queue.needed', lang, agents=self.needed, level=round(v['service_level'] * 100), seconds=v['target_seconds']))}</b></p>")
        self.readout.value = "".join(parts)
        s = self.staffing
        day_rows = [[f"{int(h):02d}:00", _num(c, 0), _num(a, 2), str(int(n)), _pct(sl), _num(w, 1), _pct(o)]
                    for h, c, a, n, sl, w, o in s[["hour", "calls", "offered_load", "agents", "service_level",
                                                   "asa_seconds", "occupancy"]].itertuples(index=False)]
        head = [t(f"capacity.queue.col.{c}", lang) for c in ("hour", "calls", "load", "agents", "service_level", "asa",
                                                              "occupancy")]
        total = t("capacity.queue.agent_hours", lang, hours=int(s["agents"].sum()), peak=int(s["agents"].max()))
        self.day_table.value = (table_html(head, day_rows, "sl-queue-day-table", ["left"] + ["right"] * 6)
                                + f"<p>{html.escape(total)}</p>")


__all__ = ["CAPACITY_PRESETS", "QUEUE_PRESETS", "CapacityPanel", "QueuePanel"]
