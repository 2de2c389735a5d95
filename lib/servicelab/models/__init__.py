"""Pure course models: functions on numpy/pandas, no widgets, no display.

Import the sub-module you need, e.g. ``from servicelab.models import servqual``.
"""
