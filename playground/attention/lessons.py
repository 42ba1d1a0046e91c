"""The shipped lesson presets of the attention panel, written here so their notes live beside the math.

``python -m playground.attention.lessons`` (re)writes ``presets/attention/*.json``; a test checks the
shipped files equal what this module makes. Figures quoted in the notes are measured with seed 0 and
checked by tests/core/test_attention_presets.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

NW = """
**Attention pooling.** The seed notes (注意力机制) write Nadaraya-Watson kernel regression as

    f(x) = sum_i alpha(x, x_i) y_i,   alpha(x, x_i) = exp(-(x - x_i)^2 / 2) / sum_j exp(-(x - x_j)^2 / 2)
         = sum_j Softmax(-(x - x_j)^2 / 2) y_j

with the Gaussian kernel `K(u) = exp(-u^2/2) / sqrt(2 pi)`. In attention's words: the **query** is the
x where we want a prediction, the **keys** are the training inputs x_i, the **values** their outputs
y_i, and the attention weights are a softmax over the keys of a score that is large for keys near
the query. The panel adds a width parameter w: `alpha = softmax(-((x - x_i) w)^2 / 2)` (w = 1 is the
seed's formula; a larger w is a narrower kernel).
"""

SCALING = """
**Scoring functions** (seed notes):

- additive attention `a(q, k) = w_v^T tanh(W_q q + W_k k)`, for queries and keys of any lengths;
- scaled dot product `a(q, k) = q . k / sqrt(d)` ("除 d 是为了保持 scale 不变": dividing keeps the
  scale unchanged); batched, `Softmax(Q K^T / sqrt(d)) V`.

If the d entries of q and k are independent with mean 0 and variance 1, `q . k` is a sum of d
products of variance 1, so its variance is d; dividing by `sqrt(d)` makes it 1 again whatever d is.
"""
NW_ZH = """
**注意力汇聚。** 课堂笔记（注意力机制）把 Nadaraya-Watson 核回归写成

    f(x) = sum_i alpha(x, x_i) y_i,   alpha(x, x_i) = exp(-(x - x_i)^2 / 2) / sum_j exp(-(x - x_j)^2 / 2)
         = sum_j Softmax(-(x - x_j)^2 / 2) y_j

其中高斯核为 `K(u) = exp(-u^2/2) / sqrt(2 pi)`。用注意力的语言来说：**查询**是
我们想要预测的那个 x，**键**是训练输入 x_i，**值**是它们的输出
y_i，注意力权重是在所有键上对一个打分做 softmax，键离查询越近打分越大。
面板加了一个宽度参数 w：`alpha = softmax(-((x - x_i) w)^2 / 2)`（w = 1 就是
课堂笔记的公式；w 越大，核越窄）。
"""

SCALING_ZH = """
**打分函数**（课堂笔记）：

- 加性注意力 `a(q, k) = w_v^T tanh(W_q q + W_k k)`，查询和键的长度可以不同；
- 缩放点积 `a(q, k) = q . k / sqrt(d)`（"除 d 是为了保持 scale 不变"）；
  批量形式为 `Softmax(Q K^T / sqrt(d)) V`。

如果 q 和 k 的 d 个分量相互独立，均值为 0、方差为 1，那么 `q . k` 是 d 个
方差为 1 的乘积之和，方差为 d；除以 `sqrt(d)` 后，无论 d 是多少，方差都回到 1。
"""


PANEL = "attention"

LESSONS: dict[str, dict] = {
    "attention_pooling": dict(
        title="Nadaraya-Watson: kernel regression is attention pooling",
        title_zh="Nadaraya-Watson：核回归就是注意力汇聚",
        config=dict(mode="kernel_regression", function="2*sin(x) + x^0.8", n_train=50, noise=0.5, width=1.0),
        notes=f"""
{NW}
The data: 50 points `x_i` uniform on [0, 5], `y_i = 2 sin(x_i) + x_i^0.8 + noise` (noise sd 0.5).
The left plot shows the points (keys and values), the true function and the estimate at 50
evenly spaced queries; the heatmap is the attention weights, one row per query, one column per key
(keys sorted by x): a bright band along the diagonal, since every query attends to the keys near it.

With w = 1 (seed 0) the estimate's mean squared error against the true function is **0.295**, and
the mean entropy of a row of weights is **3.42** nats (a uniform row over 50 keys would be
ln 50 = 3.91): each query averages over many keys, so the estimate is smooth but too flat at the
peaks. Type another function in `f(x) =` (e.g. `sin(3*x)`, `abs(x - 2.5)`, `exp(-x)*5`), change the
noise, or the width w (2 or 4: a narrower kernel, a wigglier curve). The next lesson learns w.
""",
        notes_zh=f"""
{NW_ZH}
数据：50 个点 `x_i` 均匀分布在 [0, 5] 上，`y_i = 2 sin(x_i) + x_i^0.8 + noise`（噪声标准差 0.5）。
左图显示这些点（键和值）、真实函数，以及在 50 个等距查询上的估计；热图是注意力权重，
每个查询一行，每个键一列（键按 x 排序）：沿对角线有一条亮带，因为每个查询都关注它附近的键。

w = 1 时（随机种子 0），估计相对真实函数的均方误差为 **0.295**，一行权重的平均熵为
**3.42** nat（50 个键上的均匀分布为 ln 50 = 3.91）：每个查询都对很多键取平均，所以估计很平滑，
但在峰值处太平。在 `f(x) =` 中输入别的函数（例如 `sin(3*x)`、`abs(x - 2.5)`、`exp(-x)*5`），
改变噪声，或者改变宽度 w（2 或 4：核更窄，曲线更曲折）。下一课会学习 w。
""",
    ),
    "learned_kernel_width": dict(
        title="Learning the kernel width by gradient descent",
        title_zh="用梯度下降学习核宽度",
        config=dict(mode="kernel_regression", function="2*sin(x) + x^0.8", n_train=50, noise=0.5, width=1.0,
                    learn_width=True, width_lr=0.5, nw_steps=200),
        notes=f"""
{NW}
Here w is a parameter, trained by gradient descent on the squared error. On the plain training
error that fails: as w grows every training point attends only to itself (its own key is the
nearest) and the error goes to 0 while the curve turns into a staircase through the noise. So the
loss is the **leave-one-out** error: each training point is predicted from the *other* points
(its own key is masked out, exactly like a padded key in the scoring lesson),

    L(w) = 1/(2n) sum_i (y_i - sum_(j != i) softmax_j(-((x_i - x_j) w)^2 / 2) y_j)^2.

Measured with seed 0 after 200 steps of step size 0.5: w goes from 1 to **2.85**, the leave-one-out
loss from **0.338** to **0.166**, and the error against the true function from 0.295 to **0.035**.
The heatmap's band narrows as w grows. Try step size 5, or noise 0 (w keeps growing: without noise
the nearest neighbours are the best estimate), or noise 2 (a wider kernel wins).
""",
        notes_zh=f"""
{NW_ZH}
这里 w 是一个参数，用梯度下降在平方误差上训练。若用普通的训练误差就会失败：
随着 w 增大，每个训练点只关注它自己（它自己的键是最近的），误差趋于 0，曲线则变成
一条穿过噪声的阶梯。所以损失用的是**留一法**误差：每个训练点由*其他*点来预测
（它自己的键被掩蔽掉，就像打分函数那一课中的填充键一样），

    L(w) = 1/(2n) sum_i (y_i - sum_(j != i) softmax_j(-((x_i - x_j) w)^2 / 2) y_j)^2.

