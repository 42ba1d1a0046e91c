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

FLIP_ZH = """
**卷积还是互相关？** 课堂笔记把两个函数的卷积定义为
`(f*g)(x) = sum_t f(t) g(x - t)`，对图像则是 `y_ij = sum_uv w_uv x_(i-u, j-v)`：输入的下标与卷积核的下标
*反向*变化。torch 的 `conv2d`（以及这个面板）计算的是互相关
`y_ij = sum_uv w_uv x_(i s + u d, j s + v d)`，两个下标同向变化。两者相差卷积核的 180° 旋转
（课堂笔记：corr = rot180(conv)）。网络的卷积核是学出来的，所以它直接学到旋转后的卷积核；
各种库都省掉了翻转。测试两者都检查：面板的循环与 `torch.nn.functional.conv2d` 相等，
它的真卷积与 `scipy.signal.convolve2d` 相等。
"""

SIZE_ZH = """
**输出尺寸。** 设输入为 `n`、卷积核为 `k`、填充为 `p`（每一边补零）、步幅为 `s`、
膨胀率为 `d`（k 个抽头的卷积核覆盖 `d(k-1)+1` 个单元）：

    out = floor((n + 2p - d(k-1) - 1) / s) + 1

这就是课堂笔记中的 `floor((n - m + 2p)/s) + 1`，其中 `m = d(k-1)+1`。特殊情况（s = 1，d = 1）：
窄卷积 `n - k + 1`（p = 0），宽卷积 `n + k - 1`（p = k - 1），等宽卷积 `n`（p = (k - 1)/2，k 为奇数）。
"""

PANEL = "conv"

