"""Run a host-starting test under both start methods: the forkserver (Linux's) and spawn (Windows', macOS').

    @BOTH_START_METHODS
    def test_x(start_method, ...): ...

The ``start_method`` fixture (``tests/conftest.py``) sets ``PLAYGROUND_START_METHOD`` for the test;
unparametrised it is the platform's own method (or the one the environment forces). Only tests that
start hosts use it: a spawned host imports torch afresh, so each costs seconds.
"""

import pytest

from playground.host import START_METHODS

BOTH_START_METHODS = pytest.mark.parametrize("start_method", START_METHODS, indirect=True)
