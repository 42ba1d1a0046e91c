"""Run every benchmark script and write what they print into docs/performance.md.

    python benchmarks/run_all.py            all of them
    python benchmarks/run_all.py app rnn    only bench_app.py and bench_rnn.py

Exits non-zero when any benchmark missed its goal, so it can gate a release.
"""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOC = HERE.parent / "docs" / "performance.md"


def main(only: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if only:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in only]
    sections, failed = [], []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, str(script)], cwd=HERE, capture_output=True, text=True, timeout=1800)
        output = (done.stdout + done.stderr).strip()
        print(output, flush=True)
        took = time.perf_counter() - start
        status = "ok" if done.returncode == 0 else f"MISSED A GOAL (exit {done.returncode})"
        if done.returncode:
            failed.append(script.name)
        sections.append(f"## {script.name}: {status}, {took:.0f} s\n\n```\n{output}\n```\n")
    import torch

    header = (f"# Performance\n\nMeasured by `python benchmarks/run_all.py` on {platform.node()} "
              f"({platform.processor() or platform.machine()}, {__import__('os').cpu_count()} cores), "
              f"Python {platform.python_version()}, torch {torch.__version__}, "
              f"CUDA {'yes: ' + torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'no'}, "
              f"{time.strftime('%Y-%m-%d')}.\n\n")
    sys.path.insert(0, str(HERE))
    from bench_app import app_table, read_results

    table = "## App (issue 11 goals)\n\nEach panel's heaviest shipped preset (fewest headless steps/s), CPU, plots live, " \
            "offscreen. `python benchmarks/bench_app.py stability` adds the 20,000-repaint run.\n\n" + app_table(read_results())
    notes = (HERE / "performance_notes.md").read_text() if (HERE / "performance_notes.md").exists() else ""
    DOC.write_text(header + table + "\n" + notes + "\n" + "\n".join(sections))
    print(f"wrote {DOC}; missed: {failed or 'none'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
