"""Exam preparation: the question bank, scoring, practice, the mock paper and the review schedule."""
