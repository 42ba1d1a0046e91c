"""Pictures of every shipped preset, offscreen, with the layout checks of widgets/layout_checks.py.

``playground shots`` (and ``make shots``) opens one main window offscreen (no X server), and for
each variant (size x theme or presentation x language) and each preset: opens the preset, draws a
fixed number of steps, grabs the window to a PNG and runs the layout checks on what is shown. It
writes the PNGs, ``findings.json``, ``summary.txt`` and ``contact_sheet.html`` (thumbnails grouped
by preset, each with its findings) into the output folder.

How a run is advanced, so that pictures are the same every time: the harness does not play the
preset through the worker (the host process paces itself by the clock, so how far a run got at
any moment would vary). It builds the preset's engine in this process on the CPU, drives
``playground.engine.run`` by ``steps`` steps in a few fixed chunks and hands each snapshot to the
panel's ``show_snapshot``, as the window's frame timer would. Engines compute the same whatever
the chunks (``advance(a); advance(b) == advance(a + b)``), so the picture is the app's at that step.
"""

from __future__ import annotations

import html
import json
import os
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SIZES = ((1500, 920), (1280, 720))
DEFAULT_STEPS = 60
DRAWS_PER_RUN = 4  # snapshots drawn on the way to the last one (panels that keep state across frames see several)
THUMB_WIDTH = 360


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    theme: str  # "light" or "dark"; presentation is always dark
    presenting: bool
    language: str

    @property
    def name(self) -> str:
        look = "presentation" if self.presenting else self.theme
        return f"{self.width}x{self.height}-{look}-{self.language}"


@dataclass
class Shot:
    preset: str  # panel/name
    variant: Variant
    png: str = ""  # relative to the output folder
    step: int = 0
    findings: list = field(default_factory=list)  # layout_checks.Finding
    error: str = ""
    seconds: float = 0.0


def variants(sizes, themes, presentation: bool, languages) -> list[Variant]:
    """Every combination asked for: each theme, plus presentation mode when asked, per size and language."""
    out = []
    for width, height in sizes:
        for language in languages:
            out += [Variant(width, height, theme, False, language) for theme in themes]
            if presentation:
                out.append(Variant(width, height, "dark", True, language))
    return out


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        try:
            width, height = (int(v) for v in part.lower().split("x"))
        except ValueError:
            raise ValueError(f"--sizes: {part!r} is not WIDTHxHEIGHT (e.g. 1280x720)") from None
        if not (200 <= width <= 8000 and 200 <= height <= 8000):
            raise ValueError(f"--sizes: {part!r} is outside 200x200 .. 8000x8000")
        sizes.append((width, height))
    return sizes


def select_presets(names: list[str] | None) -> list[Path]:
    """Shipped presets by name (``lr_too_large``), by panel/name, by panel (all of its), or files."""
    from playground.presets import find_preset, shipped_presets

    shipped = shipped_presets()
    if not names:
        return shipped
    chosen: list[Path] = []
    for name in names:
        matches = [p for p in shipped if name in (p.stem, f"{p.parent.name}/{p.stem}", p.parent.name)]
        chosen += matches or [Path(find_preset(name))]
    return list(dict.fromkeys(chosen))


# The window ----------------------------------------------------------------------------------------
def open_window(size: tuple[int, int]):
    """The main window, offscreen, built, its frame timer stopped and its worker never loading a run."""
    from PySide6.QtWidgets import QApplication

    from widgets.main_window import MainWindow

    window = MainWindow(recover=False)
    window.frame_timer.stop()  # the harness draws; a late host snapshot must not draw over it
    # The harness runs each preset itself (see the module's docstring): the host builds nothing.
    window.worker.load = lambda preset, gen_id: None
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    return window


def apply_variant(window, variant: Variant) -> None:
    from PySide6.QtCore import Qt

    if window.language != variant.language:
        window.set_language(variant.language)
    if window.presenting != variant.presenting:
        window.set_presentation(variant.presenting)
    if variant.presenting:
        window.setWindowState(Qt.WindowState.WindowNoState)  # full screen would take the screen's size
    else:
        window.apply_look(theme_name=variant.theme)
    window.resize(variant.width, variant.height)
    _settle()


def _settle(rounds: int = 3) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):
        QApplication.processEvents()


