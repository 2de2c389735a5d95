"""Chapter 08 panels: satisfaction indicators, indices (ACSI, NPS), IPA on the class survey, the Kano
questionnaire, the satisfaction–loyalty curves and the service–profit chain.

Wiring only: every number comes from :mod:`servicelab.models.satisfaction`,
:mod:`servicelab.models.ipa` and :mod:`servicelab.models.kano`; the charts from
:mod:`servicelab.charts.satisfaction`.
"""
from __future__ import annotations

import html
from collections.abc import Mapping

import ipywidgets as W
import pandas as pd

from ..charts import satisfaction as charts
from ..errors import ServiceLabError
from ..i18n import t
from ..models import ipa, kano
from ..models import satisfaction as sat
from ..models._inputs import check_choice
from .common import fmt, guarded, html_widget, label_width, page_accessibility, table_html, wrap_row


def _pct(x) -> str:
    return "–" if x is None or pd.isna(x) else f"{100 * float(x):.1f} %"


# ------------------------------------------------------------------------------- indicators
#: Default counts of the indicator panel (a made-up canteen month, the notebook's worked example).
INDICATOR_DEFAULTS = {"customers": 400, "praising": 120, "asking_by_name": 90, "repeat_or_referring": 140,
                      "complaining": 18, "sales": 550_000, "sales_reference": 500_000}
_COUNT_FIELDS = ("customers", "praising", "asking_by_name", "repeat_or_referring", "complaining", "sales",
                 "sales_reference")


class IndicatorsPanel(W.VBox):
    """Raw counts in, the five satisfaction indicators (C3.10) out, as a table and bars.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : mapping, optional
        Any of the counts of :data:`INDICATOR_DEFAULTS` (others keep their default).
    """

    def __init__(self, lang: str = "zh", *, preset: Mapping | None = None) -> None:
        self.lang = lang
        start = dict(INDICATOR_DEFAULTS)
        if preset is not None:
            unknown = set(preset) - set(start)
            if unknown:
                raise ServiceLabError("satnb.error.unknown_field", field=", ".join(sorted(map(str, unknown))),
                                      allowed=", ".join(_COUNT_FIELDS))
            start.update(preset)
        self.frame = sat.satisfaction_indicators(**start)  # refuses a bad preset before anything is drawn
        labels = [t(f"satnb.indicators.field.{f}", lang) for f in _COUNT_FIELDS]
        width = label_width(labels, 120)
        self.inputs: dict[str, W.BoundedIntText] = {}
        for f, label in zip(_COUNT_FIELDS, labels):
            box = W.BoundedIntText(value=int(start[f]), min=0 if f != "customers" else 1, max=10_000_000, step=1,
                                   description=label, style={"description_width": f"{width}px"},
                                   layout=W.Layout(width=f"{width + 130}px"))
            box.add_class(f"sl-si-{f}")
            box.observe(lambda _c: self.refresh(), names="value")
            self.inputs[f] = box
        self.table = html_widget()
        self.table.add_class("sl-si-table")
        self.table.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.chart = charts.INDICATORS.live(self.frame, lang)
        self.chart.add_class("sl-si-chart")
        self._render()
        note = html_widget(f"<small><i>{html.escape(t('satnb.indicators.note', lang))}</i></small>")
        super().__init__([wrap_row([W.VBox(list(self.inputs.values())), W.VBox([self.table, note])]), self.error,
                          self.chart, page_accessibility()])
        self.add_class("sl-si-panel")

    @property
    def counts(self) -> dict[str, int]:
        return {f: w.value for f, w in self.inputs.items()}

    @guarded(stale=("table", "chart"))
    def refresh(self) -> None:
        self.frame = sat.satisfaction_indicators(**self.counts)
        self._render()
        charts.INDICATORS.update(self.chart, self.frame, self.lang)

    def _render(self) -> None:
        lang = self.lang
        rows = [[t(f"satisfaction.indicator.{r.indicator}", lang),
                 "–" if r.count is None or pd.isna(r.count) else f"{r.count:,.0f}",
                 "–" if r.base is None or pd.isna(r.base) else f"{r.base:,.0f}", _pct(r.rate)]
                for r in self.frame.itertuples(index=False)]
        self.table.value = table_html([t("satnb.chart.indicator", lang), t("satnb.indicators.count", lang),
                                       t("satnb.indicators.base", lang), t("satnb.indicators.rate", lang)],
                                      rows, "sl-si-rates", ["left", "right", "right", "right"])


