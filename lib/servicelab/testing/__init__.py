"""Helpers for servicelab's own tests and benchmarks (not used by the notebooks)."""
