"""Write docs/presets.md: the preset format, and one real shipped example per panel."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playground import registry  # noqa: E402
from playground.presets import CURRENT_SCHEMA_VERSION, shipped_presets  # noqa: E402

INTRO = f"""# Presets

A preset is one JSON file that holds everything a person set up in one panel. Saving writes it
atomically (a temp file, then a rename); loading is JSON + validation, never unpickling.

| field | meaning |
| --- | --- |
| `schema_version` | format version, now {CURRENT_SCHEMA_VERSION}; older files are migrated on load, newer ones refused |
| `panel` | which panel: {", ".join(f"`{s.key}`" for s in registry.panels())} |
| `title` | shown in the gallery and the window title |
| `notes` | markdown lesson text shown beside the panel; `$...$` and `$$...$$` are drawn as math |
| `seed` | the random seed: the same preset and seed give the same numbers in the app and `playground run` |
| `device` | `auto` (cuda, then mps, then cpu), `cpu`, `cuda`, `cuda:N` or `mps` |
| `config` | the panel's settings; unknown keys and out-of-range values are refused |

Check a file with `playground validate FILE`; print the full JSON Schema with `playground schema`.
A bad file gets one message naming the file, the field and the reason, for example:

```
INVALID lesson.json: invalid preset:
  config.rate: Input should be less than or equal to 100
```

## One example per panel
"""


def main() -> int:
    parts = [INTRO]
    seen = set()
    for path in shipped_presets():
        key = path.parent.name
        if key in seen:
            continue
        seen.add(key)
        data = json.loads(path.read_text())
        if len(data.get("notes", "")) > 300:
            data["notes"] = data["notes"][:300] + " ..."
        parts.append(f"### `{key}`: `presets/{key}/{path.name}`\n\n```json\n{json.dumps(data, indent=2, ensure_ascii=False)}\n```\n")
    (ROOT / "docs" / "presets.md").write_text("\n".join(parts))
    print(f"wrote docs/presets.md with {len(seen)} examples")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