# ---------------------------------------------------------------------------------- indices
class IndexPanel(W.VBox):
    """An ACSI-style 0–100 index from three mean ratings (1–10) and the NPS from three counts.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : mapping, optional
        ``{"means": (overall, expectations, ideal), "nps": (promoters, passives, detractors)}``.
    """

    def __init__(self, lang: str = "zh", *, preset: Mapping | None = None) -> None:
        self.lang = lang
        preset = dict(preset or {})
        unknown = set(preset) - {"means", "nps"}
        if unknown:
            raise ServiceLabError("satnb.error.unknown_field", field=", ".join(sorted(map(str, unknown))),
                                  allowed="means, nps")
        means = tuple(preset.get("means", (8.0, 7.5, 7.0)))
        counts = tuple(preset.get("nps", (45, 30, 25)))
        sat.acsi_index(means)
        sat.nps_from_counts(*counts)
        qs = [t(f"satnb.index.q{i}", lang) for i in (1, 2, 3)]
        width = label_width(qs, 120)
        self.sliders = [W.FloatSlider(value=float(m), min=1, max=10, step=0.1, description=q, continuous_update=False,
                                      style={"description_width": f"{width}px"}, layout=W.Layout(width=f"{width + 260}px"))
                        for m, q in zip(means, qs)]
        names = [t(f"satnb.index.{g}", lang) for g in ("promoters", "passives", "detractors")]
        nw = label_width(names, 120)
        self.counts = [W.BoundedIntText(value=int(c), min=0, max=1_000_000, description=n,
                                        style={"description_width": f"{nw}px"}, layout=W.Layout(width=f"{nw + 130}px"))
                       for c, n in zip(counts, names)]
        for i, w in enumerate(self.sliders):
            w.add_class(f"sl-idx-q{i + 1}")
            w.observe(lambda _c: self.refresh(), names="value")
        for g, w in zip(("promoters", "passives", "detractors"), self.counts):
            w.add_class(f"sl-idx-{g}")
            w.observe(lambda _c: self.refresh(), names="value")
        self.out = html_widget()
        self.out.add_class("sl-idx-out")
        self.out.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.refresh()
        super().__init__([wrap_row([W.VBox([html_widget(f"<b>{html.escape(t('satnb.index.acsi_head', lang))}</b>"), *self.sliders]),
                                    W.VBox([html_widget(f"<b>{html.escape(t('satnb.index.nps_head', lang))}</b>"), *self.counts])]),
                          self.error, self.out, page_accessibility()])
        self.add_class("sl-idx-panel")

    @guarded(stale=("out",))
    def refresh(self) -> None:
        lang = self.lang
        index = sat.acsi_index([s.value for s in self.sliders])
        n = sat.nps_from_counts(*[c.value for c in self.counts])
        self.index, self.nps = index, n
        self.out.value = (
            f"<p class='sl-idx-acsi'><b>{html.escape(t('satnb.index.acsi_result', lang, index=f'{index:.1f}'))}</b></p>"
            f"<p class='sl-idx-nps'><b>{html.escape(t('satnb.index.nps_result', lang, nps=fmt(n.nps, 1), pro=f'{n.pct_promoters:.1f}', det=f'{n.pct_detractors:.1f}', n=n.n))}</b></p>")


