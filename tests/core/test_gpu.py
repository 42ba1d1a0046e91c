"""GPU, proven not assumed: CUDA lives only in the engine host, engines sync only at snapshot time,
and a preset that asks for CUDA where there is none gets a clear message.

On a machine without CUDA these tests check the proxies (nobody even asks torch to initialise CUDA;
advance() moves no tensor to the host); where CUDA exists they also run a real host on the GPU.
"""

import collections
import subprocess
import sys
import threading

import pytest
import torch

from torch.optim.optimizer import _get_value

from playground import registry
from playground.engine import EngineError, RunContext, build_engine, resolve_device
from playground.host import Host, _Outbox
from playground.presets import load_preset, new_preset, shipped_presets
from tests.core.test_host import _messages_until, _start_host_process
from tests.start_methods import BOTH_START_METHODS

# Runs in a fresh interpreter: records every lazy CUDA initialisation while the forkserver's preload
# runs, then prints how many there were and whether CUDA ended up initialised.
PRELOAD_PROBE = """
import torch
calls = []
initialise = torch.cuda._lazy_init
torch.cuda._lazy_init = lambda: (calls.append(1), initialise())
import playground.host_preload
print(len(calls), torch.cuda.is_initialized())
"""


def test_the_forkserver_preload_never_initialises_cuda():
    """A forkserver that had initialised CUDA would fork hosts that cannot use it."""
    out = subprocess.run([sys.executable, "-c", PRELOAD_PROBE], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["0", "False"], out.stderr


def test_a_cuda_preset_without_cuda_gets_a_clear_message(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(EngineError, match=r"^device 'cuda' was asked for, but torch sees no CUDA GPU$"):
        resolve_device("cuda")
    with pytest.raises(EngineError, match="device 'cuda:1' was asked for"):
        resolve_device("cuda:1")
    assert resolve_device("auto") in ("cpu", "mps")  # auto falls back instead


def test_playground_run_says_the_same_and_exits_2(counter_panel, monkeypatch, tmp_path, capsys):
    from playground import cli
    from playground.presets import save_preset

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    path = tmp_path / "counter.json"
    save_preset(new_preset("counter", device="cpu"), path)
    assert cli.main(["run", str(path), "--device", "cuda", "--steps", "5", "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.strip() == "error: device 'cuda' was asked for, but torch sees no CUDA GPU"


def test_the_host_reports_a_missing_gpu_and_keeps_serving(counter_panel, monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    from multiprocessing import Pipe

    commands_r, commands_w = Pipe(duplex=False)
    results_r, results_w = Pipe(duplex=False)
    outbox = _Outbox(results_w)
    thread = threading.Thread(target=Host(commands_r, outbox).serve, daemon=True)
    thread.start()
    commands_w.send(("load", 1, counter_panel, new_preset("counter", device="cuda").model_dump_json(), 1))
    seen = _messages_until(results_r, lambda m: m[0] == "event" and m[2].kind == "error")
    assert seen[-1][2].text == "device 'cuda' was asked for, but torch sees no CUDA GPU"
    commands_w.send(("load", 2, counter_panel, new_preset("counter", device="cpu").model_dump_json(), 2))
    commands_w.send(("step", 3, 4))
    _messages_until(results_r, lambda m: m[0] == "snap" and m[2].gen_id == 2 and m[2].step == 4)
    commands_w.send(("stop", 4))
    thread.join(5)
    outbox.close()
    assert not thread.is_alive()


# Tensor methods that copy to the host, and on a GPU wait for it: none may run inside advance().
TRANSFERS = ("item", "cpu", "numpy", "tolist", "__float__", "__int__", "__bool__")

# Engines that still read a number back every step (a loss history, a divergence check, a sampled
# action): on a GPU each such read waits for the device. Strictly expected to fail, so a fix shows.
SYNCS_EVERY_STEP: set[str] = set()  # none left; an engine that regresses goes here, not silently


def _reads_a_cpu_hosted_optimizer_step(tensor) -> bool:
    """Whether torch.optim is reading its own step counter (Adam's bias correction, say).

    torch keeps that counter on the CPU even for CUDA parameters (unless ``capturable`` or
    ``fused``), precisely so that reading it is no device sync; here everything is on the CPU, so
    the caller tells it apart. Frame 0 is this function, 1 the counting wrapper, 2 its caller.
    """
    return tensor.dim() == 0 and sys._getframe(2).f_code is _get_value.__code__


def _preset_cases():
    for path in shipped_presets():
        name = f"{path.parent.name}/{path.stem}"
        syncs = name in SYNCS_EVERY_STEP
        marks = [pytest.mark.xfail(strict=True, reason="reads a value back every step")] if syncs else []
        yield pytest.param(path, id=name, marks=marks)


@pytest.mark.parametrize("path", list(_preset_cases()))
def test_advance_moves_nothing_to_the_host(path, monkeypatch):
    """The proxy for "a CUDA engine syncs only at snapshot time", checked on the CPU (same code path)."""
    preset = load_preset(path)
    engine = build_engine(preset.model_copy(update={"device": "cpu"}))
    if engine.runs_on_cpu_only:
        # Asked for a GPU it still computes on the CPU (nothing touches CUDA, so this builds anywhere).
        asked_for_cuda = registry.panel(preset.panel).make_engine(preset.config, RunContext(preset.seed, "cuda:0"))
        assert asked_for_cuda.ctx.device == "cpu"
        pytest.skip("computes on the CPU whatever device is asked for: a read-back waits for no GPU")
    engine.advance(2)  # first steps may build lazily
    reads = _host_reads(engine, 3, monkeypatch)
    assert reads == {}, f"advance() read tensors back: {reads}"


def _shipped(name: str):
    return next(load_preset(path) for path in shipped_presets() if f"{path.parent.name}/{path.stem}" == name)


@pytest.mark.parametrize("name, update", [
    ("conv/lenet_on_digits", {"eval_every": 1}),  # the test split is evaluated inside every step
    ("network/digits_mlp", {"batch_size": 2048}),  # every step ends an epoch and records the curves
])
def test_periodic_work_inside_advance_moves_nothing_to_the_host(name, update, monkeypatch):
    preset = _shipped(name)
    preset = preset.model_copy(update={"device": "cpu", "config": preset.config.model_copy(update=update)})
    engine = build_engine(preset)
    engine.advance(2)
    reads = _host_reads(engine, 3, monkeypatch)
    assert reads == {}, f"advance() read tensors back: {reads}"
    assert engine.snapshot().arrays["hist_loss" if name.startswith("conv") else "hist_train_loss"].shape == (6,)


def _host_reads(engine, steps: int, monkeypatch) -> dict[str, int]:
    """What ``engine.advance(steps)`` read back to the host (or synchronised on), by method name."""
    counts = collections.Counter()

    def counting(name):
        method = getattr(torch.Tensor, name)

        def counted(self, *args, **kwargs):
            if not _reads_a_cpu_hosted_optimizer_step(self):
                counts[name] += 1
            return method(self, *args, **kwargs)

        return counted

    with monkeypatch.context() as patch:
        for name in TRANSFERS:
            patch.setattr(torch.Tensor, name, counting(name))
        patch.setattr(torch.cuda, "synchronize", lambda *a, **k: counts.update(["synchronize"]))
        engine.advance(steps)
    return dict(counts)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
@BOTH_START_METHODS
def test_a_host_trains_on_the_gpu_either_way(start_method):
    """Proof that nothing upstream initialised CUDA: a forked host could not use it otherwise."""
    process, commands, results = _start_host_process()
    try:
        _messages_until(results, lambda m: m[0] == "ready", timeout=120)
        from playground import registry

        preset = new_preset("network", seed=1, device="cuda")
        commands.send(("load", 1, registry.panel("network"), preset.model_dump_json(), 1))
        commands.send(("step", 2, 50))
        seen = _messages_until(results, lambda m: m[0] == "snap" and m[2].step == 50
                               or m[0] == "event" and m[2].kind == "error", timeout=120)
        devices = [m[2].text for m in seen if m[0] == "event" and m[2].kind == "device"]
        assert seen[-1][0] == "snap", seen[-1]
        assert devices and devices[0].startswith("cuda:0 ")
        commands.send(("stop", 3))
        process.join(30)
        assert process.exitcode == 0
    finally:
        if process.is_alive():
            process.kill()


def test_upload_is_a_plain_copy_off_the_gpu():
    from playground.engine import upload

    tensor = torch.arange(6.0).reshape(2, 3)
    copied = upload(tensor, "cpu")
    assert copied.device.type == "cpu" and torch.equal(copied, tensor)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
@pytest.mark.parametrize("path", [p for p in shipped_presets() if p.parent.name in ("rnn", "conv", "network",
                                                                                     "generative", "attention")],
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_on_cuda_advance_never_waits_for_the_device(path):
    """The real thing the CPU proxy above stands for: torch's sync debug mode raises on any call
    that makes the host wait for the GPU (a read-back, a blocking upload, bincount's size read)."""
    engine = build_engine(load_preset(path).model_copy(update={"device": "cuda"}))
    engine.advance(2)  # first steps may build lazily
    torch.cuda.synchronize()
    torch.cuda.set_sync_debug_mode("error")
    try:
        engine.advance(3)
    finally:
        torch.cuda.set_sync_debug_mode("default")
