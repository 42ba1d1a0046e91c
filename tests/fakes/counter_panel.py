import pyqtgraph as pg

from widgets.form import ConfigForm
from widgets.live_plot import make_plot
from widgets.panels.base import PanelBase

from tests.fakes.counter.config import CounterConfig


class Panel(PanelBase):
    key = "counter"

    def __init__(self, config=None, parent=None):
        super().__init__(config, parent)
        self.form = ConfigForm(CounterConfig)
        self.bind_form(self.form)
        self.show_config(self.config())
        self.controls_layout.addWidget(self.form)
        self.plot = make_plot("value", "step", "value")
        self.curve = self.plot.plot([], [], pen=pg.mkPen("#E69F00", width=4))
        self.view_layout.addWidget(self.plot)
        self.steps, self.values = [], []
        self.drawn_steps = []

    def show_snapshot(self, snap):
        self.drawn_steps.append(snap.step)
        self.steps.append(snap.step)
        self.values.append(snap.metrics["value"])
        self.curve.setData(self.steps, self.values)

    def clear(self):
        self.steps, self.values = [], []
        self.curve.setData([], [])
