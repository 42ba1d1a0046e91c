"""Cycles are freed between events, never inside a paint (the crash that came and went with test order)."""

import gc
import os
import subprocess
import sys
import textwrap
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QObject

from widgets import gc_guard

ROOT = Path(__file__).resolve().parents[2]

# A shown plot that only a reference cycle keeps alive (a test's panel once its test function
# returned), and a paint in which the next allocation starts an automatic collection. Unguarded,
# the collection frees the plot, so Qt deletes the view it is drawing: a segfault in paintEvent.
PAINT_WHILE_COLLECTED = textwrap.dedent("""
    import gc, sys
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication
    from widgets import gc_guard

    app = QApplication([])
    if sys.argv[1] == "guarded":
        gc_guard.collect_on_gui_thread(app)
    painted = []
    original = pg.ViewBox.paint

    def paint(self, *args):
        painted.append(self)
        gc.set_threshold(1)  # the next allocation, inside this paint, crosses the threshold
        return original(self, *args)

    pg.ViewBox.paint = paint
    plot = pg.PlotWidget()
    plot.plot([0, 1, 2], [0, 1, 4])
    plot.resize(300, 200)
    plot.show()
    holder = [plot]
    holder.append(holder)
    del plot, holder
    for _ in range(20):
        app.processEvents()
    print(f"painted {len(painted)} times", flush=True)
    gc_guard.collect_now()
""")


def paint_while_collected(mode: str) -> subprocess.CompletedProcess:
    # MALLOC_PERTURB_ makes glibc fill freed memory, so drawing a freed view crashes every time.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MALLOC_PERTURB_="165")
    return subprocess.run([sys.executable, "-c", PAINT_WHILE_COLLECTED, mode], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_plot_kept_only_by_a_cycle_is_not_freed_while_it_paints():
    done = paint_while_collected("guarded")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "painted" in done.stdout and "painted 0 times" not in done.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's MALLOC_PERTURB_ makes the crash certain")
def test_without_the_guard_the_same_paint_crashes():
    # The check above is only worth something if the scene really crashes unguarded.
    done = paint_while_collected("unguarded")
    assert done.returncode < 0, (done.returncode, done.stdout)  # killed by a signal (SIGSEGV)


def test_gui_tests_run_with_automatic_collection_off():
    assert not gc.isenabled()  # tests/gui/conftest.py: cycles are freed in no_leaks, after the test


def test_a_due_collection_frees_cycles_and_a_full_one_frees_the_rest():
    class Node:
        pass

    node = Node()
    node.me = node
    ref = weakref.ref(node)
    del node
    gc.collect()  # from a clean count
    assert ref() is None
    node = Node()
    node.me = node
    ref = weakref.ref(node)
    del node
    gc_guard.collect_if_due()  # nothing allocated since: not due, the cycle stays
    assert ref() is not None
    junk = [[] for _ in range(gc_guard.THRESHOLDS[0] + 10)]  # tracked allocations beyond the threshold
    gc_guard.collect_if_due()
    assert ref() is None
    del junk


def test_the_timer_belongs_to_its_owner_and_collection_stays_off(qtbot):
    owner = QObject()
    timer = gc_guard.collect_on_gui_thread(owner, interval_ms=20)
    try:
        assert timer.parent() is owner and timer.isActive() and not gc.isenabled()
        qtbot.wait(50)  # it fires on the GUI thread without error
    finally:
        timer.stop()
        owner.deleteLater()
