"""Start the window: ``playground [PRESET]``. Says what to do instead of aborting when there is no display."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

NO_DISPLAY = """playground: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open.
Run it on a desktop, over `ssh -X`, or under Xvfb (`xvfb-run playground`).
Everything also works headless:
  playground presets                              list the lesson presets
  playground run optimizer/momentum_ravine --steps 500 --out out   run one and write metrics.csv + result.json
  playground validate my_preset.json              check a preset file
"""


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in {"offscreen", "minimal", "vnc", "eglfs", "linuxfb"}:
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="playground", description="Open the playground window.")
    parser.add_argument("preset", nargs="?", help="a preset file (or shipped preset name) to open")
    parser.add_argument("--panel", help="the panel to show first (optimizer, network, ...)")
    parser.add_argument("--play", action="store_true", help="start playing right away")
    parser.add_argument("--no-recover", action="store_true", help="do not offer the autosaved session")
    return parser.parse_args(list(argv))


class _CtrlC:
    """Ctrl+C in the terminal quits as the window's Quit does (Python's default raises
    KeyboardInterrupt inside whichever slot runs next, prints a traceback and the app goes on).

    Installed first thing, so an early Ctrl+C (during the imports) is remembered and acted on once
    the window exists."""

    def __init__(self) -> None:
        self.pressed = False
        self.quit = None  # the window's quit path, once there is a window

    def install(self) -> None:
        import signal

        signal.signal(signal.SIGINT, self._on_sigint)

    def _on_sigint(self, _signum, _frame) -> None:
        self.pressed = True
        if self.quit is not None:
            from PySide6.QtCore import QTimer

            # Not from inside the handler: it may have interrupted a slot half-way.
            QTimer.singleShot(0, self.quit)

    def connect(self, quit_callback, parent) -> object:
        """Route Ctrl+C to ``quit_callback``; returns the timer that lets Python see the signal."""
        from PySide6.QtCore import QTimer

        self.quit = quit_callback
        if self.pressed:
            QTimer.singleShot(0, quit_callback)
        # Python runs signal handlers only when the interpreter runs; inside Qt's event loop only C++
        # runs, so a paused window would never notice Ctrl+C without a Python slot to wake it.
        timer = QTimer(parent)
        timer.setObjectName("sigint_poll")
        timer.timeout.connect(lambda: None)
        timer.start(200)
        return timer


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    if not has_display():
        sys.stderr.write(NO_DISPLAY)
        return 2
    ctrl_c = _CtrlC()
    ctrl_c.install()
    import faulthandler

    from PySide6.QtWidgets import QApplication

    from widgets import gc_guard, session
    from widgets.main_window import MainWindow

    # A hard crash (a segfault in Qt, say) leaves its traceback in the user's log folder.
    crash_log = open(session.log_dir() / "crash.log", "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the app
    faulthandler.enable(crash_log)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    # Cycles are freed on a GUI-thread timer, never by an allocation inside a paint or on the
    # worker's thread (see gc_guard): a Python-owned plot freed mid-paint crashes Qt.
    gc_guard.collect_on_gui_thread(app)
    app.setApplicationName("Deep Learning Playground")
    app.setOrganizationName("dl-playground")
    window = MainWindow(recover=not args.no_recover, deferred=True)
    window.show()
    sigint_poll = ctrl_c.connect(window.close, window)  # window.close is what File > Quit does

    def first_view() -> None:
        if args.preset:
            window.open_preset_named(args.preset)
        elif args.panel:
            window.show_panel(args.panel)
        else:
            window.show_gallery()
        if args.play:
            window.play()

    window.when_built(first_view)
    code = app.exec()  # Qt's event loop (QApplication.exec), not Python's exec: no text is evaluated
    sigint_poll.stop()
    window.shutdown()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
