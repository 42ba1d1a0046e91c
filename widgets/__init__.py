"""The Qt side of the playground: PySide6 + pyqtgraph. Imports playground, never the reverse."""
