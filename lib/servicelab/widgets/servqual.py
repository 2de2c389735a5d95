"""SERVQUAL panels: the learner's own SERVQUAL, the 100-point weights, the class survey, and the
industry exercise (C5.9).

Each panel reads its inputs, calls :mod:`servicelab.models.servqual`, and refreshes an HTML
read-out and an offline altair chart. No scoring happens here.
"""
from __future__ import annotations

import html
from typing import Callable

import ipywidgets as W
import numpy as np

from ..charts import servqual as charts
from ..errors import ServiceLabError
from ..i18n import t
from ..io.survey import MAX_BYTES, read_survey
from ..models import servqual as sq
from ..models.reliability import alpha_band
from ..paths import data_path
from .common import fmt, guarded, html_widget, label_width, layout_style, page_accessibility, table_html, wrap_row
from .upload import UploadControl

_MIB = 1024 * 1024
_UPLOAD_ACCEPT = (".csv,.txt,.tsv,.xlsx,text/csv,text/plain,text/tab-separated-values,"
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

_SLIDER_LAYOUT = W.Layout(width="240px")


def _slider(value: int, description: str, css: str) -> W.IntSlider:
    s = W.IntSlider(value=int(value), min=sq.SCALE_MIN, max=sq.SCALE_MAX, step=1, description=description,
                    continuous_update=False, layout=_SLIDER_LAYOUT, style={"description_width": "34px"})
    s.add_class(css)
    return s


def _dim(dim: str, lang: str) -> str:
    return t(f"servqual.dimension.{dim}", lang)


class ServqualPanel(W.VBox):
    """The learner rates a service they used: E and P for the 22 items, grouped by dimension.

    Parameters
    ----------
    lang : {"zh", "en"}
    expectations, perceptions : sequence of 22 ints, optional
        Starting ratings (default: E = 6, P = 5 everywhere). Out-of-range values are rejected.
    service : str, optional
        Name of the rated service shown in the text box.

    Attributes
    ----------
    result : ServqualResult
        The latest scores (updated on every change).
    """

    def __init__(self, lang: str = "zh", expectations=None, perceptions=None, service: str = "") -> None:
        self.lang = lang
        self._listeners: list[Callable] = []
        self._hold = False
        e0 = self._validated(expectations, 6, "E")
        p0 = self._validated(perceptions, 5, "P")
        items = sq.load_items()
        e_short, p_short = t("servqual.label.e_short", lang), t("servqual.label.p_short", lang)
        self.e_sliders = [_slider(v, e_short, f"sl-servqual-e{i + 1}") for i, v in enumerate(e0)]
        self.p_sliders = [_slider(v, p_short, f"sl-servqual-p{i + 1}") for i, v in enumerate(p0)]
        self.service = W.Text(value=service, description=t("servqual.label.service_name", lang),
                              placeholder=t("servqual.label.service_placeholder", lang),
                              style={"description_width": "initial"})
        pages = []
        for dim in sq.DIMENSIONS:
            rows = [html_widget(f"<i>{html.escape(t(f'servqual.definition.{dim}', lang))}</i>")]
            for item in sq.DIMENSION_ITEMS[dim]:
                text = items.loc[item - 1, lang]
                label = html_widget(f"<b>{item}.</b> {html.escape(text)}", layout=W.Layout(width="330px"))
                rows.append(W.HBox([label, self.e_sliders[item - 1], self.p_sliders[item - 1]]))
            pages.append(W.VBox(rows))
        self.tabs = W.Tab(children=pages)
        for j, dim in enumerate(sq.DIMENSIONS):
            self.tabs.set_title(j, _dim(dim, lang))
        self.tabs.add_class("sl-servqual-tabs")
        self.tabs.add_class("sl-tabs")
        self.score = html_widget()
        self.score.add_class("sl-servqual-score")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.result = self._compute()
        self.chart = charts.EXPECTATION_PERCEPTION.live(self.result.dimensions, lang)
        self.chart.add_class("sl-servqual-chart")
        self._render_score()
        for s in (*self.e_sliders, *self.p_sliders):
            s.observe(self._on_change, names="value")
        hint = html_widget(f"<small>{html.escape(t('servqual.label.rating_hint', lang))}</small>")
        super().__init__([self.service, hint, self.tabs, self.error, wrap_row([self.score, self.chart]), layout_style(), page_accessibility()])
        self.add_class("sl-servqual-panel")

    @staticmethod
    def _validated(values, default: int, name: str) -> list[int]:
        if values is None:
            return [default] * sq.N_ITEMS
        vals = list(values)
        if len(vals) != sq.N_ITEMS:
            raise ServiceLabError("servqual.error.shape", name=name, shape=str((len(vals),)), items=sq.N_ITEMS)
        for i, v in enumerate(vals):
            if not (isinstance(v, (int, np.integer)) and sq.SCALE_MIN <= v <= sq.SCALE_MAX):
                raise ServiceLabError("error.value_range", row=1, column=f"{name}{i + 1}", value=v, low=sq.SCALE_MIN, high=sq.SCALE_MAX)
        return [int(v) for v in vals]

    # -- inputs --------------------------------------------------------------------------
    @property
    def expectations(self) -> np.ndarray:
        return np.array([[s.value for s in self.e_sliders]], dtype=float)

    @property
    def perceptions(self) -> np.ndarray:
        return np.array([[s.value for s in self.p_sliders]], dtype=float)

    def set_ratings(self, expectations=None, perceptions=None) -> None:
        """Set many ratings at once (one refresh)."""
        e = self._validated(expectations, 0, "E") if expectations is not None else None
        p = self._validated(perceptions, 0, "P") if perceptions is not None else None
        self._hold = True
        try:
            for sliders, vals in ((self.e_sliders, e), (self.p_sliders, p)):
                if vals is not None:
                    for s, v in zip(sliders, vals):
                        s.value = v
        finally:
            self._hold = False
        self.refresh()

    def on_result(self, callback: Callable) -> None:
        """Call ``callback(result)`` whenever the scores change."""
        self._listeners.append(callback)

    # -- outputs -------------------------------------------------------------------------
    def _compute(self) -> sq.ServqualResult:
        return sq.gap_scores(self.expectations, self.perceptions)

    def _on_change(self, _change) -> None:
        if not self._hold:
            self.refresh()

    @guarded(stale=("score", "chart"))
    def refresh(self) -> None:
        self.result = self._compute()
        self._render_score()  # the number first: it is what the learner watches
        charts.EXPECTATION_PERCEPTION.update(self.chart, self.result.dimensions, self.lang)
        for cb in self._listeners:
            cb(self.result)


    def _render_score(self) -> None:
        lang, r = self.lang, self.result
        rows = [[_dim(d, lang), fmt(e, signed=False), fmt(p, signed=False), fmt(g)]
                for d, e, p, g in r.dimensions[["dimension", "expectation", "perception", "gap"]].itertuples(index=False)]
        table = table_html([t("servqual.label.dimension", lang), t("servqual.label.expectation", lang),
                            t("servqual.label.perception", lang), t("servqual.label.gap", lang)], rows, "sl-servqual-table")
        worst = r.dimensions.loc[r.dimensions["gap"].idxmin()]
        verdict = "negative" if r.unweighted < -1e-9 else "positive" if r.unweighted > 1e-9 else "zero"
        self.score.value = (
            f"{table}<p class='sl-servqual-overall'><b>{html.escape(t('servqual.label.overall', lang, score=fmt(r.unweighted)))}</b></p>"
            f"<p>{html.escape(t(f'servqual.label.verdict_{verdict}', lang))}</p>"
            + (f"<p>{html.escape(t('servqual.label.worst_dimension', lang, dimension=_dim(worst['dimension'], lang), gap=fmt(worst['gap'])))}</p>" if worst["gap"] < 0 else "")
            + f"<p style='color:#666'><small>{html.escape(t('servqual.label.item_mean_trap', lang, score=fmt(sq.item_mean_gap(self.expectations, self.perceptions))))}</small></p>"
        )


class WeightsPanel(W.VBox):
    """Spread 100 points over the five dimensions and see the weighted SERVQUAL score.

    Parameters
    ----------
    source : ServqualPanel, optional
        Panel whose dimension gaps are weighted (kept in sync). Alternatively give
        ``dimension_gaps`` (five numbers) directly.
    lang : {"zh", "en"}
    points : sequence of 5 ints, optional
        Starting allocation (default 20 each).
    """

    def __init__(self, source: ServqualPanel | None = None, lang: str = "zh", points=None, dimension_gaps=None) -> None:
        self.lang = lang
        self._hold = False
        points = list(points) if points is not None else [20] * len(sq.DIMENSIONS)
        if len(points) != len(sq.DIMENSIONS):
            raise ServiceLabError("servqual.error.weights_shape", shape=str((len(points),)), n=1)
        for dim, p in zip(sq.DIMENSIONS, points):
            if not 0 <= p <= 100:
                raise ServiceLabError("error.value_range", row=1, column=_dim(dim, lang), value=p, low=0, high=100)
        self.sliders = []
        width = label_width([_dim(dim, lang) for dim in sq.DIMENSIONS], 90)
        for dim, p in zip(sq.DIMENSIONS, points):
            s = W.IntSlider(value=int(p), min=0, max=100, step=1, description=_dim(dim, lang), continuous_update=False,
                            style={"description_width": f"{width}px"}, layout=W.Layout(width=f"{width + 270}px"))
            s.add_class(f"sl-weight-{dim}")
            s.observe(self._on_change, names="value")
            self.sliders.append(s)
        self.total = html_widget()
        self.total.add_class("sl-weights-total")
        self.score = html_widget()
        self.score.add_class("sl-weights-score")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.rescale = W.Button(description=t("servqual.label.normalise", lang), icon="balance-scale",
                                layout=W.Layout(width="auto"))  # the whole label, never "按比例调整为 1…"
        self.rescale.add_class("sl-weights-rescale")
        self.rescale.on_click(lambda _b: self.rescale_to_100())
        self._gaps = np.asarray(dimension_gaps, dtype=float) if dimension_gaps is not None else None
        self._source = source
        if source is not None:
            source.on_result(lambda _r: self.refresh())
        self.weighted: float | None = None
        self.chart = charts.SCORES.live({"unweighted": self.unweighted}, lang)
        self.chart.add_class("sl-weights-chart")
        self.refresh()
        super().__init__([*self.sliders, W.HBox([self.total, self.rescale]), self.error, wrap_row([self.score, self.chart]), page_accessibility()])
        self.add_class("sl-weights-panel")

    def _on_change(self, _change) -> None:
        if not self._hold:
            self.refresh()

    @property
    def points(self) -> list[int]:
        return [s.value for s in self.sliders]

    @property
    def dimension_gaps(self) -> np.ndarray:
        if self._source is not None:
            return self._source.result.dimensions["gap"].to_numpy()
        if self._gaps is None:
            raise ServiceLabError("servqual.error.no_gaps")
        return self._gaps

    @property
    def unweighted(self) -> float:
        return sq.unweighted_servqual(self.dimension_gaps)

    @guarded()
    def rescale_to_100(self) -> None:
        new = sq.rescale_points(self.points)
        self._hold = True
        try:
            for s, v in zip(self.sliders, new):
                s.value = v
        finally:
            self._hold = False
        self.refresh()

    @guarded(stale=("score", "chart"))
    def refresh(self) -> None:
        lang, total = self.lang, sum(self.points)
        self.total.value = f"<b>{html.escape(t('servqual.label.weights_total', lang, total=total))}</b>"
        if total == 100:
            self.weighted = float(sq.weighted_servqual(self.dimension_gaps, self.points)[0])
            msg = t("servqual.label.weights_ok", lang, score=fmt(self.weighted))
        else:
            self.weighted = None
            msg = (t("servqual.label.weights_pending", lang, remaining=100 - total) if total < 100
                   else t("servqual.label.weights_over", lang, excess=total - 100))
        self.score.value = (f"<p>{html.escape(t('servqual.label.overall', lang, score=fmt(self.unweighted)))}</p>"
                            f"<p class='sl-weights-result'><b>{html.escape(msg)}</b></p>")
        charts.SCORES.update(self.chart, {"unweighted": self.unweighted, "weighted": self.weighted}, lang)


class SurveyPanel(W.VBox):
    """Analyse a class survey: the shipped sample or an uploaded file (CSV, text or .xlsx).

    Shows the dimension gaps, unweighted and weighted SERVQUAL, Cronbach's alpha per dimension,
    and two charts. A bad file gives a bilingual message in the panel; the previous analysis stays.
    The upload limit (:data:`servicelab.io.survey.MAX_BYTES`) is stated next to the button; a
    larger file is refused in the browser before it is sent (:class:`~.upload.UploadControl`).

    Parameters
    ----------
    lang : {"zh", "en"}
    load_sample : bool
        Show the shipped sample survey at start.
    scale : (int, int), default (1, 7)
        Rating scale of uploaded surveys (e.g. ``(1, 9)``).
    """

    SAMPLE = ("surveys", "canteen_servqual.csv")

    def __init__(self, lang: str = "zh", load_sample: bool = True, scale=(sq.SCALE_MIN, sq.SCALE_MAX)) -> None:
        self.lang = lang
        self.scale = tuple(scale)
        self.survey = None
        limit = t("survey.label.upload_limit", lang, limit=MAX_BYTES // _MIB)
        self.upload = UploadControl(self._on_upload, self._refuse_upload, max_bytes=MAX_BYTES,
                                    description=t("survey.label.upload", lang), hint=limit, accept=_UPLOAD_ACCEPT)
        self.upload.add_class("sl-survey-upload")
        self.upload_limit = html_widget(f"<small>{html.escape(limit)}</small>")
        self.upload_limit.add_class("sl-survey-upload-limit")
        self.sample_button = W.Button(description=t("survey.label.sample", lang), layout=W.Layout(width="auto"))
        self.sample_button.on_click(lambda _b: self.load_sample())
        self.summary = html_widget()
        self.summary.add_class("sl-survey-summary")
        self.table = html_widget()
        self.table.add_class("sl-survey-table")
        self.error = html_widget()
        self.error.add_class("sl-error")
        empty = sq.gap_scores(np.full((1, 22), np.nan), np.full((1, 22), np.nan))
        self.ep_chart = charts.EXPECTATION_PERCEPTION.live(empty.dimensions, lang)
        self.radar = charts.RADAR.live(empty.dimensions, lang)
        self.radar.add_class("sl-survey-radar")
        self.gap_chart = charts.ITEM_GAPS.live(sq.item_summary(np.full((1, 22), np.nan), np.full((1, 22), np.nan)), lang)
        help_text = html_widget(f"<small>{html.escape(t('survey.label.format_help', lang))}</small>")
        super().__init__([W.HBox([self.sample_button, self.upload, self.upload_limit]), self.error, help_text, self.summary,
                          self.table, W.HBox([self.ep_chart, self.radar]), self.gap_chart, page_accessibility()])
        self.add_class("sl-survey-panel")
        if load_sample:
            self.load_sample()

    def load_sample(self) -> None:
        self.load(data_path(*self.SAMPLE))

    def _on_upload(self, data: bytes, name: str) -> None:
        self.load(data, name=name)

    @guarded()
    def _refuse_upload(self, name: str, size: int) -> None:
        """A file above the limit: refused (in the browser, before sending) with a translated message."""
        raise ServiceLabError("survey.error.upload_too_large", file=name, size=f"{size / _MIB:.1f}", limit=MAX_BYTES // _MIB)

    @guarded()
    def load(self, source, name: str | None = None) -> None:
        """Read ``source`` (path or bytes) and show its analysis; on error keep the last one."""
        survey = read_survey(source, name=name, scale=self.scale, lang=self.lang)
        scale = survey.scale
        result = sq.gap_scores(survey.expectations, survey.perceptions, survey.weights, scale=scale)
        items = sq.item_summary(survey.expectations, survey.perceptions, scale=scale)
        reliability = sq.dimension_reliability(survey.responses, scale=scale)
        # all computed: only now replace the analysis on show (a failure above keeps the old one)
        self.survey, self.result, self.items, self.reliability = survey, result, items, reliability
        self._render()

    def _render(self) -> None:
        lang, s, r = self.lang, self.survey, self.result
        lines = s.report.summary_lines(lang)
        self.summary.value = "<br>".join(html.escape(x) for x in lines)
        alpha = self.reliability.set_index(["dimension", "rating"])
        rows = []
        for d, e, p, g in r.dimensions[["dimension", "expectation", "perception", "gap"]].itertuples(index=False):
            a_e, a_p = alpha.loc[(d, "E"), "alpha"], alpha.loc[(d, "P"), "alpha"]
            rows.append([_dim(d, lang), fmt(e, signed=False), fmt(p, signed=False), fmt(g),
                         f"{fmt(a_e, signed=False)} ({t('reliability.band.' + alpha_band(a_e), lang)})",
                         f"{fmt(a_p, signed=False)} ({t('reliability.band.' + alpha_band(a_p), lang)})"])
        header = [t("servqual.label.dimension", lang), t("servqual.label.expectation", lang), t("servqual.label.perception", lang),
                  t("servqual.label.gap", lang), t("reliability.label.alpha_e", lang), t("reliability.label.alpha_p", lang)]
        scores = f"<p class='sl-survey-overall'><b>{html.escape(t('servqual.label.overall', lang, score=fmt(r.unweighted)))}</b>"
        if r.weighted is not None:
            scores += f"<br><b>{html.escape(t('servqual.label.weighted_score', lang, score=fmt(r.weighted)))}</b>"
        self.table.value = table_html(header, rows, "sl-survey-dimensions") + scores + "</p>"
        charts.EXPECTATION_PERCEPTION.update(self.ep_chart, r.dimensions, lang)
        charts.RADAR.update(self.radar, r.dimensions, lang)
        charts.ITEM_GAPS.update(self.gap_chart, self.items, lang)


class IndustryExercise(W.VBox):
    """C5.9: pick the two dimensions that matter most in an industry, then compare and discuss."""

    def __init__(self, lang: str = "zh") -> None:
        self.lang = lang
        self.cases = sq.load_industries()
        self.industry = W.Dropdown(options=[(c["name"][lang], c["id"]) for c in self.cases],
                                   description=t("servqual.exercise.industry", lang), style={"description_width": "initial"})
        self.choices = [W.ToggleButton(description=_dim(d, lang), value=False, layout=W.Layout(width="auto", min_width="120px"))
                        for d in sq.DIMENSIONS]
        for b, d in zip(self.choices, sq.DIMENSIONS):
            b.add_class(f"sl-industry-{d}")
        self.check = W.Button(description=t("servqual.exercise.check", lang), button_style="primary")
        self.check.on_click(lambda _b: self.evaluate())
        self.feedback = html_widget()
        self.feedback.add_class("sl-industry-feedback")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.industry.observe(lambda _c: setattr(self.feedback, "value", ""), names="value")
        super().__init__([self.industry, html_widget(html.escape(t("servqual.exercise.prompt", lang))), W.HBox(self.choices),
                          self.check, self.error, self.feedback])

    @property
    def chosen(self) -> list[str]:
        return [d for b, d in zip(self.choices, sq.DIMENSIONS) if b.value]

    @guarded(stale=("feedback",))
    def evaluate(self) -> None:
        lang = self.lang
        case = next(c for c in self.cases if c["id"] == self.industry.value)
        view = case["project_view"]
        cmp = sq.compare_choice(self.chosen, view)
        against = sq.against_published_importance(view)
        names = lambda dims: t("core.list_sep", lang).join(_dim(d, lang) for d in dims)  # noqa: E731
        notes = [t(f"servqual.exercise.against.{k}", lang) for k in ("omits_most", "has_least") if against[k]]
        self.feedback.value = (
            f"<p>{html.escape(t('servqual.exercise.project_view', lang, dimensions=names(view)))}</p>"
            f"<p>{html.escape(t('servqual.exercise.overlap', lang, n=len(cmp['matched'])))}</p>"
            f"<p><i>{html.escape(case['why'][lang])}</i></p>"
            f"<p class='sl-industry-published'>{html.escape(t('servqual.exercise.published', lang))} "
            f"{html.escape(' '.join(notes) or t('servqual.exercise.against.none', lang))}</p>"
            f"<p><small>{html.escape(t('servqual.exercise.no_single_answer', lang))}</small></p>"
        )

