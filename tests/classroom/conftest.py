"""Shared specs for the class-mode tests (written by hand from the contract, not by the code)."""
from __future__ import annotations

import pytest

CHOICE = {"kind": "choice", "question_id": "Q-C5.9-single-01", "phase": 1, "options": ["A", "B", "C", "D"],
          "multiple": False, "correct": ["B"],
          "display": {"zh": {"prompt": "SERVQUAL 有几个维度？", "options": {"A": "三", "B": "五", "C": "七", "D": "十"}},
                      "en": {"prompt": "How many SERVQUAL dimensions?", "options": {"A": "3", "B": "5", "C": "7", "D": "10"}}}}
MULTI = {"kind": "choice", "question_id": "Q-C5.9-multi-01", "phase": 2, "options": ["A", "B", "C", "D", "E"],
         "multiple": True}
SURVEY = {"kind": "survey",
          "items": [{"key": "E_tangibles", "min": 1, "max": 7}, {"key": "P_tangibles", "min": 1, "max": 7},
                    {"key": "recommend", "min": 0, "max": 10}],
          "texts": [{"key": "comment", "max_len": 200}],
          "display": {"zh": {"title": "食堂", "items": {"E_tangibles": "期望：设施", "P_tangibles": "感知：设施",
                                                       "recommend": "推荐"},
                             "texts": {"comment": "意见"},
                             "groups": [{"title": "有形性", "keys": ["E_tangibles", "P_tangibles"]}]},
                      "en": {"title": "Canteen", "items": {"recommend": "Recommend"}}}}
GOOD_SURVEY_ANSWER = {"ratings": {"E_tangibles": 6, "P_tangibles": 4, "recommend": 9}, "texts": {"comment": "ok"}}


@pytest.fixture()
def db(tmp_path):
    return tmp_path / "class" / "class.db"
