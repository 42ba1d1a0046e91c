"""Simplified Chinese for the tooltips of the config forms: each config field's ``description``.

``widgets/form.py`` shows a field's description as its control's tooltip; i18n adds this table to ZH,
so ``tr_message(description)`` gives the Chinese. Keyed by the exact English of the description: a
changed description needs its entry changed too (tests/gui/test_descriptions_zh.py names the ones missing).
A panel built elsewhere may instead pass its descriptions to ``i18n.register`` from its view module.
"""

DESCRIPTIONS_ZH: dict[str, str] = {
    # optimizer
    "The loss surface.": "损失曲面。",
    "Up to 8 optimizers racing from the same start point.": "最多 8 个优化器从同一起点出发比赛。",
    "Where every optimizer starts (x).": "所有优化器的起点（x）。",
    "Where every optimizer starts (y).": "所有优化器的起点（y）。",
    "Standard deviation of Gaussian noise added to each gradient, like a minibatch's.":
        "加到每个梯度上的高斯噪声的标准差，模拟小批量梯度的噪声。",
    "Left edge of the view.": "视图的左边界。",
    "Right edge of the view.": "视图的右边界。",
    "Bottom edge of the view.": "视图的下边界。",
    "Top edge of the view.": "视图的上边界。",
    "An optimizer has arrived when f − f* is at most this.": "当 f − f* 不超过此值时，认为优化器已到达。",
    "Resolution of the contour image (points per side).": "等高线图的分辨率（每边的点数）。",
    "Which loss surface f(x, y) to descend.": "要下降的损失曲面 f(x, y)。",
    "Quadratic bowl: ratio of the largest to the smallest curvature.": "二次碗：最大曲率与最小曲率之比。",
    "Quadratic bowl: angle of the bowl's axes against x and y.": "二次碗：碗的主轴相对 x、y 轴的夹角。",
    "Your surface: + - * / ^, sin cos tan exp log sqrt abs tanh, pi, e, x and y.":
        "自定义曲面：可用 + - * / ^、sin cos tan exp log sqrt abs tanh、pi、e、x 和 y。",
    "MLP landscape: the 2-D classification data the network is trained on.": "MLP 损失曲面：网络训练所用的二维分类数据。",
    "MLP landscape: units in each of the network's two hidden layers.": "MLP 损失曲面：网络两个隐藏层各自的单元数。",
    "The update rule (see the notes for its formula).": "更新规则（公式见课堂笔记）。",
    "Whether this optimizer races in the run.": "此优化器是否参加本次运行的比赛。",
    "A name for the legend and table; empty uses the optimizer's name.": "图例和表格中显示的名称；留空则用优化器的名字。",
    "Index into the colour-blind-safe palette.": "在色盲友好调色板中的颜色序号。",
    "η: how far each update moves along its direction.": "η：每次更新沿其方向移动多远。",
    "Momentum/Nesterov: how much of the previous velocity each step keeps.": "动量/Nesterov：每一步保留多少上一步的速度。",
    "Adam: decay of the running mean of gradients m (first moment).": "Adam：梯度滑动平均 m（一阶矩）的衰减率。",
    "Adam: decay of the running mean of squared gradients v (second moment).": "Adam：梯度平方滑动平均 v（二阶矩）的衰减率。",
    "RMSprop/AdaDelta: decay of the running mean of squared gradients.": "RMSprop/AdaDelta：梯度平方滑动平均的衰减率。",
    "Adaptive methods: added to the denominator so a tiny gradient history cannot divide by zero.":
        "自适应方法：加在分母上，避免梯度历史极小时除以零。",
    "Pull towards the origin: L2 added to the gradient (AdamW: decoupled, applied to the weights).":
        "向原点的拉力：把 L2 项加到梯度上（AdamW：解耦，直接作用于权重）。",
    "Adam: divide m and v by (1 − βᵗ) so the first steps are not too small.": "Adam：将 m 和 v 除以 (1 − βᵗ)，使最初几步不会太小。",
    "The learning-rate schedule.": "学习率调度。",
    "How the learning rate changes over steps: constant, step decay, exponential decay or cosine annealing.":
        "学习率随步数如何变化：常数、阶梯衰减、指数衰减或余弦退火。",
    "Step decay: multiply the learning rate by gamma every this many steps.": "阶梯衰减：每隔这么多步把学习率乘以 gamma。",
    "Decay factor: per step_size steps (step) or per step (exponential).": "衰减因子：每 step_size 步一次（阶梯）或每步一次（指数）。",
    "Cosine annealing: steps from the base learning rate down to lr_min.": "余弦退火：从基础学习率降到 lr_min 所用的步数。",
    "Cosine annealing: the learning rate at the bottom of the cosine.": "余弦退火：余弦曲线最低处的学习率。",
    # network
    "The data: 2-D classification sets, 2-D regression sets, your CSV or 8x8 digits.":
        "数据：二维分类数据集、二维回归数据集、你的 CSV 文件或 8x8 数字。",
    "A CSV file of rows x1, x2, label (0/1 classes) or x1, x2, y (regression).":
        "CSV 文件，每行为 x1, x2, label（0/1 两类）或 x1, x2, y（回归）。",
    "Number of points generated (train + test).": "生成的点数（训练 + 测试）。",
    "Noise of the generated data, from 0 (clean) to 1 (very noisy).": "生成数据的噪声，从 0（干净）到 1（噪声很大）。",
    "Fraction of the points used for training.": "用于训练的点所占比例。",
    "Points per minibatch: one step is one minibatch.": "每个小批量的点数：一步就是一个小批量。",
    "Feed the first coordinate x1 to the network.": "把第一个坐标 x1 输入网络。",
    "Feed the second coordinate x2 to the network.": "把第二个坐标 x2 输入网络。",
    "Feed x1 squared to the network.": "把 x1 的平方输入网络。",
    "Feed x2 squared to the network.": "把 x2 的平方输入网络。",
    "Feed the product x1*x2 (what XOR needs) to the network.": "把乘积 x1*x2（XOR 所需的特征）输入网络。",
    "Feed sin(x1) to the network.": "把 sin(x1) 输入网络。",
    "Feed sin(x2) to the network.": "把 sin(x2) 输入网络。",
    "The hidden layers, input side first (none: a linear model).": "隐藏层，从输入一侧开始排列（没有隐藏层：线性模型）。",
    "Add skip connections h + f(Wh + b) between layers of equal width.": "在宽度相同的层之间加跳跃连接 h + f(Wh + b)。",
    "Weight init: Xavier/Glorot var 2/(in+out), He var 2/in, normal(0, sigma) or zeros.":
        "权重初始化：Xavier/Glorot 方差 2/(in+out)、He 方差 2/in、normal(0, sigma) 或全零。",
    "Standard deviation of the 'normal' weight init.": "'normal' 权重初始化的标准差。",
    "Loss for classification: cross-entropy or mean squared error (regression is always MSE).":
        "分类的损失：交叉熵或均方误差（回归始终用 MSE）。",
    "L1 regularisation rate: adds l1 * sum |w| to the loss.": "L1 正则化系数：在损失上加 l1 * sum |w|。",
    "L2 regularisation rate: adds l2 * sum w^2 to the loss.": "L2 正则化系数：在损失上加 l2 * sum w^2。",
    "The torch.optim optimizer.": "torch.optim 中的优化器。",
    "Learning rate eta: the step size of each update.": "学习率 eta：每次更新的步长。",
    "Resolution of the decision-boundary and neuron heatmaps.": "决策边界和神经元热图的分辨率。",
    "Number of neurons in this hidden layer.": "此隐藏层的神经元数。",
    "Non-linearity f applied after the layer: h = f(Wx + b) (maxout: h = max_k (W_k x + b_k) over 3 pieces).":
        "该层之后的非线性函数 f：h = f(Wx + b)（maxout：在 3 个片段上取 h = max_k (W_k x + b_k)）。",
    "Dropout rate p: in training each neuron is zeroed with probability p.": "Dropout 比率 p：训练时每个神经元以概率 p 被置零。",
    "Normalise the layer's pre-activations over the minibatch.": "在小批量上对该层的激活前值做归一化。",
    # rnn
    "single trains one net; compare trains an RNN, an LSTM and a GRU side by side on the same batches.":
        "single 训练一个网络；compare 在相同批次上并排训练一个 RNN、一个 LSTM 和一个 GRU。",
    "The recurrent cell: a vanilla RNN h_t = f(W_hh h_{t-1} + W_xh x_t + b) with f = tanh, ReLU, sigmoid or identity, "
    "or a gated LSTM / GRU (in compare mode, the RNN's activation).":
        "循环单元：普通 RNN h_t = f(W_hh h_{t-1} + W_xh x_t + b)，其中 f = tanh、ReLU、sigmoid 或恒等函数；"
        "或带门控的 LSTM / GRU（在 compare 模式下，指 RNN 的激活函数）。",
    "Size of the hidden state h_t.": "隐藏状态 h_t 的大小。",
    "adding: sum the two marked numbers; copy: recall the first token after T steps; parity: XOR of all bits; "
    "sine: predict the next value of a noisy sine wave.":
        "adding：把两个标记的数相加；copy：T 步后回忆第一个词元；parity：所有比特的异或；sine：预测带噪正弦波的下一个值。",
    "Sequence length T: how many steps back the gradient must travel.": "序列长度 T：梯度必须向前传回多少步。",
    "Sequences per training iteration.": "每次训练迭代的序列数。",
    "Copy task: number of distinct tokens (chance = 1/vocab).": "复制任务：不同词元的个数（随机猜中的概率 = 1/vocab）。",
    "Sine task: standard deviation of the noise added to the wave.": "正弦任务：加到波形上的噪声的标准差。",
    "Initial W_hh: rho times a random orthogonal matrix, rho times the identity (IRNN), a Gaussian matrix scaled to "
    "spectral radius rho, or torch's default uniform init.":
        "W_hh 的初始值：rho 乘以随机正交矩阵、rho 乘以单位矩阵（IRNN）、缩放到谱半径 rho 的高斯矩阵，或 torch 默认的均匀初始化。",
    "Spectral radius of the initial W_hh (largest |eigenvalue|): below 1 gradients shrink like rho^(T-t), above 1 they grow.":
        "初始 W_hh 的谱半径（最大的 |特征值|）：小于 1 时梯度按 rho^(T-t) 缩小，大于 1 时增长。",
    "LSTM: initial bias of the forget gate; a large bias keeps f_t near 1 so the cell state carries gradient back in time.":
        "LSTM：遗忘门的初始偏置；偏置较大时 f_t 接近 1，细胞状态便能把梯度沿时间传回去。",
    "GRU candidate state: torch applies the reset gate after the product, tanh(W x_t + r_t ⊙ (U h_{t-1} + b_hn) + b); "
    "the lecture notes before it, tanh(W x_t + U (r_t ⊙ h_{t-1}) + b).":
        "GRU 候选状态：torch 在矩阵乘积之后施加重置门，tanh(W x_t + r_t ⊙ (U h_{t-1} + b_hn) + b)；"
        "讲义则在乘积之前施加，tanh(W x_t + U (r_t ⊙ h_{t-1}) + b)。",
    "Clip the gradient by its global norm before each update.": "每次更新前按全局范数裁剪梯度。",
    "Gradient clipping threshold: a gradient with norm above it is rescaled to this norm.": "梯度裁剪阈值：范数超过它的梯度会被缩放到这个范数。",
    "The optimizer that updates the weights.": "更新权重的优化器。",
    "Learning rate (step size).": "学习率（步长）。",
    "How many training iterations the gradient heatmaps keep (older rows scroll away).": "梯度热图保留多少次训练迭代（更早的行会滚出）。",
    "Record a heatmap row every this many training iterations.": "每隔这么多次训练迭代记录一行热图。",
    # generative
    "Which model trains: a variational autoencoder or a generative adversarial network": "训练哪个模型：变分自编码器（VAE）或生成对抗网络（GAN）",
    "The data: a 2-D target (ring of 8 gaussians, 5x5 grid of gaussians, spiral, two moons, your drawn points) "
    "or sklearn's 8x8 digits":
        "数据：二维目标分布（8 个高斯组成的环、5x5 高斯网格、螺旋、双月、你画的点）或 sklearn 的 8x8 数字",
    "The drawn target: centres of small gaussians, added by clicking on the plane ('draw target')":
        "手绘目标：小高斯分布的中心，在平面上点击添加（'绘制目标'）",
    "Standard deviation of each drawn gaussian": "每个手绘高斯分布的标准差",
    "Units of each hidden layer of the encoder and the decoder": "编码器和解码器每个隐藏层的单元数",
    "Hidden layers of the encoder and of the decoder": "编码器和解码器的隐藏层数",
    "Dimension of the latent z (2: the latent plane is drawn exactly; more: the first two dimensions are shown, "
    "the others held at 0)":
        "隐变量 z 的维数（2：精确绘制隐平面；更多：只显示前两维，其余维固定为 0）",
    "Weight of the KL term (beta-VAE): loss = recon + beta KL": "KL 项的权重（β-VAE）：loss = recon + beta KL",
    "A plain autoencoder for comparison: z = mu (no noise) and no KL term": "用于对比的普通自编码器：z = mu（无噪声），没有 KL 项",
    "Decoder standard deviation for 2-D data: recon = ||x - mu_2||^2 / (2 sigma^2) (digits use the Bernoulli cross-entropy)":
        "二维数据的解码器标准差：recon = ||x - mu_2||^2 / (2 sigma^2)（数字数据用伯努利交叉熵）",
    "Adam learning rate of the VAE": "VAE 的 Adam 学习率",
    "First example of the interpolation (index into the data)": "插值的第一个样例（数据中的序号）",
    "Second example of the interpolation (index into the data)": "插值的第二个样例（数据中的序号）",
    "minimax: G minimises log(1 - D(G(z))); non-saturating: G maximises log D(G(z)); WGAN with weight clipping; "
    "WGAN with gradient penalty":
        "minimax：G 最小化 log(1 - D(G(z)))；non-saturating：G 最大化 log D(G(z))；带权重裁剪的 WGAN；带梯度惩罚的 WGAN",
    "Units of each hidden layer of the generator": "生成器每个隐藏层的单元数",
    "Hidden layers of the generator": "生成器的隐藏层数",
    "Units of each hidden layer of the discriminator (critic)": "判别器（评论家）每个隐藏层的单元数",
    "Hidden layers of the discriminator (critic)": "判别器（评论家）的隐藏层数",
    "Dimension of the generator's noise z ~ N(0, I)": "生成器噪声 z ~ N(0, I) 的维数",
    "Discriminator (critic) updates per generator update": "每次生成器更新对应的判别器（评论家）更新次数",
    "Weight lambda of the gradient penalty lambda E(||grad D(x_hat)|| - 1)^2 (WGAN-GP)":
        "梯度惩罚 lambda E(||grad D(x_hat)|| - 1)^2 的权重 lambda（WGAN-GP）",
    "Weight clipping bound c of the WGAN critic: w in [-c, c]": "WGAN 评论家的权重裁剪界 c：w 属于 [-c, c]",
    "Optimizer of both networks": "两个网络共用的优化器",
    "Learning rate of the generator": "生成器的学习率",
    "Learning rate of the discriminator (critic)": "判别器（评论家）的学习率",
    "Adam's beta1 (momentum); WGAN-GP uses 0.5 or 0": "Adam 的 beta1（动量）；WGAN-GP 用 0.5 或 0",
    "Adam's beta2": "Adam 的 beta2",
    "Examples per step (per critic step for a GAN)": "每步的样例数（GAN 为每个评论家步）",
    "Steps (generator updates for a GAN) before the run stops (0: never)": "运行停止前的步数（GAN 为生成器更新次数；0：永不停止）",
    "Steps between points of the curves (loss means, modes covered)": "曲线上相邻两点之间的步数（损失均值、覆盖的模式）",
    # bandits
    "Number of arms k.": "臂的数量 k。",
    "Gaussian arms pay N(mean, sigma^2); Bernoulli arms pay 1 with probability mean, else 0.":
        "高斯臂的奖励服从 N(mean, sigma^2)；伯努利臂以概率 mean 给 1，否则给 0。",
    "Testbed: each run draws its means from N(offset, 1); random: one set of means from the seed for all runs; "
    "typed: the means below.":
        "testbed：每次运行从 N(offset, 1) 抽取均值；random：由随机种子生成一组均值，所有运行共用；typed：用下面输入的均值。",
    "Typed arm means, one per arm (Bernoulli: probabilities in [0, 1]).": "手动输入的各臂均值，每臂一个（伯努利：[0, 1] 内的概率）。",
    "Testbed and random Gaussian means are drawn around this value (the textbook's +4 shows why a baseline matters).":
        "testbed 和 random 的高斯均值围绕此值抽取（教材中的 +4 说明了基线为何重要）。",
    "Gaussian arms: standard deviation sigma of each reward.": "高斯臂：每次奖励的标准差 sigma。",
    "Non-stationary: every step each mean takes a random-walk step N(0, drift^2); 0 keeps the means fixed.":
        "非平稳：每一步每个均值做一次随机游走 N(0, drift^2)；0 表示均值固定不变。",
    "Independent runs averaged into the curves (all advance together).": "取平均得到曲线的独立运行次数（全部同步推进）。",
    "Steps n of each run; the run ends there.": "每次运行的步数 n；运行到此结束。",
    "The algorithms compared on the same arms and the same reward draws.": "在相同的臂和相同的奖励抽样上比较的算法。",
    "Which algorithm picks the arms.": "由哪个算法选择臂。",
    "Name in legends; empty: made from the kind and its numbers.": "图例中的名称；留空：由算法类型及其参数生成。",
    "epsilon-greedy: probability of pulling a uniformly random arm (decaying: at t = 0).":
        "epsilon-贪心：均匀随机拉一个臂的概率（衰减版：t = 0 时的值）。",
    "Decaying epsilon: eps_t = epsilon * decay / (decay + t), halving after `decay` steps.":
        "衰减的 epsilon：eps_t = epsilon * decay / (decay + t)，经过 `decay` 步减半。",
    "Initial estimate Q_1(a) of every arm; a large value is optimistic and makes a greedy agent explore.":
        "每个臂的初始估计 Q_1(a)；较大的值是乐观的，会促使贪心智能体去探索。",
    "Step size alpha of Q <- Q + alpha (R - Q); 0 means sample averages (alpha = 1/N). Gradient bandit: its preference "
    "step size.":
        "Q <- Q + alpha (R - Q) 中的步长 alpha；0 表示样本平均（alpha = 1/N）。梯度老虎机：其偏好的步长。",
    "UCB1 bonus weight: Q(a) + c sqrt(ln t / N(a)).": "UCB1 奖励项权重：Q(a) + c sqrt(ln t / N(a))。",
    "UCB(delta) confidence: Q(a) + sqrt(2 log(1/delta) / N(a)); delta = 1/n^2 is the textbook choice.":
        "UCB(delta) 置信度：Q(a) + sqrt(2 log(1/delta) / N(a))；教材中取 delta = 1/n^2。",
    "ETC: pulls of each arm before committing; 0 means the seed notes' best m for the horizon (knows the gap).":
        "ETC：做出承诺前每个臂拉动的次数；0 表示取讲义中针对该步数的最优 m（需要知道差距）。",
    "Gradient bandit: subtract the average reward (a baseline) from each reward.": "梯度老虎机：从每次奖励中减去平均奖励（基线）。",
    "Thompson Gaussian: prior standard deviation of each mean (prior mean 0).": "高斯 Thompson：每个均值的先验标准差（先验均值为 0）。",
    # mdp
    "Tabular MDP solved by DP, gridworld with TD learners, or DQN on CartPole.": "用 DP 求解的表格型 MDP、带 TD 学习器的网格世界，或 CartPole 上的 DQN。",
    "The tabular MDP (mode tabular).": "表格型 MDP（tabular 模式）。",
    "The gridworld (mode gridworld).": "网格世界（gridworld 模式）。",
    "DQN on CartPole-v1 (mode dqn).": "CartPole-v1 上的 DQN（dqn 模式）。",
    "Names of the states s.": "状态 s 的名称。",
    "Names of the actions a.": "动作 a 的名称。",
    "P(s'|s,a): one S x S matrix per action, each row sums to 1.": "P(s'|s,a)：每个动作一个 S x S 矩阵，每行之和为 1。",
    "r(s,a): the expected reward for taking action a in state s (S x A).": "r(s,a)：在状态 s 采取动作 a 的期望奖励（S x A）。",
    "pi(a|s): the policy to evaluate, one row per state summing to 1.": "pi(a|s)：要评估的策略，每个状态一行，每行之和为 1。",
    "Terminal states: their value is 0 and nothing follows them.": "终止状态：其价值为 0，之后不再有任何转移。",
    "Discount factor gamma of future rewards.": "未来奖励的折扣因子 gamma。",
    "A sweep method has converged when its value changes by less than this.": "当价值的变化小于此值时，扫描方法视为已收敛。",
    "Most sweeps (steps) the solvers make.": "求解器最多进行的扫描次数（步数）。",
    "Paint your own grid, or load gymnasium's toy-text env from env.unwrapped.P.":
        "自己绘制网格，或从 env.unwrapped.P 载入 gymnasium 的 toy-text 环境。",
    "gymnasium envs only: moves go sideways with probability 2/3.": "仅用于 gymnasium 环境：移动以 2/3 的概率偏向侧面。",
    "One string per row: . empty, # wall, S start, G goal, P pit, C cliff.": "每行一个字符串：. 空地，# 墙，S 起点，G 终点，P 陷阱，C 悬崖。",
    "Reward of every move (a step cost if negative).": "每次移动的奖励（为负时即每步代价）。",
    "Extra reward when a move hits a wall or the edge (the agent stays).": "移动撞到墙或边界时的额外奖励（智能体留在原地）。",
    "Extra reward for entering a goal cell G.": "进入终点格 G 的额外奖励。",
    "Extra reward for entering a pit cell P.": "进入陷阱格 P 的额外奖励。",
    "Reward for stepping into a cliff cell C (which sends you back to S).": "踏入悬崖格 C 的奖励（会被送回 S）。",
    "Probability the move goes sideways instead (half to each perpendicular side).": "移动改为偏向侧面的概率（两侧垂直方向各占一半）。",
    "Per column: cells the wind pushes the agent up after each move (or empty).": "每列一个数：每次移动后风把智能体向上推的格数（或留空）。",
    "Cells A that jump to A' with a reward, whatever the action.": "无论采取什么动作都会带着奖励跳到 A' 的格子 A。",
    "Extra reward for entering particular cells.": "进入特定格子的额外奖励。",
    "Discount factor gamma.": "折扣因子 gamma。",
    "What the DP heatmap sweeps to: V* (value iteration) or V of the random policy.": "DP 热图扫描求出的是：V*（值迭代）或随机策略的 V。",
    "TD learners that run side by side, each with its own agent.": "并排运行的 TD 学习器，各自有自己的智能体。",
    "Exploration: probability of a random action.": "探索：采取随机动作的概率。",
    "Step size alpha of the TD update.": "TD 更新的步长 alpha。",
    "Episodes each learner plays.": "每个学习器进行的回合数。",
    "An episode is cut after this many moves.": "一个回合在这么多步之后被截断。",
    "Independent runs of each learner, averaged into the curves (mean and a band of one standard error); the grids show run 1.":
        "每个学习器的独立运行次数，取平均得到曲线（均值及一个标准误的区间带）；网格显示第 1 次运行。",
    "Cell (row, column) that teleports: any action from it jumps.": "会传送的格子（行, 列）：在此处采取任何动作都会跳转。",
    "Cell (row, column) the agent lands on.": "智能体落到的格子（行, 列）。",
    "Reward of the jump (instead of the step reward).": "跳转的奖励（代替每步奖励）。",
    "Cell (row, column).": "格子（行, 列）。",
    "Reward for entering this cell.": "进入此格子的奖励。",
    "Units in each hidden layer of the Q-network.": "Q 网络每个隐藏层的单元数。",
    "Hidden layers of the Q-network (ReLU).": "Q 网络的隐藏层数（ReLU）。",
    "Adam learning rate.": "Adam 学习率。",
    "Transitions the replay buffer keeps.": "回放缓冲区保存的转移数。",
    "Transitions per gradient step, drawn from the buffer.": "每个梯度步从缓冲区抽取的转移数。",
    "Environment steps of random play before the first update.": "第一次更新之前随机行动的环境步数。",
    "One gradient step every this many environment steps.": "每隔这么多环境步做一次梯度更新。",
    "Copy the online network into the target network every this many steps.": "每隔这么多步把在线网络复制到目标网络。",
    "Exploration epsilon at the start.": "开始时的探索率 epsilon。",
    "Exploration epsilon after the decay.": "衰减结束后的探索率 epsilon。",
    "Steps over which epsilon falls linearly from start to end.": "epsilon 从初值线性降到终值所用的步数。",
    "TD loss: Huber (smooth L1) or 1/2 squared error.": "TD 损失：Huber（平滑 L1）或 1/2 平方误差。",
    "Double DQN: the online net picks a', the target net values it.": "Double DQN：在线网络选出 a'，目标网络给它估值。",
    "Episodes the run plays at most.": "本次运行最多进行的回合数。",
    "CartPole counts as solved when the average return reaches this.": "当平均回报达到此值时，CartPole 视为已解决。",
    "Episodes the solved-average is taken over.": "计算“已解决”平均回报所用的回合数。",
    "End the run as soon as it is solved.": "一旦解决就结束运行。",
    # conv
    "What the panel shows: the sliding kernel, kernels on images, the gradient of a convolution, or a CNN training on digits":
        "面板显示的内容：滑动的卷积核、作用在图像上的卷积核、卷积的梯度，或在数字上训练的 CNN",
    "Height and width n of the input grid": "输入网格的高和宽 n",
    "Height and width k of the kernel": "卷积核的高和宽 k",
    "Zeros p added on every side of the input (transposed: cells cropped from every side of the output)":
        "在输入每一边补的零的圈数 p（转置卷积：从输出每一边裁掉的格数）",
    "How many cells s the kernel moves per output cell (transposed: how far apart the stamps land)":
        "每得到一个输出格，卷积核移动的格数 s（转置卷积：相邻两次盖印相隔多远）",
    "Spacing d between kernel taps: a k-tap kernel spans d(k-1)+1 cells": "卷积核各抽头之间的间距 d：k 个抽头的卷积核跨越 d(k-1)+1 格",
    "Transposed convolution: every input cell stamps a scaled copy of the kernel onto a larger output":
        "转置卷积：每个输入格把按其值缩放的卷积核副本盖印到更大的输出上",
    "Extra rows/columns on one side of a transposed output (must be smaller than stride or dilation)":
        "转置卷积输出一侧额外的行/列（必须小于步幅或膨胀率）",
    "What the input grid and kernel hold: seeded small integers, all ones (the output counts taps), or a ramp 1, 2, 3, ...":
        "输入网格和卷积核中的值：由随机种子生成的小整数、全 1（输出即抽头个数），或递增序列 1, 2, 3, ...",
    "The image the kernel runs over: an 8x8 digit or a generated 32x32 picture": "卷积核扫过的图像：一个 8x8 数字或一张生成的 32x32 图片",
    "Which of sklearn's 1,797 digits to use when the image is 'digit'": "图像为 'digit' 时，使用 sklearn 1,797 个数字中的哪一个",
    "The kernel: a classic one or 'custom' (typed below); in backprop mode, the hidden kernel to recover":
        "卷积核：经典卷积核或 'custom'（在下方输入）；在反向传播模式下，是要恢复的隐藏卷积核",
    "Your own kernel: rows separated by ';', numbers by spaces (1/9 works)": "自定义卷积核：行之间用 ';' 分隔，数之间用空格分隔（可写 1/9）",
    "Pooling: the largest or the mean value of each window": "池化：取每个窗口的最大值或平均值",
    "Pooling window (and stride) in cells": "池化窗口（及步幅），单位为格",
    "Each step shifts the image one more pixel to the right (wrapping round), up to this many; then the run is finished":
        "每一步把图像再向右平移一个像素（循环移位），最多移这么多；之后运行结束",
    "Row of the output cell whose inputs and weights are highlighted": "高亮显示其输入和权重的输出格所在的行",
    "Column of the output cell whose inputs and weights are highlighted": "高亮显示其输入和权重的输出格所在的列",
    "Gradient-descent step on the kernel: W <- W - lr dL/dW": "对卷积核做梯度下降的一步：W <- W - lr dL/dW",
    "Output channels of the first convolution (LeNet: 6)": "第一个卷积层的输出通道数（LeNet：6）",
    "Output channels of the second convolution (LeNet: 16)": "第二个卷积层的输出通道数（LeNet：16）",
    "Kernel size of both convolutions (padded to keep 8x8, then 4x4)": "两个卷积层的卷积核大小（填充以保持 8x8，然后 4x4）",
    "Units of the fully connected hidden layer": "全连接隐藏层的单元数",
    "Nonlinearity after every convolution and the hidden layer (LeNet used sigmoid)": "每个卷积层和隐藏层之后的非线性函数（LeNet 用的是 sigmoid）",
    "Batch normalization after every convolution, before the activation": "在每个卷积之后、激活函数之前做批归一化",
    "Add a residual block (conv-BN-act-conv-BN, plus x) after the second convolution":
        "在第二个卷积之后加一个残差块（conv-BN-act-conv-BN，再加上 x）",
    "Adam, or plain SGD with momentum 0.9": "Adam，或动量为 0.9 的普通 SGD",
    "Learning rate of the optimizer": "优化器的学习率",
    "Training digits per step": "每步训练的数字个数",
    "Training steps before the run stops (0: never stops)": "运行停止前的训练步数（0：永不停止）",
    "Steps between test-set evaluations (accuracy curve, confusion matrix)": "两次测试集评估之间的步数（准确率曲线、混淆矩阵）",
    "A twin trained on the same batches: an MLP with about the same parameter count, or this CNN with BN or the residual "
    "block switched":
        "在相同批次上训练的对照网络：参数量大致相同的 MLP，或切换了 BN 或残差块的同一 CNN",
    "Layer of the unit whose receptive field is shown": "显示其感受野的单元所在的层",
    "Channel of that unit (taken modulo the layer's channels)": "该单元的通道（按该层通道数取模）",
    "Row of that unit (clipped to the layer's height)": "该单元的行（截断到该层的高度内）",
    "Column of that unit (clipped to the layer's width)": "该单元的列（截断到该层的宽度内）",
    # attention
    "What the panel shows: kernel regression, attention scoring, a tiny transformer, positional encoding, or beam search":
        "面板显示的内容：核回归、注意力评分、一个微型 Transformer、位置编码或束搜索",
    "The function the data comes from: x, numbers, + - * / ^, sin cos tan exp log sqrt abs tanh, pi, e (e.g. 2*sin(x) + x^0.8)":
        "生成数据的函数：可用 x、数字、+ - * / ^、sin cos tan exp log sqrt abs tanh、pi、e（例如 2*sin(x) + x^0.8）",
    "Training points (the keys x_i and values y_i)": "训练点数（键 x_i 与值 y_i）",
    "Standard deviation of the Gaussian noise added to f(x_i)": "加到 f(x_i) 上的高斯噪声的标准差",
    "The data's x lie in [0, x_max]": "数据的 x 位于 [0, x_max] 内",
    "Queries: evenly spaced x where the estimate is drawn": "查询：绘制估计值的等间距 x",
    "Kernel parameter w: alpha(x, x_i) = softmax(-((x - x_i) w)^2 / 2); a large w is a narrow kernel":
        "核参数 w：alpha(x, x_i) = softmax(-((x - x_i) w)^2 / 2)；w 越大，核越窄",
    "Learn w by gradient descent on the leave-one-out squared error": "在留一平方误差上用梯度下降学习 w",
    "Step size of gradient descent on w": "对 w 做梯度下降的步长",
    "Steps before the kernel-regression run stops": "核回归运行停止前的步数",
    "Length d of the queries and keys (entries drawn from N(0, 1))": "查询和键的长度 d（各分量从 N(0, 1) 抽取）",
    "Number of queries": "查询的个数",
    "Number of keys (and values)": "键（及值）的个数",
    "Keys after the first valid_len are padding: masked to weight 0": "前 valid_len 个之后的键是填充：被掩码为权重 0",
    "Hidden size h of additive attention w_v^T tanh(W_q q + W_k k)": "加性注意力 w_v^T tanh(W_q q + W_k k) 的隐藏层大小 h",
    "Each step draws fresh queries and keys; the run stops after this many": "每一步重新抽取查询和键；这么多步之后运行停止",
    "The toy task: output the input reversed, sorted, or shifted right by the delay": "玩具任务：输出反转后的输入、排序后的输入，或右移 delay 位的输入",
    "Length of every input sequence": "每条输入序列的长度",
    "Tokens 1..vocab-1 make the inputs; token 0 is the blank the delay copies in": "输入由词元 1..vocab-1 组成；词元 0 是延迟时填入的空白",
    "copy with delay: output position i shows input position i - delay": "延迟复制：输出位置 i 给出输入位置 i - delay 的词元",
    "Width of the embeddings and of the attention block": "嵌入和注意力块的宽度",
    "Attention heads (d_model must be a multiple of it)": "注意力头数（d_model 必须是它的倍数）",
    "Transformer blocks (multi-head self-attention + MLP)": "Transformer 块数（多头自注意力 + MLP）",
    "Positional encoding added to the token embeddings": "加到词元嵌入上的位置编码",
    "A twin trained on the same batches with the positional encoding switched (none <-> sinusoidal)":
        "在相同批次上训练、切换了位置编码的对照网络（none <-> sinusoidal）",
    "Adam's learning rate": "Adam 的学习率",
    "Sequences per training step": "每个训练步的序列数",
    "Steps between evaluations on 512 held-out sequences": "两次在 512 条留出序列上评估之间的步数",
    "Positions p of the sinusoidal matrix shown": "所显示正弦编码矩阵的位置数 p",
    "Encoding length d of the sinusoidal matrix shown (even)": "所显示正弦编码矩阵的编码长度 d（偶数）",
    "The seed's toy model over A, B, C, <eos>, or a random table over more tokens": "讲义中基于 A、B、C、<eos> 的玩具模型，或基于更多词元的随机概率表",
    "random model: tokens besides <eos>": "随机模型：除 <eos> 外的词元数",
    "Beam width k (1 is greedy search)": "束宽 k（1 即贪心搜索）",
    "Longest output, <eos> included": "最长输出长度，含 <eos>",
    "Final score (1/L^alpha) log P: alpha 0 ranks by probability, larger alpha favours longer outputs":
        "最终得分 (1/L^alpha) log P：alpha 为 0 时按概率排序，alpha 越大越偏向较长的输出",
    # language
    "What the panel shows: a character-level language model, word embeddings, seq2seq with attention, or a bidirectional RNN":
        "面板显示的内容：字符级语言模型、词嵌入、带注意力的 seq2seq，或双向 RNN",
    "A UTF-8 text file to train on (at most 5 MB); empty: the shipped public-domain Shakespeare (200 KB). The last 10% is held out":
        "用于训练的 UTF-8 文本文件（最大 5 MB）；留空：使用自带的公有领域莎士比亚文本（200 KB）。最后 10% 留出不训练",
    "The recurrent cell: plain tanh RNN, GRU or LSTM": "循环单元：普通 tanh RNN、GRU 或 LSTM",
    "Hidden units per layer": "每层的隐藏单元数",
    "Stacked recurrent layers (each reads the one below)": "堆叠的循环层数（每层读取下面一层的输出）",
    "random: minibatches cut anywhere, hidden state reset before each; sequential: row i of a minibatch continues row i of the one before (adjacent), so the state can be carried":
        "random：小批量从任意位置截取，每个小批量之前重置隐状态；sequential：小批量的第 i 行紧接着上一个小批量的第 i 行（相邻采样），因此可以传递隐状态",
    "Sequential sampling: carry the last hidden state (detached) into the next minibatch; off: reset it to zero. Random sampling always resets":
        "相邻采样：把最后的隐状态（分离后）传给下一个小批量；关闭：重置为零。随机采样总是重置",
    "Rows of text per minibatch": "每个小批量的文本行数",
    "Characters per row (time steps unrolled; teacher forcing)": "每行的字符数（展开的时间步数；强制教学）",
    "Adam's step size": "Adam 的步长",
    "Gradient clipping g <- min(1, theta/||g||) g; 0: no clipping": "梯度裁剪 g <- min(1, theta/||g||) g；0：不裁剪",
    "Minibatches to train (0: until stopped)": "训练的小批量数（0：直到停止）",
    "Minibatches between held-out perplexity measurements": "两次测量留出文本困惑度之间的小批量数",
    "The text the sample starts from (characters not in the corpus are skipped)": "生成样本的起始文本（语料中没有的字符会被跳过）",
    "Characters to generate after the prompt": "提示之后要生成的字符数",
    "Sampling temperature: p ~ softmax(logits / T)": "采样温度：p ~ softmax(logits / T)",
    "Always take the most probable next character (no sampling)": "总是取概率最大的下一个字符（不采样）",
    "skip-gram predicts each context word from the centre word; CBOW predicts the centre word from the mean of its context words' vectors":
        "skip-gram（跳字模型）由中心词预测每个背景词；CBOW（连续词袋模型）由背景词向量的平均预测中心词",
    "negative sampling: one true pair against K noise words, (K + 1) d multiply-adds per pair; full softmax: a score for every word of the vocabulary, V d per pair":
        "negative sampling（负采样）：一个真实词对对比 K 个噪声词，每个词对 (K + 1) d 次乘加；full softmax（完整 softmax）：给词典中每个词打分，每个词对 V d 次乘加",
    "Length d of each word vector": "每个词向量的长度 d",
    "Context window m: the words at most m away in the sentence": "背景窗口 m：句子中距离不超过 m 的词",
    "Noise words K per pair, drawn from P(w) ~ f(w)^0.75": "每个词对的噪声词数 K，按 P(w) ~ f(w)^0.75 抽取",
    "Subsampling threshold t: each occurrence of w is dropped with P = max(1 - sqrt(t / f(w)), 0) (0: no subsampling)":
        "二次采样阈值 t：w 的每次出现以 P = max(1 - sqrt(t / f(w)), 0) 的概率被丢弃（0：不做二次采样）",
    "Adam learning rate of both embedding tables": "两个嵌入表的 Adam 学习率",
    "Training pairs (skip-gram) or windows (CBOW) per step": "每步的训练词对数（skip-gram）或窗口数（CBOW）",
    "Training steps (0: until stopped)": "训练步数（0：直到停止）",
    "A word whose nearest neighbours by cosine similarity are listed (changes take effect at once, no restart)":
        "列出按余弦相似度与之最近的近邻的词（修改立即生效，无需重新开始）",
    "An analogy 'a - b + c' or 'a - b + c = d': the words nearest to v_a - v_b + v_c, a, b and c excluded, and the rank of d":
        "类比 'a - b + c' 或 'a - b + c = d'：最接近 v_a - v_b + v_c 的词（不含 a、b、c），以及 d 的排名",
    "How many nearest neighbours and analogy answers to list": "列出的最近邻和类比答案的个数",
    "The most frequent words shown in the 2-D projection (PCA), besides the typed word, its neighbours and the analogy's words":
        "二维投影（PCA）中显示的最高频词数，另外还显示输入的词、它的近邻和类比中的词",
    "A date to translate, e.g. 'march 5 2021', '5 march 2021' or 'march 5 , 2021': its alignment heatmap and beam search (unknown words are skipped)":
        "要翻译的日期，例如 'march 5 2021'、'5 march 2021' 或 'march 5 , 2021'：显示它的对齐热图和束搜索（未知的词会被跳过）",
    "Beam width k for the typed sentence (1 is greedy search)": "输入句子的束宽 k（1 即贪心搜索）",
    "Final score (1/L^alpha) log P: alpha 0 ranks by log P alone (short outputs win), larger alpha favours longer outputs":
        "最终得分 (1/L^alpha) log P：alpha 为 0 时只按 log P 排序（短输出胜出），alpha 越大越偏向较长的输出",
    "Hidden size of the encoder and decoder GRUs": "编码器和解码器 GRU 的隐藏层大小",
    "Adam learning rate of both models": "两个模型的 Adam 学习率",
    "Sentence pairs per training step (the same for both models)": "每个训练步的句子对数（两个模型相同）",
    "Steps between evaluations on the 512 held-out pairs": "两次在 512 个留出句子对上评估之间的步数",
    "What each position is tagged with: token_ahead, the token 2 steps later; last_token, the sequence's last token; repeats_later, whether this token appears again later; token_behind, the token 2 steps earlier (the past only: both nets can do it)":
        "每个位置标注的内容：token_ahead，2 步之后的词元；last_token，序列的最后一个词元；repeats_later，这个词元之后是否再次出现；token_behind，2 步之前的词元（只用到过去：两个网络都能做到）",
    "Tokens per sequence (vocabulary of 8, drawn uniformly)": "每条序列的词元数（词表大小为 8，均匀抽取）",
    "The recurrent cell of both nets: plain tanh RNN, GRU or LSTM": "两个网络的循环单元：普通 tanh RNN、GRU 或 LSTM",
    "Hidden units of the forward net, and of each direction of the bidirectional one": "前向网络的隐藏单元数，以及双向网络每个方向的隐藏单元数",
    "Adam's step size (both nets)": "Adam 的步长（两个网络）",
    "Sequences per step; both nets train on the same batches": "每步的序列数；两个网络在相同的批次上训练",
    "Steps between evaluations on 512 held-out sequences (accuracy per position, hidden states, gradients through time)":
        "两次在 512 条留出序列上评估之间的步数（每个位置的准确率、隐状态、随时间反传的梯度）",
    # foundations
    "What the panel shows: the perceptron, linear/logistic/softmax regression, backprop by hand, gradient checking, information theory, or activations and normalisation":
        "面板显示的内容：感知机、线性/逻辑/softmax 回归、手算反向传播、梯度检验、信息论，或激活函数与归一化",
    "The perceptron's points, each (x, y, label) with label +1 or -1: click on the plane to add one (left: +1, right or shift: -1)":
        "感知机的点，每个为 (x, y, label)，label 为 +1 或 -1：在平面上点击添加（左键：+1，右键或 shift：-1）",
    "The perceptron's step: w <- w + eta * y * x on a misclassified point (from w = 0 it only scales w: the mistakes are the same)":
        "感知机的步长：对误分类的点做 w <- w + eta * y * x（从 w = 0 开始时它只缩放 w：错误完全相同）",
    "Passes over the points before the perceptron gives up (a set that no line separates never has an epoch without mistakes)":
        "感知机放弃之前遍历所有点的轮数（没有直线能分开的点集永远不会有一轮没有错误）",
    "Linear regression (normal equations against SGD on the loss bowl), logistic regression (2 classes) or softmax regression (2 or 3 classes)":
        "线性回归（损失碗面上的正规方程对比 SGD）、逻辑回归（2 类）或 softmax 回归（2 或 3 类）",
    "The slope of y = w x + b + noise": "y = w x + b + noise 的斜率",
    "The intercept of y = w x + b + noise": "y = w x + b + noise 的截距",
    "Standard deviation of the Gaussian noise added to y": "加到 y 上的高斯噪声的标准差",
    "How many (x, y) pairs; x is uniform on [-1, 3]": "(x, y) 对的个数；x 在 [-1, 3] 上均匀分布",
    "Classes for softmax regression (logistic regression always has 2)": "softmax 回归的类别数（逻辑回归总是 2 类）",
    "Points drawn around each class centre": "围绕每个类中心抽取的点数",
    "Standard deviation of each class's cloud (classes overlap when large)": "每个类点云的标准差（较大时各类重叠）",
    "Step size of SGD and minibatch SGD (linear) or gradient descent (logistic, softmax)":
        "SGD 和小批量 SGD 的步长（线性）或梯度下降的步长（逻辑、softmax）",
    "Samples per update of the minibatch path (the SGD path uses 1)": "小批量路径每次更新的样本数（SGD 路径用 1）",
    "Updates of each path (linear) or of gradient descent (logistic, softmax)": "每条路径的更新次数（线性）或梯度下降的更新次数（逻辑、softmax）",
    "Backprop by hand: the MLP, the notes' convolution -> dense -> dense example, or a tiny RNN unrolled through time (BPTT)":
        "手算反向传播：MLP、课堂笔记中卷积 -> 全连接 -> 全连接的例子，或按时间展开的小型 RNN（BPTT）",
    "Weight layers of the MLP (2: one hidden layer, 3: two)": "MLP 的权重层数（2：一个隐藏层，3：两个）",
    "Inputs of the MLP (for the RNN: the size of the one-hot input X_t)": "MLP 的输入数（对 RNN：one-hot 输入 X_t 的大小）",
    "Units of each hidden layer (the RNN's state H_t; the dense layer of conv_dense_dense)":
        "每个隐藏层的单元数（RNN 的状态 H_t；conv_dense_dense 的全连接层）",
    "Outputs of the MLP (for the RNN: classes of the softmax Y_t)": "MLP 的输出数（对 RNN：softmax Y_t 的类别数）",
    "The activation f of every layer, with its derivative f'": "每一层的激活函数 f 及其导数 f'",
    "rnn_bptt: time steps T the RNN is unrolled over (the notes use T = 3)": "rnn_bptt：RNN 展开的时间步数 T（课堂笔记用 T = 3）",
    "A deliberate mistake in the analytic gradient that the check must catch: none, dL/dW^(1) written as a^(0) delta^(1)T reshaped (transposed), delta^(L) without f'(z^(L)), or the last layer's gradient without the batch mean's 1/N":
        "解析梯度中故意设置、检验必须发现的错误：none（无），把 dL/dW^(1) 写成 a^(0) delta^(1)T 再变形（transposed，转置），delta^(L) 少乘 f'(z^(L))，或最后一层的梯度缺少批量平均的 1/N",
    "The finite-difference step h = 10^(log10 h) of the per-parameter check": "逐参数检验所用的有限差分步长 h = 10^(log10 h)",
    "Values of h in the sweep, log-spaced from 1e-1 down to 1e-12": "扫描中 h 的取值个数，从 1e-1 到 1e-12 按对数等距",
    "Weights of distribution p over the K outcomes (scaled to sum to 1; drag the bars or type them under the plot)":
        "分布 p 在 K 个结果上的权重（缩放到和为 1；拖动柱条或在图下输入）",
    "Weights of distribution q over the same K outcomes (scaled to sum to 1)": "分布 q 在同样 K 个结果上的权重（缩放到和为 1）",
    "The joint table P(X, Y): rows are x, columns are y (2 to 6 each; scaled to sum to 1)":
        "联合分布表 P(X, Y)：行是 x，列是 y（各 2 到 6 个；缩放到和为 1）",
    "Units of entropy: bits (log base 2) or nats (natural log)": "熵的单位：bits（以 2 为底的对数）或 nats（自然对数）",
    "The activation drawn with its derivative: softplus log(1+e^x), ELU, PReLU, maxout of k affine pieces, or |x|":
        "与其导数一起画出的激活函数：softplus log(1+e^x)、ELU、PReLU、k 个仿射片段的 maxout，或 |x|",
    "alpha of ELU (alpha (e^x - 1) for x < 0) and of PReLU (alpha x for x < 0; learned in a network)":
        "ELU（x < 0 时为 alpha (e^x - 1)）和 PReLU（x < 0 时为 alpha x；在网络中可学习）的 alpha",
    "k, the number of affine pieces z_k = w_k x + b_k whose maximum maxout takes":
        "k，maxout 取最大值的仿射片段 z_k = w_k x + b_k 的个数",
    "Training batch size m: batch norm's mean and variance come from these m pre-activations":
        "训练批量大小 m：批量归一化的均值和方差来自这 m 个预激活值",
    "Inference batch size: 1 shows what batch statistics do to a single example (variance 0, output 0)":
        "推理批量大小：1 显示批量统计量对单个样本的影响（方差为 0，输出为 0）",
    "Momentum of the moving averages: moving = momentum * moving + (1 - momentum) * batch":
        "滑动平均的动量：moving = momentum * moving + (1 - momentum) * batch",
    "How far the pre-activations' mean drifts over the run (their standard deviation is 2)":
        "运行过程中预激活值的均值漂移多远（它们的标准差为 2）",
    "The scaling compared with the raw inputs: min-max to [0, 1], z-score (x - mu) / sigma, or none":
        "与原始输入比较的缩放方式：min-max 缩放到 [0, 1]、z-score (x - mu) / sigma，或 none（不缩放）",
    "Gradient descent's rate as a multiple of 1 / lambda_max of each loss surface (below 2 it cannot diverge)":
        "梯度下降的学习率，以各损失曲面 1 / lambda_max 的倍数表示（小于 2 时不会发散）",
    "Steps of the run: training batches through batch norm and gradient-descent steps on each surface":
        "运行的步数：经过批量归一化的训练批次数，以及在每个曲面上的梯度下降步数",
}