随机种子 0、步长 0.5 训练 200 步后的测量结果：w 从 1 变为 **2.85**，留一法损失从
**0.338** 降到 **0.166**，相对真实函数的误差从 0.295 降到 **0.035**。
随着 w 增大，热图上的亮带变窄。试试步长 5，或者噪声 0（w 会一直增大：没有噪声时
最近邻就是最好的估计），或者噪声 2（更宽的核胜出）。
""",
    ),
    "scaled_dot_product": dict(
        title="Why the dot product is divided by sqrt(d)",
        title_zh="为什么点积要除以 sqrt(d)",
        config=dict(mode="scoring", dim=64, score_queries=4, score_keys=10, valid_len=10, score_samples=200),
        notes=f"""
{SCALING}
Each step draws 4 fresh queries and 10 keys with `d = 64` entries from N(0, 1). Over the 200 draws
(seed 0) the scores `q . k` have variance **63.8** (about d) and the scaled scores **1.00**. The
softmax of the unscaled scores is nearly one-hot: its mean entropy is **0.35** nats against **1.92**
for the scaled ones (the most is ln 10 = 2.30). A saturated softmax also passes less gradient: the
norm of its Jacobian `diag(p) - p p^T` is **0.162** unscaled against **0.346** scaled (and it goes
to 0 as d grows: 0.051 at d = 512 in the sweep).

