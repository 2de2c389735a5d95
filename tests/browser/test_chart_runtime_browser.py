"""A Voilà page with several live charts loads the vega bundle once and draws every chart (issue 14)."""
from __future__ import annotations

import nbformat
import pytest

from servicelab.testing.browser import chromium_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

N_CHARTS = 3
CELL = f'''import ipywidgets as W
import pandas as pd
from servicelab.charts._offline import _live_chart_class
spec = {{"mark": "bar", "data": {{"name": "d"}},
        "encoding": {{"x": {{"field": "k", "type": "nominal"}}, "y": {{"field": "v", "type": "quantitative"}}}}}}
charts = []
for i in range({N_CHARTS}):
    c = _live_chart_class()(spec=spec)
    c.set_data({{"d": pd.DataFrame({{"k": list("abc"), "v": [1 + i, 2, 3]}})}})
    c.add_class(f"sl-rt-chart{{i}}")
    charts.append(c)
W.VBox(charts)'''

#: Counts the JavaScript modules of more than 500 kB that anywidget turns into blob URLs to import
#: (the vega bundle is ~0.9 MB; a chart's own module is ~4 kB).
COUNT_BIG_MODULES = """(() => {
  window.__bigModules = 0;
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (obj) => {
    if (obj instanceof Blob && obj.size > 500000 && /javascript/.test(obj.type)) window.__bigModules++;
    return create(obj);
  };
})();"""


def test_page_of_charts_loads_the_bundle_once(chromium_path, tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)])
    path = tmp_path / "charts.ipynb"
    nbformat.write(nb, path)
    with voila_server(path) as url, chromium_page(chromium_path) as page:
        page.add_init_script(COUNT_BIG_MODULES)
        page.goto(url, timeout=120_000)
        for i in range(N_CHARTS):
            page.wait_for_selector(f".sl-rt-chart{i} svg .mark-rect path", timeout=60_000)
        assert page.locator("svg .mark-rect path").count() == 3 * N_CHARTS  # every bar of every chart
        assert page.evaluate("() => window.__bigModules") == 1
        assert page.errors == [], f"console errors: {page.errors}"
