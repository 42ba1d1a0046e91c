"""Record a widget as an animated GIF (and MP4 when ffmpeg is there) for slides and handouts."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

MAX_FRAMES = 600  # 60 s at 10 fps: a bound so a forgotten recording cannot fill the memory


def qimage_png(image) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


class Recorder(QObject):
    """Grabs ``widget`` on a timer; ``save(path)`` writes a .gif (Pillow) or .mp4 (ffmpeg)."""

    state_changed = Signal(bool)

    def __init__(self, fps: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fps = fps
        self.frames: list[bytes] = []
        self.widget: QWidget | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("recorder_timer")
        self.timer.timeout.connect(self._on_timer)

    @property
    def recording(self) -> bool:
        return self.timer.isActive()

    def start(self, widget: QWidget) -> None:
        self.widget = widget
        self.frames = []
        self._on_timer()
        self.timer.start(int(1000 / self.fps))
        self.state_changed.emit(True)

    def stop(self) -> None:
        self.timer.stop()
        self.state_changed.emit(False)

    def _on_timer(self) -> None:
        if self.widget is None or len(self.frames) >= MAX_FRAMES:
            self.stop()
            return
        self.frames.append(qimage_png(self.widget.grab().toImage()))

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        if not self.frames:
            raise ValueError("nothing was recorded")
        if path.suffix.lower() == ".mp4":
            self._save_mp4(path)
        else:
            self._save_gif(path)
        return path

    def _save_gif(self, path: Path) -> None:
        from PIL import Image

        images = [Image.open(io.BytesIO(frame)).convert("RGB") for frame in self.frames]
        # One shared adaptive palette keeps plot colours steady from frame to frame.
        first = images[0].quantize(colors=255, method=Image.Quantize.MEDIANCUT)
        rest = [image.quantize(palette=first) for image in images[1:]]
        tmp = path.with_name(f".{path.name}.tmp")
        first.save(tmp, format="GIF", save_all=True, append_images=rest, duration=int(1000 / self.fps), loop=0)
        tmp.replace(path)

    def _save_mp4(self, path: Path) -> None:
        ffmpeg = shutil.which("ffmpeg")
        if ffmpeg is None:
            raise RuntimeError("ffmpeg is not installed: save as .gif, or install ffmpeg for MP4")
        tmp = path.with_name(f".{path.stem}.tmp.mp4")
        command = [ffmpeg, "-y", "-loglevel", "error", "-f", "image2pipe", "-framerate", str(self.fps), "-i", "-",
                   "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-pix_fmt", "yuv420p", "-c:v", "libx264", str(tmp)]
        subprocess.run(command, input=b"".join(self.frames), check=True, timeout=300)
        tmp.replace(path)


def ffmpeg_available() -> bool:
    return shutil.which("ffmpeg") is not None
