"""The shipped lesson presets of the convolution panel, written here so their notes live beside the math.

``python -m playground.conv.lessons`` (re)writes ``presets/conv/*.json``; a test checks the shipped
files equal what this module makes. Figures quoted in the notes are measured with seed 0 and checked
by tests/core/test_conv_engines.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

FLIP = """
**Convolution or cross-correlation?** The seed notes define the convolution of two functions as
`(f*g)(x) = sum_t f(t) g(x - t)`, and for images `y_ij = sum_uv w_uv x_(i-u, j-v)`: the input index
runs *against* the kernel index. What torch's `conv2d` (and this panel) computes is the
cross-correlation `y_ij = sum_uv w_uv x_(i s + u d, j s + v d)`, where both run the same way. The two
differ by a 180° turn of the kernel (the seed: corr = rot180(conv)). A network learns its kernels, so it
simply learns the turned ones; libraries skip the flip. The tests check both: the panel's loops equal
`torch.nn.functional.conv2d`, and its true convolution equals `scipy.signal.convolve2d`.
"""

SIZE = """
**Output size.** With input `n`, kernel `k`, padding `p` (zeros on every side), stride `s` and
dilation `d` (a k-tap kernel spans `d(k-1)+1` cells):

    out = floor((n + 2p - d(k-1) - 1) / s) + 1

which is the seed's `floor((n - m + 2p)/s) + 1` with `m = d(k-1)+1`. Special cases (s = 1, d = 1):
narrow `n - k + 1` (p = 0), wide `n + k - 1` (p = k - 1), same `n` (p = (k - 1)/2, odd k).
"""

PANEL = "conv"

LESSONS: dict[str, dict] = {
    "padding_and_stride": dict(
        title="Padding and stride: where the kernel goes",
        config=dict(mode="arithmetic", input_size=7, kernel_size=3, padding=1, stride=2),
        notes=f"""
The kernel slides over the zero-padded input; each **Step** moves it to the next output cell, row by
row, and writes `y_ij = sum_uv w_uv x_pad(i s + u, j s + v)` there. The orange squares are the inputs
it reads, the middle grid their products with the weights. Set the speed to 2 steps/s and press Play
to watch the slide; Step back walks it backwards.
{SIZE}
Here `n = 7, k = 3, p = 1, s = 2`: `floor((7 + 2 - 2 - 1)/2) + 1 = 4`, and the line under the grids
shows torch's `conv2d` agreeing (every setting of the controls is checked the same way in the tests).

Try: stride 1 (same convolution, 7x7 out); padding 0 (5 with stride 1: narrow); padding 2 (9: wide);
stride 3 with padding 1 (`floor(6/3) + 1 = 3`: the last column of the input is never read);
**values = ones** makes every output cell count the real (non-padding) inputs it sees: 4 in a corner,
6 on an edge, 9 inside.
{FLIP}""",
    ),
    "dilation": dict(
        title="Dilated kernels: a wider view for the same weights",
        config=dict(mode="arithmetic", input_size=7, kernel_size=3, dilation=2, values="ramp"),
        notes=f"""
A dilation `d` puts `d - 1` skipped cells between the taps of the kernel (the seed: a large kernel
in which only some entries carry weights, the rest are 0). Three taps with `d = 2` span 5 cells, so
the output of a 7x7 input is `floor((7 - 2*2 - 1)/1) + 1 = 3` cells wide, while the kernel still
has only 9 weights. The ramp input (1, 2, 3, ...) makes it easy to read which cells the orange
taps land on.
{SIZE}
Try dilation 3 (the 3 taps span 7 cells: a single output), then padding 2 to get the size back.
""",
    ),
    "transposed_convolution": dict(
        title="Transposed convolution: every input cell stamps the kernel",
        config=dict(mode="arithmetic", input_size=2, kernel_size=3, stride=2, transposed=True, values="small integers"),
        notes="""
A convolution is a linear map `Y = C X` (the seed: `CX = Y`); the **transposed** convolution
applies `C^T`, mapping the small shape back to the large one (`X = C^T Y`, shapes only: it is not
the inverse). Computed directly, every input cell `x_ij` stamps `x_ij * W` onto the output with its
top-left corner at `(i s, j s)`; overlapping stamps add. Each **Step** is one stamp.

    out = (n - 1) s - 2p + d(k - 1) + output_padding + 1

