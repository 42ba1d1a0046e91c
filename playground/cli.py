"""The command line: ``playground [PRESET]`` opens the window; the subcommands run headless.

    playground run PRESET [--steps N] --out DIR run a preset without Qt, write metrics.csv and result.json
                      [--allow-data PATH]       (and let it read a data file outside its own folder)
    playground validate PRESET...               check files and say exactly what is wrong
    playground presets                          list the shipped presets
    playground schema [--markdown]              print the presets' JSON Schema (or docs/presets.md)
    playground shots [--out DIR] [--presets ...] pictures of presets offscreen, layout checks, contact sheet

The subcommands never import Qt; only opening the window (lazily, through ``widgets.app``) and
``shots`` (through ``widgets.shots``) do.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import sys
import time
from pathlib import Path
from typing import Any, Sequence

from playground import __version__

SUBCOMMANDS = {"run", "validate", "presets", "schema", "shots"}
OPEN_ENDED_STEPS = 1000  # what `run` does, without --steps, for a preset that runs until stopped
WINDOW_OPTIONS = ("--panel", "--play", "--no-recover")  # options of the window (widgets/app.py), not of a subcommand


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="playground", description="A deep-learning playground. "
                                     "With no subcommand (or a preset file) it opens the window.")
    parser.add_argument("--version", action="version", version=f"playground {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run a preset headless and write metrics.csv and result.json",
                         epilog=_steps_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("preset", help="a preset file, or the name of a shipped preset")
    run.add_argument("--steps", type=int, default=None,
                     help="steps to run (default: to the preset's end, where it has one; "
                     f"else {OPEN_ENDED_STEPS}); what a step is depends on the panel, see below")
    run.add_argument("--out", default="out", help="output folder (default ./out)")
    run.add_argument("--every", type=int, default=0, help="record a metrics row every K steps (default: about 1000 rows)")
    run.add_argument("--device", default=None, help="override the preset's device (auto, cpu, cuda, mps)")
    run.add_argument("--seed", type=int, default=None, help="override the preset's seed")
    run.add_argument("--allow-data", action="append", default=[], metavar="PATH",
                     help="let the preset read this data file (or files in this folder) outside the preset's "
                          "own folder; may be repeated")
    val = sub.add_parser("validate", help="check preset files")
    val.add_argument("presets", nargs="+")
    sub.add_parser("presets", help="list the shipped presets")
    schema = sub.add_parser("schema", help="print the JSON Schema of presets")
    schema.add_argument("--markdown", action="store_true", help="print the field reference of docs/presets.md instead")
    _add_shots_parser(sub)
    return parser


def _add_shots_parser(sub) -> None:
    shots = sub.add_parser("shots", help="render presets offscreen to PNGs with layout checks and a contact sheet "
                                         "(docs/pictures.md)")
    shots.add_argument("--out", default="shots", help="output folder (default ./shots)")
    shots.add_argument("--presets", nargs="+", default=None, metavar="NAME",
                       help="shipped preset names, panel/name, panel keys or files (default: every shipped preset)")
    shots.add_argument("--sizes", default="1500x920,1280x720", help="window sizes (default 1500x920,1280x720)")
    shots.add_argument("--themes", default="light,dark", help="themes (default light,dark)")
    shots.add_argument("--presentation", action="store_true", help="also render in presentation mode")
    shots.add_argument("--languages", default="en,zh_CN", help="UI languages (default en,zh_CN)")
    shots.add_argument("--steps", type=int, default=60, help="steps drawn before each picture (default 60)")


def _steps_epilog() -> str:
    """One line per panel: what one step is, and where a run of that panel ends by itself."""
    from playground import registry

    lines = ["what one step is, per panel:"]
    lines += [f"  {spec.key:11s} {spec.step}" for spec in registry.panels()]
    return "\n".join(lines)


class _Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.enabled = sys.stderr.isatty()
        self.last = 0.0

    def update(self, done: int, force: bool = False) -> None:
        now = time.perf_counter()
        if not self.enabled or (not force and now - self.last < 0.1):
            return
        self.last = now
        width = 30
        filled = int(width * done / max(1, self.total))
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} steps")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _json_safe(value: Any) -> Any:
    """result.json must be strict JSON: NaN/inf become strings."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if hasattr(value, "tolist"):
        return _json_safe(value.tolist())
    return value


