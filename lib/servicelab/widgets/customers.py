"""Chapter 1 panels: service types (C1.2, C1.3), strategic customers (C1.7), the customer strategy
matrix (C1.8), customer tiers and 80/20 on real data (C1.11), and the value–price map (C1.12).

Each panel reads its inputs, calls :mod:`servicelab.models.service_types`,
:mod:`servicelab.models.customers` or :mod:`servicelab.models.tiers`, and refreshes an HTML
read-out and a live chart (:class:`~servicelab.charts._offline.ChartKind`: only the new rows are
sent on each change). No scoring, ranking or tiering happens here.
"""
from __future__ import annotations

import html
from typing import Mapping, Sequence

import ipywidgets as W
import pandas as pd

from ..charts import customers as charts
from ..errors import ServiceLabError
from ..i18n import t
from ..models import customers as cm
from ..models import service_types as st
from ..models import tiers
from .common import fmt, guarded, html_widget, label_style, label_width, layout_style, page_accessibility, table_html, wrap_row

__all__ = [
    "ServiceTypePanel",
    "ServiceTypeQuiz",
    "StrategicCustomerPanel",
    "StrategyMatrixPanel",
    "TierPanel",
    "ParetoPanel",
    "ValuePricePanel",
]

#: Example firms for the service-type grid: 1–5 ratings of the 7 procedural then 7 personal items.
SERVICE_CASES: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "bank": ((5, 4, 2, 4, 4, 3, 5), (3, 1, 2, 2, 2, 1, 2)),
    "noodle": ((2, 1, 3, 2, 2, 2, 1), (4, 5, 5, 4, 4, 4, 4)),
    "office": ((2, 1, 2, 1, 2, 2, 2), (2, 1, 1, 2, 1, 2, 1)),
    "hotel": ((5, 5, 4, 5, 4, 4, 5), (5, 5, 4, 5, 4, 4, 5)),
}
#: Short cases to classify: (procedural, personal) scores the text describes, on 1–5.
QUIZ_CASES: dict[str, tuple[float, float]] = {
    "airline": (4.5, 2.0),
    "bakery": (2.0, 4.5),
    "repair": (1.5, 1.5),
    "clinic": (4.5, 4.5),
}
#: Candidates for the strategic-customer exercise: 1–5 ratings in the order of STRATEGIC_CRITERIA.
STRATEGIC_CANDIDATES: dict[str, tuple[int, ...]] = {
    "supermarket": (5, 3, 4, 2, 2, 3, 3),
    "startup": (2, 3, 2, 4, 5, 2, 5),
    "hospital": (3, 5, 5, 3, 4, 4, 3),
    "distributor": (4, 3, 4, 3, 3, 4, 5),
}
#: Offers on the value–price map: (perceived value, price) on 1–10.
VALUE_PRICE_OFFERS: dict[str, tuple[int, int]] = {
    "us": (7, 5),
    "rival_a": (5, 5),
    "rival_b": (4, 7),
    "rival_c": (9, 9),
}
def _percent(shares: Sequence[float]) -> tuple[int, ...]:
    return tuple(int(round(100 * s)) for s in shares)


#: Tier-share presets (% of customers, top tier first), from the model's constants.
TIER_PRESETS: tuple[tuple[int, ...], ...] = tuple(
    _percent(p) for p in (tiers.SHARES_20_30_30_20, tiers.SHARES_1_19_30_50, tiers.SHARES_1_4_15_80))
TIER_SCHEMES = {"course": tiers.COURSE_TIERS, "pyramid": tiers.PYRAMID_TIERS}
#: Starting split of each scheme: the course's top 20 %; a pyramid convention for platinum…lead.
DEFAULT_SHARES = {"course": _percent(tiers.SHARES_20_30_30_20), "pyramid": _percent(tiers.SHARES_1_19_30_50)}


def _error_box() -> W.HTML:
    box = html_widget()
    box.add_class("sl-error")
    return box


def _pct(x: float, digits: int = 2) -> str:
    return f"{100 * x:.{digits}f}"


