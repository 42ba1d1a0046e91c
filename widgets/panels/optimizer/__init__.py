"""Parts of the optimizer panel (``widgets/panels/optimizer_panel.py``) too big for its file."""
