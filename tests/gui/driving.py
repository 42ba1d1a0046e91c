"""Helpers the panel tests share: a run driven to a snapshot, a panel shown and exposed."""

from playground.engine import run


def snapshot_after(engine, chunks) -> object:
    """The snapshot after advancing ``engine`` by each of ``chunks`` steps (or where its run ends)."""
    gen = run(engine)
    snap = next(gen)
    for n in chunks:
        try:
            snap = gen.send(n)
        except StopIteration:
            break
    return snap


def show_panel(qtbot, widget, size=(1400, 900)):
    """``widget`` owned by qtbot, sized, shown and exposed."""
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
