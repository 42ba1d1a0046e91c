"""On a CUDA GPU: which shipped presets make the device synchronise inside ``advance()``.

tests/core/test_gpu.py checks a CPU proxy (no tensor read back inside ``advance``); this is the
real thing: torch's sync debug mode warns on every call that waits for the GPU (``.item()``,
``.cpu()``, a blocking host-to-device copy, ``bincount``'s size read, ...).

    python benchmarks/sync_check.py [rnn/ conv/ ...] [--steps 3] [--json out.json]

Prints one line per preset: the synchronising calls seen during ``advance(steps)`` and where in
``playground/`` they came from. Exits 2 without a CUDA GPU, 1 when any preset synchronised.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import traceback
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from playground.engine import build_engine  # noqa: E402
from playground.presets import load_preset, shipped_presets  # noqa: E402


def syncs_during_advance(engine, steps: int) -> dict[str, int]:
    """'file:line code' of the playground line behind each synchronisation, with its count."""
    seen: collections.Counter[str] = collections.Counter()

    def record(message, category, filename, lineno, file=None, line=None):
        frames = [f for f in traceback.extract_stack() if "playground" in f.filename and "benchmarks" not in f.filename]
        where = f"{frames[-1].filename.split('playground/')[-1]}:{frames[-1].lineno} {frames[-1].line}" if frames else filename
        seen[where] += 1

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = record
        torch.cuda.set_sync_debug_mode("warn")
        try:
            engine.advance(steps)
        finally:
            torch.cuda.set_sync_debug_mode("default")
    return dict(seen)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefixes", nargs="*", help="preset names starting with these (default: all)")
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not torch.cuda.is_available():
        print("needs a CUDA GPU")
        return 2
    report = {}
    for path in shipped_presets():
        name = f"{path.parent.name}/{path.stem}"
        if args.prefixes and not any(name.startswith(p) for p in args.prefixes):
            continue
        engine = build_engine(load_preset(path).model_copy(update={"device": "cuda"}))
        engine.advance(2)  # first steps may build lazily
        torch.cuda.synchronize()
        report[name] = {"device": engine.ctx.device, "syncs": syncs_during_advance(engine, args.steps)}
        print(name, report[name]["device"], report[name]["syncs"] or "no sync", flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 1 if any(r["syncs"] and r["device"] != "cpu" for r in report.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