# ---------------------------------------------------------------------------------------- IPA
class IPAPanel(W.VBox):
    """Importance–performance analysis of chapter 05's class survey with a choice of importance
    source and of cross-lines (mean, median, scale midpoint).

    Parameters
    ----------
    survey : servicelab.io.survey.Survey
    lang : {"zh", "en"}
    importance : {"weights", "expectations"}
    centre : {"mean", "median", "scale"}
    """

    def __init__(self, survey, lang: str = "zh", *, importance: str = "weights", centre: str = "mean") -> None:
        self.lang, self.survey = lang, survey
        self.result = ipa.survey_ipa(survey, importance=importance, centre=centre)  # refuses bad choices first
        self.source = W.ToggleButtons(options=[(t(f"satnb.ipa.source.{s}", lang), s) for s in ipa.IMPORTANCE_SOURCES],
                                      value=importance, description=t("satnb.ipa.source", lang),
                                      style={"description_width": "initial", "button_width": "auto"})
        self.source.add_class("sl-ipa-source")
        self.centre = W.ToggleButtons(options=[(t(f"ipa.centre.{c}", lang), c) for c in ipa.CENTRES], value=centre,
                                      description=t("satnb.ipa.centre", lang),
                                      style={"description_width": "initial", "button_width": "auto"})
        self.centre.add_class("sl-ipa-centre")
        self.summary = html_widget()
        self.summary.add_class("sl-ipa-summary")
        self.summary.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.chart = charts.IPA_GRID.live(self.result, lang)
        self.chart.add_class("sl-ipa-chart")
        self._render()
        for w in (self.source, self.centre):
            w.observe(lambda _c: self.refresh(), names="value")
        super().__init__([self.source, self.centre, self.error, wrap_row([self.chart, self.summary]), page_accessibility()])
        self.add_class("sl-ipa-panel")

    @guarded(stale=("summary", "chart"))
    def refresh(self) -> None:
        self.result = ipa.survey_ipa(self.survey, importance=self.source.value, centre=self.centre.value)
        self._render()
        charts.IPA_GRID.update(self.chart, self.result, self.lang)

    def _render(self) -> None:
        lang, r = self.lang, self.result
        lines = t("satnb.ipa.lines", lang, importance=f"{r['importance_line'].iloc[0]:.2f}",
                  performance=f"{r['performance_line'].iloc[0]:.2f}")
        rows = [[charts.attribute_label(a, lang), f"{i:.2f}", f"{p:.2f}", t(f"ipa.quadrant.{q}", lang)]
                for a, i, p, q in zip(r["attribute"], r["importance"], r["performance"], r["quadrant"])]
        fix = [charts.attribute_label(a, lang) for a, q in zip(r["attribute"], r["quadrant"]) if q == "concentrate_here"]
        fix_text = t("satnb.ipa.fix", lang, items="、".join(fix) if lang == "zh" else ", ".join(fix)) if fix else t("satnb.ipa.fix_none", lang)
        self.summary.value = (f"<p>{html.escape(lines)}</p><p class='sl-ipa-fix'><b>{html.escape(fix_text)}</b></p>"
                              + table_html([t("satnb.chart.attribute", lang), t("satnb.chart.importance", lang),
                                            t("satnb.chart.performance", lang), t("satnb.chart.quadrant", lang)],
                                           rows, "sl-ipa-table", ["left", "right", "right", "left"]))


