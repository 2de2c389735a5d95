"""Gap model panels (C5.11): pick a gap of the diagram; rate the organisational factors of gaps 1–4.

Wiring only: the texts and the diagram come from :mod:`servicelab.models.gaps` and
:mod:`servicelab.charts.gap_model`, the risk profile from
:func:`servicelab.models.gaps.gap_risk_profile`.
"""
from __future__ import annotations

import html
from collections.abc import Mapping

import ipywidgets as W

from ..charts import gap_model as charts
from ..errors import ServiceLabError
from ..i18n import t
from ..models import gaps
from ..models._inputs import check_number
from .common import fmt, guarded, html_widget, label_width, page_accessibility, table_html, wrap_row


def _gap_options(lang: str) -> list[tuple[str, int]]:
    return [(charts.gap_label(g, lang), g) for g in gaps.GAPS]


class GapModelPanel(W.VBox):
    """The gap model diagram with a gap selector: the chosen gap's arrow is highlighted and its
    text shown (what it is, why it opens, how to close it).

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : int, optional
        Gap 1–5 selected at start (a lecture state); None selects none.
    """

    def __init__(self, lang: str = "zh", *, preset: int | None = None) -> None:
        self.lang = lang
        if preset is not None:
            preset = check_number(preset, "preset", low=1, high=5, integer=True)
        self.selector = W.ToggleButtons(options=_gap_options(lang), value=preset,
                                        description=t("gap_model.panel.pick", lang),
                                        style={"description_width": "initial", "button_width": "auto"})
        self.selector.add_class("sl-gapmodel-selector")
        self.text = html_widget()
        self.text.add_class("sl-gapmodel-text")
        self.text.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.chart = charts.GAP_DIAGRAM.live(preset, lang)
        self.chart.add_class("sl-gapmodel-chart")
        self._render_text()
        self.selector.observe(lambda _c: self.refresh(), names="value")
        super().__init__([self.selector, self.error, wrap_row([self.chart, self.text]), page_accessibility()])
        self.add_class("sl-gapmodel-panel")

    @property
    def gap(self) -> int | None:
        return self.selector.value

    def select(self, gap: int | None) -> None:
        """Select gap 1–5 (or None) as a click on its button would."""
        self.selector.value = None if gap is None else check_number(gap, "gap", low=1, high=5, integer=True)

    @guarded(stale=("text",))
    def refresh(self) -> None:
        self._render_text()
        charts.GAP_DIAGRAM.update(self.chart, self.gap, self.lang)

    def _render_text(self) -> None:
        lang = self.lang
        if self.gap is None:
            self.text.value = f"<p><i>{html.escape(t('gap_model.panel.none', lang))}</i></p>"
            return
        g = gaps.gap_text(self.gap, lang)
        parts = [f"<h4 class='sl-gapmodel-name'>{html.escape(g['name'])}</h4>", f"<p><b>{html.escape(g['alias'])}</b></p>"]
        for field in ("what", "why", "close"):
            parts.append(f"<p class='sl-gapmodel-{field}'><b>{html.escape(t(f'gap_model.panel.{field}', lang))}</b> "
                         f"{html.escape(g[field])}</p>")
        self.text.value = f"<div style='max-width:420px'>{''.join(parts)}</div>"


