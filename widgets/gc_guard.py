"""Python's cycle collector runs only where Qt is not drawing: on a GUI-thread timer, or when asked.

A widget or plot item made in Python without a Qt parent (a top-level panel, a plot in a
pyqtgraph layout) is owned by its Python wrapper: when the collector frees the wrapper, the C++
object is deleted with it. pyqtgraph objects are full of reference cycles, so such a wrapper is
freed only by the collector, and the collector runs at whatever allocation crosses its
threshold, which may be one inside a ``paint`` called from ``QGraphicsView::paintEvent``. Then
Qt deletes the view, scene or item it is drawing and carries on drawing freed memory: the
segfault in ``GraphicsView.paintEvent`` that came and went with the order of the GUI tests.
With automatic collection off and collections made between events, nothing is freed mid-paint.
(This is what pyqtgraph's own ``GarbageCollector`` utility is for.)
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

COLLECT_INTERVAL_MS = 500
# Generation counts above which a check collects that generation (the interpreter's defaults).
THRESHOLDS = (700, 10, 10)


def disable_automatic_collection() -> None:
    """From now on cycles are freed only by collect_now / collect_if_due (or gc.collect)."""
    gc.disable()


def collect_if_due() -> None:
    """What automatic collection would have done by now, at a moment when nothing is painting."""
    young, middle, old = gc.get_count()
    if young > THRESHOLDS[0]:
        generation = 0
        if middle > THRESHOLDS[1]:
            generation = 2 if old > THRESHOLDS[2] else 1
        gc.collect(generation)


def collect_now() -> int:
    """A full collection (between tests, say, after their widgets were deleted)."""
    return gc.collect()


def collect_on_gui_thread(owner: QObject, interval_ms: int = COLLECT_INTERVAL_MS) -> QTimer:
    """Turn automatic collection off and collect on a timer of ``owner``'s (the GUI thread's)."""
    disable_automatic_collection()
    timer = QTimer(owner)
    timer.setObjectName("gc_guard")
    timer.timeout.connect(collect_if_due)
    timer.start(interval_ms)
    return timer