The seed's example: `i' = 2, s = 2, k = 3` gives `o' = s(i' - 1) + k = 2(2 - 1) + 3 = 5`.
Padding `p` here *crops* p cells from every side of the stamped canvas (grey). Several input sizes
give the same convolution output when s > 1 (`floor` in the forward formula); `output_padding`
(smaller than the stride) picks which one to go back to: with `n = 7, k = 3, p = 1, s = 2` the
convolution gives 4 and the transposed convolution of 4 gives 7 with `output_padding = 0`, 8 with 1.
The tests compare every setting with torch's `conv_transpose2d`, and check that the transposed
convolution is the adjoint: `<C x, y> = <x, C^T y>`.
""",
    ),
    "edge_detectors": dict(
        title="Edge detectors: Sobel, Laplacian, blur and sharpen",
        config=dict(mode="kernels", image="shapes", kernel="Sobel x", max_shift=2),
        notes=f"""
A kernel is a small pattern; the feature map is large where the image locally looks like it.

- **Sobel x** `[[-1 0 1], [-2 0 2], [-1 0 1]]`: brightness growing to the right (positive, red) or
  falling (negative, blue): vertical edges. **Sobel y** is its transpose: horizontal edges. The
  middle row counts twice, which smooths along the edge.
- **Laplacian** `[[0 1 0], [1 -4 1], [0 1 0]]`: the sum of second differences, zero on flat areas
  and on ramps, large on both sides of every edge and at thin lines.
- **Box blur** (all 1/9) and **gaussian blur** (`[[1 2 1], [2 4 2], [1 2 1]]/16`) average; **sharpen**
  (`5` in the middle, `-1` around) is the image plus its negative Laplacian.
- Type your own in *custom kernel* (`1/9` works), e.g. `-1 -1 -1; -1 8 -1; -1 -1 -1`.

The feature map is padded to keep the image's size (`p = (k-1)/2`). On the 8x8 digits (image =
digit) a 3x3 kernel already covers a large part of a stroke. **Step** shifts the image a pixel to
the right: the feature map moves with it, unchanged (a convolution is equivariant to shifts; the
same weights are used at every position).

The Sobel x signs above are written for the cross-correlation the panel computes: under the true
convolution of the seed notes the kernel is turned 180°, which negates Sobel x.
{FLIP}""",
    ),
    "pooling_invariance": dict(
        title="Pooling: a one-pixel shift barely moves the maxima",
        config=dict(mode="kernels", image="shapes", kernel="edge (Laplacian)", pool="max", pool_size=2, max_shift=1),
        notes="""
Pooling replaces each `2x2` window by its maximum (or mean) with stride 2. The seed notes: with 2x2
max pooling, a pattern that moves by one cell is still reported (pooling eases the convolution's
sensitivity to position), and it does not add channels together.

**Step** shifts the image one pixel right (Step back shows it unshifted again). The panel measures
how much each map moved, `||new - old|| / ||old||`:

| measured (seed 0, shapes, Laplacian) | feature map | 2x2 max pooled | 4x4 max pooled |
| --- | --- | --- | --- |
| shift by 1 pixel | 142% | 70% | 46% |

Thin edge responses moved by a pixel barely overlap their old place (over 100%), but the window
maxima mostly stay. Try pool size 4, average pooling, max shift 2 (a shift by the whole window just
moves the pooled map by one cell), or the identity kernel with pool size 4 (0%: every window still
holds the same pixels).
""",
    ),
    "backprop_through_convolution": dict(
        title="Backprop through a convolution: dL/dW and dL/dX by hand",
        config=dict(mode="backprop", input_size=7, kernel="Sobel x", kernel_lr=0.2, out_row=1, out_col=1),
        notes="""
`Y = corr(X, W)` with a random `X`; the target `T = corr(X, W*)` uses a hidden kernel `W*` (Sobel x).
The loss is `L = 1/(2M) sum_ij (y_ij - t_ij)^2`, so `dL/dY = (Y - T)/M`. From the seed derivation
(stride 1, no padding):

    dL/dw_uv = sum_ij dL/dy_ij * x_(i+u, j+v)        i.e. dL/dW = dL/dY (x) X   (a correlation)
    dL/dX    = full convolution of dL/dY with W      = corr(pad_(k-1)(dL/dY), rot180(W))

With stride `s` the gradient `dL/dY` is first spread out with `s - 1` zeros between cells, with
dilation the kernel is; padding is cropped off `dL/dX` at the end. Each **Step** does
`W <- W - lr dL/dW` using these formulas (no autograd); every snapshot also asks torch's autograd
for both gradients and prints the largest difference (about 1e-17: rounding). The loss falls
geometrically and `W` becomes `W*`.

Pick an output cell (*out row / out col*): orange marks the inputs `y_ij` read, and the last grid
is `dy_ij/dX`, the kernel laid on those cells. Every weight touches every output cell, which is
why `dL/dW` sums over all of them. Try stride 2, padding 1, a custom kernel, or `kernel lr = 2`
(the loss blows up; the run pauses with a message).
""",
    ),
    "lenet_on_digits": dict(
        title="A LeNet on 8x8 digits, and an MLP with as many weights",
        config=dict(mode="train", compare="mlp"),
        notes="""
LeNet (seed notes): two blocks of convolution, activation, 2x2 max pooling (6 then 16 channels), then
fully connected layers. Here on scikit-learn's 1,797 8x8 digits (1,437 train, 360 test, a fixed
stratified split), with 3x3 kernels padded to keep 8x8, then 4x4:

    1x8x8 -conv-> 6x8x8 -pool-> 6x4x4 -conv-> 16x4x4 -pool-> 16x2x2 -> 64 -> 10

Adam, learning rate 0.01, 64 digits per step, 800 steps (about 36 epochs, about 2 s on one CPU core with
the twin). The twin is an MLP `64 -> h -> 10` with `h` chosen for the same parameter count
(`75h + 10`: 5,785 against the CNN's 5,750), trained on the same batches.

Measured with seed 0: CNN 98.1% test accuracy, MLP 96.9%. The CNN shares each 3x3 kernel over all
positions, so its few weights go into many more computations, and nearby pixels are treated alike.

Below the curves: the learned conv1 kernels, the feature maps of the chosen test digit (*digit
shown*, one per class) at every layer, each map scaled by its largest value, and the receptive
field of one unit: the dashed box is the input region it can see (computed layer by layer,
`[a, b] -> [a s - p, b s - p + d(k-1)]`), the orange heat `|d unit / d pixel|` where it actually looks.
""",
    ),
    "what_layer1_learns": dict(
        title="What the first layer learns",
        config=dict(mode="train", conv1_channels=8, conv_kernel=5, compare="none", rf_layer="conv1", rf_row=3,
                    rf_col=3),
        notes="""
Eight 5x5 kernels on the 8x8 digits. At step 0 they are random noise; within a few hundred steps they
become smooth oriented patterns: bright-dark pairs that respond to strokes and edges of one
direction, blobs that respond to ink at a place. Compare the *conv1 filters* plot with the Sobel and
Laplacian kernels of the edge-detector lesson, and watch the conv1 feature maps of each digit: each
channel lights up on the strokes that match its kernel.

The receptive field of a conv1 unit is exactly its 5x5 window (dashed box, clipped at the border: the
padding contributes zeros); the heat shows the kernel's magnitude laid there. Choose *rf layer* =
conv2 or pool2 to see it grow: pooling doubles the step between units, so every later 5x5 kernel sees
twice as far. Measured with seed 0: 98.3% test accuracy after 800 steps.
""",
    ),
    "batch_norm_speed": dict(
        title="Batch normalization speeds up a sigmoid CNN",
        config=dict(mode="train", activation="sigmoid", optimizer="sgd", learning_rate=0.1, compare="bn toggled",
                    max_steps=600),
        notes="""
The seed notes: for a convolution, batch normalization sits between the convolution and the
activation and works per channel: the mean and variance are taken over the batch *and* all
positions (`m x p x q` values), then `BN(x) = gamma * (x - mu)/sqrt(sigma^2 + eps) + beta`, one
scalar `gamma, beta` per channel.

Both networks here are LeNets with sigmoid activations trained with plain SGD (momentum 0.9, lr 0.1)
on the same batches; the twin has BN after every convolution. Measured with seed 0:

| step | 200 | 400 | 600 |
| --- | --- | --- | --- |
| without BN | 10.3% | 10.3% | 10.0% |
| with BN | 89.4% | 94.7% | 96.1% |

Without BN the plain network sits at chance (10%) for hundreds of steps: a sigmoid's slope is at
most 1/4, so the gradient shrinks at every layer, and the un-centred activations (all positive, around
0.5) make the next layer's sums drift together. BN re-centres and re-scales every channel at every
step, so the gradient reaches the first layers from the start. Try Adam (lr 0.003; the plain network
gets going after about 400 steps) or relu: the gap shrinks.
""",
    ),
    "residual_block": dict(
        title="A residual block: f(x) + x",
        config=dict(mode="train", residual=True, batch_norm=True, compare="residual toggled", rf_layer="conv2"),
        notes="""
A residual block (seed notes, ResNet) learns the change `f(x) - x` instead of `f(x)`:
`conv3x3 - BN - act - conv3x3 - BN`, plus the input, then the activation. Here it sits after the
second convolution (16 channels at 4x4), and the twin is the same CNN without it.

Two more 3x3 convolutions at half resolution widen the receptive field of a conv2 unit: from
8x8 input pixels (rows -1..6 for unit (1, 1)) to 16x16 (rows -5..10), more than the whole digit.
Watch the dashed box on the digit. With only 1,437 training digits the deeper network does not need
the extra depth; residual connections matter when networks get deep enough that plain stacks stop
training.
""",
    ),
}


def tidy(notes: str) -> str:
    """Notes without the blank lines around them, ending in one newline; empty stays empty."""
    return notes.strip() + "\n" if notes.strip() else ""


def build(name: str):
    from playground.presets import new_preset

    lesson = LESSONS[name]
    mode = lesson["config"].get("mode", "")
    speed = 2.0 if mode in ("arithmetic",) else None  # a kernel sliding cell by cell is watched slowly
    return new_preset(PANEL, title=lesson["title"], notes=lesson["notes"].strip() + "\n",
                      notes_zh=tidy(lesson.get("notes_zh", "")), seed=0, device="auto",
                      speed=speed, config=lesson["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped ``presets/conv/``)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