def draw_preset(window, path: Path, steps: int) -> int:
    """Open the preset in the window and draw ``steps`` steps of it (or up to its end); the last step."""
    from playground.data_paths import bind_data_paths
    from playground.engine import build_engine, run
    from playground.presets import load_preset

    preset = bind_data_paths(load_preset(path), path).model_copy(update={"device": "cpu"})
    window.apply_preset(preset, path)
    panel = window.panel(preset.panel)
    engine = build_engine(preset, gen_id=window.gen_id)
    _few_torch_threads()
    gen = run(engine)
    snap = next(gen)
    panel.show_snapshot(snap)
    chunk = max(1, steps // DRAWS_PER_RUN)
    while snap.step < steps and not snap.done:
        try:
            snap = gen.send(min(chunk, steps - snap.step))
        except StopIteration:
            break
        panel.show_snapshot(snap)
        if snap.diverged:
            break
    window.drawn = snap
    window.hide_building()  # drawn here, not by the host's first snapshot: the picture shows the plots
    window.status_step.setText(f"step {snap.step:,}")
    from widgets.i18n import tr

    window.status_device.setText(tr("device: {device}").format(device=engine.ctx.device))  # the host, which would say it, runs nothing here
    return snap.step


def _few_torch_threads() -> None:
    torch = sys.modules.get("torch")
    if torch is not None and torch.get_num_threads() > 2:
        torch.set_num_threads(2)  # the GUI thread paints between runs; see DESIGN.md


def grab_window(window):
    """The window as a QImage, after pyqtgraph has ranged and laid out what was drawn."""
    window.grab()  # the first paint ranges the views; axes re-lay out after it
    _settle()
    return window.grab().toImage()


def view_image(window, image):
    """A function giving the part of ``image`` (the window's grab) under a view, for the contrast check."""
    from PySide6.QtCore import QPoint, QRect

    ratio = image.width() / max(1, window.width())

    def crop(view):
        corner = view.mapTo(window, QPoint(0, 0))
        rect = QRect(int(corner.x() * ratio), int(corner.y() * ratio), int(view.width() * ratio), int(view.height() * ratio))
        return image.copy(rect)
    return crop


# The run over presets and variants --------------------------------------------------------------------
def render_shots(presets: list[Path], variant_list: list[Variant], steps: int, out: Path,
                 report=None) -> list[Shot]:
    """Every preset in every variant: PNGs under ``out/<variant>/``; the shots with their findings."""
    from widgets.layout_checks import Finding, check_window

    report = report or (lambda line: None)
    out.mkdir(parents=True, exist_ok=True)
    window = open_window((variant_list[0].width, variant_list[0].height))
    shots: list[Shot] = []
    total = len(presets) * len(variant_list)
    try:
        for variant in variant_list:
            apply_variant(window, variant)
            (out / variant.name).mkdir(exist_ok=True)
            for path in presets:
                shot = Shot(f"{path.parent.name}/{path.stem}", variant)
                started = time.perf_counter()
                try:
                    shot.step = draw_preset(window, path, steps)
                    image = grab_window(window)
                    shot.png = f"{variant.name}/{path.parent.name}__{path.stem}.png"
                    image.save(str(out / shot.png))
                    shot.findings = check_window(window, has_data=shot.step > 0, image_of=view_image(window, image))
                except Exception as error:  # one preset that fails to draw must not stop the sheet
                    shot.error = f"{type(error).__name__}: {error}"
                    shot.findings = [Finding("error", shot.preset, shot.error)]
                    report(traceback.format_exc())
                shot.seconds = time.perf_counter() - started
                shots.append(shot)
                report(f"[{len(shots)}/{total}] {variant.name} {shot.preset}: step {shot.step}, "
                       f"{len(shot.findings)} finding(s) ({shot.seconds:.1f} s)")
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()
        _settle()
    return shots


# What it writes -------------------------------------------------------------------------------------
def summary_lines(shots: list[Shot], worst: int = 10) -> list[str]:
    kinds = Counter(f.kind for shot in shots for f in shot.findings)
    per_preset = Counter()
    for shot in shots:
        per_preset[shot.preset] += len(shot.findings)
    lines = [f"{len(shots)} shots, {sum(kinds.values())} findings"]
    lines += [f"  {kind:24s} {count}" for kind, count in kinds.most_common()]
    lines.append(f"worst presets (findings over all variants):")
    lines += [f"  {count:4d}  {name}" for name, count in per_preset.most_common(worst) if count]
    return lines


def write_reports(shots: list[Shot], out: Path) -> Path:
    """findings.json, summary.txt and contact_sheet.html in ``out``; the sheet's path."""
    records = [{"preset": s.preset, "variant": s.variant.name, "png": s.png, "step": s.step, "error": s.error,
                "seconds": round(s.seconds, 2),
                "findings": [{"kind": f.kind, "where": f.where, "text": f.text} for f in s.findings]} for s in shots]
    (out / "findings.json").write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "summary.txt").write_text("\n".join(summary_lines(shots)) + "\n", encoding="utf-8")
    sheet = out / "contact_sheet.html"
    sheet.write_text(contact_sheet_html(shots), encoding="utf-8")
    return sheet


