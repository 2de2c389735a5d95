"""Panels of the service-process chapter: reliability in series (C5.14), the parcel simulation and
the chained service system with escalation (C2.5).

Each panel reads its inputs, calls :mod:`servicelab.models.process` or
:mod:`servicelab.models.escalation`, and refreshes an HTML read-out and an offline chart. No
computation happens here beyond picking what to show.
"""
from __future__ import annotations

import html
import math
from typing import Mapping

import ipywidgets as W

from ..charts import process as charts
from ..errors import ServiceLabError
from ..i18n import t
from ..models import escalation as esc
from ..models import process as proc
from .common import guarded, html_widget, label_width, page_accessibility, table_html, wrap_row

#: The weak steps of the seed that get a recovery step (seed S1: 步骤3的补救, 步骤7的补救).
RECOVERY_STEPS = (3, 7)

#: Reliability presets for a lecture: step values (by step number) and recovery catch shares.
RELIABILITY_PRESETS: dict[str, dict] = {
    "seed": {"steps": {}, "recovery": {}},
    "step3_096": {"steps": {3: 0.96}, "recovery": {}},
    "recovery_half": {"steps": {}, "recovery": {3: 0.5, 7: 0.5}},
}

#: Escalation presets: the levers of :class:`EscalationPanel`.
ESCALATION_PRESETS: dict[str, dict] = {
    "default": {},
    "understaffed": {"staff": (1, 2, 3)},
    "more_staff": {"staff": (2, 4, 5)},
    "no_limits": {"limits": None},
    "rush_hour": {"arrivals": 20},
}


def _n(value: float, digits: int) -> str:
    return f"{value:.{digits}f}"


def _pct(value: float, digits: int = 2) -> str:
    return f"{100 * value:+.{digits}f} %".replace("-", "−")


def _preset(preset, presets: Mapping[str, dict], what: str) -> dict:
    if preset is None:
        return {}
    if isinstance(preset, Mapping):
        return dict(preset)
    if preset not in presets:
        raise ServiceLabError("process_nb.error.preset", what=what, value=preset, allowed=", ".join(presets))
    return dict(presets[preset])


