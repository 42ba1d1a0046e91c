"""The language panel's pages: one module per mode, each with a ``Page`` (widgets/panels/paged.py)."""
