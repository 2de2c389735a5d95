"""Complaint and recovery panels (C5.16–C5.18, C5.20).

Wiring only: the numbers come from :mod:`servicelab.models.complaints` and
:mod:`servicelab.models.recovery`, the charts from :mod:`servicelab.charts.complaints`.

* :class:`ParetoPanel` — the seed's 30 complaint causes as a Pareto chart with a movable line.
* :class:`RecoveryPanel` — failure severity and the three keys of recovery (teaching illustration).
* :func:`response_tree_chart`, :func:`complaint_channels_chart` — the two charts without controls.

CSS classes for tests: ``sl-pareto-panel``, ``sl-pareto-threshold``, ``sl-pareto-summary``,
``sl-pareto-table``, ``sl-pareto-chart``; ``sl-recovery-panel``, ``sl-recovery-<lever>``,
``sl-recovery-prior``, ``sl-recovery-readout``, ``sl-recovery-paradox``, ``sl-recovery-chart``.
"""
from __future__ import annotations

import html
from collections.abc import Mapping

import ipywidgets as W

from ..charts import complaints as charts
from ..display import format_number
from ..i18n import t
from ..models import complaints, recovery
from ..models._inputs import check_number
from .common import guarded, html_widget, label_width, page_accessibility, table_html, wrap_row

#: Range of the Pareto panel's line, in percent.
THRESHOLD_MIN, THRESHOLD_MAX = 50, 95


def _pct(share: float) -> str:
    return f"{100 * share:.2f} %"


def response_tree_chart(lang: str = "zh"):
    """Day & Landon's (1977) taxonomy of responses to dissatisfaction, drawn from its data file."""
    return charts.RESPONSE_TREE.live(complaints.load_response_taxonomy(), lang)


def complaint_channels_chart(lang: str = "zh"):
    """The course's complaint-channel survey as bars (printed percentages in the tooltip); class ``sl-channels-chart``."""
    chart = charts.CHANNELS.live(complaints.load_complaint_channels(), lang)
    chart.add_class("sl-channels-chart")
    return chart


class ParetoPanel(W.VBox):
    """The seed's 30 complaint causes as a live Pareto chart: move the line, see the vital few.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : int, optional
        The line in percent, 50–95, at start (a lecture state); None starts at 80.
    """

    def __init__(self, lang: str = "zh", *, preset: int | None = None) -> None:
        self.lang = lang
        start = 80 if preset is None else check_number(preset, "preset", low=THRESHOLD_MIN, high=THRESHOLD_MAX, integer=True)
        self.causes = complaints.load_complaint_causes()
        self.threshold = W.IntSlider(value=start, min=THRESHOLD_MIN, max=THRESHOLD_MAX, step=1,
                                     description=t("complaints_nb.panel.threshold", lang), continuous_update=False,
                                     style={"description_width": "initial"}, layout=W.Layout(width="420px"))
        self.threshold.add_class("sl-pareto-threshold")
        self.summary = html_widget()
        self.summary.add_class("sl-pareto-summary")
        self.summary.add_class("sl-live")
        self.table = html_widget()
        self.table.add_class("sl-pareto-table")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.result = complaints.cause_pareto(self.causes, start / 100)
        self.chart = charts.PARETO.live(self.result, lang)
        self.chart.add_class("sl-pareto-chart")
        self._render()
        self.threshold.observe(lambda _c: self.refresh(), names="value")
        super().__init__([self.threshold, self.error, self.summary, wrap_row([self.chart, self.table]),
                          page_accessibility()])
        self.add_class("sl-pareto-panel")

    def set_threshold(self, percent: int) -> None:
        """Move the line to ``percent`` (50–95) as the slider would."""
        self.threshold.value = check_number(percent, "percent", low=THRESHOLD_MIN, high=THRESHOLD_MAX, integer=True)

    @guarded(stale=("summary", "table", "chart"))
    def refresh(self) -> None:
        self.result = complaints.cause_pareto(self.causes, self.threshold.value / 100)
        self._render()
        charts.PARETO.update(self.chart, self.result, self.lang)

    def _render(self) -> None:
        lang, r = self.lang, self.result
        tab = r["table"]
        classes = tab["pareto_class"].value_counts()
        few = tab.loc[tab["vital"]]
        per_cat = few["category"].value_counts().sort_index()
        details = "；" if lang == "zh" else "; "
        details = details.join(t("complaints_nb.panel.category_count", lang, category=t(f"complaints.category.{int(c)}", lang),
                                 n=int(n)) for c, n in per_cat.items())
        lines = [
            t("complaints_nb.panel.summary", lang, n=r["vital_count"], total=len(tab), complaints=r["vital_complaints"],
              share=_pct(r["vital_share"]), threshold=f"{self.threshold.value} %"),
            t("complaints_nb.panel.abc", lang, a=int(classes.get("A", 0)), b=int(classes.get("B", 0)), c=int(classes.get("C", 0)),
              a_cut=f"{self.threshold.value} %", b_cut=f"{max(self.threshold.value, 95)} %"),
            t("complaints_nb.panel.categories", lang, details=details),
        ]
        self.summary.value = "".join(f"<p>{html.escape(x)}</p>" for x in lines)
        rows = [[str(int(x["rank"])), x[f"name_{lang}"], str(int(x["count"])), _pct(x["cumulative_share"])]
                for _, x in few.iterrows()]
        self.table.value = table_html([t("complaints_nb.chart.rank", lang), t("complaints.label.cause", lang),
                                       t("complaints.label.count", lang), t("complaints_nb.chart.cumulative_pct", lang)],
                                      rows, "sl-pareto-rows", align=["right", "left", "right", "right"])