# --------------------------------------------------------------------------------------- Kano
class KanoPanel(W.VBox):
    """A short Kano questionnaire: for each canteen feature the learner answers the functional and
    the dysfunctional question and sees the feature's category from the evaluation table, next to
    the class sample's majority category and the class's CS–DS chart.

    Parameters
    ----------
    lang : {"zh", "en"}
    answers : mapping, optional
        ``{feature: (functional, dysfunctional)}`` to start with (a lecture state); unanswered
        features start blank.
    """

    def __init__(self, lang: str = "zh", *, answers: Mapping | None = None) -> None:
        self.lang = lang
        feats = kano.load_features()
        self._labels = {f: t(f"kano.feature.{f}", lang) for f in feats["feature"]}
        answers = dict(answers or {})
        for f, pair in answers.items():
            check_choice(f, "answers", tuple(self._labels), key="satnb.error.unknown_field",
                         key_params={"field": f, "allowed": ", ".join(self._labels)})
            kano.kano_category(*pair)
        self.klass = kano.kano_classify(kano.load_class_sample())
        options = [(t("satnb.kano.pick", lang), None)] + [(t(f"kano.answer.{a}", lang), a) for a in kano.ANSWERS]
        width = label_width(self._labels.values(), 120)
        self.functional: dict[str, W.Dropdown] = {}
        self.dysfunctional: dict[str, W.Dropdown] = {}
        rows = [W.HBox([html_widget(f"<b>{html.escape(t('kano.chart.feature', lang))}</b>", layout=W.Layout(width=f"{width}px")),
                        html_widget(f"<b>{html.escape(t('satnb.kano.functional', lang))}</b>", layout=W.Layout(width="230px")),
                        html_widget(f"<b>{html.escape(t('satnb.kano.dysfunctional', lang))}</b>", layout=W.Layout(width="230px"))])]
        for f, label in self._labels.items():
            start = answers.get(f, (None, None))
            fd = W.Dropdown(options=options, value=start[0], layout=W.Layout(width="230px"),
                            tooltip=t("satnb.kano.functional_q", lang, feature=label))
            dd = W.Dropdown(options=options, value=start[1], layout=W.Layout(width="230px"),
                            tooltip=t("satnb.kano.dysfunctional_q", lang, feature=label))
            fd.add_class(f"sl-kano-f-{f}")
            dd.add_class(f"sl-kano-d-{f}")
            for w in (fd, dd):
                w.observe(lambda _c: self.refresh(), names="value")
            self.functional[f], self.dysfunctional[f] = fd, dd
            rows.append(W.HBox([html_widget(html.escape(label), layout=W.Layout(width=f"{width}px")), fd, dd]))
        self.result = html_widget()
        self.result.add_class("sl-kano-result")
        self.result.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.chart = charts.KANO_GRID.live((self.klass, self._labels), lang)
        self.chart.add_class("sl-kano-chart")
        self.refresh()
        note = html_widget(f"<small><i>{html.escape(t('satnb.kano.sample_note', lang))}</i></small>")
        super().__init__([W.VBox(rows), self.error, self.result, wrap_row([self.chart]), note, page_accessibility()])
        self.add_class("sl-kano-panel")

    def answer(self, feature: str, functional: str | None, dysfunctional: str | None) -> None:
        """Answer both questions for ``feature`` as picking in its two drop-downs would."""
        self.functional[feature].value = functional
        self.dysfunctional[feature].value = dysfunctional

    @property
    def mine(self) -> dict[str, str | None]:
        """The learner's category per feature (None while a question is unanswered)."""
        out = {}
        for f in self._labels:
            a, b = self.functional[f].value, self.dysfunctional[f].value
            out[f] = None if a is None or b is None else kano.kano_category(a, b)
        return out

    @guarded(stale=("result",))
    def refresh(self) -> None:
        lang = self.lang
        klass = self.klass.set_index("feature")
        rows, same = [], 0
        for f, cat in self.mine.items():
            k = klass.loc[f]
            if cat is not None and cat == k["category"]:
                same += 1
            rows.append([self._labels[f], "–" if cat is None else t(f"kano.category.{cat}", lang),
                         t(f"kano.category.{k['category']}", lang), fmt(k["cs"], signed=False), fmt(k["ds"], signed=False)])
        answered = sum(c is not None for c in self.mine.values())
        head = t("satnb.kano.agree", lang, same=same, answered=answered)
        self.result.value = (f"<p class='sl-kano-agree'><b>{html.escape(head)}</b></p>" + table_html(
            [t("kano.chart.feature", lang), t("satnb.kano.yours", lang), t("satnb.kano.class", lang), "CS", "DS"],
            rows, "sl-kano-table", ["left", "left", "left", "right", "right"]))


