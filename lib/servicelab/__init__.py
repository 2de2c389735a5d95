"""servicelab — the models, charts and widgets behind the 客户服务管理 teaching notebooks.

Layers (one way only)::

    io, models  →  charts  →  widgets  →  notebooks

``import servicelab`` is kept cheap: altair, ipywidgets and the sub-packages are imported
only when they are used.
"""
from __future__ import annotations

from .errors import ServiceLabError
from .i18n import LANGUAGES, t

__version__ = "0.1.0"

__all__ = ["LANGUAGES", "ServiceLabError", "t", "__version__"]
