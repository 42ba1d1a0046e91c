"""How much one engine step costs, and the bound that keeps a step under a second on a laptop.

Each field has its own range (``le=`` in the configs), but sizes multiply: a recurrent net at
hidden 256, T = 400 and batch 512 is fine field by field and took 51 s per step. So the panels
whose work is a product of sizes estimate the multiply-adds of one step here (forward and
backward of every net the step trains, as products of the sizes) and their configs refuse a
combination over ``COST_BOUND``, naming the fields to lower.

The bound comes from ``benchmarks/bench_limits.py`` (two torch threads, a 2-core machine). No
torch here: the configs import this module and the window imports them at start-up.
"""

from __future__ import annotations

from typing import Any, Iterator

# Multiply-adds per step that two cores do in well under a second (figures in bench_limits.py).
COST_BOUND = 2.0e9

BACKWARD = 3  # forward + backward is about three forwards' multiply-adds
# A recurrent net does T small matrix products one after another (and autograd records each): per
# multiply-add it ran about 6 times slower than the other panels' few large products (bench_limits.py).
SEQUENTIAL = 6


def mlp_macs(inputs: int, hidden: int, layers: int, outputs: int) -> int:
    """Multiply-adds of one example through a fully connected net of ``layers`` hidden layers."""
    return inputs * hidden + (layers - 1) * hidden * hidden + hidden * outputs


def check_cost(cost: float, what: str, fields: dict[str, Any]) -> None:
    """Raise ValueError naming the size fields when one step would cost more than the bound."""
    if cost <= COST_BOUND:
        return
    listed = ", ".join(f"{name} {value}" for name, value in fields.items())
    raise ValueError(
        f"{what} is too large to train live: {listed} make one step about {cost / COST_BOUND:.1f} times the "
        f"most a laptop does in a second; lower one of {', '.join(fields)}")


