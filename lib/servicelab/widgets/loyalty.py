"""Panels of behavioural loyalty (chapter 08): simple CLV, and BG/NBD fitted to CDNOW.

Wiring only: the numbers come from :mod:`servicelab.models.loyalty`, the charts from
:mod:`servicelab.charts.loyalty`, every string from ``data/i18n/loyalty.json``.
"""
from __future__ import annotations

import functools
import html

import ipywidgets as W
import pandas as pd

from ..charts import loyalty as charts
from ..errors import ServiceLabError
from ..i18n import t
from ..io.transactions import read_cdnow, read_cdnow_sample
from ..models import loyalty as lm
from .common import fmt, guarded, html_widget, label_width, page_accessibility, table_html, wrap_row

__all__ = ["ClvPanel", "BgnbdPanel", "CLV_PRESETS", "BGNBD_PRESETS", "CALIBRATION_END", "HOLDOUT_END", "HOLDOUT_WEEKS"]

#: Starting margin (per period), retention and discount rate of :class:`ClvPanel`.
CLV_PRESETS: dict[str, dict] = {
    "course": {"margin": 100, "retention": 0.80, "discount": 0.10},
    "low_retention": {"margin": 100, "retention": 0.50, "discount": 0.10},
    "high_retention": {"margin": 100, "retention": 0.95, "discount": 0.10},
}
#: Data sets of :class:`BgnbdPanel`: the paper's 1/10 sample and the full log.
BGNBD_PRESETS: tuple[str, ...] = ("sample", "full")
#: FHL (2005): calibration 1997-01-01 to 1997-09-30, holdout the next 39 weeks.
CALIBRATION_END, HOLDOUT_END, HOLDOUT_WEEKS = "1997-09-30", "1998-06-30", 39.0


def _error_box() -> W.HTML:
    box = html_widget()
    box.add_class("sl-error")
    return box


class ClvPanel(W.VBox):
    """Customer lifetime value CLV = m · r / (1 + d − r): sliders, the value and the curve.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str, optional
        A key of :data:`CLV_PRESETS` (default ``"course"``: m = 100, r = 80 %, d = 10 %).

    Attributes
    ----------
    value : float or None
        The latest CLV (None while the inputs make it unbounded).
    """

    def __init__(self, lang: str = "zh", *, preset: str | None = None) -> None:
        self.lang = lang
        name = "course" if preset is None else preset
        if not isinstance(name, str) or name not in CLV_PRESETS:
            raise ServiceLabError("loyalty.error.preset", value=str(preset), allowed=", ".join(CLV_PRESETS))
        p = CLV_PRESETS[name]
        labels = [t(f"loyalty.clv.{k}", lang) for k in ("margin", "retention", "discount")]
        width = label_width(labels, 120)
        style, layout = {"description_width": f"{width}px"}, W.Layout(width=f"{width + 300}px")
        self.margin = W.IntSlider(value=p["margin"], min=0, max=1000, step=10, description=labels[0],
                                  style=style, layout=layout, continuous_update=False)
        self.retention = W.IntSlider(value=round(100 * p["retention"]), min=0, max=100, step=1, description=labels[1],
                                     style=style, layout=layout, continuous_update=False)
        self.discount = W.IntSlider(value=round(100 * p["discount"]), min=0, max=30, step=1, description=labels[2],
                                    style=style, layout=layout, continuous_update=False)
        for css, s in (("sl-clv-margin", self.margin), ("sl-clv-retention", self.retention), ("sl-clv-discount", self.discount)):
            s.add_class(css)
            s.observe(lambda _c: self.refresh(), names="value")
        self.readout = html_widget()
        self.readout.add_class("sl-clv-readout")
        self.error = _error_box()
        self.value = None
        self.chart = charts.CLV_CURVE.live(self._chart_output(), lang)
        self.chart.add_class("sl-clv-chart")
        self.refresh()
        super().__init__([html_widget(f"<p>{html.escape(t('loyalty.clv.intro', lang))}</p>"), self.margin, self.retention,
                          self.discount, self.error, self.readout, self.chart, page_accessibility()])
        self.add_class("sl-clv-panel")

    def _inputs(self) -> tuple[float, float, float]:
        return float(self.margin.value), self.retention.value / 100, self.discount.value / 100

    def _chart_output(self):
        m, r, d = self._inputs()
        curve = lm.clv_curve(m, d)
        shown = min(r, float(curve["retention"].max()))
        return curve, shown, lm.simple_clv(m, shown, d)

    @guarded(stale=("readout", "chart"))
    def refresh(self) -> None:
        m, r, d = self._inputs()
        self.value = None
        self.value = lm.simple_clv(m, r, d)
        text = t("loyalty.clv.readout", self.lang, margin=fmt(m, 0, signed=False), retention=f"{100 * r:.0f} %",
                 discount=f"{100 * d:.0f} %", clv=fmt(self.value, 2, signed=False))
        self.readout.value = f"<p><b>{html.escape(text)}</b></p>"
        charts.CLV_CURVE.update(self.chart, self._chart_output(), self.lang)


@functools.lru_cache(maxsize=2)
def _fitted(source: str):
    """(summary, fit, holdout table) of one data set, computed once per kernel."""
    log = read_cdnow_sample() if source == "sample" else read_cdnow().data
    summary = lm.bgnbd_summary(log, CALIBRATION_END, holdout_end=HOLDOUT_END)
    fit = lm.fit_bgnbd(summary)
    return summary, fit, lm.bgnbd_holdout_check(fit, summary, HOLDOUT_WEEKS)


