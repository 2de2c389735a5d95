"""ipywidgets panels: read inputs, call a model, refresh a chart. No business logic here."""