# ------------------------------------------------------------------------------ loyalty curves
class LoyaltyCurvePanel(W.VBox):
    """Jones & Sasser's satisfaction–loyalty curve: a competitive market, and the curve bent by the
    factors of an uncompetitive market (check boxes), with the zone bounds as sliders.

    A teaching illustration (see :func:`servicelab.models.satisfaction.loyalty_curve`).

    Parameters
    ----------
    lang : {"zh", "en"}
    factors : sequence of str
        Factors ticked at start (from :data:`~servicelab.models.satisfaction.LOYALTY_FACTORS`).
    zone_bounds : (lower, upper)
    """

    def __init__(self, lang: str = "zh", *, factors=(), zone_bounds=(2.0, 4.0)) -> None:
        self.lang = lang
        sat.loyalty_curve(factors=list(factors), zone_bounds=zone_bounds)  # refuses bad presets
        self.boxes = {}
        for f in sat.LOYALTY_FACTORS:
            cb = W.Checkbox(value=f in factors, description=t(f"satnb.loyalty.factor.{f}", lang), indent=False)
            cb.add_class(f"sl-loy-{f}")
            cb.observe(lambda _c: self.refresh(), names="value")
            self.boxes[f] = cb
        self.bounds = W.FloatRangeSlider(value=tuple(float(b) for b in zone_bounds), min=1, max=5, step=0.1,
                                         description=t("satnb.loyalty.bounds", lang), continuous_update=False,
                                         style={"description_width": "initial"}, layout=W.Layout(width="420px"))
        self.bounds.add_class("sl-loy-bounds")
        self.bounds.observe(lambda _c: self.refresh(), names="value")
        self.readout = html_widget()
        self.readout.add_class("sl-loy-readout")
        self.readout.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.chart = charts.LOYALTY_CURVES.live(self._output(), lang)
        self.chart.add_class("sl-loy-chart")
        self._render()
        note = html_widget(f"<small><i>{html.escape(t('satnb.loyalty.note', lang))}</i></small>")
        super().__init__([W.VBox(list(self.boxes.values())), self.bounds, self.error, note,
                          wrap_row([self.chart, self.readout]), page_accessibility()])
        self.add_class("sl-loy-panel")

    @property
    def factors(self) -> list[str]:
        return [f for f, cb in self.boxes.items() if cb.value]

    def _output(self):
        lo, hi = self.bounds.value
        self.competitive = sat.loyalty_curve(zone_bounds=(lo, hi))
        self.current = sat.loyalty_curve(factors=self.factors, zone_bounds=(lo, hi))
        return self.competitive, self.current, (1, 5), (lo, hi)

    @guarded(stale=("readout", "chart"))
    def refresh(self) -> None:
        out = self._output()
        self._render()
        charts.LOYALTY_CURVES.update(self.chart, out, self.lang)

    def _render(self) -> None:
        mid = float(sat.loyalty_curve([3.0], factors=self.factors)["loyalty"].iloc[0])
        base = float(sat.loyalty_curve([3.0])["loyalty"].iloc[0])
        lo, hi = self.bounds.value
        self.readout.value = "<p><b>" + html.escape(t("satnb.loyalty.readout", self.lang, mid=f"{mid:.1f}",
                                                      base=f"{base:.1f}", k=len(self.factors))) + "</b></p><p>" + html.escape(
            t("satnb.loyalty.zones_at", self.lang, lower=f"{lo:.1f}", upper=f"{hi:.1f}")) + "</p>"


# --------------------------------------------------------------------------- service–profit chain
class ProfitChainPanel(W.VBox):
    """The service–profit chain drawn from its data file: the course's cycle or Heskett et al.'s links.

    Parameters
    ----------
    lang : {"zh", "en"}
    version : {"course", "heskett"}
    """

    def __init__(self, lang: str = "zh", *, version: str = "course") -> None:
        self.lang = lang
        check_choice(version, "version", sat.CHAIN_VERSIONS)
        self.version = W.ToggleButtons(options=[(t(f"satnb.chain.version.{v}", lang), v) for v in sat.CHAIN_VERSIONS],
                                       value=version, style={"button_width": "auto"})
        self.version.add_class("sl-chain-version")
        self.text = html_widget()
        self.text.add_class("sl-chain-text")
        self.text.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.chart = charts.PROFIT_CHAIN.live(version, lang)
        self.chart.add_class("sl-chain-chart")
        self._render()
        self.version.observe(lambda _c: self.refresh(), names="value")
        super().__init__([self.version, self.error, self.chart, self.text, page_accessibility()])
        self.add_class("sl-chain-panel")

    @guarded(stale=("text",))
    def refresh(self) -> None:
        self._render()
        charts.PROFIT_CHAIN.update(self.chart, self.version.value, self.lang)

    def _render(self) -> None:
        self.text.value = f"<p style='max-width:760px'>{html.escape(t(f'satnb.chain.text.{self.version.value}', self.lang))}</p>"
