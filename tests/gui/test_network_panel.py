"""The Network panel draws its graph, boundary and training plots; edits emit config_changed; config round-trips."""

import numpy as np
import pytest

from playground.engine import RunContext, run
from playground.nets.config import LayerConfig, NetworkConfig
from playground.nets.engine import make_engine
from tests.gui.pixels import non_background_pixels


def make_panel(qtbot, config=None):
    from widgets.panels.network_panel import Panel

    panel = Panel(config)
    qtbot.addWidget(panel)
    panel.resize(1400, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def drive(panel, config, chunks=3, n=25, seed=0):
    gen = run(make_engine(config, RunContext(seed=seed)))
    snap = next(gen)
    for _ in range(chunks):
        snap = gen.send(n)
    panel.show_snapshot(snap)
    return snap


CFG = NetworkConfig(dataset="spiral", hidden=[LayerConfig(width=6), LayerConfig(width=4, activation="relu")],
                    x1x2=True, optimizer="Adam", lr=0.01)


def test_panel_draws_graph_boundary_and_curves(qtbot):
    panel = make_panel(qtbot, CFG)
    views = panel.views
    empty = {name: non_background_pixels(w, 3) for name, w in
             (("graph", views.graph), ("boundary", views.boundary), ("loss", views.training.loss))}
    drive(panel, CFG)
    qtbot.wait(50)
    assert len(views.graph.tiles) == 3 + 6 + 4 + 1
    assert non_background_pixels(views.graph, 3) > empty["graph"] + 1500
    assert non_background_pixels(views.boundary, 3) > empty["boundary"] + 3000
    xs, ys = views.training.loss_curves[0].getData()
    assert list(xs) == [0, 1, 2, 3] and ys[-1] < ys[0]  # three epochs of 25 minibatches, the loss fell
    assert non_background_pixels(views.training.acts, 3) > 1500
    assert len(views.graph.values) == 3 * 6 + 6 * 4 + 4
    panel.clear()


def test_digits_show_the_confusion_matrix(qtbot):
    cfg = NetworkConfig(dataset="digits", hidden=[LayerConfig(width=12, activation="relu")], optimizer="Adam",
                        lr=0.01, batch_size=64)
    panel = make_panel(qtbot, cfg)
    drive(panel, cfg, 2, 20)
    qtbot.wait(50)
    assert panel.views.right.currentWidget() is panel.views.digits
    assert non_background_pixels(panel.views.digits.confusion, 3) > 1500
    assert panel.views.digits.digit_labels[0].toPlainText()


def test_config_round_trip_and_edits_emit(qtbot):
    panel = make_panel(qtbot)
    cfg = CFG.model_copy(update={"residual": True, "l2": 0.001, "hidden": [
        LayerConfig(width=5, activation="gelu", dropout=0.25, batch_norm=True), LayerConfig(width=3)]})
    panel.set_config(cfg)
    assert panel.config() == cfg
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        panel.layer_editor.count.setValue(4)
    assert len(panel.config().hidden) == 4 and panel.config().hidden[3].width == 3
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        panel.feature_form.editors["sin_x1"].setChecked(True)
    assert panel.config().sin_x1
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        panel.layer_editor.rows[0][1].setCurrentIndex(panel.layer_editor.rows[0][1].findData("sigmoid"))
    assert panel.config().hidden[0].activation == "sigmoid"


def test_bad_csv_is_refused_with_a_message_and_nothing_changes(qtbot, tmp_path):
    panel = make_panel(qtbot, CFG)
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,1\n1,x,0\n")
    messages = []
    panel.message.connect(messages.append)
    assert not panel.load_csv(str(bad))
    assert panel.config() == CFG and "line 2, column 2: not a number" in messages[-1]
    good = tmp_path / "good.csv"
    good.write_text("\n".join(f"{x},{-x},{int(x > 0)}" for x in np.linspace(-3, 3, 20)))
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        assert panel.load_csv(str(good))
    assert panel.config().dataset == "csv" and panel.config().csv_path == str(good)


def test_export_button_path_writes_a_script(qtbot, tmp_path):
    panel = make_panel(qtbot, CFG)
    messages = []
    panel.message.connect(messages.append)
    panel.export_script(str(tmp_path / "net.py"))
    text = (tmp_path / "net.py").read_text()
    compile(text, "net.py", "exec")
    assert "Block(3, 6, nn.Tanh()" in text and "torch.optim.Adam" in text and "saved" in messages[-1]


def test_export_writes_the_script_of_the_run_the_window_started(qtbot, tmp_path):
    from playground.presets import new_preset

    panel = make_panel(qtbot, CFG)
    messages = []
    panel.message.connect(messages.append)
    run_config = CFG.model_copy(update={"dataset": "xor", "n_points": 80})
    panel.run_started(new_preset("network", seed=11, config=run_config.model_dump()))
    panel.export_script(str(tmp_path / "net.py"))
    text = (tmp_path / "net.py").read_text()
    assert "\nSEED = 11\n" in text and "on 'xor'" in text
    assert "seed 11" in messages[-1]


def test_tile_colours_are_the_playground_diverging_map():
    import numpy as np

    from widgets.network_views import tile_colours

    rgba = tile_colours(np.array([[-1.0, 0.0, 1.0, np.nan, 5.0]]))
    assert rgba.dtype == np.uint8 and rgba.shape == (1, 5, 4)
    assert tuple(rgba[0, 0]) == (245, 147, 34, 255)  # -1: orange (class 0)
    assert tuple(rgba[0, 2]) == (8, 119, 189, 255)  # +1: blue (class 1)
    assert tuple(rgba[0, 4]) == tuple(rgba[0, 2])  # clipped to +1
    assert abs(int(rgba[0, 1, 0]) - 232) <= 2 and tuple(rgba[0, 3]) == tuple(rgba[0, 1])  # 0 and NaN: the light middle


def test_every_neuron_map_lands_in_its_own_tile_of_the_one_image(qtbot):
    from widgets.network_views import tile_colours

    panel = make_panel(qtbot, CFG)
    snap = drive(panel, CFG)
    graph = panel.views.graph
    res = snap.arrays["maps_1"].shape[-1]
    canvas = graph.canvas
    origin = canvas.mapRectToParent(canvas.boundingRect()).topLeft()
    tiles = iter(graph.tiles)
    maps = [snap.arrays[f"maps_{i}"] for i in range(3)] + [snap.arrays["boundary"][None]]
    for layer_maps in maps:  # inputs (3 features), 6 and 4 hidden neurons, the output (the boundary)
        for neuron_map in layer_maps:
            rect = next(tiles)
            # The tile's top-left pixel (its smallest x and y) is where that rectangle starts.
            col = round((rect.left() - origin.x()) * res)
            row = round((rect.top() - origin.y()) * res)
            expected = tile_colours(neuron_map)
            assert np.array_equal(graph.canvas_rgba[row:row + res, col:col + res], expected)
    gaps = graph.canvas_rgba[..., 3] == 0
    assert 0.3 < gaps.mean() < 0.95  # between the tiles the image is transparent: the edges show there
    assert next(tiles, None) is None
