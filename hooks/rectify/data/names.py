"""A field named as the office sees it: 问题3“公务用车管理不规范”的整改进展第2项, not
``categories[1].findings[3].progress[2]`` (messages keep that path in brackets for whoever edits YAML).

Built from the data: a problem by its number across the notice and its short name, or its problem
text, in full; a category as 分类（二） and its title; a part of the text as 正文第二部分; other
fields by their Chinese titles in the JSON Schema.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from .chinese import chinese_number

FieldPath = tuple[str | int, ...]

# Fields with a name of their own, shorter than "落款的成文日期".
_OWN_NAMES: dict[FieldPath, str] = {
    ("signature",): "落款",
    ("signature", "date"): "落款日期",
    ("signature", "signer"): "落款单位",
    ("contact",): "通报的联系方式",
    ("figures",): "通报写明的数字",
}
# Groups whose fields are named alone: 进驻日期, 索引号 (no "巡视（巡察）情况的").
_PLAIN_GROUPS = ("inspection", "publication", "signature")
# How the items of a list are counted: 整改措施第2条, 导语第1段, 小问题（1）; others 第N项.
_ITEM_UNITS = {"measures": "第{}条", "paragraphs": "第{}段", "intro": "第{}段", "subproblems": "（{}）"}


def field_name(file_name: str, data: Any, path: FieldPath) -> str:
    """The Chinese name of the field at ``path`` of ``file_name`` (notice.yml or findings.yml);
    ``data`` is the file's data when it has been read (else the name says less)."""
    if not path or (isinstance(path[0], str) and not _title(file_name, path[:1])):
        return ""  # a key the file cannot have: its path names it
    name, done = _head(data, path)
    for index in range(done, len(path)):
        part = path[index]
        if isinstance(part, int):
            key = path[index - 1] if index else ""
            name += _ITEM_UNITS.get(str(key), "第{}项").format(part + 1)
            continue
        if path[: index + 1] in _OWN_NAMES:
            name = _OWN_NAMES[path[: index + 1]]
            continue
        if path[:1] == ("inspection",) and path[index:] == ("team",):
            kind = _at(data, ("inspection", "kind"))
            name = f"{kind}组" if kind in ("巡视", "巡察") else "巡视（巡察）组"
            continue
        title = _title(file_name, path[: index + 1]) or f"字段 {part}"  # a key the schema does not know
        if index == 1 and path[0] in _PLAIN_GROUPS:
            name = title
            continue
        noun = _noun(path, index)
        if noun and title.startswith(noun):
            title = title.removeprefix(noun) or "文字"
        joint = "中的" if path[:1] == ("contact",) else "的"
        name += f"{joint}{title}" if name else title
    return name.replace("段落第", "第")  # 第（一）小节的第3段, not 的段落第3段


def _head(data: Any, path: FieldPath) -> tuple[str, int]:
    """The name of the category, problem or part of the text ``path`` is in, and how many parts it names."""
    if path[0] == "categories" and len(path) > 1 and isinstance(path[1], int):
        category = path[1]
        if len(path) > 3 and path[2] == "findings" and isinstance(path[3], int):
            number = _finding_number(data, category, path[3])
            quoted = _quoted(_at(data, path[:4]), "short", "problem")
            if number is None:
                return f"分类（{chinese_number(category + 1)}）的第{path[3] + 1}个问题{quoted}", 4
            return f"问题{number}{quoted}", 4
        return f"分类（{chinese_number(category + 1)}）{_quoted(_at(data, path[:2]), 'short', 'title')}", 2
    if path[0] == "sections" and len(path) > 1 and isinstance(path[1], int):
        name = f"正文第{chinese_number(path[1] + 1)}部分{_quoted(_at(data, path[:2]), 'heading')}"
        if len(path) > 3 and path[2] == "parts" and isinstance(path[3], int):
            return f"{name}的第（{chinese_number(path[3] + 1)}）小节{_quoted(_at(data, path[:4]), 'heading')}", 4
        return name, 2
    if path[0] == "figures" and len(path) > 1:
        return f"通报写明的数字“{path[1]}”", 2
    return "", 0


def _noun(path: FieldPath, index: int) -> str:
    """What the item holding ``path[index]`` is called (its fields' titles need not repeat it)."""
    if index == 2 and path[0] == "categories":
        return "分类"
    if index == 4 and path[2] == "findings":
        return "问题"
    if index == 6 and path[4] == "subproblems":
        return "小问题"
    return ""


def _finding_number(data: Any, category: int, index: int) -> int | None:
    """The problem's number across the notice (问题1, 问题2… over every category), if the data says."""
    categories = data.get("categories") if isinstance(data, dict) else None
    if not isinstance(categories, list):
        return None
    before = 0
    for item in categories[:category]:
        findings = item.get("findings") if isinstance(item, dict) else None
        before += len(findings) if isinstance(findings, list) else 0
    return before + index + 1


def _at(data: Any, path: FieldPath) -> Any:
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _quoted(item: Any, *keys: str) -> str:
    """“…” around the first of ``keys`` the item writes as text, in full (never cut)."""
    for key in keys:
        value = item.get(key) if isinstance(item, dict) else None
        if isinstance(value, str) and value.strip():
            # Control and direction characters (an error of their own) would garble the message.
            shown = "".join(ch for ch in value if not unicodedata.category(ch).startswith("C"))
            return f"“{' '.join(shown.split())}”"
    return ""


def _title(file_name: str, path: FieldPath) -> str:
    from .schema import SCHEMA_FILES, field_title, load_schema  # schema imports source, which imports us

    return field_title(load_schema(file_name), path) if file_name in SCHEMA_FILES else ""