class RecoveryPanel(W.VBox):
    """Failure severity and the three keys of recovery as levers; satisfaction and repurchase
    intention after the recovery, and whether the service recovery paradox appears.

    The arithmetic is a teaching illustration (:func:`servicelab.models.recovery.recovery_outcome`);
    the panel says so next to its levers.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str or Mapping, optional
        A lecture state of :data:`servicelab.models.recovery.PRESETS` (``"paradox"``, ``"severe"``,
        ``"slow"``, ``"second_failure"``) or ``{lever: value}``; None starts at severity 5, keys 5.
    """

    LEVERS = ("severity", *recovery.KEYS)

    def __init__(self, lang: str = "zh", *, preset: str | Mapping | None = None) -> None:
        self.lang = lang
        self._hold = False
        start = recovery.preset_levers(preset)
        names = {k: t(f"recovery.lever.{k}", lang) for k in self.LEVERS}
        width = label_width(names.values(), 90)
        self.sliders: dict[str, W.IntSlider] = {}
        rows = []
        for k in self.LEVERS:
            low, high = (recovery.SEVERITY_MIN, recovery.SEVERITY_MAX) if k == "severity" else (recovery.KEY_MIN, recovery.KEY_MAX)
            s = W.IntSlider(value=int(start[k]), min=low, max=high, step=1, description=names[k], continuous_update=False,
                            tooltip=t(f"recovery.hint.{k}", lang), style={"description_width": f"{width}px"},
                            layout=W.Layout(width=f"{width + 220}px"))
            s.add_class(f"sl-recovery-{k}")
            s.observe(self._on_change, names="value")
            self.sliders[k] = s
            rows += [s, html_widget(f"<small style='color:#555'>{html.escape(t(f'recovery.hint.{k}', lang))}</small>",
                                    layout=W.Layout(margin="-4px 0 4px 8px", max_width=f"{width + 220}px"))]
        self.prior = W.Checkbox(value=bool(start["prior_failure"]), description=t("recovery.lever.prior_failure", lang),
                                indent=False)
        self.prior.add_class("sl-recovery-prior")
        self.prior.observe(self._on_change, names="value")
        self.readout = html_widget()
        self.readout.add_class("sl-recovery-readout")
        self.paradox = html_widget()
        self.paradox.add_class("sl-recovery-paradox")
        self.paradox.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.outcome = recovery.recovery_outcome(**self.levers)
        self.chart = charts.RECOVERY.live(self.outcome, lang)
        self.chart.add_class("sl-recovery-chart")
        self._render()
        note = html_widget(f"<small><i>{html.escape(t('recovery.panel.teaching', lang))}</i></small>",
                           layout=W.Layout(max_width="760px"))
        super().__init__([note, wrap_row([W.VBox([*rows, self.prior]), W.VBox([self.readout, self.paradox, self.chart])]),
                          self.error, page_accessibility()])
        self.add_class("sl-recovery-panel")

    @property
    def levers(self) -> dict:
        return {**{k: s.value for k, s in self.sliders.items()}, "prior_failure": self.prior.value}

    def set_levers(self, levers: Mapping) -> None:
        """Set several levers at once (one refresh); a bad value is refused before any moves."""
        checked = recovery.preset_levers({**self.levers, **dict(levers)})
        self._hold = True
        try:
            for k, s in self.sliders.items():
                s.value = int(checked[k])
            self.prior.value = bool(checked["prior_failure"])
        finally:
            self._hold = False
        self.refresh()

    def _on_change(self, _change) -> None:
        if not self._hold:
            self.refresh()

    @guarded(stale=("readout", "paradox", "chart"))
    def refresh(self) -> None:
        self.outcome = recovery.recovery_outcome(**self.levers)
        self._render()
        charts.RECOVERY.update(self.chart, self.outcome, self.lang)

    def _render(self) -> None:
        lang, o = self.lang, self.outcome
        self.readout.value = "<p>" + html.escape(t(
            "recovery.panel.readout", lang, quality=format_number(o["quality"], 2), satisfaction=format_number(o["satisfaction"], 1),
            before=format_number(o["before"], 1), repurchase=format_number(o["repurchase"], 1))) + "</p>"
        if o["paradox"]:
            text = t("recovery.panel.paradox", lang)
        else:
            text = t("recovery.panel.no_paradox", lang, reason=("" if lang == "zh" else " ").join(t(f"recovery.panel.why.{w}", lang) for w in o["why_not"]))
        self.paradox.value = f"<p style='max-width:440px'><b>{html.escape(text)}</b></p>"