class ReliabilityPanel(W.VBox):
    """A slider per step of the express-delivery process, recovery steps after steps 3 and 7.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str or dict, optional
        ``"seed"`` (the seed's table), ``"step3_096"`` (step 3 raised to 0.96), ``"recovery_half"``
        (recovery steps catching half the failures of steps 3 and 7), or a dict
        ``{"steps": {step: reliability}, "recovery": {3: share, 7: share}}``.

    Attributes
    ----------
    overall : float
        The process reliability with the recovery steps (updated on every change).
    """

    def __init__(self, lang: str = "zh", *, preset=None) -> None:
        self.lang = lang
        self._listeners: list = []
        self.steps = proc.load_express_steps()
        self._seed_values = [float(v) for v in self.steps["reliability"]]
        self._hold = False
        names = [f"{k} {n}" for k, n in zip(self.steps["step"], self.steps[f"name_{lang}"])]
        width = label_width(names, 120)
        self.sliders = []
        for k, (name, r) in enumerate(zip(names, self._seed_values), start=1):
            s = W.FloatSlider(value=r, min=0.5, max=1.0, step=0.01, readout_format=".2f", description=name,
                              continuous_update=False, style={"description_width": f"{width}px"},
                              layout=W.Layout(width=f"{width + 260}px"))
            s.add_class(f"sl-rel-step{k}")
            self.sliders.append(s)
        rec_labels = {k: t("process_nb.label.recovery", lang, step=k) for k in RECOVERY_STEPS}
        rwidth = label_width(rec_labels.values(), 120)
        self.recovery = {}
        for k in RECOVERY_STEPS:
            s = W.FloatSlider(value=0.0, min=0.0, max=1.0, step=0.05, readout_format=".0%", description=rec_labels[k],
                              continuous_update=False, style={"description_width": f"{rwidth}px"},
                              layout=W.Layout(width=f"{rwidth + 260}px"))
            s.add_class(f"sl-rel-recover{k}")
            self.recovery[k] = s
        self.reset = W.Button(description=t("process_nb.label.reset", lang), icon="undo", layout=W.Layout(width="auto"))
        self.reset.add_class("sl-rel-reset")
        self.reset.on_click(lambda _b: self.apply_preset("seed"))
        self.score = html_widget()
        self.score.add_class("sl-rel-score")
        self.score.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self._compute()
        self.chart = charts.STEP_FAILURES.live(self._chart_output(), lang)
        self.chart.add_class("sl-rel-chart")
        self._render()
        for s in (*self.sliders, *self.recovery.values()):
            s.observe(self._on_change, names="value")
        head = html_widget(f"<b>{html.escape(t('process_nb.label.steps_head', lang))}</b>")
        rec_head = html_widget(f"<b>{html.escape(t('process_nb.label.recovery_head', lang))}</b>")
        super().__init__([head, *self.sliders, rec_head, *self.recovery.values(), self.reset, self.error,
                          wrap_row([self.score, self.chart]), page_accessibility()])
        self.add_class("sl-rel-panel")
        if preset is not None:
            self.apply_preset(preset)

    # -- inputs ---------------------------------------------------------------------------------
    @property
    def reliabilities(self) -> list[float]:
        return [round(float(s.value), 4) for s in self.sliders]

    @property
    def catch_shares(self) -> dict[int, float]:
        return {k: round(float(s.value), 4) for k, s in self.recovery.items()}

    def apply_preset(self, preset) -> None:
        """Put the sliders into a preset's state (see the class docs); one refresh."""
        p = _preset(preset, RELIABILITY_PRESETS, "preset")
        steps = dict(p.get("steps", {}))
        recovery = dict(p.get("recovery", {}))
        values = list(self._seed_values)
        for k, v in steps.items():
            proc.improve_step(values, k, v)  # validates the step number and the value
            values[k - 1] = float(v)
        for k in recovery:
            if k not in self.recovery:
                raise ServiceLabError("process_nb.error.recovery_step", step=k,
                                      allowed=", ".join(str(s) for s in RECOVERY_STEPS))
        proc.with_recovery(values, recovery)  # validates the shares
        self._hold = True
        try:
            for s, v in zip(self.sliders, values):
                s.value = v
            for k, s in self.recovery.items():
                s.value = float(recovery.get(k, 0.0))
        finally:
            self._hold = False
        self.refresh()

    def on_change(self, callback) -> None:
        """Call ``callback(panel)`` after every refresh (the parcel simulation follows the sliders)."""
        self._listeners.append(callback)

    # -- outputs --------------------------------------------------------------------------------
    def _compute(self) -> None:
        r = self.reliabilities
        self.effective = proc.with_recovery(r, self.catch_shares)
        self.without_recovery = proc.series_reliability(r)
        self.overall = proc.series_reliability(self.effective)
        self.sensitivity = proc.step_sensitivity(self.effective)

    def _chart_output(self):
        return (self.steps, self.effective, self.sensitivity)

    def _on_change(self, _change) -> None:
        if not self._hold:
            self.refresh()

    @guarded(stale=("score", "chart"))
    def refresh(self) -> None:
        self._compute()
        self._render()
        charts.STEP_FAILURES.update(self.chart, self._chart_output(), self.lang)
        for callback in self._listeners:
            callback(self)

    def _render(self) -> None:
        lang = self.lang
        seed = proc.series_reliability(self._seed_values)
        change = self.overall - seed
        top = self.sensitivity.sort_values(["rank", "step"]).head(3)
        rows = [[str(int(r.rank)), f"{int(r.step)} {self.steps.loc[int(r.step) - 1, f'name_{lang}']}",
                 _n(r.reliability, 3), _n(r.gradient, 3)] for r in top.itertuples()]
        table = table_html([t("process_nb.label.rank", lang), t("process.label.step", lang),
                            t("process.label.reliability", lang), t("process.label.gradient", lang)], rows,
                           "sl-rel-ranking", ["right", "left", "right", "right"])
        parts = [
            f"<p class='sl-rel-overall'><b>{html.escape(t('process_nb.label.overall', lang, value=_n(self.overall, 4)))}</b></p>",
            f"<p>{html.escape(t('process_nb.label.vs_seed', lang, seed=_n(seed, 4), change=f'{change:+.4f}'.replace('-', '−'), relative=_pct(self.overall / seed - 1)))}</p>",
        ]
        if any(v > 0 for v in self.catch_shares.values()):
            parts.append(f"<p>{html.escape(t('process_nb.label.with_recovery', lang, without=_n(self.without_recovery, 4), value=_n(self.overall, 4)))}</p>")
        parts.append(f"<p>{html.escape(t('process_nb.label.ranking_head', lang))}</p>{table}")
        self.score.value = "".join(parts)


