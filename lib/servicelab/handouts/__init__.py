"""Handouts and a static course site: every chapter as static HTML and PDF, in both languages.

``make handouts`` → ``build/handouts/{zh,en}/NN_name.{html,pdf}`` (:func:`build.build_handouts`);
``make site`` → ``build/site/`` (:func:`build.build_site`). Widgets are drawn from the stored widget
state without JavaScript (:mod:`servicelab.handouts.widgets`); nothing is fetched from the internet
when a page is opened.
"""
from __future__ import annotations

from .widgets import StaticWidgets, chart_svg, render_outputs, render_widget, staticize

__all__ = ["StaticWidgets", "chart_svg", "render_outputs", "render_widget", "staticize"]
