"""The RNN panel's lessons: each shipped preset of ``presets/rnn/`` written from Python.

``python -m playground.rnn.lessons`` rewrites them; ``tests/core/test_lessons_sync.py`` checks the
shipped files are what this module builds.
"""

from __future__ import annotations

from pathlib import Path

from playground.rnn.config import RnnConfig

PANEL = "rnn"

# The derivation shared by the lessons about one cell's gradient through time.
BPTT = r"""**Back-propagation through time.** Unrolled, the RNN is a deep net with the same weights at every step:
$h_t = f(z_t)$, $z_t = W_{hh} h_{t-1} + W_{xh} x_t + b$. With the loss at the last step only, the chain rule gives

$$\frac{\partial L}{\partial h_t} = \prod_{k=t+1}^{T} \left(W_{hh}^\top \,\mathrm{diag}(f'(z_k))\right) \frac{\partial L}{\partial h_T}$$

so each step back multiplies the gradient by a Jacobian. Its size per step is about
$\rho(W_{hh}) \cdot \overline{f'}$ ($\rho$ = spectral radius, the largest $|\lambda|$):
below 1 the gradient **vanishes** like $(\rho \overline{f'})^{T-t}$, above 1 it **explodes**.

"""

READ = r"""**How to read the panel.** Top left: $\log_{10}\|\partial L/\partial h_t\|$, timestep $t$ across, training
iteration down (newest at the bottom); dark = tiny gradient. Bottom left: the latest iteration's profile
(solid) and the straight line theory predicts (dashed, slope $\log_{10}$ of the factor per step).
The eigenvalue plot shows $W_{hh}$'s spectrum against the unit circle.
"""