def maximal_configs() -> Iterator[tuple[str, str, Any]]:
    """(case name, panel key, config) with the size fields as large as validation lets them be.

    For the benchmark and the tests. Imported lazily: the configs import this module.
    """
    from playground.rnn.config import RnnConfig
    from playground.nets.config import MAX_LAYERS, MAX_WIDTH, LayerConfig, NetworkConfig
    from playground.conv.config import ConvConfig
    from playground.generative.config import GenerativeConfig
    from playground.attention.config import AttentionConfig
    from playground.mdp.config import DQNConfig, MDPConfig
    from playground.bandits.config import MAX_ALGOS, MAX_ARMS, AlgoSpec, BanditsConfig
    from playground.optim.config import MAX_OPTIMIZERS, OptimizerEntry, OptimConfig, SurfaceConfig

    rnn = dict(hidden=_le(RnnConfig, "hidden"), seq_len=_le(RnnConfig, "seq_len"), batch=_le(RnnConfig, "batch"),
               vocab=_le(RnnConfig, "vocab"), heatmap_rows=_le(RnnConfig, "heatmap_rows"))
    for cell in ("rnn_tanh", "lstm", "gru"):
        yield f"rnn {cell}", "rnn", largest_allowed(RnnConfig, ("batch", "seq_len", "hidden"), cell=cell, task="copy",
                                                     **rnn)
    yield "rnn compare", "rnn", largest_allowed(RnnConfig, ("batch", "seq_len", "hidden"), mode="compare",
                                                cell="rnn_tanh", task="copy", **rnn)

    layers = [LayerConfig(width=MAX_WIDTH, batch_norm=True, dropout=0.1) for _ in range(MAX_LAYERS)]
    features = dict(x1=True, x2=True, x1_sq=True, x2_sq=True, x1x2=True, sin_x1=True, sin_x2=True)
    net = dict(hidden=layers, batch_size=_le(NetworkConfig, "batch_size"), n_points=_le(NetworkConfig, "n_points"),
               grid=_le(NetworkConfig, "grid"), optimizer="Adam")
    yield "network spiral", "network", NetworkConfig(dataset="spiral", **features, **net)
    yield "network digits", "network", NetworkConfig(dataset="digits", **net)

    conv = dict(mode="train", conv1_channels=_le(ConvConfig, "conv1_channels"),
                conv2_channels=_le(ConvConfig, "conv2_channels"), conv_kernel=5, hidden=_le(ConvConfig, "hidden"),
                batch_norm=True, residual=True, batch_size=_le(ConvConfig, "batch_size"))
    for compare in ("mlp", "residual toggled"):
        yield f"conv train compare={compare}", "conv", largest_allowed(
            ConvConfig, ("batch_size", "conv2_channels"), compare=compare, **conv)

    G = GenerativeConfig
    yield "generative vae digits", "generative", largest_allowed(G, ("batch_size", "vae_hidden"), 
        mode="vae", data="digits", vae_hidden=_le(G, "vae_hidden"), vae_layers=_le(G, "vae_layers"),
        latent_dim=_le(G, "latent_dim"), batch_size=_le(G, "batch_size"))
    gan = dict(mode="gan", g_hidden=_le(G, "g_hidden"), g_layers=_le(G, "g_layers"), d_hidden=_le(G, "d_hidden"),
               d_layers=_le(G, "d_layers"), gan_latent_dim=_le(G, "gan_latent_dim"), d_steps=_le(G, "d_steps"),
               batch_size=_le(G, "batch_size"))
    for data in ("digits", "ring8"):
        yield f"generative gan wgan_gp {data}", "generative", largest_allowed(
            G, ("batch_size", "d_steps", "d_hidden", "g_hidden"), data=data, loss="wgan_gp", **gan)

    A = AttentionConfig
    yield "attention transformer", "attention", largest_allowed(
        A, ("batch_size", "d_model"), mode="transformer", seq_len=_le(A, "seq_len"), vocab=_le(A, "vocab"), d_model=_le(A, "d_model"),
        heads=_le(A, "heads"), layers=_le(A, "layers"), batch_size=_le(A, "batch_size"),
        compare="positional toggled", positional="learned")
    yield "attention scoring", "attention", A(
        mode="scoring", dim=_le(A, "dim"), score_queries=_le(A, "score_queries"), score_keys=_le(A, "score_keys"),
        additive_hidden=_le(A, "additive_hidden"))

    D = DQNConfig
    yield "mdp dqn", "mdp", MDPConfig(mode="dqn", dqn=largest_allowed(
        D, ("batch_size", "hidden"), hidden=_le(D, "hidden"), layers=_le(D, "layers"),
        batch_size=_le(D, "batch_size"), learning_starts=0, double=True))

    algos = [AlgoSpec(kind=kind) for kind in ("greedy", "eps_greedy", "eps_decay", "etc", "ucb1", "ucb_delta",
                                              "gradient", "thompson_gauss")][:MAX_ALGOS]
    yield "bandits", "bandits", BanditsConfig(arms=MAX_ARMS, runs=_le(BanditsConfig, "runs"), algorithms=algos)

    entries = [OptimizerEntry(kind=kind) for kind in ("sgd", "momentum", "nesterov", "adagrad", "rmsprop",
                                                      "adadelta", "adam", "adamw")][:MAX_OPTIMIZERS]
    yield "optimizer net surface", "optimizer", OptimConfig(
        surface=SurfaceConfig(kind="mlp", hidden=_le(SurfaceConfig, "hidden")), optimizers=entries,
        grid=_le(OptimConfig, "grid"))


def largest_allowed(cls, shrink: tuple[str, ...], **fields):
    """``cls(**fields)``, halving the ``shrink`` fields in turn until the cost check lets it through."""
    from pydantic import ValidationError

    for turn in range(64):
        try:
            return cls(**fields)
        except ValidationError as error:
            if "too large to train live" not in str(error):
                raise
            name = shrink[turn % len(shrink)]
            fields[name] = max(fields[name] // 2, _ge(cls, name))
    raise ValueError(f"{cls.__name__}: no size under the cost bound")


def _ge(cls, name: str):
    for item in cls.model_fields[name].metadata:
        if getattr(item, "ge", None) is not None:
            return item.ge
    return 1


def _le(cls, name: str):
    """The ``le=`` bound of a pydantic field."""
    for item in cls.model_fields[name].metadata:
        if getattr(item, "le", None) is not None:
            return item.le
    raise LookupError(f"{cls.__name__}.{name} has no le= bound")


def step_cost(key: str, config: Any) -> float:
    """Estimated multiply-adds of one step of the panel ``key`` (0 where sizes do not multiply)."""
    estimate = getattr(config, "step_cost", None)
    return float(estimate()) if callable(estimate) else 0.0
