"""Readers for learner- and instructor-supplied files (surveys, transaction logs).

Each reader validates what it reads and raises :class:`servicelab.errors.ServiceLabError`
with a bilingual message naming the file, row and column of the first problem.
"""