class ParcelSimulationPanel(W.VBox):
    """Send parcels through the process at random and watch the success rate settle at the product.

    Parameters
    ----------
    lang : {"zh", "en"}
    source : ReliabilityPanel, optional
        Use its step reliabilities (after recovery); default: the seed's table.
    preset : dict, optional
        ``{"n": parcels, "seed": seed}`` (default 10 000 parcels, seed 0).
    """

    CHOICES = (100, 1_000, 10_000, 100_000, 1_000_000)

    def __init__(self, lang: str = "zh", *, source: ReliabilityPanel | None = None, preset=None) -> None:
        self.lang = lang
        self.source = source
        p = _preset(preset, {}, "preset")
        n = p.get("n", 10_000)
        if n not in self.CHOICES:
            raise ServiceLabError("process_nb.error.preset", what="n", value=n, allowed=", ".join(map(str, self.CHOICES)))
        self.steps = proc.load_express_steps()
        self.n = W.Dropdown(options=[(f"{c:,}", c) for c in self.CHOICES], value=n,
                            description=t("process_nb.label.parcels", lang), style={"description_width": "initial"})
        self.n.add_class("sl-sim-n")
        self.seed = W.BoundedIntText(value=int(p.get("seed", 0)), min=0, max=10**6,
                                     description=t("process_nb.label.seed", lang), style={"description_width": "initial"},
                                     layout=W.Layout(width="180px"))
        self.seed.add_class("sl-sim-seed")
        self.run = W.Button(description=t("process_nb.label.run", lang), icon="play", button_style="primary",
                            layout=W.Layout(width="auto"))
        self.run.add_class("sl-sim-run")
        self.score = html_widget()
        self.score.add_class("sl-sim-score")
        self.score.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self._compute()
        self.rate_chart = charts.RUNNING_RATE.live(self.result, lang)
        self.rate_chart.add_class("sl-sim-rate-chart")
        self.lost_chart = charts.PARCELS_LOST.live((self.result, self.steps), lang)
        self.lost_chart.add_class("sl-sim-lost-chart")
        self._render()
        self.run.on_click(lambda _b: self.refresh())
        self.n.observe(lambda _c: self.refresh(), names="value")
        if source is not None:
            source.on_change(lambda _panel: self.refresh())
        super().__init__([W.HBox([self.n, self.seed, self.run]), self.error, self.score,
                          wrap_row([self.rate_chart, self.lost_chart]), page_accessibility()])
        self.add_class("sl-sim-panel")

    def _reliabilities(self) -> list[float]:
        return list(self.source.effective) if self.source is not None else [float(v) for v in self.steps["reliability"]]

    def _compute(self) -> None:
        self.result = proc.simulate_parcels(self._reliabilities(), n=int(self.n.value), seed=int(self.seed.value))

    @guarded(stale=("score", "rate_chart", "lost_chart"))
    def refresh(self) -> None:
        self._compute()
        self._render()
        charts.RUNNING_RATE.update(self.rate_chart, self.result, self.lang)
        charts.PARCELS_LOST.update(self.lost_chart, (self.result, self.steps), self.lang)

    def _render(self) -> None:
        r, lang = self.result, self.lang
        inside = abs(r.simulated - r.expected) <= 3 * r.standard_error
        self.score.value = (
            f"<p class='sl-sim-result'><b>{html.escape(t('process_nb.label.sim_result', lang, ok=f'{r.successes:,}', n=f'{r.n:,}', share=_n(r.simulated, 4), product=_n(r.expected, 4)))}</b></p>"
            f"<p>{html.escape(t('process_nb.label.sim_se', lang, se=_n(r.standard_error, 4), diff=f'{r.simulated - r.expected:+.4f}'.replace('-', '−'), verdict=t('process_nb.label.inside' if inside else 'process_nb.label.outside', lang)))}</p>"
        )


