"""The vega bundle is carried once per kernel (by the ChartRuntime), not once per chart (issue 14)."""
from __future__ import annotations

import base64
import gzip
import json
import re
import threading

import pandas as pd

from servicelab.charts import _offline

SPEC = {"mark": "bar", "data": {"name": "d"},
        "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}}}


def _chart(rows: int = 5):
    chart = _offline._live_chart_class()(spec=SPEC)
    chart.set_data({"d": pd.DataFrame({"k": [f"k{i}" for i in range(rows)], "v": range(rows)})})
    return chart


def _state_json(widget) -> str:
    """The widget's state as the browser (and a saved notebook's widget state) gets it."""
    return json.dumps(widget.get_state())


def _unpacked(state: dict) -> list[str]:
    """Every gzip+base64 payload in a widget state's ``_esm``, inflated (independently of the loader)."""
    return [gzip.decompress(base64.b64decode(m)).decode("utf-8")
            for m in re.findall(r'"([A-Za-z0-9+/=]{100000,})"', state.get("_esm", ""))]


def test_charts_in_one_kernel_carry_the_bundle_once():
    bundle = _offline.chart_runtime_bundle()
    marker = bundle[len(bundle) // 2: len(bundle) // 2 + 200]  # a piece of vega itself
    charts = [_chart() for _ in range(4)]
    states = [_state_json(c) for c in charts]
    # a chart's own state is its module, spec and data: a few KB, not the 0.9 MB bundle
    assert all(len(s) < 12_000 for s in states), [len(s) for s in states]
    assert not any(marker in s for s in states)
    # every chart refers to the same runtime widget, whose module carries the bundle (once, compressed)
    refs = {c.get_state()["runtime"] for c in charts}
    runtime = _offline.chart_runtime()
    assert refs == {f"anywidget:{runtime.model_id}"}
    assert _unpacked(runtime.get_state()) == [bundle] and len(bundle) > 500_000
    assert len(_state_json(runtime)) < 0.5 * len(bundle)


def test_a_closed_runtime_is_replaced():
    first = _offline.chart_runtime()
    first.close()
    chart = _chart()
    assert chart.runtime is not first and chart.runtime.comm is not None
    assert chart.get_state()["runtime"] == f"anywidget:{chart.runtime.model_id}"


def test_charts_made_on_two_threads_share_one_runtime():
    _offline.chart_runtime().close()
    made, barrier = [], threading.Barrier(2)

    def make():
        barrier.wait()
        made.append(_chart().runtime)

    threads = [threading.Thread(target=make) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(made) == 2 and made[0] is made[1]
