import os

# Every test runs without a display; GUI tests use pytest-qt on the offscreen platform.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PLAYGROUND_NO_AUTOSAVE_PROMPT", "1")
