"""Write docs/presets.md from the preset models (``playground.preset_docs``); ``--check`` only says
whether the file is up to date (exit 1 when it is not)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playground.preset_docs import render_markdown  # noqa: E402

DOC = ROOT / "docs" / "presets.md"


def main(argv: list[str]) -> int:
    text = render_markdown()
    if "--check" in argv:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print("docs/presets.md is out of date: run python scripts/presets_doc.py", file=sys.stderr)
            return 1
        print("docs/presets.md is up to date")
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
