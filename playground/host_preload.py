"""Imported once by the engine hosts' forkserver (``widgets/worker.py``): torch, warmed, before any fork.

Every host process forks from that server with torch already imported and its first optimizer
built, so a new run starts in milliseconds instead of the ~1-2 s that importing torch takes.
"""

from playground.host import preload

preload()
