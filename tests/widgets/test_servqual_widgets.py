"""Tests for servicelab.widgets.servqual, driven from Python without a browser.

ipywidgets work headless: setting a slider's ``value`` fires the observers as a browser would.
Expected numbers are worked by hand in the comments or computed independently in the test.
tests/conftest.py points ``SERVICELAB_CACHE`` at a temporary folder before any chart is built.
"""
from __future__ import annotations

import csv
import html
import importlib.util
import json
import re
from pathlib import Path

import pytest

from servicelab.errors import ServiceLabError
from servicelab.io.survey import read_survey
from servicelab.paths import data_path
from servicelab.widgets.servqual import IndustryExercise, ServqualPanel, SurveyPanel, WeightsPanel

_spec = importlib.util.spec_from_file_location("survey_cases", Path(__file__).parents[1] / "fixtures" / "survey_cases.py")
cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cases)

DIMS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
SPLIT = {"tangibles": range(1, 5), "reliability": range(5, 10), "responsiveness": range(10, 14),
         "assurance": range(14, 18), "empathy": range(18, 23)}
MINUS = "\u2212"  # scores are shown with a true minus sign


def shown(x: float) -> str:
    """How a signed score is displayed: two decimals, sign, true minus."""
    return f"{x:+.2f}".replace("-", MINUS)


def table_row(html_text: str, label: str) -> list[str]:
    """Cells of the table row whose first cell is ``label``."""
    for tr in re.findall(r"<tr>(.*?)</tr>", html_text):
        cells = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
        if cells and cells[0] == label:
            return cells
    raise AssertionError(f"no row {label!r} in {html_text[:300]}")


# ================================================================== ServqualPanel
class TestServqualPanel:
    def test_default_display(self):
        panel = ServqualPanel(lang="en")  # E = 6, P = 5 everywhere: every gap −1
        assert table_row(panel.score.value, "Reliability")[1:] == ["6.00", "5.00", shown(-1)]
        assert f"gaps): {shown(-1)}" in panel.score.value

    def test_moving_a_slider_updates_the_gap_score_and_chart(self):
        panel = ServqualPanel(lang="en")
        before = json.loads(json.dumps(panel.chart.datasets))
        # P5 (reliability) from 5 to 7: reliability item gaps +1, −1, −1, −1, −1 → −3/5 = −0.6
        # perception (7 + 5·4)/5 = 5.4; overall (−1 − 0.6 − 1 − 1 − 1)/5 = −0.92
        # plain item mean (−21 + 1)/22 = −0.909 (shown only as the "common mistake")
        panel.p_sliders[4].value = 7
        assert table_row(panel.score.value, "Reliability")[1:] == ["6.00", "5.40", shown(-0.6)]
        assert table_row(panel.score.value, "Tangibles")[3] == shown(-1)
        assert f"gaps): {shown(-0.92)}" in panel.score.value
        assert shown(-20 / 22) in panel.score.value
        after = json.loads(json.dumps(panel.chart.datasets))  # the data sent to the browser
        assert after != before
        assert "5.4" in json.dumps(after) and "5.4" not in json.dumps(before)
        assert panel.result.unweighted == pytest.approx(-0.92)

    def test_chinese_display(self):
        panel = ServqualPanel(lang="zh")
        panel.e_sliders[17].value = 7  # E18 (empathy) 6 → 7: empathy gaps −2 −1 −1 −1 −1 → −1.2
        assert table_row(panel.score.value, "移情性")[3] == shown(-1.2)
        assert "总体" in panel.score.value

    def test_set_ratings_refreshes_once(self):
        panel = ServqualPanel(lang="en")
        seen = []
        panel.on_result(seen.append)
        # E = 7 everywhere; P = 4 on tangibles, 7 elsewhere → T −3, others 0 → overall −0.6
        p = [4] * 4 + [7] * 18
        panel.set_ratings(expectations=[7] * 22, perceptions=p)
        assert len(seen) == 1
        assert table_row(panel.score.value, "Tangibles")[1:] == ["7.00", "4.00", shown(-3)]
        assert table_row(panel.score.value, "Empathy")[3] == shown(0)
        assert f"gaps): {shown(-0.6)}" in panel.score.value
        assert "Tangibles" in re.search(r"Largest shortfall: ([^<]*)", panel.score.value).group(1)
        assert [s.value for s in panel.p_sliders] == p

    def test_set_ratings_rejects_bad_values_and_keeps_inputs(self):
        panel = ServqualPanel(lang="en")
        with pytest.raises(ServiceLabError):
            panel.set_ratings(perceptions=[5] * 21 + [9])
        assert [s.value for s in panel.p_sliders] == [5] * 22

    @pytest.mark.parametrize("kwargs,where", [
        ({"perceptions": [8] * 22}, "P1"),
        ({"expectations": [6] * 21 + [0]}, "E22"),
        ({"expectations": [6] * 10 + [5.5] + [6] * 11}, "E11"),
    ])
    def test_constructor_rejects_out_of_range_presets(self, kwargs, where):
        with pytest.raises(ServiceLabError) as info:
            ServqualPanel(lang="en", **kwargs)
        assert where in info.value.message("en") and where in info.value.message("zh")

    def test_constructor_rejects_wrong_length(self):
        with pytest.raises(ServiceLabError):
            ServqualPanel(perceptions=[5] * 21)

    def test_presets(self):
        e = [7] * 22
        p = [7] * 17 + [3] * 5  # empathy −4 → overall −0.8
        panel = ServqualPanel(lang="en", expectations=e, perceptions=p)
        assert f"gaps): {shown(-0.8)}" in panel.score.value
        assert [s.value for s in panel.e_sliders] == e