The lower-right plots sweep d from 1 to 512 (64 draws each): with the scaling the variance stays at
1 and the entropy near 1.9 for every d; without it the variance grows like d and the entropy and
the gradient fall towards 0. Move the `dim` slider and compare the three weight matrices on top:
scaled dot product, unscaled, and additive attention (its random `W_q, W_k` are scaled by
`1/sqrt(d)`, and `tanh` bounds every feature, so it never saturates this way).
""",
        notes_zh=f"""
{SCALING_ZH}
每一步从 N(0, 1) 中重新抽取 4 个查询和 10 个键，各有 `d = 64` 个分量。在 200 次抽样中
（随机种子 0），打分 `q . k` 的方差为 **63.8**（约为 d），缩放后的打分为 **1.00**。
未缩放打分的 softmax 几乎是 one-hot：平均熵为 **0.35** nat，而缩放后为 **1.92**
（最大为 ln 10 = 2.30）。饱和的 softmax 传回的梯度也更少：它的雅可比矩阵
`diag(p) - p p^T` 的范数在未缩放时为 **0.162**，缩放后为 **0.346**（并且随着 d 增大而趋于 0：
扫描中 d = 512 时为 0.051）。

右下的图让 d 从 1 扫到 512（每个 d 抽样 64 次）：有缩放时，对每个 d 方差都保持为
1、熵都在 1.9 附近；没有缩放时方差按 d 增长，熵和梯度都降向 0。拖动 `dim` 滑块，
比较上方的三个权重矩阵：缩放点积、未缩放点积和加性注意力（它的随机 `W_q, W_k` 按
`1/sqrt(d)` 缩放，而且 `tanh` 限制了每个特征的大小，所以它不会以这种方式饱和）。
""",
    ),
    "masking_padded_keys": dict(
        title="Masking: padded keys get weight 0",
        title_zh="掩码：填充的键权重为 0",
        config=dict(mode="scoring", dim=16, score_queries=4, score_keys=10, valid_len=4, score_samples=200),
        notes=f"""
A minibatch holds sequences of different lengths, padded to the longest. Attention must not look at
the padding, so the scores of keys at index `>= valid_len` are replaced by `-inf` before the softmax
(d2l's `masked_softmax` uses -1e6): `exp(-inf) = 0`, so those keys get weight exactly **0** and the
remaining `valid_len` weights still sum to 1.

Here 10 keys, of which only the first 4 are real. The three weight matrices (scaled dot product,
unscaled, additive) have zeros in columns 4-9 in every row (the panel prints the total weight on
padded keys: 0), and every row sums to 1. The entropy of a row can now be at most ln 4 = 1.39.
Change `valid_len` and watch the zeros move; the tests check that masked weights are exactly 0.
{SCALING}""",
        notes_zh=f"""
一个小批量里的序列长度各不相同，都被填充到最长的长度。注意力不能看填充部分，所以下标
`>= valid_len` 的键的打分在 softmax 之前被替换为 `-inf`（d2l 的 `masked_softmax` 用的是 -1e6）：
`exp(-inf) = 0`，所以这些键的权重恰好为 **0**，剩下 `valid_len` 个权重之和仍为 1。

这里有 10 个键，其中只有前 4 个是真实的。三个权重矩阵（缩放点积、未缩放点积、加性注意力）
的每一行在第 4-9 列都是零（面板打印出填充键上的总权重：0），并且每一行之和为 1。
现在一行的熵最多为 ln 4 = 1.39。改变 `valid_len`，观察零的位置移动；测试检查被掩蔽的权重恰好为 0。
{SCALING_ZH}""",
    ),
    "position_matters": dict(
        title="Self-attention needs positions: reversal with and without a positional encoding",
        title_zh="自注意力需要位置：有无位置编码的序列反转",
        config=dict(mode="transformer", task="reverse", seq_len=6, vocab=8, d_model=32, heads=2, layers=1,
                    positional="sinusoidal", compare="positional toggled", max_steps=600),
        notes="""
A tiny transformer block, multi-head self-attention and then an MLP (pre-norm, with residual
connections), reads 6 tokens from 1..7 and must output them **reversed**; every output position
predicts one token (cross-entropy, Adam, 64 sequences a step). Multi-head attention (seed notes):

    head_j = Softmax(Q_j K_j^T / sqrt(d_h)) V_j,   Q_j = X W_q^j, K_j = X W_k^j, V_j = X W_v^j
    MultiHead(X) = [head_1, ..., head_h] W_o

Two copies train on the same batches: one adds the sinusoidal positional encoding to the token
embeddings, its twin adds nothing. Self-attention by itself is **permutation-equivariant**: shuffle
the input tokens and the outputs are shuffled the same way. So without positions an output cannot
know whether it is the first or the last one, and "the token at the mirrored position" means
nothing to it.

Measured with seed 0 after 600 steps, on 512 held-out sequences: with the sinusoidal encoding the
token accuracy is **100%** (96.5% already at step 100); without it **42.2%** and not one whole
sequence right. The heatmaps show each head's weights for one held-out input (rows: output
positions, columns: input positions): with positions they form the anti-diagonal, output i reading
input 5 - i. Try the sort task (sorting needs positions too), or a learned encoding.
""",
        notes_zh="""
