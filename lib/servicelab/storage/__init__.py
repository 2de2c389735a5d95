"""Persistence of a learner's progress (answers, spaced-repetition state, memory cards).

See :mod:`servicelab.storage.progress`.
"""
