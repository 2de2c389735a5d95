"""Record the sha256 of the offline chart JavaScript bundles in the package.

    .venv/bin/python tests/tools/record_chart_digests.py

Builds the ChartRuntime bundle (vega for every LiveChart) and altair's offline JupyterChart bundle from the installed packages'
own sources (never from the cache) and writes their digests, keyed by cache file name, to
``lib/servicelab/charts/js/bundle-digests.json``. A cached bundle is used only if its digest is
recorded there (see ``servicelab.charts._offline``). Run it after changing ``chart_runtime.js`` or a
pinned version of altair or vl-convert-python; ``tests/charts/test_offline.py`` fails until then.
"""
from __future__ import annotations

import hashlib
import json

from servicelab.charts import _offline


def fresh_bundles() -> dict[str, str]:
    """``{cache file name: bundle text}`` built now, bypassing the cache."""
    import vl_convert as vlc

    source = _offline._RUNTIME_JS.read_text(encoding="utf-8")
    live_name = _offline._runtime_bundle_name(source)
    live = vlc.javascript_bundle(source, vl_version=_offline._vl_version())
    alt = _offline.import_altair()
    alt.JupyterChart._is_offline = False
    alt.JupyterChart.enable_offline()
    return {live_name: live, _offline._jupyterchart_bundle_name(): alt.JupyterChart._esm}


def main() -> None:
    digests = {name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in fresh_bundles().items()}
    _offline._DIGESTS.write_text(json.dumps(digests, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for name, digest in sorted(digests.items()):
        print(f"{digest}  {name}")


if __name__ == "__main__":
    main()
