"""The About box's text, without importing torch on the GUI thread (that import froze it ~1 s).

torch's version comes from the installed package's metadata, the device (with its CUDA name)
from the engine host, which has torch imported already in a process of its own.
"""

from __future__ import annotations

import importlib.metadata
import sys


def cuda_build(torch_version: str) -> str:
    """The CUDA a torch wheel was built for, read from metadata: ``2.5.1+cu121`` -> ``12.1``."""
    local = torch_version.partition("+")[2]
    if local.startswith("cu") and local[2:].isdigit():
        digits = local[2:]
        return f"{digits[:-1]}.{digits[-1]}"
    if local:  # +cpu, +rocm6.2, ...
        return "none" if local == "cpu" else local
    for dist in importlib.metadata.distributions():  # a plain PyPI wheel pulls CUDA in as nvidia-* packages
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        if name.startswith("nvidia-cuda-runtime"):
            return ".".join(dist.version.split(".")[:2])
    return "none"


def torch_line(device: str | None) -> str:
    torch = sys.modules.get("torch")  # already imported (a test, a headless run): ask it, it costs nothing
    if torch is not None:
        version, cuda = torch.__version__, torch.version.cuda or "none"
    else:
        try:
            version = importlib.metadata.version("torch")
        except importlib.metadata.PackageNotFoundError:
            return "torch: not installed"
        cuda = cuda_build(version)
    return f"torch {version}, CUDA {cuda}, device now: {device or '-'}"


def about_text(device: str | None) -> str:
    import PySide6
    import pyqtgraph

    from playground import __version__

    return "\n".join([f"Deep Learning Playground {__version__}",
                      f"Qt {PySide6.QtCore.qVersion()}, PySide6 {PySide6.__version__}",
                      f"pyqtgraph {pyqtgraph.__version__}", torch_line(device)])
