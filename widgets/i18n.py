"""English and Simplified Chinese UI through Qt's own translation hook.

A QTranslator subclass answers from a Python dict, so no .qm build step is needed; every UI string
goes through ``tr()`` (QCoreApplication.translate), and windows re-apply their texts on a
LanguageChange event.
"""

from __future__ import annotations

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

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


class DictTranslator(QTranslator):
    def __init__(self, table: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.table = table

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D401 - Qt override
        return self.table.get(source, None)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


_installed: DictTranslator | None = None


def set_language(code: str) -> None:
    """Install (or remove) the Chinese translator; Qt sends LanguageChange to every widget."""
    global _installed
    app = QCoreApplication.instance()
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if code == "zh_CN":
        _installed = DictTranslator(ZH, app)
        app.installTranslator(_installed)


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)