一个很小的 transformer 块，先是多头自注意力，再是 MLP（pre-norm，带残差连接），
读入 6 个取自 1..7 的词元，必须把它们**倒序**输出；每个输出位置预测一个词元
（交叉熵，Adam，每步 64 个序列）。多头注意力（课堂笔记）：

    head_j = Softmax(Q_j K_j^T / sqrt(d_h)) V_j,   Q_j = X W_q^j, K_j = X W_k^j, V_j = X W_v^j
    MultiHead(X) = [head_1, ..., head_h] W_o

两个副本在相同的批量上训练：一个把正弦位置编码加到词元嵌入上，另一个什么也不加。
自注意力本身是**置换等变**的：打乱输入词元，输出也以同样的方式被打乱。所以没有位置信息时，
一个输出无法知道自己是第一个还是最后一个，"镜像位置上的词元"对它毫无意义。

随机种子 0 训练 600 步后，在 512 个留出序列上的测量结果：有正弦编码时词元准确率为
**100%**（第 100 步就已达到 96.5%）；没有时为 **42.2%**，没有一个序列完全正确。
热图显示每个头对一个留出输入的权重（行：输出位置，列：输入位置）：有位置信息时，
它们形成反对角线，输出 i 读取输入 5 - i。试试排序任务（排序也需要位置），或者可学习的编码。
""",
    ),
    "copy_with_delay": dict(
        title="Copy with delay: a learned positional encoding",
        title_zh="延迟复制：学习得到的位置编码",
        config=dict(mode="transformer", task="copy with delay", delay=2, seq_len=6, vocab=8, d_model=32, heads=2,
                    layers=1, positional="learned", max_steps=600),
        notes="""
Output position i must show input position i - 2 (and the blank token 0 at positions 0 and 1): a
fixed shift, which attention does by putting all the weight of query i on key i - 2. Here the
positional encoding is **learned**: a parameter matrix of 6 x 32, initialised small and random,
trained with the rest.

Measured with seed 0: the token accuracy on 512 held-out sequences is **75.4%** at step 100,
**99.97%** at step 150 and **100%** at the end (step 600). The heatmaps show the shifted diagonal forming in the heads; the first two
rows, which only have to output the blank, may look anywhere. Try delay 0-5 (larger delays leave
fewer tokens to copy), more heads, or `positional = none` (the shift cannot be learned).
""",
        notes_zh="""
输出位置 i 必须显示输入位置 i - 2（位置 0 和 1 输出空白词元 0）：这是一个固定的平移，
注意力的做法是把查询 i 的全部权重放在键 i - 2 上。这里的位置编码是**可学习的**：
一个 6 x 32 的参数矩阵，用小的随机值初始化，与其余参数一起训练。