class EscalationPanel(W.VBox):
    """The chained service system: arrivals, staff per department and response-time limits as levers.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str or dict, optional
        ``"default"``, ``"understaffed"``, ``"more_staff"``, ``"no_limits"``, ``"rush_hour"``, or
        a dict with any of ``arrivals`` (tickets per hour), ``staff`` (three ints), ``limits``
        (three minute values, or ``None`` for no limits) and ``seed``.

    Attributes
    ----------
    result : ChainResult
        The latest simulated shift.
    """

    def __init__(self, lang: str = "zh", *, preset=None) -> None:
        self.lang = lang
        self._hold = False
        deps = [charts.department_name(k, lang) for k in range(len(esc.DEPARTMENTS))]
        self.arrivals = W.IntSlider(value=int(esc.DEFAULT_ARRIVALS_PER_HOUR), min=0, max=40, step=1,
                                    description=t("escalation.label.arrivals", lang), continuous_update=False,
                                    style={"description_width": "initial"}, layout=W.Layout(width="420px"))
        self.arrivals.add_class("sl-esc-arrivals")
        staff_labels = [t("escalation.label.staff", lang, department=d) for d in deps]
        limit_labels = [t("escalation.label.limit", lang, department=d) for d in deps]
        width = label_width(staff_labels + limit_labels, 120)
        style, layout = {"description_width": f"{width}px"}, W.Layout(width=f"{width + 250}px")
        self.staff = []
        self.limits = []
        for k, (sl, ll) in enumerate(zip(staff_labels, limit_labels)):
            s = W.IntSlider(value=esc.DEFAULT_STAFF[k], min=1, max=10, description=sl, continuous_update=False,
                            style=style, layout=layout)
            s.add_class(f"sl-esc-staff{k + 1}")
            lim = W.IntSlider(value=int(esc.DEFAULT_LIMITS[k]), min=5, max=120, step=5, description=ll,
                              continuous_update=False, style=style, layout=layout)
            lim.add_class(f"sl-esc-limit{k + 1}")
            self.staff.append(s)
            self.limits.append(lim)
        self.no_limits = W.Checkbox(value=False, description=t("escalation.label.no_limits", lang), indent=False)
        self.no_limits.add_class("sl-esc-nolimits")
        self.seed = 0
        self.ticket = W.BoundedIntText(value=1, min=1, max=10_000, description=t("escalation.label.ticket", lang),
                                       style={"description_width": "initial"}, layout=W.Layout(width="220px"))
        self.ticket.add_class("sl-esc-ticket")
        self.progress = html_widget()
        self.progress.add_class("sl-esc-progress")
        self.progress.add_class("sl-live")
        self.score = html_widget()
        self.score.add_class("sl-esc-score")
        self.score.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.result = self._simulate()
        self.chart = charts.ESCALATION.live(self.result, lang)
        self.chart.add_class("sl-esc-chart")
        self._render()
        for w in (self.arrivals, *self.staff, *self.limits, self.no_limits):
            w.observe(self._on_change, names="value")
        self.ticket.observe(lambda _c: self._render_progress(), names="value")
        one_stop = W.VBox([html_widget(f"<b>{html.escape(t('escalation.label.one_stop', lang))}</b>"), self.ticket, self.progress])
        super().__init__([self.arrivals, W.HBox([W.VBox(self.staff), W.VBox([*self.limits, self.no_limits])]),
                          self.error, wrap_row([self.score, self.chart]), one_stop, page_accessibility()])
        self.add_class("sl-esc-panel")
        if preset is not None:
            self.apply_preset(preset)

    def apply_preset(self, preset) -> None:
        """Set the levers from a preset (see the class docs); one refresh."""
        p = _preset(preset, ESCALATION_PRESETS, "preset")
        unknown = set(p) - {"arrivals", "staff", "limits", "seed"}
        if unknown:
            raise ServiceLabError("process_nb.error.preset", what="preset", value=", ".join(sorted(unknown)),
                                  allowed="arrivals, staff, limits, seed")
        staff = list(p.get("staff", esc.DEFAULT_STAFF))
        limits = p.get("limits", esc.DEFAULT_LIMITS)
        arrivals = p.get("arrivals", esc.DEFAULT_ARRIVALS_PER_HOUR)
        seed = p.get("seed", 0)
        # validate with the model's own checks before touching a slider
        esc.simulate_escalation(arrivals, staff, [math.inf] * 3 if limits is None else limits, hours=0.01, seed=seed)
        for w, v in ((self.arrivals, arrivals), *zip(self.staff, staff),
                     *(zip(self.limits, limits) if limits is not None else ())):
            if not w.min <= v <= w.max:
                raise ServiceLabError("error.param.range", name=w.description, value=v, allowed=f"{w.min}–{w.max}")
        self._hold = True
        try:
            self.arrivals.value = int(arrivals)
            for w, v in zip(self.staff, staff):
                w.value = int(v)
            if limits is not None:
                for w, v in zip(self.limits, limits):
                    w.value = int(v)
            self.no_limits.value = limits is None
            self.seed = int(seed)
        finally:
            self._hold = False
        self.refresh()

    def _levers(self) -> dict:
        limits = [math.inf] * 3 if self.no_limits.value else [float(w.value) for w in self.limits]
        return {"arrivals_per_hour": float(self.arrivals.value), "staff": [int(w.value) for w in self.staff],
                "limits": limits, "seed": self.seed}

    def _simulate(self) -> esc.ChainResult:
        return esc.simulate_escalation(**self._levers())

    def _on_change(self, _change) -> None:
        for w in self.limits:
            w.disabled = self.no_limits.value
        if not self._hold:
            self.refresh()

    @guarded(stale=("score", "chart", "progress"))
    def refresh(self) -> None:
        self.result = self._simulate()
        self._render()
        charts.ESCALATION.update(self.chart, self.result, self.lang)

    def _render(self) -> None:
        r, lang = self.result, self.lang
        mean_wait = "–" if math.isnan(r.mean_wait) else f"{r.mean_wait:.1f}"
        rows = []
        for d in r.departments.itertuples():
            rows.append([charts.department_name(int(d.department), lang), str(d.arrived), str(d.served),
                         str(d.escalated), str(d.waiting + d.in_service),
                         "–" if math.isnan(d.mean_wait) else f"{d.mean_wait:.1f}"])
        table = table_html([t("escalation.label.department", lang), t("escalation.label.arrived", lang),
                            t("escalation.outcome.served", lang), t("escalation.outcome.escalated", lang),
                            t("escalation.label.open_here", lang), t("escalation.label.mean_wait", lang)],
                           rows, "sl-esc-table", ["left"] + ["right"] * 5)
        self.score.value = (
            f"<p class='sl-esc-totals'><b>{html.escape(t('escalation.label.totals', lang, arrived=r.arrived, done=r.count('done'), escalated=r.count('escalated'), open=r.count('open')))}</b></p>"
            f"<p>{html.escape(t('escalation.label.wait_line', lang, wait=mean_wait))}</p>{table}"
        )
        self.ticket.max = max(1, r.arrived)
        self._render_progress()

    def _render_progress(self) -> None:
        r, lang = self.result, self.lang
        if r.arrived == 0:
            self.progress.value = html.escape(t("escalation.progress.none", lang))
            return
        k = min(int(self.ticket.value), r.arrived)
        row = r.tickets.iloc[k - 1]
        dept = charts.department_name(int(row["department"]), lang) if row["department"] >= 0 else ""
        params = {"ticket": k, "arrival": f"{row['arrival']:.0f}", "department": dept, "wait": f"{row['wait']:.0f}",
                  "finish": "" if math.isnan(row["finish"]) else f"{row['finish']:.0f}"}
        self.progress.value = html.escape(t(f"escalation.progress.{row['stage']}", lang, **params))