class GapFactorsPanel(W.VBox):
    """A manager rates the firm on the organisational factors of gaps 1–4 (a slider per factor,
    grouped by gap) and sees the gap-risk profile and where to start.

    The scoring is a teaching aid built on the factor list of Zeithaml, Berry & Parasuraman
    (1988); see :func:`servicelab.models.gaps.gap_risk_profile`.

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str or Mapping, optional
        The name of an example firm of :func:`~servicelab.models.gaps.factor_presets`
        (``"hotel_chain"``, ``"front_line_strain"``) or ``{factor: rating}`` for every factor;
        None starts every factor at 3.
    """

    def __init__(self, lang: str = "zh", *, preset: str | Mapping | None = None) -> None:
        self.lang = lang
        self._hold = False
        start = self._preset_ratings(preset)
        gaps.gap_risk_profile(start)  # refuses a bad preset before anything is drawn
        factors = gaps.load_factors()
        self._labels = dict(zip(factors["factor"], factors[f"label_{lang}"]))
        width = label_width(self._labels.values(), 90)
        self.sliders: dict[str, W.IntSlider] = {}
        groups = []
        for gap in gaps.FIRM_GAPS:
            heading = t("gap_model.factors.group", lang, gap=charts.gap_label(gap, lang), alias=gaps.gap_text(gap, lang)["alias"])
            rows = [html_widget(f"<b>{html.escape(heading)}</b>")]
            for f in factors.loc[factors["gap"] == gap].itertuples(index=False):
                rate = getattr(f, f"rate_{lang}")
                s = W.IntSlider(value=start[f.factor], min=gaps.RATING_MIN, max=gaps.RATING_MAX, step=1,
                                description=self._labels[f.factor], tooltip=rate, continuous_update=False,
                                style={"description_width": f"{width}px"}, layout=W.Layout(width=f"{width + 200}px"))
                s.add_class(f"sl-gapf-{f.factor}")
                s.observe(self._on_change, names="value")
                self.sliders[f.factor] = s
                rows.append(s)
                rows.append(html_widget(f"<small style='color:#555'>{html.escape(rate)}</small>",
                                        layout=W.Layout(margin="-4px 0 4px 8px", max_width=f"{width + 200}px")))
            box = W.VBox(rows, layout=W.Layout(border="1px solid #ddd", padding="4px 8px", margin="2px"))
            box.add_class(f"sl-gapf-group{gap}")
            groups.append(box)
        self.profile_html = html_widget()
        self.profile_html.add_class("sl-gapf-profile")
        self.start_html = html_widget()
        self.start_html.add_class("sl-gapf-start")
        self.start_html.add_class("sl-live")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.profile = gaps.gap_risk_profile(start)
        self.chart = charts.GAP_RISK.live(self.profile, lang)
        self.chart.add_class("sl-gapf-chart")
        self._render()
        note = html_widget(f"<small><i>{html.escape(t('gap_model.factors.teaching_aid', lang))}</i></small>")
        super().__init__([wrap_row(groups, gap="4px"), self.error, note,
                          wrap_row([W.VBox([self.start_html, self.profile_html]), self.chart]), page_accessibility()])
        self.add_class("sl-gapf-panel")

    @staticmethod
    def _preset_ratings(preset) -> dict[str, int]:
        if preset is None:
            return gaps.neutral_ratings()
        if isinstance(preset, str):
            presets = gaps.factor_presets()
            if preset not in presets:
                raise ServiceLabError("gap_model.error.unknown_preset", preset=preset, allowed=", ".join(presets))
            return dict(presets[preset]["ratings"])
        return dict(preset)

    @property
    def ratings(self) -> dict[str, int]:
        return {f: s.value for f, s in self.sliders.items()}

    def set_ratings(self, ratings: Mapping) -> None:
        """Set many ratings at once (one refresh); unknown factors or bad values are refused."""
        checked = gaps.factor_risks({**self.ratings, **dict(ratings)})  # validates before touching a slider
        self._hold = True
        try:
            for f, r in zip(checked["factor"], checked["rating"]):
                self.sliders[f].value = int(r)
        finally:
            self._hold = False
        self.refresh()

    def _on_change(self, _change) -> None:
        if not self._hold:
            self.refresh()

    @guarded(stale=("profile_html", "start_html", "chart"))
    def refresh(self) -> None:
        self.profile = gaps.gap_risk_profile(self.ratings)
        self._render()
        charts.GAP_RISK.update(self.chart, self.profile, self.lang)

    def _render(self) -> None:
        lang, p = self.lang, self.profile
        rows = [[charts.gap_label(int(r.gap), lang), fmt(r.risk, signed=False), self._labels[r.weakest_factor],
                 t("gap_model.factors.start_mark", lang) if r.start else ""] for r in p.itertuples(index=False)]
        self.profile_html.value = table_html(
            [t("gap_model.chart.gap", lang), t("gap_model.chart.risk", lang), t("gap_model.chart.weakest", lang),
             t("gap_model.chart.start", lang)], rows, "sl-gapf-table")
        first = p.loc[p["start"]].iloc[0]
        self.start_html.value = "<p><b>" + html.escape(t(
            "gap_model.factors.where_to_start", lang, gap=charts.gap_label(int(first["gap"]), lang),
            risk=fmt(float(first["risk"]), signed=False), factor=self._labels[first["weakest_factor"]])) + "</b></p>"
