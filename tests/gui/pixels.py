"""Pixel checks for 'did it actually draw': grab a widget and count pixels near a colour."""

from PySide6.QtGui import QColor


def count_colour(widget, colour: str, tolerance: int = 40, stride: int = 1, rect=None) -> int:
    """Pixels of ``widget`` (or of ``rect`` in it) within ``tolerance`` (per channel) of ``colour``."""
    target = QColor(colour)
    image = (widget.grab(rect) if rect is not None else widget.grab()).toImage()
    count = 0
    for y in range(0, image.height(), stride):
        for x in range(0, image.width(), stride):
            c = image.pixelColor(x, y)
            if (abs(c.red() - target.red()) <= tolerance and abs(c.green() - target.green()) <= tolerance
                    and abs(c.blue() - target.blue()) <= tolerance):
                count += 1
    return count


def non_background_pixels(widget, stride: int = 2) -> int:
    """Pixels that differ from the most common colour (the background) of a widget."""
    image = widget.grab().toImage()
    counts: dict[int, int] = {}
    for y in range(0, image.height(), stride):
        for x in range(0, image.width(), stride):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    return sum(counts.values()) - max(counts.values())