def run_headless(preset, steps: int | None, out: Path, every: int = 0, progress: bool = True) -> dict[str, Any]:
    """Run ``steps`` steps of a preset (None: to its natural end, or OPEN_ENDED_STEPS for a preset
    that has none); write metrics.csv and result.json into ``out``."""
    from playground.engine import build_engine, run
    from playground.files import atomic_write_text, csv_text

    engine = build_engine(preset)
    natural = engine.natural_length()
    limit = steps if steps is not None else natural if natural is not None else OPEN_ENDED_STEPS
    every = every or max(1, limit // 1000)
    gen = run(engine)
    snap = next(gen)
    rows = [(snap.step, dict(snap.metrics))]
    bar = _Progress(limit) if progress else None
    started = time.perf_counter()
    diverged = None
    while snap.step < limit and not snap.done:
        snap = gen.send(min(every, limit - snap.step))
        rows.append((snap.step, dict(snap.metrics)))
        if bar:
            bar.update(snap.step)
        diverged = snap.divergence()
        if diverged:
            break
    elapsed = time.perf_counter() - started
    if bar:
        bar.update(snap.step, force=True)
        bar.close()
    out.mkdir(parents=True, exist_ok=True)
    names = sorted({name for _, metrics in rows for name in metrics})
    # A metric's name can be a user's label: csv_text quotes one a spreadsheet would run as a formula.
    atomic_write_text(out / "metrics.csv", csv_text(
        ["step", *names], ([step, *(repr(metrics.get(n, float("nan"))) for n in names)] for step, metrics in rows)))
    result = {
        "panel": preset.panel,
        "title": preset.title,
        "seed": preset.seed,
        "device": engine.ctx.device,
        "steps": snap.step,
        "finished": snap.done,  # False: stopped by --steps (or a divergence) before the preset's end
        "natural_length": natural,  # the most steps the preset can take; null: it runs until stopped
        "elapsed_s": round(elapsed, 4),
        "steps_per_s": round(snap.step / elapsed, 2) if elapsed > 0 else None,
        "diverged": diverged,
        **engine.result(),
    }
    atomic_write_text(out / "result.json", json.dumps(_json_safe(result), indent=2) + "\n")
    return result


def _cmd_run(args) -> int:
    from playground.data_paths import check_data_paths
    from playground.presets import find_preset, load_preset

    path = find_preset(args.preset)
    preset = check_data_paths(load_preset(path), path, args.allow_data)
    updates = {k: v for k, v in (("device", args.device), ("seed", args.seed)) if v is not None}
    if updates:
        preset = preset.model_copy(update=updates)
    if args.steps is not None and args.steps < 1:
        raise ValueError("--steps must be at least 1")
    result = run_headless(preset, args.steps, Path(args.out), args.every)
    print(f"{preset.panel}: {result['steps']} steps in {result['elapsed_s']} s on {result['device']} "
          f"-> {Path(args.out) / 'metrics.csv'}, {Path(args.out) / 'result.json'}")
    if result["diverged"]:
        print(result["diverged"], file=sys.stderr)
    elif not result["finished"]:
        print(_unfinished_note(result["natural_length"], args.steps), file=sys.stderr)
    return 0


def _unfinished_note(natural: int | None, steps: int | None) -> str:
    """Why a run stopped short of an end, so a summary of it is not read as the whole preset's."""
    if natural is None:
        return (f"note: this preset runs until stopped; it ran the {steps or OPEN_ENDED_STEPS} steps asked "
                "for (set --steps for more)")
    return (f"note: stopped by --steps before the preset's end (it ends within {natural} steps); "
            "leave out --steps to run it to the end")


def _cmd_validate(args) -> int:
    from playground.presets import PresetError, load_preset

    failures = 0
    for name in args.presets:
        try:
            preset = load_preset(name)
        except PresetError as error:
            failures += 1
            print(f"INVALID {error}", file=sys.stderr)
        except Exception as error:  # a bug of ours must not stop the files after this one going unchecked
            failures += 1
            print(f"INVALID {name}: cannot check this file ({type(error).__name__}: {error})", file=sys.stderr)
        else:
            print(f"OK {name}: panel {preset.panel!r}, {preset.title!r}")
    return 1 if failures else 0


def _cmd_presets(_args) -> int:
    from playground.presets import PresetError, load_preset, shipped_presets

    for path in shipped_presets():
        try:
            title = load_preset(path).title
        except PresetError as error:
            title = f"(invalid: {error})"
        print(f"{path.parent.name}/{path.stem:32s} {title}")
    return 0


def _cmd_schema(args) -> int:
    if args.markdown:
        from playground.preset_docs import render_markdown

        sys.stdout.write(render_markdown())
        return 0
    from playground.presets import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def _cmd_shots(args) -> int:
    # The one subcommand that needs Qt: imported only here.
    return importlib.import_module("widgets.shots").main(args)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    opens_window = not argv or (argv[0] not in SUBCOMMANDS and not argv[0].startswith("-")) or \
        argv[0].split("=")[0] in WINDOW_OPTIONS
    if opens_window:
        # No subcommand: open the window (the only path that imports Qt).
        return importlib.import_module("widgets.app").main(argv)
    args = _parser().parse_args(argv)
    from playground.engine import EngineError
    from playground.presets import PresetError

    handlers = {"run": _cmd_run, "validate": _cmd_validate, "presets": _cmd_presets, "schema": _cmd_schema,
                "shots": _cmd_shots}
    try:
        return handlers[args.command](args)
    except (PresetError, EngineError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