LESSONS: dict[str, dict] = {
    "padding_and_stride": dict(
        title="Padding and stride: where the kernel goes",
        title_zh="填充与步幅：卷积核走到哪里",
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
        notes_zh=f"""
卷积核在补零后的输入上滑动；每按一次 **Step**（单步），它就移到下一个输出单元（逐行进行），
并在那里写下 `y_ij = sum_uv w_uv x_pad(i s + u, j s + v)`。橙色方块是它读取的输入，
中间的网格是这些输入与权重的乘积。把速度设为 2 步/秒再按播放，就能看到滑动过程；后退一步则倒着走。
{SIZE_ZH}
这里 `n = 7, k = 3, p = 1, s = 2`：`floor((7 + 2 - 2 - 1)/2) + 1 = 4`，网格下方的一行显示
torch 的 `conv2d` 给出相同结果（测试会用同样的方式检查控件的每一种设置）。

试一试：步幅 1（等宽卷积，输出 7x7）；填充 0（步幅 1 时输出 5：窄卷积）；填充 2（输出 9：宽卷积）；
步幅 3、填充 1（`floor(6/3) + 1 = 3`：输入的最后一列永远不会被读取）；
**values = ones** 让每个输出单元数出它看到的真实（非填充）输入个数：角上 4 个，
边上 6 个，内部 9 个。
{FLIP_ZH}""",
    ),
    "dilation": dict(
        title="Dilated kernels: a wider view for the same weights",
        title_zh="膨胀卷积核：同样的权重，更宽的视野",
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
        notes_zh=f"""
膨胀率 `d` 在卷积核的相邻抽头之间跳过 `d - 1` 个单元（课堂笔记：一个大卷积核，
其中只有部分元素带权重，其余为 0）。`d = 2` 时三个抽头覆盖 5 个单元，所以
7x7 输入的输出宽度为 `floor((7 - 2*2 - 1)/1) + 1 = 3`，而卷积核仍然只有 9 个权重。
斜坡输入（1, 2, 3, ...）便于看出橙色抽头落在哪些单元上。
{SIZE_ZH}
试试膨胀率 3（3 个抽头覆盖 7 个单元：只有一个输出），再把填充设为 2，让尺寸恢复。
""",
    ),
    "transposed_convolution": dict(
        title="Transposed convolution: every input cell stamps the kernel",
        title_zh="转置卷积：每个输入格都盖印一次卷积核",
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
        notes_zh="""
卷积是一个线性映射 `Y = C X`（课堂笔记：`CX = Y`）；**转置**卷积作用的是 `C^T`，
把小的形状映射回大的形状（`X = C^T Y`，只是形状上的：它不是逆运算）。直接计算时，
每个输入单元 `x_ij` 把 `x_ij * W` 盖印到输出上，印章的左上角位于 `(i s, j s)`；
重叠的印章相加。每按一次 **Step** 就盖一个印章。

    out = (n - 1) s - 2p + d(k - 1) + output_padding + 1

课堂笔记的例子：`i' = 2, s = 2, k = 3` 得到 `o' = s(i' - 1) + k = 2(2 - 1) + 3 = 5`。
这里的填充 `p` 从盖印画布（灰色）的每一边*裁掉* p 个单元。当 s > 1 时，几种输入尺寸会得到
相同的卷积输出（正向公式中有 `floor`）；`output_padding`（小于步幅）选择回到哪一个：
`n = 7, k = 3, p = 1, s = 2` 时卷积得到 4，而 4 的转置卷积在 `output_padding = 0` 时得到 7，为 1 时得到 8。
测试把每一种设置与 torch 的 `conv_transpose2d` 比较，并检查转置卷积确实是伴随算子：
`<C x, y> = <x, C^T y>`。
""",
    ),
    "edge_detectors": dict(
        title="Edge detectors: Sobel, Laplacian, blur and sharpen",
        title_zh="边缘检测器：Sobel、拉普拉斯、模糊与锐化",
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
        notes_zh=f"""
卷积核是一个小图案；在图像局部与它相像的地方，特征图的值就大。

- **Sobel x** `[[-1 0 1], [-2 0 2], [-1 0 1]]`：亮度向右增加（正，红色）或减小
  （负，蓝色）：即竖直边缘。**Sobel y** 是它的转置：水平边缘。中间一行计两次，
  起到沿边缘方向平滑的作用。
- **Laplacian**（拉普拉斯）`[[0 1 0], [1 -4 1], [0 1 0]]`：二阶差分之和，在平坦区域和
  线性渐变上为零，在每条边缘的两侧和细线上很大。
- **Box blur**（全为 1/9）和 **gaussian blur**（`[[1 2 1], [2 4 2], [1 2 1]]/16`）做平均；**sharpen**
  （中间 `5`，周围 `-1`）等于图像加上它的负拉普拉斯。
- 在 *custom kernel* 中输入你自己的卷积核（可以写 `1/9`），例如 `-1 -1 -1; -1 8 -1; -1 -1 -1`。

特征图经过填充，保持与图像相同的尺寸（`p = (k-1)/2`）。在 8x8 手写数字上（image =
digit），一个 3x3 卷积核已经覆盖笔画的很大一部分。**Step** 把图像向右平移一个像素：
特征图随之移动，内容不变（卷积对平移是等变的；每个位置用的都是同一组权重）。

上面 Sobel x 的符号是按面板计算的互相关写的：在课堂笔记的真正卷积下，卷积核要旋转 180°，
Sobel x 因而变号。
{FLIP_ZH}""",
    ),
    "pooling_invariance": dict(
        title="Pooling: a one-pixel shift barely moves the maxima",
        title_zh="池化：平移一个像素，最大值几乎不变",
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
        notes_zh="""
池化把每个 `2x2` 窗口替换为其中的最大值（或平均值），步幅为 2。课堂笔记：用 2x2
最大池化时，移动了一个单元的图案仍然会被报告出来（池化缓解了卷积对位置的敏感性），
而且池化不会把各通道加在一起。

**Step** 把图像向右平移一个像素（后退一步则恢复未平移的图像）。面板测量每张图移动了多少，
`||new - old|| / ||old||`：

| 测量值（随机种子 0，shapes，Laplacian） | 特征图 | 2x2 最大池化 | 4x4 最大池化 |
| --- | --- | --- | --- |
| 平移 1 个像素 | 142% | 70% | 46% |

细的边缘响应平移一个像素后几乎不再与原位置重叠（超过 100%），但窗口内的最大值大多保持不变。
试试池化大小 4、平均池化、最大平移 2（平移整个窗口的距离只会让池化后的图移动一个单元），
或者恒等卷积核配合池化大小 4（0%：每个窗口包含的像素仍然相同）。
""",
    ),
    "backprop_through_convolution": dict(
        title="Backprop through a convolution: dL/dW and dL/dX by hand",
        title_zh="卷积的反向传播：手算 dL/dW 与 dL/dX",
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
        notes_zh="""
`Y = corr(X, W)`，其中 `X` 是随机的；目标 `T = corr(X, W*)` 使用一个隐藏的卷积核 `W*`（Sobel x）。
损失为 `L = 1/(2M) sum_ij (y_ij - t_ij)^2`，所以 `dL/dY = (Y - T)/M`。根据课堂笔记的推导
（步幅 1，无填充）：

    dL/dw_uv = sum_ij dL/dy_ij * x_(i+u, j+v)        i.e. dL/dW = dL/dY (x) X   (a correlation)
    dL/dX    = full convolution of dL/dY with W      = corr(pad_(k-1)(dL/dY), rot180(W))

即 `dL/dW` 是 `dL/dY` 与 `X` 的互相关，`dL/dX` 是 `dL/dY` 与 `W` 的全卷积。步幅为 `s` 时，
先在梯度 `dL/dY` 的单元之间插入 `s - 1` 个零；有膨胀时，插零的是卷积核；填充最后从 `dL/dX` 上裁掉。
每按一次 **Step** 就用这些公式做一次 `W <- W - lr dL/dW`（不用自动求导）；每个快照还会让 torch 的
自动求导算出两个梯度，并打印最大差异（约 1e-17：舍入误差）。损失按几何级数下降，`W` 变成 `W*`。

选择一个输出单元（*out row / out col*）：橙色标出 `y_ij` 读取的输入，最后一个网格是
`dy_ij/dX`，即铺在这些单元上的卷积核。每个权重都会影响每个输出单元，所以
`dL/dW` 要对所有输出单元求和。试试步幅 2、填充 1、自定义卷积核，或者 `kernel lr = 2`
（损失爆炸；运行暂停并给出提示）。
""",
    ),
    "lenet_on_digits": dict(
        title="A LeNet on 8x8 digits, and an MLP with as many weights",
        title_zh="8x8 数字上的 LeNet，以及权重数相同的 MLP",
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
        notes_zh="""
LeNet（课堂笔记）：两个由卷积、激活函数、2x2 最大池化组成的块（先 6 个通道，再 16 个），
然后是全连接层。这里用在 scikit-learn 的 1,797 张 8x8 手写数字上（训练 1,437 张，测试 360 张，
固定的分层划分），3x3 卷积核加填充以保持 8x8，然后是 4x4：

    1x8x8 -conv-> 6x8x8 -pool-> 6x4x4 -conv-> 16x4x4 -pool-> 16x2x2 -> 64 -> 10

Adam，学习率 0.01，每步 64 张数字，800 步（约 36 个 epoch，连同对照网络在一个 CPU 核上约 2 秒）。
对照网络是一个 MLP `64 -> h -> 10`，`h` 的选取使参数量相同
（`75h + 10`：5,785，CNN 为 5,750），在相同的批量上训练。

随机种子 0 的测量结果：CNN 测试准确率 98.1%，MLP 96.9%。CNN 在所有位置共享每个 3x3 卷积核，
所以它不多的权重参与了多得多的计算，相邻像素也被同样对待。

曲线下方：学到的 conv1 卷积核、所选测试数字（*digit shown*，每类一个）在每一层的特征图
（每张图按自身最大值缩放），以及一个单元的感受野：虚线框是它能看到的输入区域
（逐层计算，`[a, b] -> [a s - p, b s - p + d(k-1)]`），橙色热度 `|d unit / d pixel|` 显示它实际在看哪里。
""",
    ),
    "what_layer1_learns": dict(
        title="What the first layer learns",
        title_zh="第一层学到了什么",
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
        notes_zh="""
在 8x8 手写数字上训练八个 5x5 卷积核。第 0 步时它们是随机噪声；几百步之内它们就变成平滑的
有方向的图案：对某一方向的笔画和边缘有响应的明暗对，以及对某个位置上的墨迹有响应的斑点。
把 *conv1 filters* 图与边缘检测那一课的 Sobel 和拉普拉斯卷积核比较，并观察每个数字的 conv1
特征图：每个通道在与它的卷积核相匹配的笔画上亮起来。

conv1 单元的感受野恰好是它的 5x5 窗口（虚线框，在边界处被截断：填充贡献的是零）；
热度显示铺在那里的卷积核的大小。选择 *rf layer* = conv2 或 pool2，可以看到感受野变大：
池化使相邻单元之间的步距加倍，所以之后的每个 5x5 卷积核都能看到两倍远。
随机种子 0 的测量结果：800 步后测试准确率 98.3%。
""",
    ),
    "batch_norm_speed": dict(
        title="Batch normalization speeds up a sigmoid CNN",
        title_zh="批归一化加速 sigmoid CNN",
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
        notes_zh="""
课堂笔记：对卷积层来说，批量归一化位于卷积和激活函数之间，并且按通道进行：均值和方差
在批量*以及*所有位置上计算（`m x p x q` 个值），然后 `BN(x) = gamma * (x - mu)/sqrt(sigma^2 + eps) + beta`，
每个通道一对标量 `gamma, beta`。

这里的两个网络都是使用 sigmoid 激活的 LeNet，用普通 SGD（动量 0.9，学习率 0.1）
在相同的批量上训练；对照网络在每个卷积之后都有 BN。随机种子 0 的测量结果：

| 步数 | 200 | 400 | 600 |
| --- | --- | --- | --- |
| 无 BN | 10.3% | 10.3% | 10.0% |
| 有 BN | 89.4% | 94.7% | 96.1% |

没有 BN 时，普通网络在几百步内都停留在随机猜测的水平（10%）：sigmoid 的斜率最大为
1/4，所以梯度每经过一层都会缩小，而未中心化的激活值（全为正，在 0.5 附近）
让下一层的加权和一起漂移。BN 在每一步都对每个通道重新中心化和缩放，所以梯度从一开始就能到达
前面几层。试试 Adam（学习率 0.003；普通网络大约 400 步后开始学习）或 relu：差距缩小。
""",
    ),
    "residual_block": dict(
        title="A residual block: f(x) + x",
        title_zh="残差块：f(x) + x",
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
        notes_zh="""
残差块（课堂笔记，ResNet）学习的是变化量 `f(x) - x` 而不是 `f(x)`：
`conv3x3 - BN - act - conv3x3 - BN`，加上输入，再经过激活函数。这里它位于
第二个卷积之后（16 个通道，4x4），对照网络是去掉它的同一个 CNN。

在一半分辨率上多两个 3x3 卷积，使 conv2 单元的感受野变宽：从
8x8 个输入像素（单元 (1, 1) 的第 -1..6 行）变为 16x16（第 -5..10 行），比整个数字还大。
观察数字上的虚线框。只有 1,437 张训练数字时，更深的网络并不需要额外的深度；
当网络深到普通堆叠无法训练时，残差连接才显出作用。
""",
    ),
}



# Steps per second each lesson plays at, so that its run lasts about 20-40 s on a 2-core laptop CPU
# (measured by benchmarks/lesson_pacing.py; docs/performance.md): at Max speed these runs were over
# in 0.1-10 s, and a class saw only their end. A lesson not listed plays as fast as it can.
PACED = {"backprop_through_convolution": 30.0, "batch_norm_speed": 20.0, "lenet_on_digits": 30.0,
         "residual_block": 30.0, "what_layer1_learns": 30.0}


def build(name: str):
    from playground.presets import new_preset, tidy_notes

    lesson = LESSONS[name]
    mode = lesson["config"].get("mode", "")
    speed = 2.0 if mode in ("arithmetic",) else PACED.get(name)  # a kernel sliding cell by cell is watched slowly
    return new_preset(PANEL, title=lesson["title"], title_zh=lesson["title_zh"],
                      notes=lesson["notes"].strip() + "\n",
                      notes_zh=tidy_notes(lesson.get("notes_zh", "")), seed=0, device="auto",
                      speed=speed, config=lesson["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped ``presets/conv/``)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