# ============================================================================ C1.2 / C1.3
class ServiceTypePanel(W.VBox):
    """Rate a firm's procedural and personal service (7 items each) and see its service type.

    Parameters
    ----------
    lang : {"zh", "en"}
    case : str, optional
        Start from one of :data:`SERVICE_CASES` (``"bank"``, ``"noodle"``, ``"office"``,
        ``"hotel"``); default: every item rated 3.
    threshold : float
        Scores *above* it count as strong (3 on the 1–5 scale; exactly 3 is weak).

    Attributes
    ----------
    result : pandas.DataFrame
        One row of :func:`servicelab.models.service_types.classify_services` (with names).
    """

    def __init__(self, lang: str = "zh", case: str | None = None, threshold: float = 3.0) -> None:
        self.lang, self.threshold = lang, float(threshold)
        self._hold = False
        self.error = _error_box()
        self.sliders: dict[str, W.IntSlider] = {}
        pages = []
        item_labels = [t(f"service_types.item.{item}", lang) for item in (*st.PROCEDURAL_ITEMS, *st.PERSONAL_ITEMS)]
        width = label_width(item_labels, 170)  # one width for all 14, so the tracks line up
        for characteristic, items in (("procedural", st.PROCEDURAL_ITEMS), ("personal", st.PERSONAL_ITEMS)):
            rows = []
            for item in items:
                s = W.IntSlider(value=3, min=1, max=5, step=1, description=t(f"service_types.item.{item}", lang),
                                continuous_update=False, style={"description_width": f"{width}px"},
                                layout=W.Layout(width=f"{width + 230}px"))
                s.add_class(f"sl-st-{item}")
                s.observe(self._on_change, names="value")
                self.sliders[item] = s
                rows.append(s)
            pages.append(W.VBox(rows))
        self.tabs = W.Tab(children=pages)
        self.tabs.add_class("sl-tabs")
        for j, characteristic in enumerate(st.CHARACTERISTICS):
            self.tabs.set_title(j, t(f"service_types.characteristic.{characteristic}", lang))
        self.case = W.Dropdown(options=[(t("custui.st.case.own", lang), "own")] + [(t(f"custui.st.case.{c}", lang), c) for c in SERVICE_CASES],
                               value="own", description=t("custui.st.case", lang), style={"description_width": "initial"},
                               layout=W.Layout(width="640px"))
        self.case.add_class("sl-st-case")
        self.case.observe(lambda ch: None if self._hold else self.load_case(ch["new"]), names="value")
        self.readout = html_widget()
        self.readout.add_class("sl-st-result")
        self.result = self._compute()
        self.chart = charts.SERVICE_TYPES.live(self._chart_data(), lang)
        self.chart.add_class("sl-st-chart")
        self._render()
        hint = html_widget(f"<small>{html.escape(t('custui.st.rating_hint', lang))}</small>")
        super().__init__([self.case, hint, self.tabs, self.error, wrap_row([self.readout, self.chart]), layout_style(), page_accessibility()])
        self.add_class("sl-st-panel")
        if case is not None:
            self.case.value = case

    @property
    def ratings(self) -> pd.DataFrame:
        """The current item ratings as a one-row frame (index = the case's name)."""
        name = dict((v, k) for k, v in self.case.options)[self.case.value]
        return pd.DataFrame({item: [s.value] for item, s in self.sliders.items()}, index=[name])

    def set_ratings(self, procedural: Sequence[int], personal: Sequence[int]) -> None:
        """Set all 14 ratings at once (one refresh)."""
        values = list(procedural) + list(personal)
        if len(values) != len(self.sliders):
            raise ServiceLabError("custui.error.ratings_count", expected=len(self.sliders), got=len(values))
        self._hold = True
        try:
            for s, v in zip(self.sliders.values(), values):
                s.value = int(v)
        finally:
            self._hold = False
        self.refresh()

    def load_case(self, case: str) -> None:
        if case in SERVICE_CASES:
            self.set_ratings(*SERVICE_CASES[case])

    def _on_change(self, _change) -> None:
        if not self._hold:  # a learner moved a slider: the ratings are no longer the case's
            if self.case.value != "own":
                self._hold = True
                try:
                    self.case.value = "own"
                finally:
                    self._hold = False
            self.refresh()

    def _compute(self) -> pd.DataFrame:
        scores = st.characteristic_scores(self.ratings)
        return st.classify_services(scores, threshold=self.threshold, lang=self.lang)

    def _chart_data(self):
        return self.result, self.threshold

    @guarded(stale=("readout", "chart"))
    def refresh(self) -> None:
        self.result = self._compute()
        self._render()
        charts.SERVICE_TYPES.update(self.chart, self._chart_data(), self.lang)

    @property
    def service_type(self) -> str:
        return str(self.result["service_type"].iloc[0])

    def _render(self) -> None:
        lang, row = self.lang, self.result.iloc[0]
        def scored(value: float, strong: bool) -> str:
            return t("custui.st.score_item", lang, score=f"{value:.2f}", strength=t("custui.st.strong" if strong else "custui.st.weak", lang))

        scores = t("custui.st.scores", lang, procedural=scored(row.procedural, row.procedural_strong),
                   personal=scored(row.personal, row.personal_strong), threshold=f"{self.threshold:g}")
        self.readout.value = (
            f"<p class='sl-st-scores'>{html.escape(scores)}</p>"
            f"<p class='sl-st-type'><b>{html.escape(t('custui.st.type', lang, name=row.type_name))}</b></p>"
            f"<p class='sl-st-advice'>{html.escape(t('custui.st.advice', lang, advice=row.advice))}</p>"
        )


