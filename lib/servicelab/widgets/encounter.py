"""Chapter 03 panels: the customer journey (mean vs peak–end memory) and heterogeneity
(standardisation vs customisation).

Wiring only: inputs → :mod:`servicelab.models.encounter` / :mod:`servicelab.models.heterogeneity`
→ an HTML read-out and an offline chart (:mod:`servicelab.charts.encounter`). Presets put a panel
into the state a lecture needs (``JourneyPanel(LANG, preset="hotel_strong_finish")``).
"""
from __future__ import annotations

import html

import ipywidgets as W

from ..charts import encounter as charts
from ..errors import ServiceLabError
from ..i18n import t
from ..models import encounter as enc
from ..models import heterogeneity as het
from .common import fmt, guarded, html_widget, label_style, page_accessibility, table_html, wrap_row

#: Points added to one touchpoint in the "where to spend effort" table.
EFFORT_STEP = 2

#: Journey presets: the journey and, optionally, its ratings (touchpoint order of the data file).
JOURNEY_PRESETS: dict[str, dict] = {
    "hotel": {"journey": "hotel"},
    "hotel_strong_finish": {"journey": "hotel", "ratings": [7, 6, 2, 8, 7, 6, 9]},
    "hotel_fixed_check_in": {"journey": "hotel", "ratings": [7, 6, 6, 8, 7, 6, 3]},
    "courier": {"journey": "courier"},
    "courier_recovered": {"journey": "courier", "ratings": [7, 8, 5, 2, 7, 9]},
}

#: Heterogeneity presets: standardisation and customisation in per cent.
HETEROGENEITY_PRESETS: dict[str, dict] = {
    "own_way": {"standardisation": 0, "customisation": 0},
    "standardised": {"standardisation": 100, "customisation": 0},
    "customised": {"standardisation": 0, "customisation": 100},
    "balanced": {"standardisation": 60, "customisation": 60},
}


def _preset(presets: dict, name):
    if name is None:
        return {}
    if name not in presets:
        raise ServiceLabError("encounter.error.preset", preset=name, allowed=", ".join(presets))
    return presets[name]


def _num(x: float, digits: int = 2) -> str:
    return fmt(x, digits, signed=False)


class JourneyPanel(W.VBox):
    """Rate each touchpoint of a journey; compare the mean with the journey remembered by the peak–end rule.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str, optional
        A key of :data:`JOURNEY_PRESETS` (default: the hotel stay with its default ratings).

    Attributes
    ----------
    summary : JourneySummary
        The latest result of :func:`servicelab.models.encounter.journey_summary`.
    """

    def __init__(self, lang: str = "zh", *, preset: str | None = None) -> None:
        self.lang = lang
        state = _preset(JOURNEY_PRESETS, preset)
        ids = enc.journey_ids()
        self.journey = W.Dropdown(options=[(enc.load_journeys(j).attrs["title"][lang], j) for j in ids],
                                  value=state.get("journey", ids[0]), description=t("encounter.label.journey", lang),
                                  style={"description_width": "initial"})
        self.journey.add_class("sl-journey-choice")
        self.sliders_box = W.VBox()
        self.sliders_box.add_class("sl-journey-sliders")
        self.score = html_widget()
        self.score.add_class("sl-journey-score")
        self.score.add_class("sl-live")
        self.effort = html_widget()
        self.effort.add_class("sl-journey-effort")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.sliders: list[W.IntSlider] = []
        self._build_sliders(state.get("ratings"))
        self.summary = enc.journey_summary(self.ratings)
        self.chart = charts.JOURNEY.live((self.touchpoints, self.summary), lang)
        self.chart.add_class("sl-journey-chart")
        self._render()
        self.journey.observe(self._on_journey, names="value")
        hint = html_widget(f"<small>{html.escape(t('encounter.label.rating_hint', lang))}</small>")
        super().__init__([self.journey, hint, self.sliders_box, self.error,
                          wrap_row([W.VBox([self.score, self.effort]), self.chart]), page_accessibility()])
        self.add_class("sl-journey-panel")

    # -- inputs ----------------------------------------------------------------------------
    @property
    def ratings(self) -> list[int]:
        return [s.value for s in self.sliders]

    def _build_sliders(self, ratings=None) -> None:
        self.touchpoints = enc.load_journeys(self.journey.value)
        names = list(self.touchpoints[self.lang])
        values = list(self.touchpoints["default"]) if ratings is None else list(ratings)
        if len(values) != len(names):
            raise ServiceLabError("encounter.error.ratings", n=len(values), size=len(names))
        style = label_style(names, minimum=120)
        self.sliders = []
        for i, (name, value) in enumerate(zip(names, values), start=1):
            s = W.IntSlider(value=int(value), min=int(enc.SCALE[0]), max=int(enc.SCALE[1]), step=1,
                            description=name, continuous_update=False, style=style,
                            layout=W.Layout(width=f"{int(style['description_width'][:-2]) + 340}px"))
            s.add_class(f"sl-journey-tp{i}")
            s.observe(self._on_change, names="value")
            self.sliders.append(s)
        self.sliders_box.children = self.sliders

    def set_ratings(self, ratings) -> None:
        """Set every touchpoint's rating at once (one refresh)."""
        values = list(ratings)
        if len(values) != len(self.sliders):
            raise ServiceLabError("encounter.error.ratings", n=len(values), size=len(self.sliders))
        self._hold = True
        try:
            for s, v in zip(self.sliders, values):
                s.value = int(v)
        finally:
            self._hold = False
        self.refresh()

    _hold = False

    def _on_change(self, _change=None) -> None:
        if not self._hold:
            self.refresh()

    def _on_journey(self, _change=None) -> None:
        self._build_sliders()
        self.refresh()

    # -- outputs ---------------------------------------------------------------------------
    @guarded(stale=("score", "effort", "chart"))
    def refresh(self) -> None:
        self.summary = enc.journey_summary(self.ratings)
        self._render()  # the numbers first: they are quicker to draw than the chart
        charts.JOURNEY.update(self.chart, (self.touchpoints, self.summary), self.lang)

    def _render(self) -> None:
        lang, s = self.lang, self.summary
        names = list(self.touchpoints[lang])
        rows = [[t("encounter.label.mean", lang), _num(s.mean)],
                [t("encounter.label.remembered", lang), _num(s.remembered)],
                [t("encounter.label.gap", lang), fmt(s.gap, 2)],
                [t("encounter.label.peak", lang), f"{names[s.peak_index]} ({_num(s.peak, 0)})"],
                [t("encounter.label.end", lang), f"{names[-1]} ({_num(s.end, 0)})"]]
        verdict = t("encounter.verdict.better" if s.gap > 0.005 else "encounter.verdict.worse" if s.gap < -0.005
                    else "encounter.verdict.same", lang)
        self.score.value = (table_html([t("encounter.label.measure", lang), t("encounter.label.value", lang)], rows,
                                       "sl-table sl-journey-table", align=["left", "right"])
                            + f"<p>{html.escape(verdict)}</p>")
        effect = enc.effort_effect(self.ratings, step=EFFORT_STEP)
        best = effect.loc[effect["rank"] == 1, "touchpoint"].tolist()
        erows = [[names[int(r.touchpoint)], fmt(r.mean_gain, 2), fmt(r.remembered_gain, 2)] for r in effect.itertuples()]
        self.effort.value = (f"<b>{html.escape(t('encounter.label.effort_title', lang, step=EFFORT_STEP))}</b>"
                             + table_html([t("encounter.label.touchpoint", lang), t("encounter.label.mean_gain", lang),
                                           t("encounter.label.remembered_gain", lang)], erows, "sl-table sl-journey-effort-table",
                                          align=["left", "right", "right"])
                             + f"<p>{html.escape(t('encounter.label.effort_best', lang, where=t('encounter.label.list_sep', lang).join(names[i] for i in best)))}</p>")


