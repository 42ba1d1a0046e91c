"""The memory tasks make the batches they promise."""

import math

import pytest
import torch

from playground.rnn import tasks


def gen(seed=0):
    return torch.Generator().manual_seed(seed)


def test_adding_problem_has_one_marker_per_half_and_sums_them():
    x, y = tasks.adding(20, 500, gen())
    values, markers = x[..., 0], x[..., 1]
    assert torch.equal(markers.sum(0), torch.full((500,), 2.0))
    assert torch.equal(markers[:10].sum(0), torch.ones(500))
    assert torch.allclose(y[:, 0], (values * markers).sum(0))
    assert 0 <= values.min() and values.max() < 1


def test_adding_baseline_of_answering_one_is_a_sixth():
    _, y = tasks.adding(30, 20000, gen(1))
    mse_of_one = float(((y - 1) ** 2).mean())  # Var(u1 + u2) = 2 / 12
    assert mse_of_one == pytest.approx(1 / 6, rel=0.03)
    assert tasks.spec("adding").baseline_loss == pytest.approx(0.1667, abs=1e-4)


def test_adding_problem_at_two_steps_still_has_two_markers():
    x, _ = tasks.adding(2, 50, gen())
    assert torch.equal(x[..., 1], torch.ones(2, 50))


def test_copy_task_answer_is_the_first_token():
    x, y = tasks.copy_first(15, 64, 5, gen())
    assert x.shape == (15, 64, 5)
    assert torch.equal(x.sum(2), torch.ones(15, 64))
    assert torch.equal(x[0].argmax(1), y)
    assert tasks.spec("copy", vocab=5).baseline_loss == pytest.approx(math.log(5))


def test_parity_is_the_xor_of_the_bits():
    x, y = tasks.parity(9, 100, gen())
    bits = x[..., 0].long()
    xor = bits[0]
    for t in range(1, 9):
        xor = xor ^ bits[t]
    assert torch.equal(y, xor)


def test_sine_target_is_the_next_input():
    x, y, clean = tasks.sine(40, 8, 0.1, gen())
    assert torch.equal(x[1:], y[:-1])
    assert (y - clean).std() == pytest.approx(0.1, rel=0.2)
    x0, _, clean0 = tasks.sine(40, 8, 0.0, gen())
    assert torch.equal(x0[1:, :, 0], clean0[:-1, :, 0])


def test_unknown_task_is_refused():
    with pytest.raises(ValueError):
        tasks.spec("sorting")