class ServiceTypeQuiz(W.VBox):
    """Classify short cases into the four service types; "check" gives feedback on each."""

    def __init__(self, lang: str = "zh") -> None:
        self.lang = lang
        self.error = _error_box()
        options = [(t("custui.quiz.choose", lang), "")] + [(t(f"service_types.type.{c}", lang), c) for c in st.SERVICE_TYPES]
        self.answers: dict[str, W.Dropdown] = {}
        self.feedback: dict[str, W.HTML] = {}
        rows = [html_widget(html.escape(t("custui.quiz.prompt", lang)))]
        for j, case in enumerate(QUIZ_CASES, start=1):
            dd = W.Dropdown(options=options, value="", layout=W.Layout(width="200px"),  # "" = not answered
                            tooltip=t("a11y.case_answer", lang, n=j))
            dd.add_class(f"sl-quiz-{case}")
            fb = html_widget()
            fb.add_class(f"sl-quiz-feedback-{case}")
            fb.add_class("sl-live")
            self.answers[case], self.feedback[case] = dd, fb
            text = html_widget(f"<b>{j}.</b> {html.escape(t(f'custui.quiz.case.{case}', lang))}")
            rows.append(W.VBox([text, W.HBox([dd, fb])]))
        self.check = W.Button(description=t("custui.quiz.check", lang), button_style="primary")
        self.check.add_class("sl-quiz-check")
        self.check.on_click(lambda _b: self.evaluate())
        self.score = html_widget()
        self.score.add_class("sl-quiz-score")
        super().__init__([*rows, self.check, self.error, self.score, page_accessibility()])
        self.add_class("sl-quiz-panel")

    @staticmethod
    def correct_type(case: str) -> str:
        """The type the case describes, from the model's grid."""
        return st.service_type(*QUIZ_CASES[case])

    @guarded(stale=("score",))
    def evaluate(self) -> int:
        lang, right = self.lang, 0
        for case, dd in self.answers.items():
            answer = self.correct_type(case)
            why = t(f"custui.quiz.case.{case}.why", lang)
            name = t(f"service_types.type.{answer}", lang)
            if not dd.value:
                msg, colour = t("custui.quiz.unanswered", lang), "#666"
            elif dd.value == answer:
                msg, colour = t("custui.quiz.correct", lang, name=name, why=why), "#2e7d32"
                right += 1
            else:
                msg, colour = t("custui.quiz.wrong", lang, name=name, why=why), "#c62828"
            self.feedback[case].value = f"<span style='color:{colour}'>{html.escape(msg)}</span>"
        self.score.value = f"<b>{html.escape(t('custui.quiz.score', lang, right=right, total=len(self.answers)))}</b>"
        return right


