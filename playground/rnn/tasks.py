"""Memory tasks: each makes a batch (inputs x of shape (T, B, I), targets) from a torch Generator.

Batches are drawn on the CPU from the run's own generator (so a run is the same on any device and
however its steps are chunked), then moved to the device.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class TaskSpec:
    name: str
    input_size: int
    output_size: int
    classify: bool  # cross-entropy on classes, else mean squared error
    every_step: bool  # a target at every step, else only at the last one
    baseline_loss: float  # the loss of the best constant answer
    baseline_label: str


def spec(task: str, vocab: int = 8, noise: float = 0.1) -> TaskSpec:
    if task == "adding":
        return TaskSpec("adding", 2, 1, False, False, 1.0 / 6.0, "always answer 1: MSE 1/6")
    if task == "copy":
        return TaskSpec("copy", vocab, vocab, True, False, math.log(vocab), f"guess: cross-entropy ln {vocab}")
    if task == "parity":
        return TaskSpec("parity", 1, 2, True, False, math.log(2.0), "guess: cross-entropy ln 2")
    if task == "sine":
        return TaskSpec("sine", 1, 1, False, True, 0.5 + noise * noise, "always answer 0: MSE 1/2 + noise^2")
    raise ValueError(f"unknown task {task!r}")


def adding(T: int, B: int, gen: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Hochreiter & Schmidhuber's adding problem: x_t = (u_t, m_t), u ~ U(0,1), two markers m = 1,
    one in each half; the answer is the sum of the two marked u (mean 1, variance 1/6)."""
    values = torch.rand(T, B, generator=gen)
    half = max(1, T // 2)
    first = torch.randint(0, half, (B,), generator=gen)
    second = torch.randint(half, T, (B,), generator=gen) if T > half else torch.full((B,), T - 1)
    second = torch.where(second == first, (first + 1) % T, second)
    markers = torch.zeros(T, B)
    cols = torch.arange(B)
    markers[first, cols] = 1.0
    markers[second, cols] = 1.0
    target = (values * markers).sum(0, keepdim=False).unsqueeze(1)
    return torch.stack([values, markers], dim=2), target


def copy_first(T: int, B: int, vocab: int, gen: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """T random tokens (one-hot); the answer, read after the last one, is the first token."""
    tokens = torch.randint(0, vocab, (T, B), generator=gen)
    return torch.nn.functional.one_hot(tokens, vocab).float(), tokens[0].clone()


def parity(T: int, B: int, gen: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """T random bits; the answer is their XOR (class 0 or 1)."""
    bits = torch.randint(0, 2, (T, B), generator=gen)
    return bits.float().unsqueeze(2), bits.sum(0) % 2


def sine(T: int, B: int, noise: float, gen: torch.Generator) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """A noisy sine of random frequency and phase; the target at step t is the (noisy) value at t+1.
    Also returns the clean next values, which the accuracy is measured against."""
    omega = 0.05 + 0.25 * torch.rand(B, generator=gen)
    phase = 2 * math.pi * torch.rand(B, generator=gen)
    steps = torch.arange(T + 1, dtype=torch.float32).unsqueeze(1)
    clean = torch.sin(omega * steps + phase)
    noisy = clean + noise * torch.randn(T + 1, B, generator=gen)
    return noisy[:-1].unsqueeze(2), noisy[1:].unsqueeze(2), clean[1:].unsqueeze(2)


def make_batch(task: str, T: int, B: int, gen: torch.Generator, vocab: int = 8, noise: float = 0.1):
    """(x, target, clean): clean is the noiseless target for the sine task, else the target itself."""
    if task == "adding":
        x, y = adding(T, B, gen)
        return x, y, y
    if task == "copy":
        x, y = copy_first(T, B, vocab, gen)
        return x, y, y
    if task == "parity":
        x, y = parity(T, B, gen)
        return x, y, y
    if task == "sine":
        return sine(T, B, noise, gen)
    raise ValueError(f"unknown task {task!r}")
