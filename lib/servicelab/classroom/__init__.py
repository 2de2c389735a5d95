"""Class mode: students' phones vote and rate, the projected notebook updates live (issue 13).

* :mod:`.rounds` — round specs (``choice``, ``survey``) and the check of every answer (pure);
* :mod:`.store` — :class:`ClassStore`, the SQLite file the server writes and the panel reads;
* :mod:`.server` — the tornado server: the phone page and a small JSON API, nothing else;
* :mod:`.session` — :class:`ClassSession`, the server started from a notebook;
* :mod:`.join` — the join QR code (SVG, terminal);
* ``python -m servicelab.classroom`` / ``servicelab-class`` / ``make class`` — the command line.

The instructor's panel, charts and models of class mode live in the usual layers
(``models.peer_instruction``, ``charts.classroom``, ``widgets.classroom``).
"""
from __future__ import annotations

from .rounds import public_spec, validate_answer, validate_spec
from .session import ClassSession
from .store import ClassStore, ClassStoreError, Round

__all__ = ["ClassSession", "ClassStore", "ClassStoreError", "Round", "public_spec", "validate_answer", "validate_spec"]
