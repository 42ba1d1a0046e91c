"""Simplified Chinese for the errors the core raises: PresetError, EngineError, StateError and the
ValueError texts of the configs' validators (which pydantic shows as ``Value error, ...``).

The core knows no Qt and speaks English; the window passes what it shows through ``tr_message``,
which matches these templates (``{name}`` stands for any text and is itself translated). i18n adds
each to ZH and to MESSAGES in this order, so a template listed first wins over a looser one after it.
"""

CORE_MESSAGES_ZH: dict[str, str] = {
    # pydantic's wrapping of our validators' ValueErrors, and its own messages for bounds and types
    "Value error, {message}": "{message}",
    "Input should be greater than or equal to {n}": "应大于或等于 {n}",
    "Input should be greater than {n}": "应大于 {n}",
    "Input should be less than or equal to {n}": "应小于或等于 {n}",
    "Input should be less than {n}": "应小于 {n}",
    "Input should be a valid integer, unable to parse string as an integer": "应为整数，无法把字符串解析为整数",
    "Input should be a valid integer, got a number with a fractional part": "应为整数，而给出的数有小数部分",
    "Input should be a valid integer": "应为整数",
    "Input should be a valid number, unable to parse string as a number": "应为数，无法把字符串解析为数",
    "Input should be a valid number": "应为数",
    "Input should be a finite number": "应为有限的数",
    "Input should be a valid boolean": "应为布尔值（true 或 false）",
    "Input should be a valid string": "应为字符串",
    "Input should be a valid list": "应为列表",
    "Input should be a valid dictionary or instance of {model}": "应为字典或 {model} 的实例",
    "Input should be {choices}": "应为 {choices} 之一",
    "Field required": "缺少此字段",
    "Extra inputs are not permitted": "不允许多余的字段",
    "String should have at most {n} characters": "字符串最多 {n} 个字符",
    "String should have at least {n} characters": "字符串至少 {n} 个字符",
    "String should match pattern {pattern}": "字符串应匹配模式 {pattern}",
    "List should have at most {n} items after validation, not {m}": "列表最多 {n} 项，而不是 {m} 项",
    "List should have at least {n} items after validation, not {m}": "列表至少 {n} 项，而不是 {m} 项",
    # presets (playground/presets.py, files.py, data_paths.py)
    "{source}: a preset is a JSON object {...}, not {kind}": "{source}：预设是一个 JSON 对象 {{...}}，而不是 {kind}",
    "{source}: schema_version: must be a whole number, got {value}": "{source}：schema_version：必须是整数，实际为 {value}",
    "{source}: schema_version: {version} is newer than this app understands ({current}); update the playground to open it":
        "{source}：schema_version：{version} 比本程序能理解的版本（{current}）更新；请更新游乐场后再打开",
    "{source}: schema_version: must be 1 or more, got {version}": "{source}：schema_version：必须大于或等于 1，实际为 {version}",
    "{source}: panel: {panel} is not a panel of this app (known: {known})": "{source}：panel：{panel} 不是本程序的面板（已知：{known}）",
    "{source}: invalid preset:": "{source}：无效的预设：",
    "... and {n} more": "……还有 {n} 处",
    "{source}: cannot read this preset: {error}": "{source}：无法读取此预设：{error}",
    "{source}: not a preset: more than {n} keys": "{source}：不是预设：键多于 {n} 个",
    "{source}: the key {key} is given twice in one object; keep one": "{source}：同一对象中键 {key} 出现了两次；请只保留一个",
    "{source}: a whole number with {n} digits; numbers in a preset have at most {most}":
        "{source}：一个有 {n} 位的整数；预设中的数最多 {most} 位",
    "{source}: file is {size} bytes; presets are at most {most} MB": "{source}：文件有 {size} 字节；预设最多 {most} MB",
    "{source}: not a text file (not UTF-8 at byte {n})": "{source}：不是文本文件（第 {n} 字节处不是 UTF-8）",
    "{source}: the file is empty": "{source}：文件是空的",
    "{source}: not valid JSON: {reason} at line {line}, column {column}": "{source}：不是有效的 JSON：第 {line} 行第 {column} 列，{reason}",
    "{source}: not a preset: JSON nested too deeply": "{source}：不是预设：JSON 嵌套太深",
    "{source}: {where}: {value} is not a finite number": "{source}：{where}：{value} 不是有限的数",
    "{name}: no such file, and no shipped preset of that name (see `playground presets`)":
        "{name}：没有这个文件，也没有这个名字的内置预设（见 `playground presets`）",
    "{source}: reads data from {path}, outside the preset's folder; if you trust this preset, run again with "
    "--allow-data {again}":
        "{source}：从预设文件夹之外的 {path} 读取数据；如果信任此预设，请加上 --allow-data {again} 重新运行",
    "{name}: cannot read: {why}": "{name}：无法读取：{why}",
    "{name}: too big: a {what} is at most {most} MB": "{name}：文件太大：{what}最多 {most} MB",
    "not found": "找不到", "permission denied": "没有权限", "is a directory": "是一个文件夹",
    "is a FIFO (named pipe), not a regular file": "是 FIFO（命名管道），不是普通文件",
    "is a device, not a regular file": "是设备，不是普通文件", "is a socket, not a regular file": "是套接字，不是普通文件",
    "is not a regular file": "不是普通文件", "preset": "预设",
    # a panel's settings (playground/state.py) and the window
    "not applied -- {error}": "未应用 -- {error}",
    "{where}: no such setting": "{where}：没有这个设置",
    # sizes (playground/limits.py; the sentence itself is a ZH_PATTERNS entry of i18n)
    "the transformer": "Transformer", "the CNN": "CNN", "the Q-network": "Q 网络", "the GAN": "GAN",
    "the VAE": "VAE", "compare mode (three nets)": "对比模式（三个网络）",
    "the rnn_tanh net": "tanh RNN", "the rnn_relu net": "ReLU RNN", "the rnn_sigmoid net": "sigmoid RNN",
    "the rnn_linear net": "线性 RNN", "the lstm net": "LSTM", "the gru net": "GRU",
    # engines (playground/engine.py and the domains)
    "device {device} was asked for, but torch sees no CUDA GPU": "要求使用设备 {device}，但 torch 找不到 CUDA GPU",
    "device 'mps' was asked for, but torch sees no Apple GPU": "要求使用设备 'mps'，但 torch 找不到 Apple GPU",
    # optimizer
    "Nesterov needs a momentum above 0 (with 0 it is plain SGD)": "Nesterov 需要大于 0 的动量（为 0 时就是普通 SGD）",
    "x min ({low}) must be less than x max ({high})": "x 最小值（{low}）必须小于 x 最大值（{high}）",
    "y min ({low}) must be less than y max ({high})": "y 最小值（{low}）必须小于 y 最大值（{high}）",
    "f(x, y) is not a number anywhere in the view; check the formula or move the view":
        "f(x, y) 在视图内处处都不是数；请检查公式或移动视图",
    "f is not defined at the start point ({x}, {y}); choose another start point": "f 在起点 ({x}, {y}) 处没有定义；请换一个起点",
    # network
    "pick at least one input feature before exporting": "导出前请至少选择一个输入特征",
    "pick at least one input feature (x1, x2, x1², ...)": "请至少选择一个输入特征（x1、x2、x1² ……）",
    "cannot read weights from {path}: {error}": "无法从 {path} 读取权重：{error}",
    "{name} holds weights of another network (its tensors {tensors}... differ from this one's)":
        "{name} 存的是另一个网络的权重（其张量 {tensors}…… 与本网络的不同）",
    "{name}: {key} has shape {shape}, this network needs {needed}": "{name}：{key} 的形状是 {shape}，本网络需要 {needed}",
    "no CSV file chosen: pick one with 'Load CSV…'": "没有选择 CSV 文件：请用“Load CSV…”选择一个",
    "{name} is not UTF-8 text (at byte {n})": "{name} 不是 UTF-8 文本（在第 {n} 字节处）",
    "{name} line {line}: expected 3 columns (x1, x2, label), found {n}": "{name} 第 {line} 行：应有 3 列（x1, x2, label），实际 {n} 列",
    "{name} line {line}, column {column}: not a number": "{name} 第 {line} 行第 {column} 列：不是数",
    "{name} line {line}: values must be finite numbers": "{name} 第 {line} 行：值必须是有限的数",
    "{name} line {line}, column {column}: a value beyond float32's range ({bound}); scale the data down":
        "{name} 第 {line} 行第 {column} 列：值超出 float32 的范围（{bound}）；请把数据缩小",
    "CSV file has more than {n} rows": "CSV 文件超过 {n} 行",
    "{name} has {n} data rows: at least 4 are needed": "{name} 只有 {n} 行数据：至少需要 4 行",
    "export failed: {error}": "导出失败：{error}",
    # attention
    "d_model {d_model} is not a multiple of heads {heads}: each head gets d_model / heads dimensions":
        "d_model {d_model} 不是头数 heads {heads} 的倍数：每个头分得 d_model / heads 维",
    "pe_dim {n} must be even: the encoding pairs sin and cos": "pe_dim {n} 必须是偶数：编码把 sin 和 cos 成对使用",
    "d_model must be even for a positional encoding (sin and cos pairs)": "使用位置编码时 d_model 必须是偶数（sin 与 cos 成对）",
    "valid_len {n} is more than the {keys} keys": "valid_len {n} 大于键的个数 {keys}",
    "f(x) = {text} is not a finite number at x = {x}: pick a function defined on [0, x_max] (e.g. sqrt and log need "
    "x >= 0, x > 0)":
        "f(x) = {text} 在 x = {x} 处不是有限的数：请选择在 [0, x_max] 上有定义的函数（例如 sqrt 需要 x >= 0，log 需要 x > 0）",
    # generative
    "the drawn target has no points yet: switch on 'draw target' and click on the plane":
        "手绘目标还没有点：请打开“绘制目标”并在平面上点击",
    # conv
    "the custom kernel is empty: type rows such as '1 0 -1; 2 0 -2; 1 0 -1'": "自定义卷积核是空的：请输入形如 '1 0 -1; 2 0 -2; 1 0 -1' 的行",
    "the custom kernel has {token} in row {row}: use numbers such as 2, -0.5 or 1/9":
        "自定义卷积核第 {row} 行有 {token}：请使用 2、-0.5 或 1/9 这样的数",
    "the custom kernel divides by zero in row {row} ({token})": "自定义卷积核第 {row} 行除以零（{token}）",
    "the custom kernel value {token} in row {row} is not a usable number": "自定义卷积核第 {row} 行的值 {token} 不是可用的数",
    "the custom kernel's rows have different lengths {widths}: every row needs as many numbers":
        "自定义卷积核各行长度不同 {widths}：每行需要同样多的数",
    "the custom kernel is {size}; at most {most}": "自定义卷积核为 {size}；最大 {most}",
    "output padding {op} must be smaller than the stride ({s}) or the dilation ({d}): it only picks among the output "
    "sizes that a stride-s convolution maps to the same input size":
        "输出填充 {op} 必须小于步幅（{s}）或膨胀率（{d}）：它只是在步幅为 s 的卷积映射到同一输入尺寸的几个输出尺寸中选一个",
    "the transposed output would be (n-1)s - 2p + d(k-1) + op + 1 = {size} cells: use less padding":
        "转置卷积的输出将是 (n-1)s - 2p + d(k-1) + op + 1 = {size} 格：请减少填充",
    "the dilated kernel spans d(k-1)+1 = {span} cells but the padded input has only n+2p = {n}: use a smaller kernel "
    "or dilation, or more padding":
        "膨胀后的卷积核跨越 d(k-1)+1 = {span} 格，但填充后的输入只有 n+2p = {n} 格：请用更小的卷积核或膨胀率，或增加填充",
    "the pooling window ({size}) is larger than the image ({image})": "池化窗口（{size}）比图像（{image}）还大",
    "the output would have {n} cells: the dilated kernel does not fit": "输出将有 {n} 格：膨胀后的卷积核放不下",
    # bandits
    "typed means: give {arms} means, one per arm (got {n})": "手动输入的均值：需要 {arms} 个均值，每臂一个（实际 {n} 个）",
    "Bernoulli means are probabilities: each must lie in [0, 1]": "伯努利均值是概率：每个都必须在 [0, 1] 内",
    "Thompson Beta-Bernoulli needs Bernoulli arms (use Thompson Gaussian for Gaussian arms)":
        "Thompson Beta-Bernoulli 需要伯努利臂（高斯臂请用高斯 Thompson）",
    "the horizon is reached: start a new game": "已到达总步数：请开始新的一局",
    "no arm {arm}: choose 1 to {arms}": "没有第 {arm} 个臂：请在 1 到 {arms} 之间选择",
    # mdp
    "gamma = 1 needs at least one terminal state, or the values are infinite": "gamma = 1 时至少需要一个终止状态，否则价值为无穷大",
    "each learner can run only once": "每个学习器只能运行一次",
    "layout rows must have 1 to {n} cells": "布局的每行必须有 1 到 {n} 格",
    "layout row {i} has {n} cells; row 0 has {cols}": "布局第 {i} 行有 {n} 格；第 0 行有 {cols} 格",
    "layout cell ({i}, {j}) is {ch}; use one of {chars}": "布局格 ({i}, {j}) 是 {ch}；请使用 {chars} 之一",
    "the layout has {n} start cells S; it needs one at most": "布局有 {n} 个起点格 S；最多只能有一个",
    "a cliff cell C sends the agent back to the start cell S: paint one": "悬崖格 C 会把智能体送回起点格 S：请画一个起点",
    "wind has {n} entries; it needs one per column ({cols}) or none": "风力有 {n} 项；需要每列一项（{cols}）或不填",
    "wind strengths are 0 to {n} cells": "风力为 0 到 {n} 格",
    "{what} cell ({r}, {c}) is outside the {rows} x {cols} grid": "{what}格 ({r}, {c}) 在 {rows} x {cols} 网格之外",
    "{what} cell ({r}, {c}) is a wall": "{what}格 ({r}, {c}) 是墙",
    "two teleports start from the same cell": "有两个传送从同一格出发",
    "gamma = 1 needs a goal G or a pit P to end episodes, or the values are infinite":
        "gamma = 1 时需要终点 G 或陷阱 P 来结束回合，否则价值为无穷大",
    "an MDP needs at least one state and one action": "MDP 至少需要一个状态和一个动作",
    "state names must be different from each other": "状态名称必须互不相同",
    "action names must be different from each other": "动作名称必须互不相同",
    "P has {n} matrices; it needs one per action ({actions})": "P 有 {n} 个矩阵；需要每个动作一个（{actions}）",
    "terminal has {n} flags; it needs {states} (one per state)": "terminal 有 {n} 个标记；需要 {states} 个（每个状态一个）",
    "{what}: row {row}, column {column} is {value}; it must be a number": "{what}：第 {row} 行第 {column} 列为 {value}；必须是数",
    "{what}: row {row}, column {column} is {value}; probabilities cannot be negative":
        "{what}：第 {row} 行第 {column} 列为 {value}；概率不能为负",
    "{what}: row {row} ({cols}) sums to {total}, not 1": "{what}：第 {row} 行（{cols}）之和为 {total}，不是 1",
    "{problem} (and {n} more)": "{problem}（另有 {n} 处）",
    "policy iteration: {error}": "策略迭代：{error}",
    "cannot load {env}: {error}": "无法载入 {env}：{error}",
    "teleport source": "传送起点", "teleport destination": "传送终点", "reward": "奖励",
}