随机种子 0 的测量结果：在 512 个留出序列上，词元准确率第 100 步为 **75.4%**，
第 150 步为 **99.97%**，结束时（第 600 步）为 **100%**。热图显示各个头中逐渐形成的平移对角线；
前两行只需输出空白，所以可以看任何地方。试试延迟 0-5（延迟越大，要复制的词元越少）、
更多的头，或者 `positional = none`（平移学不出来）。
""",
    ),
    "sinusoidal_encoding": dict(
        title="The sinusoidal positional encoding and a learned one",
        title_zh="正弦位置编码与学习得到的位置编码",
        config=dict(mode="positional", pe_positions=40, pe_dim=32, task="reverse", seq_len=6, vocab=8, d_model=32,
                    heads=2, max_steps=400),
        notes="""
The seed notes (位置编码):

    P(i, 2j) = sin(i / 10000^(2j/d)),   P(i, 2j+1) = cos(i / 10000^(2j/d))

Each pair of columns is a sine and a cosine at the frequency `w_j = 1/10000^(2j/d)`: the first
columns change fast with the position, the last ones hardly at all, like the digits of a binary
counter but smooth (top-left heatmap: 40 positions x 32 dimensions). Moving by delta positions
turns every pair by the angle `delta w_j`, for every position i (the seed's matrix):

    [[cos(delta w_j), sin(delta w_j)], [-sin(delta w_j), cos(delta w_j)]] (P(i,2j), P(i,2j+1)) = (P(i+delta,2j), P(i+delta,2j+1))

The panel checks it over the whole matrix (largest error about 1e-15). So the dot product
`P(i) . P(k)` depends only on i - k (top right: constant along every diagonal, largest at i = k), which
is what lets attention find "the token 3 to the left" with one linear map.

Bottom: a **learned** encoding (6 positions x 32), trained on the reversal task by the transformer
of the previous lessons, with the cosine similarity between its positions. Measured with seed 0 it
reaches **100%** token accuracy at step 150. Its positions end up distinct (the cosine similarity
of two different positions is at most **0.51**) but with none of the sinusoid's structure: the
similarity does not depend on the offset alone, and the encoding says nothing about positions it
never saw (a sequence longer than 6), where the sinusoidal one simply continues.
""",
        notes_zh="""
课堂笔记（位置编码）：

    P(i, 2j) = sin(i / 10000^(2j/d)),   P(i, 2j+1) = cos(i / 10000^(2j/d))

每一对列是频率为 `w_j = 1/10000^(2j/d)` 的正弦和余弦：前面的列随位置变化很快，
后面的列几乎不变，就像二进制计数器的各位，只不过是平滑的（左上热图：40 个位置 x 32 维）。
移动 delta 个位置，就是把每一对都旋转角度 `delta w_j`，对每个位置 i 都成立（课堂笔记中的矩阵）：

    [[cos(delta w_j), sin(delta w_j)], [-sin(delta w_j), cos(delta w_j)]] (P(i,2j), P(i,2j+1)) = (P(i+delta,2j), P(i+delta,2j+1))

面板在整个矩阵上检查这一点（最大误差约 1e-15）。所以点积
`P(i) . P(k)` 只依赖于 i - k（右上：沿每条对角线为常数，在 i = k 处最大），
这使得注意力只用一个线性映射就能找到"左边第 3 个词元"。

下方：一个**可学习的**编码（6 个位置 x 32），由前几课的 transformer 在倒序任务上训练，
并显示它各位置之间的余弦相似度。随机种子 0 的测量结果：第 150 步词元准确率达到 **100%**。
它的各个位置最终互不相同（两个不同位置的余弦相似度最多为 **0.51**），但完全没有
正弦编码的结构：相似度并不只依赖于位移，而且这种编码对它从未见过的位置
（长于 6 的序列）一无所知，而正弦编码可以直接延续下去。
""",
    ),
    "beam_search": dict(
        title="Greedy search vs beam search",
        title_zh="贪心搜索与束搜索",
        config=dict(mode="decoding", language_model="seed example", beam_width=2, max_len=4, length_alpha=0.75),
        notes="""
A decoder outputs one token at a time from `P(y_t | y_1, ..., y_(t-1), c)`. The seed notes
(解码器算法):

- **greedy search**: `y_t = argmax_y P(y | y_1, ..., y_(t-1))`. If the best output's token at step t
  is not the argmax of step t, greedy cannot find it.
- **beam search** with beam width k (束宽): keep the k best partial outputs; at each step expand each
  over the whole vocabulary and keep the k best of the `k |Y|` candidates; an output ending in
  `<eos>` is finished. Finally choose the one with the highest `(1/L^alpha) log P(y_1, ..., y_L)`,
  alpha usually 0.75, which keeps long outputs from losing just for having more factors.

The toy model over A, B, C, `<eos>` is the classic textbook example (the seed gives the algorithm
but no numbers). Each **Step** is one time step. Greedy takes A (0.5), B (0.4), C (0.4), `<eos>`
(0.6): `P = 0.5 x 0.4 x 0.4 x 0.6 = ` **0.048**. Beam search with k = 2 keeps A C at step 2 (0.15, second
to A B's 0.20), and A C B (0.09) beats A B C (0.08) at step 3: it ends with A C B `<eos>`,
`P = 0.5 x 0.3 x 0.6 x 0.6 = ` **0.054**. In the tree, orange nodes are kept in the beam, grey ones are
pruned, green is the output chosen, and every node shows its log P.

Try k = 1 (exactly greedy), k = 3, alpha 0 (rank by probability alone), or the random model with
more tokens and a longer max_len.
""",
        notes_zh="""
解码器根据 `P(y_t | y_1, ..., y_(t-1), c)` 每次输出一个词元。课堂笔记（解码器算法）：

- **贪心搜索**：`y_t = argmax_y P(y | y_1, ..., y_(t-1))`。如果最优输出在第 t 步的词元
  不是第 t 步的 argmax，贪心搜索就找不到它。
- 束宽为 k 的**束搜索**：保留 k 个最好的部分输出；每一步把每个部分输出在整个词表上展开，
  从 `k |Y|` 个候选中保留最好的 k 个；以 `<eos>` 结尾的输出即告完成。最后选择
  `(1/L^alpha) log P(y_1, ..., y_L)` 最高的那个，alpha 通常取 0.75，这样长的输出不会仅仅因为
  因子更多而落败。

A、B、C、`<eos>` 上的玩具模型是经典的教科书例子（课堂笔记给出了算法，但没有给数字）。
每按一次 **Step** 就是一个时间步。贪心搜索依次取 A (0.5)、B (0.4)、C (0.4)、`<eos>`
(0.6)：`P = 0.5 x 0.4 x 0.4 x 0.6 = ` **0.048**。k = 2 的束搜索在第 2 步保留 A C（0.15，仅次于
A B 的 0.20），第 3 步 A C B (0.09) 胜过 A B C (0.08)：最后得到 A C B `<eos>`，
`P = 0.5 x 0.3 x 0.6 x 0.6 = ` **0.054**。在树中，橙色节点留在束中，灰色节点被剪掉，
绿色是最终选中的输出，每个节点都显示它的 log P。

试试 k = 1（恰好就是贪心搜索）、k = 3、alpha 0（只按概率排序），或者词元更多、
max_len 更长的随机模型。
""",
    ),
}



# Steps per second each lesson plays at, so that its run lasts about 20-40 s on a 2-core laptop CPU
# (measured by benchmarks/lesson_pacing.py; docs/performance.md): at Max speed these runs were over
# in 0.1-10 s, and a class saw only their end. A lesson not listed plays as fast as it can.
PACED = {"attention_pooling": 10.0, "learned_kernel_width": 10.0, "masking_padded_keys": 10.0,
         "scaled_dot_product": 10.0, "copy_with_delay": 20.0, "position_matters": 20.0, "sinusoidal_encoding": 20.0}


def build(name: str):
    from playground.presets import new_preset, tidy_notes

    lesson = LESSONS[name]
    mode = lesson["config"].get("mode", "")
    speed = 1.0 if mode == "decoding" else PACED.get(name)  # a search watched one time step a second
    return new_preset(PANEL, title=lesson["title"], title_zh=lesson["title_zh"],
                      notes=lesson["notes"].strip() + "\n",
                      notes_zh=tidy_notes(lesson.get("notes_zh", "")), seed=0,
                      device="auto", speed=speed, config=lesson["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped ``presets/attention/``)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
