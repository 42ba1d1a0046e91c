"""The frame timer: take the worker's newest snapshot and draw it, within a share of the GUI thread.

A mixin of MainWindow (see `widgets/window/__init__.py` for why mixins): drawing shares `drawn`,
`gen_id` and `viewing_history` with play control (stepping back draws a kept snapshot), and the
frame counters (`frames_total`, `fps`) are read on the window by tests and benchmarks.
"""

from __future__ import annotations

import time

from widgets.i18n import tr

# The drawing timer looks for a fresh snapshot every FRAME_MS and draws one at most every
# MIN_FRAME_S (about every other tick, ~31 frames/s). Ticking twice a frame means a snapshot that
# arrives just after a tick waits half a frame, not a whole one: an engine that makes ~32
# snapshots/s (the rnn comparison) beat against a 30 Hz tick and lost one frame in ten.
FRAME_MS = 16
MIN_FRAME_S = 0.026  # under two ticks: a late tick must not push a frame to the third
# While training, the GUI thread may be busy this share of the time... (input stays prompt above
# it: panels that cost most paint in turns, so no single pause is long; see PanelBase.draw_in_turns)
DRAW_SHARE = 0.75
MIN_FPS = 10  # ...but a panel is drawn at least this often
LOAD_WINDOW_S = 0.3  # the share is measured over this long: a few frames, not the last tick


class FramesMixin:
    def _on_frame_timer(self) -> None:
        self._on_worker_events()
        snap = self.worker.latest()
        fresh = snap is not None and snap is not self.drawn and snap.gen_id == self.gen_id
        if self.viewing_history is None and fresh and self._draw_is_due():
            self._draw(snap)
        now = time.perf_counter()
        if now - self.frames_at >= 0.5:
            self.fps = self.frames / (now - self.frames_at)
            self.frames, self.frames_at = 0, now
            self.status_rate.setText(tr("{rate} steps/s").format(rate=f"{self.worker.steps_per_s:,.0f}")
                                     if self.worker.playing else tr("paused"))
            self.status_fps.setText(f"{self.fps:.0f} fps")

    def _draw_is_due(self) -> bool:
        """While training, drawing may use at most DRAW_SHARE of the GUI thread's time.

        The engine trains in its own process, so painting no longer slows it; the budget keeps
        time free for the person's clicks and keys. The GUI thread's own CPU time (painting
        included, which happens after show_snapshot returns) is what is measured; cheap panels
        draw every MIN_FRAME_S (~32 fps), costly ones less often, never under MIN_FPS.
        """
        wall, cpu = time.perf_counter(), time.thread_time()
        samples = self.load_samples
        samples.append((wall, cpu))
        while len(samples) > 2 and wall - samples[1][0] >= LOAD_WINDOW_S:
            samples.popleft()
        if len(samples) > 1 and wall > samples[0][0]:
            self.gui_load = (cpu - samples[0][1]) / (wall - samples[0][0])
        if not self.worker.playing:
            return True
        if wall - self.draw_started < MIN_FRAME_S:
            return False
        return self.gui_load <= DRAW_SHARE or wall - self.draw_ended >= 1 / MIN_FPS

    def _draw(self, snap) -> None:
        self.draw_started = time.perf_counter()
        self.drawn = snap
        try:
            panel = self.panel()
            panel.staged = self.worker.playing  # paint in turns while a run plays (see PanelBase)
            panel.show_snapshot(snap)
        except Exception as error:  # a drawing bug must not take the window down
            self.worker.pause()
            self.show_error(tr("Cannot draw this snapshot"), f"{type(error).__name__}: {error}")
        self.draw_ended = time.perf_counter()
        self.hide_building(snap.gen_id)
        self.frames += 1
        self.frames_total += 1
        self.status_step.setText(tr("step {step}").format(step=f"{snap.step:,}"))