# ============================================================================ C1.7
class StrategicCustomerPanel(W.VBox):
    """Weighted scoring of candidate customers on the seven strategic criteria; ranking updates live.

    Parameters
    ----------
    lang : {"zh", "en"}
    ratings : pandas.DataFrame, optional
        Candidates × criterion codes, 1–5; default :data:`STRATEGIC_CANDIDATES` (names translated).
    weights : mapping, optional
        Criterion code → importance 0–10 (default 5 each).
    """

    def __init__(self, lang: str = "zh", ratings: pd.DataFrame | None = None, weights: Mapping[str, int] | None = None) -> None:
        self.lang = lang
        self._hold = False
        self.error = _error_box()
        if ratings is None:
            ratings = pd.DataFrame.from_dict(
                {t(f"custui.strat.candidate.{c}", lang): v for c, v in STRATEGIC_CANDIDATES.items()},
                orient="index", columns=list(cm.STRATEGIC_CRITERIA))
        self.candidates = [str(c) for c in ratings.index]
        weights = dict(weights) if weights is not None else {c: 5 for c in cm.STRATEGIC_CRITERIA}
        self.weight_sliders: dict[str, W.IntSlider] = {}
        self.rating_inputs: dict[tuple[str, str], W.BoundedIntText] = {}
        cell = W.Layout(width="72px")
        header = W.HBox([html_widget("", layout=W.Layout(width="210px")),
                         html_widget(f"<b>{html.escape(t('custui.strat.weight_col', lang))}</b>", layout=W.Layout(width="190px"))]
                        + [html_widget(f"<b>{html.escape(c)}</b>", layout=W.Layout(width="90px")) for c in self.candidates])
        rows = [header]
        for j, crit in enumerate(cm.STRATEGIC_CRITERIA):
            ws = W.IntSlider(value=int(weights.get(crit, 0)), min=0, max=10, step=1, continuous_update=False,
                             readout=True, layout=W.Layout(width="190px"),
                             tooltip=t("a11y.weight_of", lang, criterion=t(f"customers.criterion.{crit}", lang)))
            ws.add_class(f"sl-strat-weight-{crit}")
            ws.observe(self._on_change, names="value")
            self.weight_sliders[crit] = ws
            inputs = []
            for k, cand in enumerate(self.candidates):
                box = W.BoundedIntText(value=int(ratings.loc[cand, crit]), min=1, max=5, step=1, layout=cell,
                                       tooltip=t("a11y.rating_of", lang, candidate=cand,
                                                 criterion=t(f"customers.criterion.{crit}", lang)))
                box.add_class(f"sl-strat-rating-{k}-{crit}")
                box.observe(self._on_change, names="value")
                self.rating_inputs[(cand, crit)] = box
                inputs.append(W.Box([box], layout=W.Layout(width="90px")))
            label = html_widget(f"{j + 1}. {html.escape(t(f'customers.criterion.{crit}', lang))}", layout=W.Layout(width="210px"))
            rows.append(W.HBox([label, ws, *inputs]))
        self.table = html_widget()
        self.table.add_class("sl-strat-table")
        self.summary = html_widget()
        self.summary.add_class("sl-strat-top")
        self.scores = self._compute()
        self.chart = charts.STRATEGIC_SCORES.live(self.scores, lang)
        self.chart.add_class("sl-strat-chart")
        self._render()
        intro = html_widget(f"<small>{html.escape(t('custui.strat.weights', lang))}<br>{html.escape(t('custui.strat.ratings', lang))}</small>")
        super().__init__([intro, *rows, self.error, self.summary, wrap_row([self.table, self.chart]), page_accessibility()])
        self.add_class("sl-strat-panel")

    @property
    def weights(self) -> dict[str, int]:
        return {c: s.value for c, s in self.weight_sliders.items()}

    @property
    def ratings(self) -> pd.DataFrame:
        return pd.DataFrame({crit: [self.rating_inputs[(cand, crit)].value for cand in self.candidates]
                             for crit in cm.STRATEGIC_CRITERIA}, index=self.candidates)

    def set_weights(self, weights: Mapping[str, int]) -> None:
        """Set several weights at once (one refresh); criteria left out keep their weight."""
        self._hold = True
        try:
            for crit, value in weights.items():
                if crit not in self.weight_sliders:
                    raise ServiceLabError("customers.unknown_criterion", name=crit, allowed=", ".join(cm.STRATEGIC_CRITERIA))
                self.weight_sliders[crit].value = int(value)
        finally:
            self._hold = False
        self.refresh()

    def _on_change(self, _change) -> None:
        if not self._hold:
            self.refresh()

    def _compute(self) -> pd.DataFrame:
        self.weight_shares = cm.normalised_weights(self.weights) if sum(self.weights.values()) else None
        return cm.strategic_score(self.ratings, self.weights)

    @guarded(stale=("summary", "table", "chart"))
    def refresh(self) -> None:
        self.scores = self._compute()
        self._render()
        charts.STRATEGIC_SCORES.update(self.chart, self.scores, self.lang)

    def _render(self) -> None:
        lang, s = self.lang, self.scores
        rows = [[str(r), name, fmt(w, signed=False), fmt(h, 1, signed=False)]
                for name, (w, h, r) in zip(s.index, s[["weighted_score", "score_100", "rank"]].itertuples(index=False))]
        self.table.value = table_html([t("customers.column.rank", lang), t("custui.col.customer", lang),
                                       t("customers.column.weighted_score", lang), t("customers.column.score_100", lang)], rows,
                                      "sl-strat-ranking")
        w = self.weight_shares
        shares = ", ".join(f"{t(f'customers.criterion.{c}', lang)} {_pct(v, 0)} %" for c, v in w.items() if v) if w is not None else "–"
        top = s.iloc[0]
        self.summary.value = (f"<p><b>{html.escape(t('custui.strat.top', lang, name=s.index[0], score=f'{top.score_100:.1f}'))}</b></p>"
                              f"<p><small>{html.escape(t('custui.strat.weight_shares', lang, shares=shares))}</small></p>")