class HeterogeneityPanel(W.VBox):
    """Standardise or customise a service delivered by staff who differ; watch the spread of experiences.

    A **teaching illustration** (see :mod:`servicelab.models.heterogeneity`): the panel says so.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str, optional
        A key of :data:`HETEROGENEITY_PRESETS` (default: no standardisation, no customisation).
    """

    def __init__(self, lang: str = "zh", *, preset: str | None = None) -> None:
        self.lang = lang
        state = _preset(HETEROGENEITY_PRESETS, preset)
        labels = [t("encounter.het.standardisation", lang), t("encounter.het.customisation", lang)]
        style = label_style(labels, minimum=120)
        self.standardisation = W.IntSlider(value=state.get("standardisation", 0), min=0, max=100, step=5,
                                           description=labels[0], continuous_update=False, style=style,
                                           layout=W.Layout(width="460px"))
        self.standardisation.add_class("sl-het-standardisation")
        self.customisation = W.IntSlider(value=state.get("customisation", 0), min=0, max=100, step=5,
                                         description=labels[1], continuous_update=False, style=style,
                                         layout=W.Layout(width="460px"))
        self.customisation.add_class("sl-het-customisation")
        self.score = html_widget()
        self.score.add_class("sl-het-score")
        self.score.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        note = html_widget(f"<small><i>{html.escape(t('encounter.het.illustration', lang))}</i></small>")
        note.add_class("sl-het-note")
        self._compute()
        self.chart = charts.HETEROGENEITY.live((self.histogram, self.summary), lang)
        self.chart.add_class("sl-het-chart")
        self._render()
        for s in (self.standardisation, self.customisation):
            s.observe(lambda _c: self.refresh(), names="value")
        super().__init__([note, self.standardisation, self.customisation, self.error,
                          wrap_row([self.score, self.chart]), page_accessibility()])
        self.add_class("sl-het-panel")

    def _compute(self) -> None:
        self.scores = het.experience_scores(self.standardisation.value / 100, self.customisation.value / 100)
        self.summary = het.experience_summary(self.scores)
        self.histogram = het.score_histogram(self.scores)

    @guarded(stale=("score", "chart"))
    def refresh(self) -> None:
        self._compute()
        charts.HETEROGENEITY.update(self.chart, (self.histogram, self.summary), self.lang)
        self._render()

    def _render(self) -> None:
        lang, s = self.lang, self.summary
        rows = [[t("encounter.het.mean", lang), _num(s["mean"])],
                [t("encounter.het.sd", lang), _num(s["sd"])],
                [t("encounter.het.band", lang), f"{_num(s['p10'], 1)} – {_num(s['p90'], 1)}"],
                [t("encounter.het.share_poor", lang, below=int(het.POOR_BELOW)), f"{100 * s['share_poor']:.1f} %"],
                [t("encounter.het.staff_range", lang), _num(s["staff_range"])],
                [t("encounter.het.fit_loss", lang), _num(s["fit_loss"])]]
        self.score.value = table_html([t("encounter.label.measure", lang), t("encounter.label.value", lang)], rows,
                                      "sl-table sl-het-table", align=["left", "right"])