# ================================================================== WeightsPanel
class TestWeightsPanel:
    GAPS = [-1.0, -2.0, 0.0, 0.0, 0.0]

    def test_equal_weights_at_start(self):
        w = WeightsPanel(lang="en", dimension_gaps=self.GAPS)
        assert "100 / 100" in w.total.value
        # 20 each: (−1 − 2)/5 = −0.6
        assert f"Weighted score: {shown(-0.6)}" in w.score.value
        assert w.weighted == pytest.approx(-0.6)

    def test_pending_over_and_result(self):
        w = WeightsPanel(lang="en", dimension_gaps=self.GAPS)
        w.sliders[0].value = 10  # 90 allocated
        assert "90 / 100" in w.total.value
        assert "10 more points" in w.score.value and w.weighted is None
        w.sliders[1].value = 40  # 110
        assert "110 / 100" in w.total.value
        assert "10 points too many" in w.score.value and w.weighted is None
        w.sliders[3].value = 15  # 105
        assert "5 points too many" in w.score.value
        w.sliders[4].value = 15  # 10 40 20 15 15 = 100: .1(−1) + .4(−2) = −0.9
        assert "100 / 100" in w.total.value
        assert f"Weighted score: {shown(-0.9)}" in w.score.value
        assert w.weighted == pytest.approx(-0.9)

    def test_chinese_messages(self):
        w = WeightsPanel(lang="zh", dimension_gaps=self.GAPS, points=[10, 10, 10, 10, 10])
        assert "50 / 100" in w.total.value and "还差 50 分" in w.score.value

    def test_rescale_button(self):
        w = WeightsPanel(lang="en", dimension_gaps=self.GAPS, points=[10, 10, 10, 0, 0])
        assert w.weighted is None
        w.rescale.click()
        # 30 points → 100: 33.3 each, the spare point to the first → 34, 33, 33, 0, 0
        assert w.points == [34, 33, 33, 0, 0] and sum(w.points) == 100
        # .34(−1) + .33(−2) = −1.00
        assert w.weighted == pytest.approx(-1.0)
        assert f"Weighted score: {shown(-1.0)}" in w.score.value
        # sliders still live after rescaling
        w.sliders[2].value = 0
        assert "67 / 100" in w.total.value

    def test_rescale_with_nothing_allocated_shows_error(self):
        w = WeightsPanel(lang="en", dimension_gaps=self.GAPS, points=[0, 0, 0, 0, 0])
        w.rescale.click()
        assert "sl-error-box" in w.error.value
        assert w.points == [0] * 5

    def test_follows_a_servqual_panel(self):
        panel = ServqualPanel(lang="en")
        w = WeightsPanel(panel, lang="en")
        assert w.weighted == pytest.approx(-1.0)
        panel.p_sliders[4].value = 7  # reliability −0.6, others −1; 20 each → −0.92
        assert w.weighted == pytest.approx(-0.92)
        assert f"Weighted score: {shown(-0.92)}" in w.score.value

    def test_constructor_rejects_bad_points(self):
        with pytest.raises(ServiceLabError):
            WeightsPanel(lang="en", dimension_gaps=self.GAPS, points=[120, 0, 0, 0, 0])
        with pytest.raises(ServiceLabError):
            WeightsPanel(lang="en", dimension_gaps=self.GAPS, points=[25, 25, 25, 25])


