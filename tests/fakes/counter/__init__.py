"""A tiny fake domain for testing the foundation without depending on a real panel."""