SHEET_STYLE = """
body { font-family: sans-serif; margin: 1em; background: #fafafa; color: #1a1a1a; }
h2 { margin: 1.2em 0 0.3em; font-size: 1.1em; }
.row { display: flex; flex-wrap: wrap; gap: 12px; }
figure { margin: 0; width: %dpx; background: #fff; border: 1px solid #ccc; padding: 6px; }
figure img { width: 100%%; display: block; }
figcaption { font-size: 12px; }
.ok { color: #1b5e20; } .bad { color: #b71c1c; }
ul { padding-left: 1.2em; margin: 0.3em 0; }
""" % THUMB_WIDTH


def contact_sheet_html(shots: list[Shot]) -> str:
    """A grid of thumbnails, one row per preset, each linking to its full picture with its findings."""
    by_preset: dict[str, list[Shot]] = {}
    for shot in shots:
        by_preset.setdefault(shot.preset, []).append(shot)
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>Playground pictures</title>",
             f"<style>{SHEET_STYLE}</style></head><body><h1>Playground pictures</h1>",
             "<pre>" + html.escape("\n".join(summary_lines(shots))) + "</pre>"]
    for preset, group in by_preset.items():
        parts.append(f"<h2 id='{html.escape(preset)}'>{html.escape(preset)}</h2><div class='row'>")
        parts += [_figure(shot) for shot in group]
        parts.append("</div>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _figure(shot: Shot) -> str:
    image = (f"<a href='{html.escape(shot.png)}'><img loading='lazy' src='{html.escape(shot.png)}' "
             f"alt='{html.escape(shot.preset)} {shot.variant.name}'></a>") if shot.png else ""
    if shot.findings:
        items = "".join(f"<li><b>{html.escape(f.kind)}</b> {html.escape(f.where)}: {html.escape(f.text)}</li>"
                        for f in shot.findings)
        verdict = f"<span class='bad'>{len(shot.findings)} finding(s)</span><ul>{items}</ul>"
    else:
        verdict = "<span class='ok'>no findings</span>"
    return (f"<figure>{image}<figcaption><b>{shot.variant.name}</b>, step {shot.step}<br>{verdict}"
            f"</figcaption></figure>")


# The command -------------------------------------------------------------------------------------------
def main(args) -> int:
    """``playground shots``: ``args`` from playground/cli.py's parser."""
    if args.steps < 0:
        raise ValueError("--steps must be 0 or more")
    sizes = parse_sizes(args.sizes)
    themes = [t.strip() for t in args.themes.split(",") if t.strip()]
    languages = [c.strip() for c in args.languages.split(",") if c.strip()]
    _check_choices(themes, languages)
    presets = select_presets(args.presets)
    variant_list = variants(sizes, themes, args.presentation, languages)
    if not variant_list:
        raise ValueError("nothing to render: give at least one theme, or --presentation")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no X server; never a window on a desktop
    os.environ.setdefault("PLAYGROUND_NO_AUTOSAVE_PROMPT", "1")
    if "PLAYGROUND_DATA_DIR" not in os.environ:  # the user's settings and autosaves stay untouched
        import tempfile

        os.environ["PLAYGROUND_DATA_DIR"] = tempfile.mkdtemp(prefix="playground-shots-")

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Deep Learning Playground")
    out = Path(args.out)
    shots = render_shots(presets, variant_list, args.steps, out, report=lambda line: print(line, file=sys.stderr))
    sheet = write_reports(shots, out)
    print("\n".join(summary_lines(shots)))
    print(f"-> {sheet}")
    return 0


def _check_choices(themes: list[str], languages: list[str]) -> None:
    from widgets.i18n import LANGUAGES
    from widgets.theme import THEMES

    for theme in themes:
        if theme not in THEMES:
            raise ValueError(f"--themes: no theme {theme!r} (there are {', '.join(THEMES)})")
    for language in languages:
        if language not in LANGUAGES:
            raise ValueError(f"--languages: no language {language!r} (there are {', '.join(LANGUAGES)})")