LESSONS = {
    "bptt_linear": dict(
        title="BPTT in a linear RNN: the gradient is rho^(T-t)",
        seed=0,
        notes=r"""# BPTT in a linear RNN

A linear RNN, $h_t = W_{hh} h_{t-1} + W_{xh} x_t$, with $W_{hh} = \rho Q$ ($Q$ orthogonal, $\rho = 0.9$).

""" + BPTT + r"""Here $f' = 1$ and $Q$ keeps lengths, so $\|\partial L/\partial h_t\| = \rho^{T-t} \|\partial L/\partial h_T\|$ **exactly**:
the measured profile lies on the dashed line, slope $\log_{10} 0.9 = -0.046$ per step, and over
$T - 1 = 59$ steps the gradient at $h_1$ is $0.9^{59} \approx 2 \times 10^{-3}$ of the one at $h_T$.
All eigenvalues sit on the circle $|\lambda| = 0.9$.

**Try:** set $\rho$ to 1.0 (flat profile), 1.1 (the gradient grows back in time: $1.1^{59} \approx 277$).

""" + READ,
        config=RnnConfig(cell="rnn_linear", seq_len=60, rho=0.9, lr=0.0001),
    ),
    "exploding_clipping": dict(
        title="Exploding gradients (rho > 1) tamed by clipping",
        seed=0,
        notes=r"""# Exploding gradients and gradient clipping

Next-step prediction of a noisy sine wave (a target at every step), a tanh RNN with
$W_{hh} = 2Q$: the spectral radius is $\rho = 2$.

""" + BPTT + r"""With $\rho \cdot \overline{f'} > 1$ along some directions the product of Jacobians grows back in time:
the heatmap is bright on the left and the gradient norm reaches $10^1$-$10^2$. One plain SGD step
$\theta \leftarrow \theta - \eta g$ with such a $g$ throws the weights far away.

**Clipping by norm** rescales the whole gradient when it is too long:

$$g \leftarrow g \cdot \min\left(1, \frac{c}{\|g\|}\right)$$

so no step is longer than $\eta c$ (here $0.1 \times 1$); the direction is kept. The panel counts clip events.
With clipping the net learns the wave (MSE from 0.51 to about 0.03).

**Try:** untick *clip gradients*: within about 50 iterations the gradient norm passes $10^{19}$, the loss
becomes inf/NaN and the run pauses with a "diverged" message.

""" + READ,
        config=RnnConfig(task="sine", rho=2.0, clip=True, optimizer="sgd", lr=0.1),
    ),
    "gru_vs_lstm": dict(
        title="RNN vs LSTM vs GRU on the adding problem",
        seed=0,
        notes=r"""# RNN, LSTM and GRU side by side

The same batches, the same seed and the same optimizer for three nets; one gradient heatmap each, on a shared
colour scale.

GRU: $r_t, z_t = \sigma(W x_t + U h_{t-1} + b)$,
$$h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t ,$$
with one of two candidates $\tilde h_t$ (the control *GRU candidate*):

- **notes** (the lecture notes, 重置门 before the product): $\tilde h_t = \tanh(W_h x_t + U_h (r_t \odot h_{t-1}) + b_h)$;
- **torch** (the default, as `torch.nn.GRU` / cuDNN, reset gate after the product):
  $\tilde h_t = \tanh(W_h x_t + b_h + r_t \odot (U_h h_{t-1} + b_{hn}))$.

They differ only in where $r_t$ acts: before $U_h$ it picks which units of $h_{t-1}$ the candidate reads;
after it, which rows of $U_h h_{t-1}$ it keeps. Both have the same weights (tests check each against its
formula written by hand, and the torch one against `torch.nn.GRUCell`).

The update gate $z_t$ plays the LSTM forget gate's part with one state instead of two:
$\partial h_t/\partial h_{t-1}$ contains $\mathrm{diag}(z_t)$, so $z_t \approx 1$ carries the gradient back.
The GRU has 3 gate blocks to the LSTM's 4 (fewer weights, a bit faster per step).

At $T = 50$ (seed 0, torch candidate): the GRU solves the adding problem after about 500 iterations, the LSTM after about 1,500,
the tanh RNN stays at the 0.167 of always answering 1. Watch its heatmap stay dark on the left while the
gated nets' rows light up across all $t$.

**Try:** task = copy (recall the first token after $T$ steps; chance is $1/8$), $T = 100$, or the notes'
GRU candidate (same seed, same weights, another formula).

""" + READ,
        config=RnnConfig(mode="compare", lr=0.005),
    ),
    "irnn": dict(
        title="IRNN: ReLU with identity initialisation",
        seed=0,
        notes=r"""# IRNN: a ReLU RNN started at the identity

Le, Jaitly & Hinton (2015): $h_t = \mathrm{ReLU}(W_{hh} h_{t-1} + W_{xh} x_t + b)$ with $W_{hh} = I$, $b = 0$.

""" + BPTT + r"""At the start $W_{hh} = I$ has every eigenvalue at exactly 1 and $\mathrm{ReLU}'(z) = 1$ for active units, so
the Jacobian $W_{hh}^\top \mathrm{diag}(f'(z))$ neither shrinks nor stretches what passes through the active
units: the gradient reaches early steps. (The lecture notes: with ReLU, initialise $W$ near the identity.)
Clipping guards against the growth when eigenvalues drift above 1.

On the adding problem at $T = 50$ this plain RNN learns (MSE about 0.004 after 1,500 iterations), where a
tanh RNN with an orthogonal $W_{hh}$ stays at 0.167.

**Try:** init = orthogonal with the same ReLU, or $\rho = 0.9$ (identity scaled down: vanishing again).

""" + READ,
        config=RnnConfig(cell="rnn_relu", init="identity", clip=True),
    ),
    "lstm_forget_bias": dict(
        title="LSTM: the forget gate carries the gradient",
        seed=0,
        notes=r"""# The LSTM's forget gate and its bias

$$i_t, f_t, o_t = \sigma(W x_t + U h_{t-1} + b), \quad \tilde c_t = \tanh(W_c x_t + U_c h_{t-1} + b_c)$$
$$c_t = f_t \odot c_{t-1} + i_t \odot \tilde c_t, \qquad h_t = o_t \odot \tanh(c_t)$$

Along the cell state, $\partial c_t / \partial c_{t-1} = \mathrm{diag}(f_t)$: no weight matrix, no squashing
derivative. When $f_t \approx 1$ the gradient flows back almost unchanged (the "constant error carousel");
the dashed line uses the mean forget gate as the factor per step. The top-right heatmap shows $f_t$ per
hidden unit for one sequence: units with $f_t \approx 1$ are the memory.

The forget-gate bias $b_f$ sets where $f_t$ starts: $\sigma(1) = 0.73$, $\sigma(3) = 0.95$, $\sigma(-2) = 0.12$.
With $b_f = 1$ this LSTM solves the adding problem at $T = 100$ (MSE far below 0.167) after about
2,000 iterations, where a tanh RNN stays at 0.167.

At the start, $\|\partial L/\partial h_1\| / \|\partial L/\partial h_T\|$ is $10^{-2}$ with $b_f = 1$.

**Try:** $b_f = -2$ (the cell forgets at every step: the factor per step is 0.12 and the ratio falls to
$10^{-29}$), and $b_f = 4$ (factor 0.98: the gradient at $h_1$ is even larger than at $h_T$).

""" + READ,
        config=RnnConfig(cell="lstm", seq_len=100, lr=0.01),
    ),
    "vanishing_tanh": dict(
        title="Vanishing gradients in a tanh RNN",
        seed=0,
        notes=r"""# Vanishing gradients in a tanh RNN

The adding problem: two numbers in a sequence of $T = 100$ are marked, the net must output their sum at
the end. Always answering 1 scores MSE $\mathrm{Var}(u_1 + u_2) = 2/12 \approx 0.167$ (the dashed line).

""" + BPTT + r"""With $\rho = 0.9$ and $\tanh'(z) = 1 - \tanh^2(z) \le 1$, the factor per step is below 0.9: after ~99 steps
$\|\partial L/\partial h_1\|$ is about $10^{-5}$ of $\|\partial L/\partial h_T\|$. The heatmap is dark on the
left: the first marked number sends almost no gradient to the weights, and the loss stays at 0.167.

**Try:** shorten $T$ to 20: the same RNN leaves the plateau after about 1,500 iterations (MSE about 0.03
by 2,500). Then open the *LSTM forget gate* lesson, which solves $T = 100$.

""" + READ,
        config=RnnConfig(hidden=64, seq_len=100, init="normal", rho=0.9),
    ),
}


def build(name: str):
    from playground.presets import new_preset

    lesson = LESSONS[name]
    return new_preset(PANEL, device="auto", **lesson)


def write_all(folder: Path | None = None) -> list[Path]:
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":
    for written in write_all():
        print(written)
