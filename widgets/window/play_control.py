"""Play control: play / pause / step / step back / reset / restart, undo and redo, switching tabs,
and the worker's events (a run that stopped, diverged or finished).

A mixin of MainWindow (see `widgets/window/__init__.py` for why mixins): the worker owns whether a
run plays; these methods send it commands and keep the Play action's text and the run's `gen_id`
in step with it.
"""

from __future__ import annotations

from widgets.i18n import tr, tr_message


class PlayControlMixin:
    def restart(self) -> None:
        """A new run of the current preset, paused at step 0 (playing again if it was)."""
        was_playing = self.worker.playing
        self.gen_id += 1
        self.viewing_history = None
        self.drawn = None
        panel = self.panel()
        panel.clear()
        try:
            preset = self.current_preset()
        except Exception as error:  # a config the controls cannot express validly
            self.hide_building()
            self.show_error(tr("Invalid settings"), str(error))
            return
        self.worker.load(preset, self.gen_id)
        self.show_building(panel)  # until the first snapshot of this run is drawn (frames.py)
        panel.run_started(preset)
        if was_playing:
            self.worker.play()
        self._sync_play_action(was_playing)

    def play(self) -> None:
        self.viewing_history = None
        self.worker.play()
        self._sync_play_action(True)

    def toggle_play(self) -> None:
        if self.worker.playing:
            self.worker.pause()
            self._sync_play_action(False)
        else:
            self.play()

    def _sync_play_action(self, playing: bool) -> None:
        self.act_play.setText(tr("Pause") if playing else tr("Play"))

    def step_forward(self) -> None:
        history = self.worker.history_snapshots()
        if self.viewing_history is not None and self.viewing_history < len(history) - 1:
            self.viewing_history += 1
            self._draw(history[self.viewing_history])
            return
        self.viewing_history = None
        self.worker.step(1)
        self._sync_play_action(False)

    def step_back(self) -> None:
        self.worker.pause()
        self._sync_play_action(False)
        history = self.worker.history_snapshots()
        if not history:
            return
        index = (len(history) - 1 if self.viewing_history is None else self.viewing_history) - 1
        if index < 0:
            self.show_message(tr("no earlier snapshot kept"))
            return
        self.viewing_history = index
        self._draw(history[index])
        self.show_message(tr("viewing step {step} (Right to go forward, Space to resume)").format(step=history[index].step))

    def reset(self) -> None:
        self.worker.pause()
        self._sync_play_action(False)
        self.restart()

    # Undo / redo of the current panel's settings ---------------------------------------------------------
    def undo(self) -> None:
        if not self.state().undo():
            self.show_message(tr("nothing to undo"))

    def redo(self) -> None:
        if not self.state().redo():
            self.show_message(tr("nothing to redo"))

    def _sync_undo_actions(self) -> None:
        state = self.states.get(self.current_key)
        self.act_undo.setEnabled(state is not None and state.can_undo())
        self.act_redo.setEnabled(state is not None and state.can_redo())

    # Switching tabs, and what the worker reports ---------------------------------------------------------
    def _on_tabs_changed(self, index: int) -> None:
        if not 0 <= index < len(self.specs):
            return
        self.worker.pause()
        self._sync_play_action(False)
        key = self.specs[index].key
        self.panel(key)
        self._show_envelope(self.states[key].preset)
        self._sync_undo_actions()
        self.restart()

    def _on_worker_events(self) -> None:
        """What the worker reported since the last frame: the device, a run that stopped, diverged or finished."""
        for event in self.worker.take_events():
            if event.gen_id not in (0, self.gen_id) and event.kind != "device":
                continue
            if event.kind == "device":
                self.device_name = event.text
                self.status_device.setText(tr("device: {device}").format(device=event.text))
            elif event.kind == "error":
                self.hide_building(event.gen_id or None)
                self._sync_play_action(False)
                self.show_error(tr("The run stopped"), tr_message(event.text), event.details)
            elif event.kind == "diverged":
                self._sync_play_action(False)
                self.show_message(tr("{text} (paused; change a setting or press R)").format(text=tr_message(event.text)))
            elif event.kind == "called":
                self.show_message(tr_message(event.text))
            elif event.kind == "finished":
                self._sync_play_action(False)
                self.show_message(tr_message(event.text))