# ============================================================================ C1.8
class StrategyMatrixPanel(W.VBox):
    """Pick existing/new customers and existing/new products; see the strategy and its risk."""

    def __init__(self, lang: str = "zh") -> None:
        self.lang = lang
        self.error = _error_box()
        seg = [(t("customers.segment.existing", lang), "existing"), (t("customers.segment.new", lang), "new")]
        style = label_style([t("custui.matrix.customers", lang), t("custui.matrix.products", lang)], 90)
        self.customers = W.ToggleButtons(options=seg, value="existing", description=t("custui.matrix.customers", lang),
                                         style=style)
        self.customers.add_class("sl-matrix-customers")
        self.products = W.ToggleButtons(options=seg, value="existing", description=t("custui.matrix.products", lang),
                                        style=style)
        self.products.add_class("sl-matrix-products")
        self.result = html_widget()
        self.result.add_class("sl-matrix-result")
        self.table = html_widget()
        self.table.add_class("sl-matrix-table")
        for w in (self.customers, self.products):
            w.observe(lambda _c: self.refresh(), names="value")
        self.refresh()
        super().__init__([self.customers, self.products, self.error, self.result, self.table])
        self.add_class("sl-matrix-panel")

    @guarded(stale=("result", "table"))
    def refresh(self) -> None:
        lang = self.lang
        self.strategy = cm.customer_strategy(self.customers.value, self.products.value)
        s = self.strategy
        self.result.value = (f"<p style='font-size:120%'><b>"
                             f"{html.escape(t('custui.matrix.result', lang, strategy=s.label(lang), risk=t(f'customers.risk.{s.risk}', lang)))}"
                             "</b></p>")
        m = cm.strategy_matrix(lang)
        rows = [[t(f"customers.segment.{c}", lang), t(f"customers.segment.{p}", lang), name, t(f"customers.risk.{r}", lang)]
                for c, p, name, r in m[["customers", "products", "strategy_name", "risk"]].itertuples(index=False)]
        self.table.value = (f"<p>{html.escape(t('custui.matrix.order', lang))}</p>"
                            + table_html([t("custui.matrix.customers", lang), t("custui.matrix.products", lang),
                                          t("custui.col.strategy", lang), t("custui.col.risk", lang)], rows, "sl-matrix-order"))


# ============================================================================ C1.11
def _share_text(shares: Sequence[int]) -> str:
    return " / ".join(str(s) for s in shares)


