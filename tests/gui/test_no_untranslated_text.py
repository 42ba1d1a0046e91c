"""In 简体中文 no user-visible text of the window is left in English.

The window is switched to 简体中文, then every panel is opened with one shipped preset per mode
(each page of the modal panels) and stepped, so plots have data and status lines are set. Every
visible widget text (labels, buttons, group boxes, collapsible headers, tabs, combo items,
table headers, placeholders), the window title, the status bar, the menus and every text item
of every visible pyqtgraph scene (plot titles, axis labels, legends, text items) is collected.
A text counts as English when, after taking out technical tokens (optimizer and model names,
units, variable names), it still holds a word of three or more ASCII letters.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QListWidget, QMenu, QTabBar, QTableWidget, QWidget,
)

from playground.presets import shipped_presets

# Names a Chinese textbook writes in Latin letters too: models, algorithms, libraries, file kinds.
TECHNICAL = {
    "SGD", "Adam", "AdamW", "RMSprop", "AdaGrad", "Adagrad", "AdaDelta", "Adadelta", "Nesterov", "NAG", "LSTM",
    "GRU", "RNN", "IRNN", "VAE", "GAN", "WGAN", "WGAN-GP", "UCB", "ETC", "DQN", "CartPole", "FrozenLake", "PCA",
    "KL", "ELBO", "MLP", "CNN", "LeNet", "ReLU", "tanh", "sigmoid", "softmax", "PyTorch", "CSV", "PNG", "GIF",
    "MP4", "cuda", "cpu", "mps", "auto", "Transformer", "BPTT", "SARSA", "Sarsa", "Q-learning", "TD", "DP",
    "REC", "fps", "safetensors", "Thompson", "Rosenbrock", "Himmelblau", "Rastrigin", "Beale", "Booth",
    "Gaussian", "Bernoulli", "MNIST", "XOR", "max", "min", "log", "exp", "sin", "cos", "std", "var", "argmax",
    "dim", "conv", "pool", "BN", "FC", "Linear", "Conv2d", "MaxPool", "AvgPool", "sqrt", "abs", "mean",
    "ReLU6", "GELU", "ELU", "LeakyReLU", "FrozenLake-v1", "CartPole-v1", "Bellman", "Jacobian", "Jacobians",
    "lr", "eps", "pos", "PE", "EOS", "BOS", "PAD", "UNK", "inf", "nan", "NaN", "sum", "det", "norm",
    "alpha", "beta", "gamma", "delta", "Delta", "epsilon", "diag", "dropout", "Nadaraya-Watson", "CartPole-v",
    "ring8", "grid25", "ring", "grid", "Sobel", "json", "floor",
    "ms", "GPU", "CPU", "LR", "KB", "MB", "ffmpeg", "Ctrl", "Shift", "Space", "Esc", "Left", "Right",
}
# In tooltips, which explain the settings by the names the code and the presets use.
TECHNICAL |= {"torch", "OpenGL", "Dropout", "rho", "label", "real"}
# Names of the foundations and language panels: activations, a theorem's author, Greek letters, dtypes.
TECHNICAL |= {"Softplus", "softplus", "PReLU", "maxout", "Novikoff", "theta", "float"}
QUOTED = re.compile(r"'[A-Za-z_]+'")  # a config value as a preset spells it: 'drawn', 'custom'
# Deliberately English, with the reason (kept short; every entry says why).
ALLOWED = {
    "English": "the language menu names each language in itself",
}
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
PATH = re.compile(r"(?:[A-Za-z]:)?[\\/][^\s]*|\S+\.(?:json|txt)")  # a file path is the user's own text
MATH = re.compile(r"\$[^$]*\$|\\[A-Za-z]+|<[^>]+>|&[a-z]+;")  # LaTeX, HTML tags and entities

# One shipped preset per panel mode: each page of the modal panels is seen.
PRESETS = {
    "optimizer": ["adam_vs_sgd_rosenbrock", "mlp_landscape"],
    "network": ["xor_needs_a_hidden_layer", "digits_mlp"],
    "rnn": ["vanishing_tanh", "gru_vs_lstm"],
    "generative": ["vae_on_two_moons", "critic_heatmap"],
    "bandits": ["testbed_10_armed"],
    "mdp": ["gridworld_4x4_random_policy", "dqn_cartpole", "seed_3state_mdp"],
    "conv": ["backprop_through_convolution", "padding_and_stride", "edge_detectors", "lenet_on_digits"],
    "attention": ["attention_pooling", "scaled_dot_product", "copy_with_delay", "sinusoidal_encoding",
                  "beam_search"],
    "language": ["char_gru_perplexity", "word_analogies", "seq2seq_attention_vs_none", "bidirectional_sees_the_future"],
    "foundations": ["perceptron_converges", "normal_equations_vs_sgd", "backprop_step_by_step",
                    "gradient_check_catches_a_bug", "kl_is_not_symmetric", "new_activations"],
}


def language_data_words() -> set[str]:
    """The words of the language panel's data: the embedding corpus (its plot and readouts list them)
    and the month names of the dates seq2seq translates. They are the data, not the UI."""
    from playground.language.analogy_corpus import CORPUS_FILE
    from playground.language.dates import MONTHS

    return set(CORPUS_FILE.read_text(encoding="utf-8").split()) | set(MONTHS)


# Per panel: words its data holds, shown as they are (a corpus is not translated).
DATA_WORDS = {"language": language_data_words}


def english_words(text: str, data_words: set[str] = frozenset()) -> list[str]:
    text = QUOTED.sub(" ", MATH.sub(" ", PATH.sub(" ", text)))
    words = [w for w in WORD.findall(text)
             if w not in TECHNICAL and w.strip("-") not in TECHNICAL and w not in data_words]
    return [w for w in words if len(w) >= 3 and not re.fullmatch(r"[A-Za-z]\d*|[A-Z]{1,3}", w)]


def where(widget: QWidget) -> str:
    names = []
    while widget is not None:
        names.append(widget.objectName() or type(widget).__name__)
        widget = widget.parentWidget()
    return "/".join(reversed(names[:4]))


def is_identifier(text: str) -> bool:
    """A combo item that is a config value ('adam', 'kernel_regression', 'x^2 + y^2'); a form's
    choices are shown as the config's own values too (itemData == itemText), as presets spell them."""
    return " " not in text.strip() or bool(re.search(r"[\^*/()=]", text))


