"""YAML syntax errors in Chinese: each kind of mistake PyYAML's (and ruamel.yaml's) parser reports.

The parsers word their errors in English (“while parsing a block mapping … expected <block end>,
but found '<scalar>'”); a clerk reads only the Chinese said here, beside the file, line and column
the caller gives. A kind this table does not know still gets a Chinese message, never the English.
"""

from __future__ import annotations

import re

_QUOTE = "若文字本身以这个符号开头，请把整段文字用引号括起来"
# What the parser found: the first quoted thing after "found" or "got" ('@', '!tab!', '<scalar>').
_FOUND = re.compile(r"(?:found|got)\D*?'(?P<found>[^']*)'")

# (words in the parser's problem or context, what to say); the first that matches is said.
_KINDS: tuple[tuple[str, str], ...] = (
    ("'\\t'", "含有制表符（Tab）；YAML 的缩进和冒号后的空白只能用空格，请把 Tab 换成空格"),
    ("could not find expected ':'", "这一行缺少“字段名: 值”中的冒号，或缩进不对"),
    ("mapping values are not allowed", "冒号位置不对；若文字里有“: ”，请把整段文字用引号括起来"),
    ("sequence entries are not allowed", "列表项“- ”的位置不对：它应另起一行，并与同一列表的其他项对齐"),
    ("mapping keys are not allowed", f"“? ”不能写在这里；{_QUOTE}"),
    ("unclosed '[' or '{'", "缩进不对，或从上面开始的方括号、花括号没有闭合；请检查括号是否配对"),
    (
        "parsing a flow",
        "从这一行开始的方括号或花括号没有正确闭合；请检查括号是否配对，括号里的文字含有“: ”或“, ”时请加引号",
    ),
    ("unknown escape character", "双引号里的反斜杠“\\”后面不是有效的转义；要写反斜杠本身，请写成“\\\\”，或改用单引号"),
    # PyYAML writes "hexadecimal", ruamel.yaml "hexdecimal".
    ("decimal numbers", "双引号里 \\x、\\u 或 \\U 后面应为十六进制数字；要写反斜杠本身，请写成“\\\\”，或改用单引号"),
    ("end of stream", "从这一行开始的引号没有闭合，一直到文件末尾；请检查引号是否配对"),
    ("unexpected document separator", "从这一行开始的引号没有闭合，一直到“---”；请检查引号是否配对"),
    ("a single document", "文件里有多个 YAML 文档（出现了 ---）；一个文件只能有一个文档"),
    ("<document start>", "前面的数据已经结束（出现了“...”或只有一个值），这里不能再写；请检查缩进和文档分隔线"),
    ("<block end>", "这一行的缩进不对，没有和上面同一层的字段或列表项对齐"),
    ("block scalar", "“|”或“>”后面的写法不对：它后面应直接换行，文字从下一行开始，比字段名多缩进"),
    ("YAML document", f"以“%”开头的行是 YAML 指令，数据文件不用；{_QUOTE}"),
    ("directive", f"以“%”开头的行是 YAML 指令，数据文件不用；{_QUOTE}"),
    ("tag handle", f"{{found}}是 YAML 标签的写法（以“!”开头），数据文件不用；{_QUOTE}"),
    ("tag", f"以“!”开头的写法是 YAML 标签，数据文件不用；{_QUOTE}"),
    ("an anchor", f"“&”开头的写法是 YAML 锚点，数据文件不支持；{_QUOTE}"),
    ("an alias", f"“*”开头的写法是 YAML 别名，数据文件不支持；{_QUOTE}"),
    ("anchor", "使用了 YAML 锚点（&名称）；数据文件不支持锚点和别名，请直接写出内容"),
    ("alias", "使用了 YAML 别名（*名称）；数据文件不支持锚点和别名，请直接写出内容"),
    ("duplicate key", "字段重复；每个字段只能写一次"),
    ("the node content", "这里应写一个值，却遇到了{found}；请检查这一行的冒号、逗号和括号"),
    ("cannot start any token", f"值不能以{{found}}开头（这个符号在 YAML 中另有用途）；{_QUOTE}"),
)
_FALLBACK = "这一行的写法不对；请检查缩进（只用半角空格）、冒号（半角冒号加空格）、引号和括号是否配对"


def syntax_message(problem: str | None, context: str | None, column: int | None = None) -> str:
    """What a parser's ``problem`` (in ``context``) means, in Chinese, starting “YAML 语法错误：”;
    ``column`` (from 1) is where on the line the parser stopped."""
    problem, context = problem or "", context or ""
    head = f"YAML 语法错误（这一行第 {column} 个字符处）：" if column else "YAML 语法错误："
    for words, message in _KINDS:
        if words in problem or words in context:
            found = _FOUND.search(problem)
            shown = found.group("found") if found else ""
            # The parser's own names of what it found (<scalar>, <block mapping start>) mean nothing to a clerk.
            named = f"“{shown}”" if shown.strip() and not shown.startswith("<") else "这个写法"
            return head + message.replace("{found}", named)
    return head + _FALLBACK