class TierPanel(W.VBox):
    """Re-tier a customer base live: three cut-off sliders (% of customers in each top tier).

    Parameters
    ----------
    customer_values : pandas.DataFrame
        From :func:`servicelab.models.tiers.customer_value` (``revenue``, ``frequency``,
        ``recency_days``).
    lang : {"zh", "en"}
    shares : sequence of 4 ints, optional
        Starting % of customers per tier, top first, summing to 100. Default
        :data:`DEFAULT_SHARES` of the scheme: 20 / 30 / 30 / 20 for the course (its
        super-heavyweights are the top 20 %; the other cut-offs are the learner's choice),
        1 / 19 / 30 / 50 for the pyramid.
    scheme : {"course", "pyramid"}
        Tier names: the course's four tiers or the platinum/gold/iron/lead pyramid.

    Attributes
    ----------
    profile : pandas.DataFrame
        The latest :func:`servicelab.models.tiers.tier_profile`.
    """

    def __init__(self, customer_values: pd.DataFrame, lang: str = "zh", shares: Sequence[int] | None = None,
                 scheme: str = "course") -> None:
        self.lang, self.customer_values = lang, customer_values
        self._hold = False
        self.error = _error_box()
        if scheme not in TIER_SCHEMES:
            raise ServiceLabError("tiers.error.bad_option", parameter="scheme", value=scheme, allowed=", ".join(TIER_SCHEMES))
        shares = [int(s) for s in (DEFAULT_SHARES[scheme] if shares is None else shares)]
        if len(shares) != 4:
            raise ServiceLabError("tiers.shares_count", shares=len(shares), tiers=4)
        if min(shares) < 0:
            raise ServiceLabError("tiers.shares_negative", shares=", ".join(map(str, shares)))
        if sum(shares) != 100:
            raise ServiceLabError("tiers.shares_sum", total=f"{sum(shares):g}")
        self.scheme = W.ToggleButtons(options=[(t(f"custui.tier.scheme.{k}", lang), k) for k in TIER_SCHEMES], value=scheme,
                                      description=t("custui.tier.scheme", lang), style={"description_width": "initial"})
        self.scheme.add_class("sl-tier-scheme")
        presets = [(t("custui.tier.preset_label", lang, shares=_share_text(p)), p) for p in TIER_PRESETS]
        self.preset = W.Dropdown(options=[(t("custui.tier.preset_custom", lang), "")] + presets,  # "" = set by the sliders
                                 value="", description=t("custui.tier.preset", lang), style={"description_width": "initial"})
        self.preset.add_class("sl-tier-preset")
        self.cuts = []
        # the labels are tier names of either scheme: one width that fits all of them
        width = label_width([tiers.tier_label(code, lang) for codes in TIER_SCHEMES.values() for code in codes], 110)
        for j, value in enumerate(shares[:3], start=1):
            s = W.IntSlider(value=value, min=0, max=100, step=1, continuous_update=False,
                            style={"description_width": f"{width}px"}, layout=W.Layout(width=f"{width + 350}px"))
            s.add_class(f"sl-tier-cut{j}")
            s.observe(self._on_change, names="value")
            self.cuts.append(s)
        self.remainder = html_widget()
        self.remainder.add_class("sl-tier-remainder")
        self.summary = html_widget()
        self.summary.add_class("sl-tier-summary")
        self.table = html_widget()
        self.table.add_class("sl-tier-table")
        self.scheme.observe(lambda _c: self.refresh(), names="value")
        self.preset.observe(lambda ch: self.set_shares(ch["new"]) if ch["new"] else None, names="value")
        self._label_sliders()
        self.profile = self._compute()
        self.chart = charts.TIER_PYRAMID.live(self.profile, lang)
        self.chart.add_class("sl-tier-chart")
        self._render()
        hint = html_widget(f"<small>{html.escape(t('custui.tier.sliders', lang))}</small>")
        super().__init__([W.HBox([self.scheme, self.preset]), hint, *self.cuts, self.remainder, self.error,
                          self.summary, self.table, self.chart, page_accessibility()])
        self.add_class("sl-tier-panel")

    @property
    def tier_codes(self) -> tuple[str, ...]:
        return TIER_SCHEMES[self.scheme.value]

    @property
    def shares(self) -> list[int]:
        """% of customers per tier, top first; the last is what the sliders leave."""
        top = [s.value for s in self.cuts]
        return top + [100 - sum(top)]

    def set_shares(self, shares: Sequence[int]) -> None:
        """Set the three cut-off sliders from four tier shares (one refresh)."""
        self._hold = True
        try:
            for s, v in zip(self.cuts, list(shares)[:3]):
                s.value = int(v)
        finally:
            self._hold = False
        self.refresh()

    def _on_change(self, _change) -> None:
        if not self._hold:
            self.preset.value = ""  # the sliders no longer show a preset
            self.refresh()

    def _label_sliders(self) -> None:
        for s, code in zip(self.cuts, self.tier_codes):
            s.description = tiers.tier_label(code, self.lang)

    def _compute(self) -> pd.DataFrame:
        shares = self.shares
        if shares[-1] < 0:
            raise ServiceLabError("custui.error.shares_over", total=sum(shares[:3]))
        assigned = tiers.assign_tiers(self.customer_values["revenue"], [s / 100 for s in shares], self.tier_codes)
        return tiers.tier_profile(self.customer_values, assigned, lang=self.lang)

    @guarded(stale=("remainder", "summary", "table", "chart"))
    def refresh(self) -> None:
        self._label_sliders()
        self.profile = self._compute()
        self._render()  # the table first: it is what the learner reads
        charts.TIER_PYRAMID.update(self.chart, self.profile, self.lang)

    def _render(self) -> None:
        lang, p = self.lang, self.profile
        last = tiers.tier_label(self.tier_codes[-1], lang)
        self.remainder.value = html.escape(t("custui.tier.remainder", lang, tier=last, share=self.shares[-1]))
        rows = [[name, f"{n:,}", _pct(cs, 1), f"{rev:,.2f}", _pct(rs, 2), fmt(mr, signed=False), fmt(mf, signed=False), fmt(md, 0, signed=False)]
                for name, n, cs, rev, rs, mr, mf, md in p[["tier_name", "customers", "customer_share", "revenue", "revenue_share",
                                                          "mean_revenue", "mean_frequency", "mean_recency_days"]].itertuples(index=False)]
        self.table.value = table_html(
            [t("custui.col.tier", lang), t("custui.col.customers", lang), t("custui.col.customer_share", lang) + " %",
             t("tiers.column.revenue", lang), t("custui.col.revenue_share", lang) + " %", t("custui.col.mean_revenue", lang),
             t("custui.col.mean_frequency", lang), t("custui.col.mean_recency", lang)], rows, "sl-tier-profile")
        top = p.iloc[0]
        self.summary.value = f"<p><b>{html.escape(t('custui.tier.top_summary', lang, tier=top.tier_name, customers=_pct(top.customer_share, 1), revenue=_pct(top.revenue_share, 1)))}</b></p>"