def widget_texts(root: QWidget) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.property("user_text"):  # a model's sample: its own text
            continue
        if isinstance(widget, QLabel):
            found.append((where(widget), widget.text()))
        elif isinstance(widget, QAbstractButton):
            found.append((where(widget), widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((where(widget), widget.title()))
        elif isinstance(widget, QTabBar):
            found += [(where(widget), widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            found += [(where(widget), widget.itemText(i)) for i in range(widget.count())
                      if not is_identifier(widget.itemText(i)) and widget.itemData(i) != widget.itemText(i)]
        elif isinstance(widget, QLineEdit) and widget.placeholderText():
            found.append((where(widget), widget.placeholderText()))
        if isinstance(widget, QListWidget):  # the gallery's lesson cards
            found += [(where(widget) + " card", widget.item(i).text()) for i in range(widget.count())]
        if isinstance(widget, QTableWidget):
            for index in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(index)
                if item is not None:
                    found.append((where(widget) + " header", item.text()))
    return found


def tooltip_texts(root: QWidget) -> list[tuple[str, str]]:
    """Tooltips of visible widgets, but those of config forms: test_descriptions_zh checks every
    description (and a description names its config's fields and values, which stay as they are)."""
    from widgets.form import ConfigForm

    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isVisible() and widget.toolTip() and not isinstance(widget.parentWidget(), ConfigForm):
            found.append((where(widget) + " tooltip", widget.toolTip()))
    return found


def scene_texts(root: QWidget) -> list[tuple[str, str]]:
    """Every visible text item of every visible pyqtgraph view: titles, axis labels, legends, text items."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QGraphicsTextItem

    found = []
    for view in root.findChildren(pg.GraphicsView):
        if not view.isVisible() or view.scene() is None:
            continue
        for item in view.scene().items():
            if isinstance(item, QGraphicsTextItem) and item.isVisible():
                text = item.toPlainText()
                if text.endswith("\u2026"):  # an elided title: read the whole, not a word cut in two
                    text = getattr(item.parentItem().parentItem(), "title_full", None) or text
                found.append((where(view) + " plot text", text))
    return found


def menu_texts(window) -> list[tuple[str, str]]:
    found = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            found.append((f"menu {path}", action.text()))
            if action.menu() is not None:
                walk(action.menu(), f"{path} > {action.text()}")

    for action in window.menuBar().actions():
        found.append(("menu bar", action.text()))
        if action.menu() is not None:
            walk(action.menu(), action.text())
    return found


def chrome_texts(window) -> list[tuple[str, str]]:
    return [("window title", window.windowTitle()), ("status bar", window.statusBar().currentMessage()),
            ("notes dock", window.notes_dock.windowTitle()), *menu_texts(window)]


def untranslated(found: list[tuple[str, str]], data_words: set[str] = frozenset()) -> list[str]:
    offenders = []
    for place, text in found:
        if text.strip() in ALLOWED:
            continue
        words = english_words(text.replace("&", ""), data_words)
        if words:
            offenders.append(f"{place}: {text!r} ({' '.join(words)})")
    return sorted(set(offenders))


@pytest.fixture
def chinese_window(qtbot, tmp_path, monkeypatch):
    """The real window (without the tests' fake panel), switched to 简体中文 after it is built."""
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path / "data"))
    from widgets.main_window import MainWindow

    window = MainWindow(recover=False)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitUntil(lambda: window.worker.ready.is_set(), timeout=30000)
    window.set_language("zh_CN")
    window.device_box.setCurrentText("cpu")
    yield window
    window.set_language("en")
    window.shutdown()


def step_preset(window, qtbot, name: str, key: str) -> None:
    path = next(p for p in shipped_presets() if p.parent.name == key and p.stem == name)
    assert window.open_preset_named(str(path))
    window.worker.step(3)
    qtbot.waitUntil(lambda: window.drawn is not None and window.drawn.step >= 1, timeout=60000)
    qtbot.wait(50)


def test_the_window_and_gallery_in_chinese(chinese_window, qtbot):
    window = chinese_window
    found = chrome_texts(window) + widget_texts(window) + tooltip_texts(window)
    window.show_gallery()
    qtbot.wait(20)
    found += widget_texts(window.gallery) + [("notes", window.notes.markdown)]
    assert any(place.endswith("card") for place, _ in found), "the gallery's cards were not read"
    offenders = untranslated(found)
    assert not offenders, "English left in 简体中文:\n" + "\n".join(offenders)


@pytest.mark.parametrize("key", list(PRESETS))
def test_every_panel_in_chinese(chinese_window, qtbot, key):
    window = chinese_window
    found = []
    for name in PRESETS[key]:
        step_preset(window, qtbot, name, key)
        found += [(f"{name}: {place}", text) for place, text in
                  widget_texts(window) + scene_texts(window) + chrome_texts(window) + tooltip_texts(window)]
    offenders = untranslated(found, DATA_WORDS[key]() if key in DATA_WORDS else frozenset())
    assert not offenders, "English left in 简体中文:\n" + "\n".join(offenders)


def test_data_words_pass_only_where_given():
    data = language_data_words()
    assert {"queen", "rome", "march"} <= data
    assert english_words("与 'queen' 最近的词：speak (0.46), rome (0.40)") == ["speak", "rome"]
    assert english_words("与 'queen' 最近的词：speak (0.46), rome (0.40)", data) == []
    assert english_words("训练 with all data", data) == ["data"]
