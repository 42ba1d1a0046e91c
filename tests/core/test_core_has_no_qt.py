"""The core must import without Qt: every playground module loads with PySide6 blocked."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import playground

BLOCK_QT = """
import sys, importlib, pkgutil
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'PySide6', 'pyqtgraph', 'superqt', 'PyQt5', 'PyQt6', 'shiboken6'}:
            raise ImportError('Qt is blocked in the core: ' + name)
sys.meta_path.insert(0, Block())
import playground
names = [m.name for m in pkgutil.walk_packages(playground.__path__, 'playground.')]
for name in names:
    if name == 'playground.__main__':
        continue
    importlib.import_module(name)
print(len(names))
"""


def test_every_playground_module_imports_with_qt_blocked():
    root = Path(playground.__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", BLOCK_QT], cwd=root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    expected = sum(1 for m in pkgutil.walk_packages(playground.__path__, "playground.")) 
    assert int(done.stdout.strip()) == expected >= 5