class ParetoPanel(W.VBox):
    """"The top x % of customers bring y % of revenue": a slider, the Pareto and Lorenz curves,
    the Gini coefficient and the 80/20 reality check.

    Parameters
    ----------
    customer_values : pandas.DataFrame or Series
        ``revenue`` per customer (non-negative), e.g. from
        :func:`servicelab.models.tiers.customer_value`.
    lang : {"zh", "en"}
    top : int
        Starting x in % (default 20).
    """

    def __init__(self, customer_values, lang: str = "zh", top: int = 20) -> None:
        self.lang = lang
        self.revenue = customer_values["revenue"] if isinstance(customer_values, pd.DataFrame) else pd.Series(customer_values)
        self.error = _error_box()
        self.curve = tiers.pareto_curve(self.revenue, max_points=charts.CURVE_POINTS)
        self.gini = tiers.gini_coefficient(self.revenue)
        self.share_20 = tiers.pareto_share(self.revenue, 0.2)
        self.slider = W.IntSlider(value=int(top), min=1, max=100, step=1, description=t("custui.pareto.slider", lang),
                                  continuous_update=False, style=label_style([t("custui.pareto.slider", lang)], 80),
                                  layout=W.Layout(width=f"{label_width([t('custui.pareto.slider', lang)], 80) + 380}px"))
        self.slider.add_class("sl-pareto-top")
        self.slider.observe(lambda _c: self.refresh(), names="value")
        self.readout = html_widget()
        self.readout.add_class("sl-pareto-readout")
        base = html_widget(html.escape(t("custui.pareto.base", lang, n=f"{len(self.revenue):,}", total=f"{float(self.revenue.sum()):,.2f}")))
        reality = html_widget(f"<p class='sl-pareto-reality'>{html.escape(t('custui.pareto.reality', lang, share=_pct(self.share_20), gini=f'{self.gini:.4f}'))}</p>")
        self.share = tiers.pareto_share(self.revenue, self.slider.value / 100)
        self.chart = charts.PARETO.live((self.curve, self.slider.value / 100, self.share), lang)
        self.chart.add_class("sl-pareto-chart")
        self.lorenz = charts.LORENZ.live((tiers.lorenz_curve(self.revenue, max_points=charts.CURVE_POINTS), self.gini), lang)
        self.lorenz.add_class("sl-lorenz-chart")
        self.refresh()
        super().__init__([base, reality, self.slider, self.error, self.readout, W.HBox([self.chart, self.lorenz]),
                          page_accessibility()])
        self.add_class("sl-pareto-panel")

    @guarded(stale=("readout", "chart"))
    def refresh(self) -> None:
        top = self.slider.value / 100
        self.share = tiers.pareto_share(self.revenue, top)
        self.readout.value = f"<p><b>{html.escape(t('custui.pareto.readout', self.lang, top=self.slider.value, share=_pct(self.share)))}</b></p>"
        charts.PARETO.update(self.chart, (self.curve, top, self.share), self.lang)


