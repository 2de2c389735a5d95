"""Altair charts built from model output (altair is imported lazily, inside functions)."""