class BgnbdPanel(W.VBox):
    """BG/NBD fitted to CDNOW's first 39 weeks, checked on the next 39; one customer's forecast.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : {"sample", "full"}, optional
        The data set shown first: the paper's 2 357-customer sample (default) or the full log.

    Attributes
    ----------
    summary : pandas.DataFrame
        (x, t_x, T, holdout) per customer of the chosen data set.
    fit : servicelab.models.loyalty.BgnbdFit
    check : pandas.DataFrame
        :func:`~servicelab.models.loyalty.bgnbd_holdout_check` of ``fit``.
    expected : float
        The chosen customer's expected purchases in the 39 holdout weeks.
    """

    def __init__(self, lang: str = "zh", *, preset: str | None = None) -> None:
        self.lang = lang
        source = "sample" if preset is None else preset
        if source not in BGNBD_PRESETS:
            raise ServiceLabError("loyalty.error.preset", value=str(preset), allowed=", ".join(BGNBD_PRESETS))
        self.source = W.ToggleButtons(options=[(t(f"loyalty.bgnbd.source.{k}", lang), k) for k in BGNBD_PRESETS],
                                      value=source, description=t("loyalty.bgnbd.source", lang),
                                      style={"description_width": "initial", "button_width": "auto"})
        self.source.add_class("sl-bgnbd-source")
        self.source.observe(lambda _c: self.refresh(), names="value")
        self.params = html_widget()
        self.params.add_class("sl-bgnbd-params")
        self.totals = html_widget()
        self.totals.add_class("sl-bgnbd-totals")
        style = {"description_width": "initial"}
        self.x = W.BoundedIntText(value=2, min=0, max=200, description=t("loyalty.bgnbd.x", lang), style=style)
        self.t_x = W.BoundedFloatText(value=30.43, min=0, max=39, step=0.01, description=t("loyalty.bgnbd.t_x", lang), style=style)
        self.T = W.BoundedFloatText(value=38.86, min=0, max=39, step=0.01, description=t("loyalty.bgnbd.T", lang), style=style)
        for w, css in ((self.x, "sl-bgnbd-x"), (self.t_x, "sl-bgnbd-tx"), (self.T, "sl-bgnbd-T")):
            w.add_class(css)
            w.observe(lambda _c: self.forecast(), names="value")
        self.customer = html_widget()
        self.customer.add_class("sl-bgnbd-customer")
        self.error = _error_box()
        self.expected = float("nan")
        self.summary, self.fit, self.check = _fitted(source)
        self.chart = charts.BGNBD_CHECK.live(self.check, lang)
        self.chart.add_class("sl-bgnbd-chart")
        self.refresh()
        super().__init__([self.source, self.error, wrap_row([self.params, self.totals]), self.chart,
                          html_widget(f"<b>{html.escape(t('loyalty.bgnbd.customer_title', lang))}</b>"),
                          W.HBox([self.x, self.t_x, self.T]), self.customer, page_accessibility()])
        self.add_class("sl-bgnbd-panel")

    @guarded(stale=("params", "totals", "chart"))
    def refresh(self) -> None:
        lang = self.lang
        self.summary, self.fit, self.check = _fitted(self.source.value)
        names = ("r", "alpha", "a", "b")
        shown = {"r": "r", "alpha": "α", "a": "a", "b": "b"}
        published = self.source.value == "sample"
        header = [t("loyalty.bgnbd.parameter", lang), t("loyalty.bgnbd.fitted", lang)] + (
            [t("loyalty.bgnbd.published", lang)] if published else [])
        rows = [[shown[k], f"{self.fit.params[k]:.4f}"] + ([f"{lm.PUBLISHED_CDNOW[k]:.3f}"] if published else []) for k in names]
        rows.append([t("loyalty.bgnbd.log_likelihood", lang), f"{self.fit.log_likelihood:,.1f}"]
                    + ([f"{lm.PUBLISHED_CDNOW['log_likelihood']:,.1f}"] if published else []))
        self.params.value = table_html(header, rows, "sl-bgnbd-table", ["left"] + ["right"] * (len(header) - 1))
        tot = lm.bgnbd_holdout_totals(self.fit, self.summary, HOLDOUT_WEEKS)
        self.totals.value = "<p>" + html.escape(t("loyalty.bgnbd.totals", lang, customers=f"{tot['customers']:,}",
                                                   actual=f"{tot['actual']:,}", predicted=f"{tot['predicted']:,.0f}",
                                                   gap=f"{100 * tot['gap']:+.1f} %")) + "</p>"
        charts.BGNBD_CHECK.update(self.chart, self.check, lang)
        self.forecast()

    @guarded(stale=("customer",))
    def forecast(self) -> None:
        x, t_x, T = self.x.value, float(self.t_x.value), float(self.T.value)
        self.expected = float("nan")
        self.expected = float(lm.bgnbd_conditional_expected(self.fit, HOLDOUT_WEEKS, [x], [t_x], [T])[0])
        text = t("loyalty.bgnbd.customer", self.lang, x=x, t_x=f"{t_x:.2f}", T=f"{T:.2f}",
                 expected=f"{self.expected:.2f}", weeks=int(HOLDOUT_WEEKS))
        self.customer.value = f"<p><b>{html.escape(text)}</b></p>"
