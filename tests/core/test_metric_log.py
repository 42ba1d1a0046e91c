"""The compact metric rows kept for the CSV export."""

from __future__ import annotations

import math
import pickle
import tracemalloc

from playground.metric_log import MetricLog


def test_rows_come_back_as_they_went_in_oldest_first():
    log = MetricLog(capacity=1000)
    log.append(1, {"loss": 0.5, "acc": 0.25})
    log.append(2, {"loss": 0.125})  # a metric a row lacks stays absent, not 0
    log.append(3, {"loss": float("nan"), "acc": 1.0, "new": -2.0})
    rows = log.rows()
    assert rows[:2] == [(1, {"loss": 0.5, "acc": 0.25}), (2, {"loss": 0.125})]
    assert rows[2][0] == 3 and math.isnan(rows[2][1]["loss"]) and rows[2][1]["acc"] == 1.0 and rows[2][1]["new"] == -2.0


def test_only_the_newest_rows_are_kept():
    log = MetricLog(capacity=100)
    for step in range(1, 251):
        log.append(step, {"loss": step / 4})
    rows = log.rows()
    assert len(log) == 100 and [s for s, _ in rows] == list(range(151, 251))
    assert rows[-1] == (250, {"loss": 62.5})
    log.clear()
    assert log.rows() == [] and len(log) == 0


def test_a_row_costs_eight_bytes_a_metric_not_a_dict():
    """27 metrics (the RNN comparison) as they arrive: unpickled, each row with its own strings and floats.
    A deque of (step, dict) rows held ~3,300 bytes a row; the columns hold 8 + 27 * 9 = 251."""
    blob = pickle.dumps({f"metric_{i}": i / 7 for i in range(27)})
    log = MetricLog(capacity=20_000)
    tracemalloc.start()
    for step in range(20_000):
        log.append(step, pickle.loads(blob))
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert held / 20_000 < 8 + 27 * 9 + 16  # a little for the names and the arrays' headers