# ============================================================================ C1.12
class ValuePricePanel(W.VBox):
    """Place offers by perceived value and price against the fair-value line; read the direction.

    Parameters
    ----------
    lang : {"zh", "en"}
    offers : mapping of offer code to (value, price), optional
        Default :data:`VALUE_PRICE_OFFERS`; codes name i18n keys ``custui.vp.offer.<code>``.
    tolerance : float
        Half-width of the fair-value band (rating points).
    fair_slope, fair_intercept : float
        The fair-value line ``value = fair_intercept + fair_slope × price`` (the diagonal by
        default); given to the model and to the chart alike.
    """

    def __init__(self, lang: str = "zh", offers: Mapping[str, tuple[int, int]] | None = None, tolerance: float = 0.5,
                 fair_slope: float = 1.0, fair_intercept: float = 0.0) -> None:
        self.lang, self.tolerance = lang, float(tolerance)
        self.fair_slope, self.fair_intercept = float(fair_slope), float(fair_intercept)
        self._hold = False
        self.error = _error_box()
        offers = dict(offers) if offers is not None else dict(VALUE_PRICE_OFFERS)
        self.value_sliders: dict[str, W.IntSlider] = {}
        self.price_sliders: dict[str, W.IntSlider] = {}
        rows = []
        width = label_width([t("customers.column.value", lang), t("customers.column.price", lang)], 70)
        style, slider = {"description_width": f"{width}px"}, W.Layout(width=f"{width + 210}px")
        for code, (value, price) in offers.items():
            name = html_widget(f"<b>{html.escape(t(f'custui.vp.offer.{code}', lang))}</b>", layout=W.Layout(width="80px"))
            vs = W.IntSlider(value=int(value), min=1, max=10, description=t("customers.column.value", lang), continuous_update=False,
                             style=style, layout=slider)
            ps = W.IntSlider(value=int(price), min=1, max=10, description=t("customers.column.price", lang), continuous_update=False,
                             style=style, layout=slider)
            vs.add_class(f"sl-vp-{code}-value")
            ps.add_class(f"sl-vp-{code}-price")
            for s in (vs, ps):
                s.observe(self._on_change, names="value")
            self.value_sliders[code], self.price_sliders[code] = vs, ps
            rows.append(W.HBox([name, vs, ps]))
        self.table = html_widget()
        self.table.add_class("sl-vp-table")
        self.placed = self._compute()
        self.chart = charts.VALUE_PRICE.live(self._chart_data(), lang)
        self.chart.add_class("sl-vp-chart")
        self._render()
        hint = html_widget(f"<small>{html.escape(t('custui.vp.hint', lang))}</small>")
        super().__init__([hint, *rows, self.error, wrap_row([self.table, self.chart]), page_accessibility()])
        self.add_class("sl-vp-panel")

    @property
    def offers(self) -> pd.DataFrame:
        return pd.DataFrame({"value": [s.value for s in self.value_sliders.values()],
                             "price": [s.value for s in self.price_sliders.values()]},
                            index=[t(f"custui.vp.offer.{c}", self.lang) for c in self.value_sliders])

    def _on_change(self, _change) -> None:
        if not self._hold:
            self.refresh()

    def _compute(self) -> pd.DataFrame:
        return cm.value_price_map(self.offers, fair_slope=self.fair_slope, fair_intercept=self.fair_intercept,
                                  tolerance=self.tolerance, lang=self.lang)

    def _chart_data(self):
        return self.placed, self.fair_slope, self.fair_intercept, self.tolerance

    @guarded(stale=("table", "chart"))
    def refresh(self) -> None:
        self.placed = self._compute()
        self._render()
        charts.VALUE_PRICE.update(self.chart, self._chart_data(), self.lang)

    def _render(self) -> None:
        lang, p = self.lang, self.placed
        rows = [[name, f"{v:g}", f"{pr:g}", fmt(g, 1), pos, d]
                for name, (v, pr, g, pos, d) in zip(p.index, p[["value", "price", "value_gap", "position_name", "direction_name"]].itertuples(index=False))]
        self.table.value = table_html([t("custui.col.offer", lang), t("customers.column.value", lang), t("customers.column.price", lang),
                                       t("custui.col.value_gap", lang), t("custui.col.position", lang), t("custui.col.direction", lang)],
                                      rows, "sl-vp-positions")