# ================================================================== SurveyPanel
def independent_sample_scores() -> tuple[int, float, float, dict[str, float]]:
    """Unweighted and weighted SERVQUAL of the shipped sample, read with the csv module."""
    with open(data_path("surveys", "canteen_servqual.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    per_dim: dict[str, list[float]] = {d: [] for d in DIMS}
    weighted = []
    for r in rows:
        gaps = {}
        for d in DIMS:
            g = [float(r[f"P{i}"]) - float(r[f"E{i}"]) for i in SPLIT[d] if r[f"P{i}"] and r[f"E{i}"]]
            gaps[d] = sum(g) / len(g)
            per_dim[d].append(gaps[d])
        weighted.append(sum(float(r[f"W{j + 1}"]) / 100 * gaps[d] for j, d in enumerate(DIMS)))
    dim_gap = {d: sum(v) / len(v) for d, v in per_dim.items()}
    return len(rows), sum(dim_gap.values()) / 5, sum(weighted) / len(weighted), dim_gap


@pytest.fixture(scope="module")
def sample_panel():
    return SurveyPanel(lang="en")


class TestSurveyPanel:
    def test_sample_loaded_on_start(self, sample_panel):
        n, unweighted, weighted, dim_gap = independent_sample_scores()
        assert n == 120
        assert "120 respondents" in sample_panel.summary.value
        assert "canteen_servqual.csv" in sample_panel.summary.value
        assert f"gaps): {shown(unweighted)}" in sample_panel.table.value
        assert f"Weighted SERVQUAL: {shown(weighted)}" in sample_panel.table.value
        assert table_row(sample_panel.table.value, "Responsiveness")[3] == shown(dim_gap["responsiveness"])
        assert sample_panel.error.value == ""

    @pytest.mark.parametrize("case", cases.bad_cases(), ids=lambda c: c[0])
    def test_bad_file_shows_bilingual_error_and_keeps_analysis(self, case):
        panel = SurveyPanel(lang="en")
        table, summary = panel.table.value, panel.summary.value
        _id, data, key, *_ = case
        panel.load(data, name="bad.csv")
        box = panel.error.value
        assert "sl-error-box" in box and "bad.csv" in box
        with pytest.raises(ServiceLabError) as info:
            read_survey(data, name="bad.csv")
        assert html.escape(info.value.message("en")) in box
        assert html.escape(info.value.message("zh")) in box
        assert re.search(r"[\u4e00-\u9fff]", box)  # Chinese text present
        assert panel.table.value == table and panel.summary.value == summary
        assert panel.survey.report.file == "canteen_servqual.csv"

    def test_good_load_after_error_clears_it(self):
        panel = SurveyPanel(lang="zh", load_sample=False)
        panel.load(b"", name="bad.csv")
        assert "bad.csv" in panel.error.value
        # two respondents: gaps −1 everywhere and −3 everywhere → −2
        data = cases.csv_bytes([cases.row("a", e="6", p="5"), cases.row("b", e="7", p="4")])
        panel.load(data, name="good.csv")
        assert panel.error.value == ""
        assert "good.csv" in panel.summary.value and "2" in panel.summary.value
        assert shown(-2.0) in panel.table.value

    def test_upload(self):
        panel = SurveyPanel(lang="en", load_sample=False)
        data = cases.csv_bytes([cases.row("a", e="6", p="5"), cases.row("b", e="6", p="6"),
                                cases.row("c", e="6", p="7")])
        send_file(panel.upload, data, "up.csv")
        # gaps −1, 0, +1 → mean 0
        assert "up.csv: 3 respondents" in panel.summary.value
        assert f"gaps): {shown(0.0)}" in panel.table.value

    def test_bad_upload_shows_error(self, sample_panel):
        table = sample_panel.table.value
        data = cases.csv_bytes([cases.with_cell(cases.row("a"), "E4", "七")])
        send_file(sample_panel.upload, data, "broken.csv")
        assert "broken.csv" in sample_panel.error.value and "E4" in sample_panel.error.value
        assert sample_panel.table.value == table


# ================================================================== uploads: size limit (issue 7, item 14)
def send_file(control, data: bytes, name: str, *, chunk: int = 512 * 1024, declared: int | None = None) -> None:
    """What the upload control's JavaScript sends: start, pieces with binary buffers, end."""
    size = len(data) if declared is None else declared
    control._handle_custom_msg({"event": "start", "id": "t1", "name": name, "size": size}, [])
    for offset in range(0, len(data), chunk):
        control._handle_custom_msg({"event": "chunk", "id": "t1", "offset": offset}, [memoryview(data[offset:offset + chunk])])
    control._handle_custom_msg({"event": "end", "id": "t1", "name": name, "size": size}, [])


class TestUploadLimit:
    LIMIT_MB = 50  # the documented limit (README, panel text), not read from the code

    def test_limit_is_said_before_uploading(self):
        for lang, text in (("en", "Uploads up to 50 MB"), ("zh", "上传文件最大 50 MB")):
            panel = SurveyPanel(lang=lang, load_sample=False)
            assert text in panel.upload_limit.value and text in panel.upload.hint
            assert panel.upload.max_bytes == self.LIMIT_MB * 1024 * 1024
            assert ".xlsx" in panel.upload.accept

    def test_file_refused_in_the_browser_shows_translated_error(self, sample_panel):
        table = sample_panel.table.value
        sample_panel.upload._handle_custom_msg({"event": "too_large", "name": "whole_school.csv", "size": 60 * 1024 * 1024}, [])
        box = sample_panel.error.value
        assert "whole_school.csv" in box and "60.0 MB" in box and "50 MB" in box
        assert "超过上传上限" in box and "upload limit" in box
        assert sample_panel.table.value == table

    def test_bytes_over_the_limit_are_refused_even_if_the_page_claims_less(self):
        panel = SurveyPanel(lang="en", load_sample=False)
        calls = []
        panel.load = lambda *a, **k: calls.append(a)  # must never be reached
        big = b"x" * (self.LIMIT_MB * 1024 * 1024 + 1)
        send_file(panel.upload, big, "liar.csv", chunk=8 * 1024 * 1024, declared=10)
        assert calls == [] and "liar.csv" in panel.error.value and "50 MB" in panel.error.value

    def test_a_file_in_many_pieces_is_reassembled_exactly(self):
        panel = SurveyPanel(lang="en", load_sample=False)
        rows = [cases.row(f"s{i}", e=str(1 + i % 7), p=str(7 - i % 7)) for i in range(3000)]  # ~270 KB
        data = cases.csv_bytes(rows)
        send_file(panel.upload, data, "class.csv", chunk=4096)
        assert panel.error.value == ""
        assert panel.survey.report.n_respondents == 3000
        assert panel.survey.responses.loc["s10", "E1"] == 1 + 10 % 7

    def test_read_survey_refuses_oversized_uploaded_bytes(self):
        panel = SurveyPanel(lang="en", load_sample=False)
        panel.load(b"id" + b" " * (self.LIMIT_MB * 1024 * 1024), name="huge.csv")
        assert "huge.csv" in panel.error.value and "50 MB" in panel.error.value


class TestSurveyScale:
    def test_nine_point_survey_through_the_panel(self):
        panel = SurveyPanel(lang="en", load_sample=False, scale=(1, 9))
        data = cases.csv_bytes([cases.row("a", e="9", p="8"), cases.row("b", e="9", p="6")])
        panel.load(data, name="nine.csv")
        assert panel.error.value == ""
        assert "Rating scale: 1–9" in panel.summary.value
        assert f"gaps): {shown(-2.0)}" in panel.table.value  # (−1 + −3) / 2


# ================================================================== IndustryExercise
class TestIndustryExercise:
    def test_one_dimension_needs_two(self):
        ex = IndustryExercise(lang="en")
        ex.industry.value = "finance"
        ex.choices[1].value = True  # reliability only
        ex.check.click()
        assert "sl-error-box" in ex.error.value
        assert "exactly 2" in ex.error.value and "you chose 1" in ex.error.value
        assert "恰好选择 2" in ex.error.value  # the other language below
        assert ex.feedback.value == ""

    def test_two_dimensions_show_the_common_view(self):
        raw = json.loads(data_path("servqual", "industries.json").read_text(encoding="utf-8"))
        finance = next(c for c in raw if c["id"] == "finance")
        ex = IndustryExercise(lang="en")
        ex.industry.value = "finance"
        ex.choices[1].value = True  # reliability
        ex.choices[4].value = True  # empathy
        ex.check.click()
        assert ex.error.value == ""
        fb = html.unescape(ex.feedback.value)
        assert "Reliability" in fb and "Assurance" in fb  # finance: reliability + assurance
        assert "shares 1 of them" in fb
        assert finance["why"]["en"] in fb

    def test_chinese_and_changing_industry_clears_feedback(self):
        ex = IndustryExercise(lang="zh")
        ex.industry.value = "hotel"
        ex.choices[0].value = True  # tangibles
        ex.choices[4].value = True  # empathy
        ex.check.click()
        assert "有形性、移情性" in ex.feedback.value
        assert "2 个" in ex.feedback.value
        ex.industry.value = "education"
        assert ex.feedback.value == ""

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_view_is_labelled_the_projects_and_set_against_the_published_finding(self, lang):
        # issue 8, 5.6: the pair is the project's judgement, and the PZB finding (reliability most
        # important, tangibles least) is shown beside it; hotel (tangibles + empathy) departs on both
        ex = IndustryExercise(lang=lang)
        ex.industry.value = "hotel"
        ex.choices[0].value = True
        ex.choices[4].value = True
        ex.check.click()
        fb = html.unescape(ex.feedback.value)
        assert ("本项目的看法" if lang == "zh" else "This project's view") in fb
        assert ("常见的看法" if lang == "zh" else "common view") not in fb
        assert "Parasuraman" in fb and "1988" in fb and "1991" in fb
        assert ("没有把可靠性列入前两位" if lang == "zh" else "leaves reliability out") in fb
        assert ("把有形性列入了前两位" if lang == "zh" else "puts tangibles") in fb
        ex.industry.value = "finance"  # reliability + assurance: agrees with the finding
        ex.check.click()
        fb = html.unescape(ex.feedback.value)
        assert ("与研究结论一致" if lang == "zh" else "agrees with the finding") in fb
        assert ("没有把可靠性" if lang == "zh" else "leaves reliability out") not in fb

    def test_lists_twelve_industries(self):
        ex = IndustryExercise(lang="zh")
        assert len(ex.industry.options) == 12


class TestWeightsPanelEdges:
    def test_rescale_keeps_observers_added_by_others(self):
        panel = WeightsPanel(dimension_gaps=[-1, -2, 0, 0, 0], lang="en", points=[40, 20, 20, 20, 20])
        seen = []
        panel.sliders[0].observe(lambda c: seen.append(c["new"]), names="value")
        panel.rescale_to_100()
        # 40/120·100 = 33.3, 20/120·100 = 16.7 (×4): floors 33+16·4 = 97, the three points left
        # go to the largest remainders (0.67, ties to the earlier dimension)
        assert panel.points == [33, 17, 17, 17, 16]
        panel.sliders[0].value = 50
        assert seen[-1] == 50  # the notebook's own observer still fires after a rescale
        assert "117 / 100" in panel.total.value  # and the panel still refreshes: 50 + 17·3 + 16

    def test_out_of_range_start_names_the_dimension(self):
        with pytest.raises(ServiceLabError) as info:
            WeightsPanel(dimension_gaps=[-1, -2, 0, 0, 0], lang="en", points=[150, 0, 0, 0, 0])
        assert "Tangibles" in info.value.message("en") and "150" in info.value.message("en")

    def test_no_gaps_at_all_is_a_clear_message(self):
        with pytest.raises(ServiceLabError) as info:
            WeightsPanel(lang="en").dimension_gaps
        assert "No dimension gaps" in info.value.message("en")
