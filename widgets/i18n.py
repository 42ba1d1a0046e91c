"""English and Simplified Chinese UI through Qt's own translation hook.

A QTranslator subclass answers from a Python dict, so no .qm build step is needed; every UI string
goes through ``tr()`` (QCoreApplication.translate), and windows re-apply their texts on a
LanguageChange event.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QTranslator

from widgets.core_messages_zh import CORE_MESSAGES_ZH
from widgets.descriptions_zh import DESCRIPTIONS_ZH

CONTEXT = "playground"

ZH: dict[str, str] = {
    # window and menus
    "Deep Learning Playground": "深度学习游乐场", "&File": "文件(&F)", "&Run": "运行(&R)", "&Panels": "面板(&P)",
    "&View": "视图(&V)", "&Help": "帮助(&H)", "Play": "播放", "Pause": "暂停", "Step": "单步", "Step back": "后退一步",
    "Reset": "重置", "New": "新建", "Open preset...": "打开预设...", "Save": "保存", "Save as...": "另存为...",
    "Recent presets": "最近的预设", "Export plot as PNG...": "导出图像 PNG...", "Export metrics as CSV...": "导出指标 CSV...",
    "Copy plot to clipboard": "复制图像到剪贴板", "Record GIF": "录制 GIF", "Stop recording": "停止录制",
    "Quit": "退出", "About": "关于", "Keyboard shortcuts": "键盘快捷键", "Lesson notes": "课堂笔记",
    "Lesson gallery": "课程库", "Presentation mode": "演示模式", "Dark theme": "深色主题", "Language": "语言",
    "Speed": "速度", "Device": "设备", "Seed": "随机种子", "Edit notes": "编辑笔记", "Done": "完成",
    "Max speed": "最快", "paused": "已暂停", "step": "步", "steps/s": "步/秒",
    "Play or pause training": "开始或暂停训练", "Do one step": "执行一步", "Show the previous snapshot": "显示上一快照",
    "Restart the run from step 0": "从第 0 步重新开始", "Open": "打开",
    "&Edit": "编辑(&E)", "Undo": "撤销", "Redo": "重做", "nothing to undo": "没有可撤销的更改",
    "nothing to redo": "没有可重做的更改", "Undo the last change of this panel's settings": "撤销本面板设置的上一次更改",
    "Redo the change just undone": "重做刚撤销的更改",
    # panels
    "Optimizers": "优化器", "Network": "神经网络", "RNN gradients": "RNN 梯度", "Generative": "生成模型",
    "Bandits": "多臂老虎机", "MDP & RL": "MDP 与强化学习", "Convolution": "卷积", "Attention": "注意力", "Language": "语言", "Foundations": "基础",
    "Optimisation": "优化", "Networks": "神经网络", "Recurrent networks": "循环神经网络",
    "Generative models": "生成模型",
    # common controls
    "learning rate": "学习率", "lr": "学习率", "momentum": "动量", "batch size": "批量大小", "hidden size": "隐藏层大小",
    "optimizer": "优化器", "activation": "激活函数", "dataset": "数据集", "noise": "噪声", "epochs": "轮数",
    "gamma": "折扣因子 γ", "epsilon": "ε", "loss": "损失", "accuracy": "准确率",
}

# control labels used across the panels (ConfigForm rows)
ZH.update({
    "W_hh init": "W_hh 初始化", "alpha": "学习率 α", "arms": "臂数", "baseline": "基线", "batch norm": "批归一化",
    "bias correction": "偏差修正", "buffer size": "回放缓冲大小", "bump reward": "撞墙奖励", "cell": "循环单元",
    "cliff reward": "悬崖奖励", "clip gradients": "梯度裁剪", "clip threshold": "裁剪阈值", "compare": "对比",
    "condition κ": "条件数 κ", "conv kernel": "卷积核", "conv1 channels": "conv1 通道数", "conv2 channels": "conv2 通道数",
    "cosine period": "余弦周期", "custom kernel": "自定义卷积核", "decay": "衰减", "delta": "置信度 δ",
    "digit index": "数字序号", "dilation": "膨胀", "double": "双重", "drift std": "漂移标准差", "env": "环境",
    "episodes": "回合数", "eps decay steps": "ε 衰减步数", "eps end": "ε 终值", "eps start": "ε 初值",
    "eval every": "评估间隔", "forget-gate bias": "遗忘门偏置", "goal reward": "终点奖励", "gradient noise σ": "梯度噪声 σ",
    "GRU candidate": "GRU 候选状态",
    "grid": "网格", "grid points": "网格点数", "heatmap rows": "热图行数", "hidden": "隐藏层", "hidden units": "隐藏单元",
    "horizon": "步数 T", "image": "图像", "init": "初始化", "init sigma": "初始化 σ", "initial": "初始值",
    "input size": "输入大小", "kernel": "卷积核", "kernel lr": "核学习率", "kernel size": "核大小", "kind": "类型",
    "label": "标签", "layers": "层数", "learning starts": "开始学习步数", "lr min": "最小学习率",
    "max episode steps": "每回合最多步数", "max episodes": "最多回合", "max shift": "最大平移", "max steps": "最多步数",
    "max sweeps": "最多扫描次数", "mean offset": "均值偏移", "means source": "均值来源", "mode": "模式",
    "momentum β": "动量 β", "n points": "样本点数", "noise (sine)": "噪声（正弦）", "output padding": "输出填充",
    "padding": "填充", "pit reward": "陷阱奖励", "pool": "池化", "pool size": "池化大小", "prior std": "先验标准差",
    "record every": "记录间隔", "residual": "残差连接", "reward kind": "奖励分布", "reward std": "奖励标准差",
    "rotation °": "旋转角 °", "runs": "重复次数", "schedule": "学习率调度", "sequence length T": "序列长度 T",
    "slip": "打滑概率", "slippery": "打滑", "spectral radius ρ": "谱半径 ρ", "start x": "起点 x", "start y": "起点 y",
    "step every": "步进间隔", "step reward": "每步奖励", "step size": "步长", "stop when solved": "解决后停止",
    "stride": "步幅", "surface": "曲面", "target update": "目标网络更新", "task": "任务", "tokens (copy)": "词元数（复制）",
    "tolerance": "容差", "train every": "训练间隔", "train ratio": "训练集比例", "transposed": "转置卷积",
    "values": "取值", "weight decay": "权重衰减", "n": "n", "l1": "L1 正则", "l2": "L2 正则", "solve return": "目标回报",
    "solve window": "平均窗口", "init ": "初始化",
})

# the network panel
ZH.update({
    "PyTorch script (seed {seed}) saved to {path}": "PyTorch 脚本（随机种子 {seed}）已保存到 {path}",
})

# the attention panel
ZH.update({
    "kernel_regression": "核回归", "scoring": "注意力评分", "transformer": "Transformer", "positional": "位置编码",
    "decoding": "解码", "Data and kernel": "数据与核", "Queries and keys": "查询与键", "Sinusoidal matrix": "正弦编码矩阵",
    "Search": "搜索", "Training": "训练", "View (does not restart)": "视图（不重新开始）", "f(x) =": "f(x) =",
    "n train": "训练点数", "x max": "x 最大值", "n queries": "查询数", "width": "核宽参数 w", "learn width": "学习 w",
    "width lr": "w 学习率", "nw steps": "核回归步数", "dim": "维度 d", "score queries": "查询数", "score keys": "键数",
    "valid len": "有效长度", "additive hidden": "加性注意力隐藏单元", "score samples": "采样次数", "seq len": "序列长度",
    "vocab": "词表大小", "delay": "延迟", "d model": "模型维度", "heads": "头数", "pe positions": "位置数",
    "pe dim": "编码维度", "language model": "语言模型", "lm tokens": "词元数", "beam width": "束宽 k",
    "max len": "最大长度", "length alpha": "长度惩罚 α", "example shown": "显示的样例",
})

# the generative panel
ZH.update({
    "Data": "数据", "GAN networks": "GAN 网络", "GAN training": "GAN 训练", "Run": "运行",
    "View (does not restart)": "视图（不重新开始）", "draw target": "绘制目标", "clear points": "清除点",
    "heatmap of D / critic": "判别器/评论家热图", "generator gradient arrows": "生成器梯度箭头",
    "latent grid warped by G": "被 G 扭曲的隐空间网格", "real points": "真实样本", "generated points": "生成样本",
    "point sigma": "点的标准差", "vae hidden": "VAE 隐藏单元", "vae layers": "VAE 层数", "latent dim": "隐变量维数",
    "beta": "β", "autoencoder": "自编码器", "x sigma": "解码器标准差 σ_x", "vae lr": "VAE 学习率",
    "interp a": "插值起点", "interp b": "插值终点", "g hidden": "生成器隐藏单元", "g layers": "生成器层数",
    "d hidden": "判别器隐藏单元", "d layers": "判别器层数", "gan latent dim": "噪声维数", "d steps": "判别器步数",
    "gp lambda": "梯度惩罚 λ", "clip": "权重裁剪", "g lr": "生成器学习率", "d lr": "判别器学习率", "beta1": "β1",
    "beta2": "β2",
})

# the MDP panel
ZH.update({
    "Episode return": "回合回报", "not applied: {reason}": "未应用：{reason}",
    "Episode return, mean of {runs} runs ± one standard error": "回合回报：{runs} 次运行的平均 ± 一个标准误",
    "DP sweeps {sweeps}": "DP 扫描 {sweeps} 次",
    "episode {episode}, mean return (last 100) {mean}": "第 {episode} 回合，平均回报（最近 100 回合）{mean}",
    "greedy path reaches the goal, return {ret}": "贪心路径到达终点，回报 {ret}",
    "greedy path does not reach the goal": "贪心路径到达不了终点",
    "greedy path return (first moves) {ret}": "贪心路径回报（前若干步）{ret}",
    "(run 1; {n} of {runs} runs reach it)": "（第 1 次运行；{runs} 次中有 {n} 次到达）",
    "TD learners start their episodes from a start cell S: paint one, or untick the learners "
    "(DP alone needs no start)": "TD 学习器从起点 S 开始每个回合：请画一个起点，或取消勾选学习器（只做 DP 不需要起点）",
})

# the readout lines under the plots (templates filled where they are set)
ZH.update({
    # rnn
    "iteration {step}": "第 {step} 次迭代",
    "<b>{label}</b>: loss {loss} · ρ(W_hh) {radius} · ratio per step back: theory {theory}, "
    "measured {measured} · ‖dL/dh<sub>1</sub>‖ / ‖dL/dh<sub>T</sub>‖ = 10<sup>{decades}</sup> · clips {clips}":
        "<b>{label}</b>：损失 {loss} · ρ(W_hh) {radius} · 每向前一步的梯度比：理论 {theory}，"
        "实测 {measured} · ‖dL/dh<sub>1</sub>‖ / ‖dL/dh<sub>T</sub>‖ = 10<sup>{decades}</sup> · 裁剪 {clips} 次",
    # generative
    "step {step} ({loss}): D loss {d_loss}, G loss {g_loss}, {divergence} {value}":
        "第 {step} 步（{loss}）：D 损失 {d_loss}，G 损失 {g_loss}，{divergence} {value}",
    "  |  modes covered {covered} of {total}, high-quality share {share}% (within 3 sigma of a mode)":
        "  |  覆盖模式 {covered} / {total}，高质量占比 {share}%（距某个模式 3 sigma 以内）",
    "step {step} ({kind}): reconstruction {recon}, KL {kl}, -ELBO {elbo} nats per example; "
    "active latent dimensions (KL > 0.05): {active}":
        "第 {step} 步（{kind}）：重建 {recon}，KL {kl}，-ELBO {elbo}（每个样例，奈特）；活跃隐维度（KL > 0.05）：{active}",
    "JS estimate": "JS 估计", "minimax": "极小极大", "non_saturating": "非饱和", "wgan_clip": "WGAN（权重裁剪）",
    "wgan_gp": "WGAN-GP", "modes covered and high-quality share": "覆盖模式与高质量占比",
})

# conv
ZH.update({
    "out = floor((n + 2p - d(k-1) - 1)/s) + 1 = {rest}": "输出尺寸 = floor((n + 2p - d(k-1) - 1)/s) + 1 = {rest}",
    "out = (n-1)s - 2p + d(k-1) + output_padding + 1 = {rest}":
        "输出尺寸 = (n-1)s - 2p + d(k-1) + 输出填充 + 1 = {rest}",
    "step {step} of {total}: {cell}": "第 {step} / {total} 步：{cell}",
    "torch.nn.functional.{function} gives {shape} ({verdict})": "PyTorch 的 {function} 给出 {shape}（{verdict}）",
    "agrees": "一致", "DISAGREES": "不一致",
    "; largest |own loops - torch| over all cells = {error}": "；所有格子上 |自己的循环 - PyTorch| 的最大值 = {error}",
    "shift {shift} px: the feature map changed by {feature}% (||new - old|| / ||old||, {feature_cells}% "
    "of cells), the pooled map by {pooled}% ({pooled_cells}% of cells)":
        "平移 {shift} 像素：特征图变化 {feature}%（||新 - 旧|| / ||旧||，{feature_cells}% 的格子），"
        "池化图变化 {pooled}%（{pooled_cells}% 的格子）",
    "step {step}: loss {loss}, largest |W - W*| = {kernel_error}.  Hand-derived vs autograd: "
    "max |dL/dW diff| = {grad_w}, max |dL/dX diff| = {grad_x}.  y[{i},{j}] = {y}":
        "第 {step} 步：损失 {loss}，最大 |W - W*| = {kernel_error}。手推梯度 vs 自动微分："
        "最大 |dL/dW 之差| = {grad_w}，最大 |dL/dX 之差| = {grad_x}。y[{i},{j}] = {y}",
    "step {step} (epoch {epoch}): CNN test accuracy {accuracy}%, loss {loss}, {params} parameters":
        "第 {step} 步（第 {epoch} 轮）：CNN 测试准确率 {accuracy}%，损失 {loss}，{params} 个参数",
    "  |  {twin}: test accuracy {accuracy}%, {params} parameters": "  |  {twin}：测试准确率 {accuracy}%，{params} 个参数",
    "image (a {label}), shifted {n} px": "图像（数字 {label}），平移 {n} 像素",
})

# attention
ZH.update({
    "learned": "学习", "fixed": "固定", "sinusoidal": "正弦", "none": "无", "reverse": "反转", "sort": "排序",
    "copy with delay": "延迟复制", "beam": "束搜索", "none yet": "暂无", "positional encoding: {kind}": "位置编码：{kind}",
    "step {step}: w = {width} ({how}), leave-one-out loss {loss}, error against the true f: {error}, "
    "mean entropy of a row of weights {entropy} nats":
        "第 {step} 步：w = {width}（{how}），留一损失 {loss}，与真实 f 的误差：{error}，权重每行的平均熵 {entropy} 奈特",
    "d = {dim}, {samples} draws: score variance {var_scaled} scaled vs {var_unscaled} not scaled; "
    "entropy {entropy_scaled} vs {entropy_unscaled} nats (at most ln {valid} = {max_entropy}); "
    "gradient norm {grad_scaled} vs {grad_unscaled}.  Weight on the padded keys (index >= {valid}): {masked}":
        "d = {dim}，抽样 {samples} 次：分数方差 缩放 {var_scaled} vs 未缩放 {var_unscaled}；"
        "熵 {entropy_scaled} vs {entropy_unscaled} 奈特（最多 ln {valid} = {max_entropy}）；"
        "梯度范数 {grad_scaled} vs {grad_unscaled}。填充键（序号 >= {valid}）上的权重：{masked}",
    "step {step}: token accuracy {tokens}%, whole sequences {sequences}%, loss {loss}, {params} parameters":
        "第 {step} 步：词元准确率 {tokens}%，整条序列 {sequences}%，损失 {loss}，{params} 个参数",
    "{task}, example {e}: input {input}  ->  target {target};  prediction {prediction}":
        "{task}，样例 {e}：输入 {input}  ->  目标 {target}；  预测 {prediction}",
    "  |  twin ({twin}): {accuracy}%": "  |  对照（{twin}）：{accuracy}%", ";  twin {prediction}": "；  对照 {prediction}",
    "PE(p + 1) = R PE(p) for every p: largest error {error}.  Learned encoding after {step} steps: "
    "task accuracy {accuracy}%; mean |difference| of its cosine similarities from the sinusoid's {gap}":
        "对每个 p 都有 PE(p + 1) = R PE(p)：最大误差 {error}。学习的编码经过 {step} 步：任务准确率 {accuracy}%；"
        "其余弦相似度与正弦编码的平均 |差| {gap}",
    "<b>time step {step}</b>: each node shows its token and log P of the output so far.":
        "<b>时间步 {step}</b>：每个节点显示它的词元和到目前为止输出的 log P。",
    "{tokens} (P {p}, score {score})": "{tokens}（P {p}，得分 {score}）",
    "<b>{name}</b>: chosen <b>{best}</b>; candidates: {cells}": "<b>{name}</b>：选中 <b>{best}</b>；候选：{cells}",
})

# the bandits game
ZH.update({"the algorithms are still running": "算法仍在运行"})

# the bandits' algorithm names (legend key, algorithm list): name and the words among its numbers
ZH.update({
    "greedy": "贪心", "epsilon-greedy": "ε-贪心", "decaying epsilon": "衰减 ε", "explore-then-commit": "先探索后利用",
    "Thompson Gaussian": "Thompson 高斯", "gradient bandit": "梯度老虎机", "no baseline": "无基线", "best m": "最佳 m",
    "{name} ({parts})": "{name}（{parts}）",
})

# saving, crash recovery and data files
ZH.update({
    "Recover session": "恢复会话",
    "The playground did not close cleanly last time.\nRestore the autosaved session ({panels})?":
        "游乐场上次没有正常关闭。\n要恢复自动保存的会话（{panels}）吗？",
    "Cannot export CSV": "无法导出 CSV",
    "Read a file outside the preset's folder?": "读取预设文件夹之外的文件？",
    "This preset reads data from outside its own folder:\n{files}\n"
    "Let it read this file? Say yes only if you trust where the preset came from.":
        "此预设要从它自己的文件夹之外读取数据：\n{files}\n允许它读取这个文件吗？只有在你信任此预设的来源时才选择“是”。",
    "opened without the data file outside the preset's folder": "已打开，但未读取预设文件夹之外的数据文件",
})

# Messages with numbers in them (from the core, which has no Qt): a pattern and its translation.
ZH_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^(?P<what>.+) is too large to train live: (?P<listed>.+) make one step about (?P<ratio>[\d.]+) "
                r"times the most a laptop does in a second; lower one of (?P<fields>.+)$"),
     "{what}太大，无法实时训练：{listed} 使一步的计算量约为笔记本电脑一秒所能完成的 {ratio} 倍；"
     "请减小 {fields} 中的一项"),
]

# the window: transport, status bar, file dialogs, messages
ZH.update({
    "Max speed": "最快", "steps/s": "步/秒", "{rate} steps/s": "{rate} 步/秒", "step {step}": "第 {step} 步",
    "device: {device}": "设备：{device}", "starting...": "启动中...", "Loading the playground...": "正在加载游乐场...",
    "building the run...": "正在准备运行...",
    "Save weights (safetensors)...": "保存权重 (safetensors)...", "Load weights (safetensors)...": "加载权重 (safetensors)...",
    "Save the trained network's weights as safetensors": "把训练好的网络权重保存为 safetensors",
    "Load weights saved from the same network": "加载同一网络保存的权重",
    "Reset this panel to its defaults": "把此面板恢复为默认设置", "All lesson presets, by topic": "按主题列出的全部课程预设",
    "Big fonts, thick lines, full screen: for a projector": "大字体、粗线条、全屏：适合投影",
    "Record the panel as an animated GIF (or MP4 with ffmpeg)": "把面板录制为 GIF 动画（有 ffmpeg 时可录 MP4）",
    "How many steps per second the worker runs (Max: as fast as it can)": "每秒运行多少步（最快：尽可能快）",
    "Where torch computes: auto picks cuda, then mps, then cpu": "torch 在哪里计算：auto 依次选择 cuda、mps、cpu",
    "The random seed: the same preset and seed give the same numbers": "随机种子：相同的预设和种子得到相同的数值",
    "no panel named {key}": "没有名为 {key} 的面板", "Cannot open preset": "无法打开预设", "opened {path}": "已打开 {path}",
    "Invalid settings": "设置无效", "no earlier snapshot kept": "没有保存更早的快照",
    "viewing step {step} (Right to go forward, Space to resume)": "正在查看第 {step} 步（→ 前进，空格继续）",
    "Open preset": "打开预设", "Presets (*.json);;All files (*)": "预设 (*.json);;所有文件 (*)",
    "Save preset": "保存预设", "Presets (*.json)": "预设 (*.json)", "Cannot save": "无法保存", "saved {path}": "已保存 {path}",
    "Export plot": "导出图像", "Cannot export PNG": "无法导出 PNG", "exported {path}": "已导出 {path}",
    "Export metrics": "导出指标", "exported {rows} rows to {path}": "已导出 {rows} 行到 {path}",
    "Save weights": "保存权重", "Load weights": "加载权重", "Copy details": "复制详情", "The run stopped": "运行已停止",
    "{text} (paused; change a setting or press R)": "{text}（已暂停；请修改设置或按 R）",
    "Cannot draw this snapshot": "无法绘制此快照", "the panel is on the clipboard": "面板图像已复制到剪贴板",
    "Save recording": "保存录像", "Cannot save the recording": "无法保存录像",
    "saved {frames} frames to {path}": "已保存 {frames} 帧到 {path}",
    "Every lesson, by topic. Double-click one to open it in its panel with its notes; "
    "Space plays it, Right steps, R resets, F5 presents. Ctrl+G comes back here. "
    "Your own saved presets appear under *My presets*.":
        "按主题列出的全部课程。双击一个课程，在它的面板中连同笔记一起打开；空格播放，→ 单步，R 重置，F5 演示。"
        "Ctrl+G 回到这里。你自己保存的预设在 *我的预设* 下。",
    "My presets": "我的预设", "{name} (invalid)": "{name}（无效）",
})


# Templates of messages the core formats in English (engine events, readouts); tr_message fills them.
MESSAGES: list[str] = []

# section headers, buttons and labels the panels build (shown via translate_widgets)
ZH.update({
    "Algorithms": "算法", "Arms and runs": "臂与运行次数", "Display": "显示", "Hidden layers": "隐藏层",
    "Input features": "输入特征", "Model": "模型", "Start and noise": "起点与噪声", "Surface": "曲面", "Task": "任务",
    "View": "视图", "World": "世界", "Solver": "求解器", "TD learners": "TD 学习器",
    "Paint the grid (click a cell)": "绘制网格（点击格子）", "Receptive field": "感受野",
    "Gradient descent on the kernel": "对卷积核做梯度下降", "Grid and kernel": "网格与卷积核",
    "Image, kernel and pooling": "图像、卷积核与池化", "3-D view": "三维视图", "Arrows at the optimizers": "优化器处的箭头",
    "Click the surface or drag the target to move the start.": "点击曲面或拖动目标来移动起点。",
    "Fit the view to the surface": "视图适配曲面", "Add optimizer": "添加优化器", "Add": "添加", "Remove": "删除",
    "Live": "实时", "Load CSV…": "加载 CSV…", "Export PyTorch script…": "导出 PyTorch 脚本…",
    "Remove teleports and cell rewards": "删除传送门和格子奖励", "no teleports or cell rewards": "没有传送门或格子奖励",
    "click paints": "点击绘制", "paint reward": "绘制奖励", "cell reward": "格子奖励", "wall #": "墙 #",
    "goal G": "终点 G", "start S": "起点 S", "pit P": "陷阱 P", "cliff C": "悬崖 C", "empty .": "空 .",
    "teleport A -> A'": "传送 A -> A'", "teleport {src} -> {dst}: {reward}": "传送 {src} -> {dst}：{reward}",
    "reward {cell}: {reward}": "奖励 {cell}：{reward}", ", V(start) = {value}": "，V(起点) = {value}", "wind": "风", "rows x cols": "行 x 列", "learner shown:": "显示的学习器：",
    "Expected SARSA": "期望 SARSA", "digit shown": "显示的数字", "typed means": "输入的均值",
    "typed means, e.g. 0.2 0.5 0.8": "输入均值，例如 0.2 0.5 0.8", "per-arm view of": "每臂视图：",
    "log-x step axis": "步数轴取对数", "actions": "动作数", "states": "状态数", "terminal:": "终止状态：",
    "pi(a|s): policy to evaluate": "pi(a|s)：要评估的策略", "r(s, a): expected reward": "r(s, a)：期望奖励",
    "P(s'|s, a={action}): row s, column s'": "P(s'|s, a={action})：行 s，列 s'",
    "hidden layers": "隐藏层数", "dropout": "丢弃率 dropout", "data": "数据", "out row": "输出行", "out col": "输出列",
    "rf layer": "感受野层", "rf row": "感受野行", "rf col": "感受野列", "rf channel": "感受野通道",
    "{name}: hyperparameters": "{name}：超参数", "finished at step {step}": "在第 {step} 步结束", " (scrubbing)": "（回看中）", "{n} points": "{n} 个点", "step {step} of {total}": "第 {step} / {total} 步",
    "Algorithms over many runs": "多次运行中的算法", "You vs the algorithm": "你与算法对战",
    "Effective step size": "有效步长", "status": "状态", "lr now": "当前学习率", "steps to tolerance": "达到容差的步数",
    "V (policy it.)": "V（策略迭代）", "V (value it.)": "V（值迭代）", "V_pi (solve)": "V_pi（求解）",
    "V_pi (sweeps)": "V_pi（扫描）", "pi (policy it.)": "pi（策略迭代）", "pi (value it.)": "pi（值迭代）",
})

# plot titles, axis labels and legend names (AppPlotItem, AppAxisItem and AppLegendItem translate them)
ZH.update({
    # optimizer
    "Loss vs step": "损失随步数", "Gradient norm vs step": "梯度范数随步数", "Internal state (x solid, y dashed)":
        "内部状态（x 实线，y 虚线）", "Momentum": "动量", "last step": "上一步", "minimum": "最小值", "start": "起点",
    "−∇f (downhill)": "−∇f（下坡方向）",
    "MLP loss landscape: L(θ* + α·d₁ + β·d₂), filter-normalised d₁, d₂": "MLP 损失地形：L(θ* + α·d₁ + β·d₂)，滤波器归一化的 d₁, d₂",
    "f(x, y) = L(θ* + α·d₁ + β·d₂), filter-normalised d₁, d₂": "f(x, y) = L(θ* + α·d₁ + β·d₂)，滤波器归一化的 d₁, d₂",
    "Type f(x, y) with + − * / ^, sin cos tan exp log sqrt abs tanh, pi and e.":
        "输入 f(x, y)，可用 + − * / ^、sin cos tan exp log sqrt abs tanh、pi 和 e。",
    "η_eff": "有效步长 η", "G, s or v": "G、s 或 v", "Second moment G / s / v": "二阶矩 G / s / v",
    "First moment m / velocity": "一阶矩 m / 速度",
    # network
    "Accuracy": "准确率", "Accuracy (R² for regression)": "准确率（回归为 R²）", "Activation histogram per layer": "每层激活直方图",
    "Histogram of log10 |dL/dW| per layer": "每层 log10 |dL/dW| 直方图", "Loss": "损失", "Mean |dL/dW| per layer (now)":
        "每层平均 |dL/dW|（当前）", "activation value": "激活值", "epoch": "轮次", "layer": "层", "layer (0 = first)": "层（0 = 第一层）",
    "log10 mean |dL/dW| over training": "训练过程中的 log10 平均 |dL/dW|", "test": "测试", "train": "训练",
    "Output (train: white rim, test: black rim)": "输出（训练：白边，测试：黑边）",
    "Each neuron's output over the input plane; edges: weights (blue > 0)": "每个神经元在输入平面上的输出；边：权重（蓝色 > 0）",
    "input": "输入", "output": "输出", "layer {i}": "第 {i} 层", "Confusion matrix (test set)": "混淆矩阵（测试集）",
    "Test digits: prediction (true)": "测试数字：预测（真实）", "predicted digit": "预测数字", "true digit": "真实数字",
    # rnn
    "Loss: adding task": "损失：加法任务", "always answer 1: MSE 1/6": "总是回答 1：MSE 1/6", "dL/dh_t (dashed: theory)":
        "dL/dh_t（虚线：理论）", "fraction right": "正确比例", "loss": "损失", "timestep t": "时间步 t",
    "training iteration": "训练迭代", "Eigenvalues of W_hh": "W_hh 的特征值", "unit circle |λ| = 1": "单位圆 |λ| = 1",
    "derivative f'(z_t), one sequence": "导数 f'(z_t)，一条序列", "dL/dx_t (input gradient)": "dL/dx_t（输入梯度）",
    "hidden unit": "隐藏单元", "value": "值", "Loss: {task}": "损失：{task}",
    "best constant answer": "最佳常数回答", "The nets' colours in the four plots below": "下方四幅图中各网络的颜色", "always answer 0: MSE 1/2 + noise^2": "总是回答 0：MSE 1/2 + noise^2",
    # bandits
    "Run {run}: Thompson posteriors": "第 {run} 次运行：Thompson 后验", "Run {run}: pulls per arm": "第 {run} 次运行：每臂拉动次数",
    "Run {run}: true mean, estimate, UCB bound": "第 {run} 次运行：真实均值、估计、UCB 上界", "UCB upper bound": "UCB 上界",
    "arm": "臂", "density": "密度", "estimate Q(a)": "估计 Q(a)", "estimate": "估计", "exploring pulls": "探索拉动",
    "pulls": "拉动次数", "true mean": "真实均值",
    "% optimal action": "最优动作 %", "Average reward (95% band)": "平均奖励（95% 区间）",
    "Cumulative regret (dashed: bounds)": "累计遗憾（虚线：上界）", "UCB bound 16 log t / Delta": "UCB 上界 16 log t / Delta",
    "UCB bound 8 sqrt(k t log t)": "UCB 上界 8 sqrt(k t log t)", "average reward": "平均奖励", "cumulative regret": "累计遗憾",
    "step t": "步 t",
    # mdp
    "CartPole-v1 (from the env state)": "CartPole-v1（来自环境状态）", "Exploration epsilon": "探索率 epsilon",
    "Mean Q(s,a) on replayed batches": "回放批次上的平均 Q(s,a)", "TD loss (mean per episode)": "TD 损失（每回合平均）",
    "average of the last 100": "最近 100 回合平均", "cart position x (m)": "小车位置 x (m)", "episode": "回合",
    "return": "回报", "solved: {n}": "解决：{n}", "Episode length": "回合长度", "Gap to DP: mean |max_a Q(s,a) - V*(s)|":
        "与 DP 的差距：平均 |max_a Q(s,a) - V*(s)|", "gap": "差距", "moves": "步数", "DP: V(s) and greedy policy": "DP：V(s) 与贪心策略",
    "Learner: none (tick one at the left)": "学习器：无（在左侧勾选一个）",
    "Q(s, push left) = {left}    Q(s, push right) = {right}    episode {episode}":
        "Q(s, 向左推) = {left}    Q(s, 向右推) = {right}    第 {episode} 回合",
    "Convergence: max-norm error per sweep": "收敛：每次扫描的最大范数误差", "V* (exact)": "V*（精确）",
    "V, value iteration": "V，值迭代", "V_pi = (I - gamma P_pi)^-1 R_pi": "V_pi = (I - γ P_pi)^-1 R_pi",
    "V_pi, iterative": "V_pi，迭代", "Values V(s)": "状态值 V(s)", "iterative evaluation vs V_pi": "迭代评估 vs V_pi",
    "policy iteration vs V*": "策略迭代 vs V*", "state": "状态", "sweep k (policy iteration: improvement k)":
        "扫描 k（策略迭代：改进 k）", "value iteration vs V*": "值迭代 vs V*",
    # generative
    "KL per latent dimension": "每个隐维度的 KL", "W1 estimate": "W1 估计", "divergence estimate": "散度估计",
    "data (blue) and reconstructions (orange)": "数据（蓝）与重建（橙）", "dimension": "维度", "dimension i": "维度 i",
    "interpolation between examples {a} and {b}": "样例 {a} 与 {b} 之间的插值", "latent means mu(x), by class": "隐变量均值 mu(x)，按类别",
    "losses": "损失", "mode coverage: only for ring8, grid25 and drawn targets": "模式覆盖：仅用于 ring8、grid25 与手绘目标",
    "modes covered / total": "覆盖模式 / 总数", "high-quality share": "高质量占比", "nats": "奈特",
    "prior samples decoded, latent grid decoded": "先验样本解码，隐空间网格解码", "reconstruction": "重建",
    "real (blue), generated (orange), heatmap: critic f(x)": "真实（蓝），生成（橙），热图：评论家 f(x)", "share": "占比",
    "entropy": "熵", "real (blue), generated (orange), heatmap: D(x)": "真实（蓝），生成（橙），热图：D(x)",
    # conv
    "digit {d} -> {predicted} (p {p}), {unit}": "数字 {d} -> {predicted}（p {p}），{unit}",
    "digit and receptive field": "数字与感受野",
    "CNN test": "CNN 测试", "CNN train": "CNN 训练", "MLP test": "MLP 测试", "MLP train": "MLP 训练",
    "column": "列", "row": "行", "confusion matrix (test digits)": "混淆矩阵（测试数字）",
    "conv1 filters (learned kernels)": "conv1 滤波器（学到的卷积核）", "{name}: {n} maps of {size}": "{name}：{n} 张 {size} 特征图",
    "cross-entropy": "交叉熵", "dL/dX (full convolution)": "dL/dX（完全卷积）",
    "dashed: field; orange: |d unit/d pixel|": "虚线：感受野；橙色：|d 单元/d 像素|",
    "feature map = image (x) kernel": "特征图 = 图像 (x) 卷积核", "hidden kernel W*": "隐藏的卷积核 W*",
    "image, shifted {n} px": "图像，平移 {n} 像素", "input X (orange: read by y_ij)": "输入 X（橙色：y_ij 读取的部分）",
    "input x (grey: zero padding)": "输入 x（灰色：零填充）", "kernel ({size})": "卷积核（{size}）", "kernel W": "卷积核 W",
    "learned kernel W": "学到的卷积核 W", "loss L = mean (Y - T)^2 / 2": "损失 L = mean (Y - T)^2 / 2",
    "max pooling {size}": "最大池化 {size}", "output y": "输出 y", "pooled cells that changed (blue)": "变化的池化格（蓝）",
    "pooled, image not shifted": "池化，图像未平移", "predicted": "预测", "products w_uv * x": "乘积 w_uv * x", "step": "步",
    # attention
    "Nadaraya-Watson estimate f(x) = sum_i alpha(x, x_i) y_i": "Nadaraya-Watson 估计 f(x) = sum_i alpha(x, x_i) y_i",
    "accuracy on 512 held-out sequences": "512 条留出序列上的准确率", "additive softmax(w_v tanh(W_q q + W_k k))":
        "加性 softmax(w_v tanh(W_q q + W_k k))", "attention weights alpha(x, x_i)": "注意力权重 alpha(x, x_i)",
    "beam search, k = {k} (orange: kept, green: chosen)": "束搜索，k = {k}（橙：保留，绿：选中）", "data (x_i, y_i)": "数据 (x_i, y_i)",
    "greedy search": "贪心搜索", "beam search": "束搜索", "input position (key)": "输入位置（键）", "kernel parameter w": "核参数 w", "key": "键",
    "key x_i (sorted)": "键 x_i（排序）", "learned encoding ({rows} x {cols}), step {step}": "学到的编码（{rows} x {cols}），第 {step} 步",
    "learned positions: heads across": "学到的位置：各头", "learned: cosine similarity": "学到的：余弦相似度",
    "leave-one-out loss": "留一损失", "loss terms (per example)": "损失项（每个样例）", "no twin (compare: positional toggled)":
        "没有对照（对比：切换位置编码）", "not scaled": "未缩放", "output position (query)": "输出位置（查询）",
    "position p": "位置 p", "position q": "位置 q", "positional: learned": "位置编码：学习", "query": "查询",
    "query x (row)": "查询 x（行）", "scaled": "缩放", "sinusoidal (same size): cosine similarity": "正弦编码（同尺寸）：余弦相似度",
    "sinusoidal PE: {n} positions x {d} dims": "正弦位置编码：{n} 个位置 x {d} 维", "softmax entropy (nats)": "softmax 熵（奈特）",
    "softmax gradient |diag(p) - pp^T|": "softmax 梯度 |diag(p) - pp^T|", "softmax(q.k), not scaled": "softmax(q.k)，未缩放",
    "task accuracy (learned encoding)": "任务准确率（学到的编码）", "time step": "时间步", "tokens": "词元",
    "training loss": "训练损失", "training loss (mean between evaluations)": "训练损失（两次评估之间的平均）", "true f(x)": "真实 f(x)",
    "variance": "方差", "variance of the scores": "分数的方差", "whole sequences": "整条序列",
})

MESSAGES += [
    "P(s'|s, a={action}): row s, column s'", "{name}: hyperparameters", "layer {i}",
    "digit {d} -> {predicted} (p {p}), {unit}", "image (a {label}), shifted {n} px",
    "out = floor((n + 2p - d(k-1) - 1)/s) + 1 = {rest}", "out = (n-1)s - 2p + d(k-1) + output_padding + 1 = {rest}",
    "torch.nn.functional.{function} gives {shape} ({verdict})", "positional encoding: {kind}", "{n} points", "step {step} of {total}",
    "Run {run}: Thompson posteriors", "Run {run}: pulls per arm", "Run {run}: true mean, estimate, UCB bound",
    "solved: {n}", "finished at step {step}", "Q(s, push left) = {left}    Q(s, push right) = {right}    episode {episode}",
    "interpolation between examples {a} and {b}", "{name}: {n} maps of {size}", "image, shifted {n} px",
    "kernel ({size})", "max pooling {size}", "beam search, k = {k} (orange: kept, green: chosen)",
    "learned encoding ({rows} x {cols}), step {step}", "sinusoidal PE: {n} positions x {d} dims", "Loss: {task}",
    "opened {path}", "saved {path}", "exported {path}", "not applied: {reason}", "DP sweeps {sweeps}",
    "episode {episode}, mean return (last 100) {mean}", "greedy path reaches the goal, return {ret}",
    "greedy path return (first moves) {ret}", "(run 1; {n} of {runs} runs reach it)",
]

# tooltips: every config field's description (widgets/form.py), and the texts panels add to them
for _english, _chinese in DESCRIPTIONS_ZH.items():
    ZH.setdefault(_english, _chinese)
ZH.update({
    "Layer {i}: {tip}": "第 {i} 层：{tip}",
    "{description} In compare mode a gated cell here means a tanh RNN.":
        "{description}在 compare 模式下，这里选门控单元表示 tanh RNN。",
})
MESSAGES += ["Layer {i}: {tip}", "{description} In compare mode a gated cell here means a tanh RNN."]

# tooltips the window and the panels set themselves (translate_widgets shows a panel's in the UI language)
_TOOLTIPS = {
    "How many steps per second the worker runs (Max: as fast as it can)": "工作线程每秒运行多少步（最快：尽可能快）",
    "Where torch computes: auto picks cuda, then mps, then cpu": "torch 在哪里计算：auto 依次选择 cuda、mps、cpu",
    "The random seed: the same preset and seed give the same numbers": "随机种子：同样的预设和种子给出同样的数",
    "Edit the lesson text; it is saved with the preset": "编辑课程文字；它随预设一起保存",
    "Show or hide: {title}": "显示或隐藏：{title}",
    "Follow the newest step again": "重新跟随最新一步",
    "Scrub back through the run (drag to the right end to follow it live)": "回看整个运行过程（拖到最右端则实时跟随）",
    "Colour of this optimizer's path and curves": "此优化器路径和曲线的颜色",
    "The update rule; changing it resets the hyperparameters to torch's defaults": "更新规则；更换它会把超参数重置为 torch 的默认值",
    "Use this surface's usual view box and start point": "使用此曲面通常的视图范围和起点",
    "Show the surface in 3-D (needs OpenGL)": "以 3D 显示曲面（需要 OpenGL）",
    "Race this optimizer": "让此优化器参赛", "Remove this optimizer": "删除此优化器", "Add a racer (at most 8)": "添加一个参赛者（最多 8 个）",
    "{name}: learning rate {lr}, {schedule} schedule": "{name}：学习率 {lr}，{schedule} 调度",
    "{name}: learning rate {lr}": "{name}：学习率 {lr}",
    "Steps to tolerance: the first step with f − f* ≤ the tolerance. A diverged optimizer is frozen where it last was "
    "finite.": "到达容差的步数：第一次满足 f − f* ≤ 容差的步。发散的优化器停在它最后一次为有限值的位置。",
    "At each optimizer: −∇f, where steepest descent points (dashed), and the step it just took (solid). Lengths grow "
    "with the logarithm of the size.": "每个优化器处：−∇f，即最速下降的方向（虚线），以及它刚走的一步（实线）。长度随大小的对数增长。",
    "Which internal state to plot: the per-coordinate step size the optimizer applies, its running mean of squared "
    "gradients, or its running mean of gradients.": "要绘制的内部状态：优化器在每个坐标上实际使用的步长、梯度平方的滑动平均，或梯度的滑动平均。",
    "Number of hidden layers (0: a linear model).": "隐藏层数（0：线性模型）。",
    "Load your own data: rows of x1, x2, label (0/1) or x1, x2, y (regression).":
        "载入你自己的数据：每行为 x1, x2, label（0/1）或 x1, x2, y（回归）。",
    "Save this network and its training loop as a standalone PyTorch script.": "把此网络及其训练循环保存为独立的 PyTorch 脚本。",
    "Click on the plane to add a gaussian of the drawn target there (data becomes 'drawn')":
        "在平面上点击，在该处给手绘目标添加一个高斯（数据变为 'drawn'）",
    "-dL_G/dx at 150 generated points: where the generator's loss pushes each one":
        "-dL_G/dx，在 150 个生成点上：生成器的损失把每个点推向哪里",
    "Remove every drawn point": "删除所有手绘的点", "500 fixed samples of the target (blue)": "目标分布的 500 个固定样本（蓝）",
    "G at 500 fixed latent points (orange)": "G 在 500 个固定隐变量点上的输出（橙）",
    "The discriminator's P(real), or the critic's f(x), on a 50x50 grid over the plane":
        "判别器的 P(real) 或评论家的 f(x)，在平面上 50x50 的网格上",
    "The image under G of a grid of latent points (first two dimensions of z)": "隐变量点网格在 G 下的像（z 的前两维）",
    "The algorithms compared; select one to edit it below": "参与比较的算法；选中一个即可在下方编辑",
    "Add a copy of the selected algorithm (at most 8)": "复制选中的算法（最多 8 个）", "Remove the selected algorithm": "删除选中的算法",
    "The algorithms over many runs, or your own game": "多次运行上的算法，或你自己玩一局",
    "The algorithms' colours in the three plots below": "下方三幅图中各算法的颜色",
    "Show the curves against log t: log-regret grows as a straight line": "以 log t 为横轴显示曲线：对数遗憾增长为一条直线",
    "Whose per-arm view (run 0) the top row shows": "顶行显示谁的逐臂视图（第 0 次运行）",
    "The seed of the game's arms and reward sequence": "这局游戏的臂与奖励序列的随机种子", "How many pulls the game lasts": "这局游戏共拉多少次",
    "Start a new game on the arms configured at the left": "用左侧设置的臂开始新的一局", "Pull arm {n}": "拉第 {n} 个臂",
    "Run SARSA beside the DP solution": "在 DP 解旁运行 SARSA", "Run Q-learning beside the DP solution": "在 DP 解旁运行 Q-learning",
    "Run Expected SARSA beside the DP solution": "在 DP 解旁运行期望 SARSA",
    "Which learner's Q(s,a) the right-hand grid shows": "右侧网格显示哪个学习器的 Q(s,a)",
    "Values and greedy policies of each solver, state by state": "每个求解器逐状态的价值与贪心策略",
    "Number of states": "状态数", "Number of actions": "动作数",
    "Type a number (or a fraction like 1/3) in a cell; red cells break a rule (hover for why)":
        "在格子中输入一个数（或 1/3 这样的分数）；红色格子违反了规则（悬停查看原因）",
    "Theory line, gradient ratio per step back: {lines}": "理论线，每向前一步的梯度比：{lines}",
    "rho(W_hh) x mean f'(z)": "rho(W_hh) x 平均 f'(z)", "cell path: mean forget gate f": "细胞状态路径：平均遗忘门 f",
    "carry path: mean update gate z": "携带路径：平均更新门 z",
    "{s} is terminal: V({t}) = 0 and nothing follows it": "{s} 是终止状态：V({t}) = 0，之后不再有转移",
    "Grid rows (custom grid)": "网格行数（自定义网格）", "Grid columns (custom grid)": "网格列数（自定义网格）",
    "What a click on the grid paints: . empty cell, # wall, S start, G goal (ends the episode, goal reward), P pit (ends "
    "the episode, pit reward), C cliff (cliff reward, back to the start)": "点击网格时画的内容：. 空格，# 墙，S 起点，"
    "G 终点（结束回合，终点奖励），P 陷阱（结束回合，陷阱奖励），C 悬崖（悬崖奖励，回到起点）",
    "Reward of a painted teleport or cell reward (0 removes a cell reward)": "所画传送或格子奖励的奖励值（0 表示删除格子奖励）",
    "Wind per column: cells it pushes the agent up after each move; empty for none": "每列的风力：每次移动后把智能体向上推的格数；留空表示无风",
    "Which test digit (one per class, 0-9) the feature maps and the receptive field show":
        "特征图和感受野显示哪个测试数字（每类一个，0-9）",
    "Which of the first 8 held-out sequences the attention maps show": "注意力图显示前 8 条留出序列中的哪一条",
}
for _english, _chinese in _TOOLTIPS.items():
    ZH.setdefault(_english, _chinese)
MESSAGES += [m for m in _TOOLTIPS if "{" in m and m not in MESSAGES]

# the core's errors: presets, settings, validators, engines (templates; see widgets/core_messages_zh.py)
for _english, _chinese in CORE_MESSAGES_ZH.items():
    ZH.setdefault(_english, _chinese)
MESSAGES += [m for m in CORE_MESSAGES_ZH if "{" in m and m not in MESSAGES]

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


def register(zh: dict[str, str], messages: tuple[str, ...] = ()) -> None:
    """Add a view module's own Chinese texts (and message templates, each also a key of ``zh``).

    A panel's view module calls this at import time with the texts it shows, so a new panel keeps
    its translations beside its views instead of in this file. A text already here keeps its entry.
    """
    for english, chinese in zh.items():
        ZH.setdefault(english, chinese)
    MESSAGES.extend(m for m in messages if m not in MESSAGES)



def translate_pattern(text: str, patterns: list[tuple[re.Pattern, str]]) -> str | None:
    for pattern, template in patterns:
        match = pattern.match(text)
        if match:
            return template.format(**match.groupdict())
    return None


class DictTranslator(QTranslator):
    def __init__(self, table: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.table = table

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D401 - Qt override
        found = self.table.get(source)
        return found if found is not None else translate_pattern(source, ZH_PATTERNS)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


_installed: DictTranslator | None = None
_language = "en"


def current_language() -> str:
    """The UI language code (a key of LANGUAGES); lesson notes pick their text with it."""
    return _language


def set_language(code: str) -> None:
    """Install (or remove) the Chinese translator; Qt sends LanguageChange to every widget."""
    global _installed, _language
    _language = code if code in LANGUAGES else "en"  # set first: LanguageChange handlers read it
    app = QCoreApplication.instance()
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if code == "zh_CN":
        _installed = DictTranslator(ZH, app)
        app.installTranslator(_installed)


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _template_pattern(template: str) -> re.Pattern:
    """'saved {path}' -> a regex that matches 'saved /tmp/a.json' and names the field."""
    parts = re.split(r"\{(\w+)\}", template)
    pattern = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
    return re.compile(pattern + r"\Z", re.DOTALL)


_PATTERNS: dict[str, re.Pattern] = {}


def tr_message(text: str, _depth: int = 0) -> str:
    """A message made in the core (English, already formatted) in the UI language.

    The core knows no Qt: its engine messages, metric names and errors arrive as finished English.
    A text with its own entry in ZH is looked up; else the first MESSAGES template it fits is
    translated and filled in with the same values (themselves translated the same way: an error
    names the file, then the field, then what pydantic or our validator said). A text of several
    lines is translated line by line, keeping each line's indent; a text no template fits but
    'head: rest' is translated as its two parts. Unknown texts stay as they are.
    """
    if _language == "en" or not text or _depth > MAX_NESTING:
        return text
    if text in ZH:
        return ZH[text]
    if "\n" in text:
        return "\n".join(tr_message(line, _depth + 1) for line in text.split("\n"))
    body = text.lstrip()
    if body != text:
        return text[:len(text) - len(body)] + tr_message(body, _depth + 1)
    for pattern, template in ZH_PATTERNS:
        match = pattern.match(text)
        if match:
            return template.format(**{k: tr_message(v, _depth + 1) for k, v in match.groupdict().items()})
    for template in MESSAGES:
        pattern = _PATTERNS.get(template) or _PATTERNS.setdefault(template, _template_pattern(template))
        match = pattern.match(text)
        if match:
            return ZH[template].format(**{k: tr_message(v, _depth + 1) for k, v in match.groupdict().items()})
    if "; " in text:  # a list of clauses: each is a message of its own
        return "; ".join(tr_message(part, _depth + 1) for part in text.split("; "))
    head, colon, rest = text.partition(": ")
    if colon and head and rest:
        return f"{tr_message(head, _depth + 1)}: {tr_message(rest, _depth + 1)}"
    return text


MAX_NESTING = 6  # message inside message: file, field, validator text, ... (a bound, not a real depth)


def in_language(english: str, chinese: str = "") -> str:
    """A preset's own text (its title or notes) in the UI language: the Chinese the preset carries in
    the Chinese UI when it has one, else the English (through ``tr_message``: a default title is a
    panel's name, which ZH has)."""
    if _language == "zh_CN" and chinese:
        return chinese
    return tr_message(english)


# Widgets a panel builds with English texts, translated after it is built -----------------------------
SOURCE = "en_source"  # the English a widget was built with
SHOWN = "en_shown"  # what translate_widgets last set: a different text now means the code set a new one
TOOLTIP = "tip"  # the slot of a widget's tooltip among its English sources


def _texts_of(widget) -> tuple:
    """(getter, setter) pairs for the user-visible texts of ``widget``."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QTabWidget

    if isinstance(widget, (QLabel, QAbstractButton)):
        return ((widget.text, widget.setText),)
    if isinstance(widget, QGroupBox):
        return ((widget.title, widget.setTitle),)
    if isinstance(widget, QLineEdit):
        return ((widget.placeholderText, widget.setPlaceholderText),)
    if isinstance(widget, QComboBox):  # items named for the user (a config's own values are left as they are)
        return tuple((lambda i=i: widget.itemText(i), lambda t, i=i: widget.setItemText(i, t))
                     for i in range(widget.count()) if widget.itemData(i) != widget.itemText(i))
    if isinstance(widget, QTabWidget):
        return tuple((lambda i=i: widget.tabText(i), lambda t, i=i: widget.setTabText(i, t))
                     for i in range(widget.count()))
    return ()


def translate_widgets(root) -> None:
    """Show the texts of ``root`` and its children in the UI language (tr_message of the English).

    Panels build their section headers, buttons, labels and tooltips with English literals; this pass, run
    when a panel is built and again on a language switch, shows them translated. Texts the code
    changes later (readouts, counters) are translated where they are set.
    """
    from PySide6.QtWidgets import QTableWidget, QWidget

    for widget in [root, *root.findChildren(QWidget)]:
        for index, (get, put) in enumerate(_texts_of(widget)):
            _translate_text(widget, f"{index}", get, put)
        if widget.toolTip():
            _translate_text(widget, TOOLTIP, widget.toolTip, widget.setToolTip)
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(column)
                if item is not None:
                    _translate_text(item, f"h{column}", item.text, item.setText)


def _translate_text(owner, slot: str, get, put) -> None:
    sources = getattr(owner, "_en_sources", None)
    if sources is None:
        sources = {}
        try:
            owner._en_sources = sources
        except AttributeError:  # a QTableWidgetItem takes no attributes in some bindings
            return
    now = get()
    source, shown = sources.get(slot, (None, None))
    if source is None or now != shown:
        source = now  # first seen, or the code set a new English text since
    text = tr_message(source)
    sources[slot] = (source, text)
    if text != now:
        put(text)


def show_tooltip(widget, english: str) -> None:
    """Set a widget's tooltip in the UI language, keeping the English for translate_widgets on a switch
    (a tooltip set already translated would otherwise be taken for the English)."""
    text = tr_message(english)
    sources = getattr(widget, "_en_sources", None)
    if sources is None:
        sources = widget._en_sources = {}
    sources[TOOLTIP] = (english, text)
    widget.setToolTip(text)


def show_text(item, english: str) -> None:
    """Set a plain pyqtgraph TextItem's text in the UI language; the English is kept for a switch."""
    item.text_source = english
    item.setText(tr_message(english))


def retranslate_plots(root) -> None:
    """Titles, axis labels, legends and text items of the app's plots under ``root`` in the UI language."""
    import pyqtgraph as pg

    from widgets.plot_items import AppAxisItem, AppLegendItem, AppPlotItem

    for view in root.findChildren(pg.GraphicsView):
        if view.scene() is None:
            continue
        for item in view.scene().items():
            if isinstance(item, AppPlotItem) and getattr(item, "title_source", None):
                item.setTitle(item.title_source)
            elif isinstance(item, AppAxisItem) and getattr(item, "label_source", None):
                item.setLabel(item.label_source, item.labelUnits or None, item.labelUnitPrefix or None)
            elif isinstance(item, AppLegendItem):
                item.retranslate()
            elif getattr(item, "text_source", None) is not None:
                show_text(item, item.text_source)
