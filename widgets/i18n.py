"""English and Simplified Chinese UI through Qt's own translation hook.

A QTranslator subclass answers from a Python dict, so no .qm build step is needed; every UI string
goes through ``tr()`` (QCoreApplication.translate), and windows re-apply their texts on a
LanguageChange event.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QTranslator

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
    "Bandits": "多臂老虎机", "MDP & RL": "MDP 与强化学习", "Convolution": "卷积", "Attention": "注意力",
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

# the bandits game
ZH.update({"the algorithms are still running": "算法仍在运行"})

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

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


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
