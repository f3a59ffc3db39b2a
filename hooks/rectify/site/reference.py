"""The data format reference, rendered from the JSON Schemas so it cannot drift."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rectify.data.deadlines import rule_rows
from rectify.data.model import STATUS_WORDINGS
from rectify.data.schema import SCHEMA_FILES, load_schema

from .markup import md

SCHEMA_MARKER = "<!-- rectify:schema-reference -->"
WORDINGS_MARKER = "<!-- rectify:status-wordings -->"
DEADLINES_MARKER = "<!-- rectify:deadline-rules -->"

_TYPES = {"string": "文字", "integer": "整数", "boolean": "true/false", "array": "列表", "object": "字段组"}


def fill_markers(markdown: str) -> str:
    """A hand-written page with the generated tables put in at their markers."""
    for marker, table in (
        (SCHEMA_MARKER, schema_reference),
        (WORDINGS_MARKER, status_wordings_table),
        (DEADLINES_MARKER, deadline_rules_table),
    ):
        if marker in markdown:
            markdown = markdown.replace(marker, table())
    return markdown


def schema_reference() -> str:
    """A Markdown table of every field of every data file."""
    out = []
    for file_name in SCHEMA_FILES:
        schema = load_schema(file_name)
        out.append(f"### {file_name}\n\n{md(schema['description'])}\n")
        out.append("| 字段 | 名称 | 类型 | 必填 | 说明 |\n|---|---|---|---|---|")
        for path, node, required in _fields(schema, schema, ""):
            out.append(
                f"| `{path}` | {md(node.get('title', ''))} | {_type(schema, node)} | {'是' if required else ''} "
                f"| {md(node.get('description', ''))}{_choices(node)} |"
            )
        out.append("")
    return "\n".join(out)


def status_wordings_table() -> str:
    """The table of status wordings (``STATUS_WORDINGS``): what a notice writes → the status shown."""
    out = ['<div class="status-wordings" markdown>\n', "| 通报原文的写法 | 换算成的整改状态 |\n|---|---|"]
    out += [f"| {md(wording)} | {md(status)} |" for wording, status in STATUS_WORDINGS.items()]
    out.append("\n</div>")
    return "\n".join(out)


def deadline_rules_table() -> str:
    """The rules that date a deadline's words (``data.deadlines.RULES``), each with its example dated by the code."""
    out = ["| 完成时限的写法 | 例 | 应完成日期 | 规则 |\n|---|---|---|---|"]
    out += [f"| {md(words)} | {md(example)} | {day} | {md(meaning)} |" for words, example, day, meaning in rule_rows()]
    return "\n".join(out) + "\n"


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        target = schema["$defs"][node["$ref"].removeprefix("#/$defs/")]
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _fields(schema: dict[str, Any], node: dict[str, Any], prefix: str) -> Iterator[tuple[str, dict[str, Any], bool]]:
    node = _resolve(schema, node)
    required = set(node.get("required", []))
    for name, child in node.get("properties", {}).items():
        child = _resolve(schema, child)
        path = f"{prefix}{name}"
        yield path, child, name in required
        if child.get("type") == "object":
            yield from _fields(schema, child, f"{path}.")
        items = child.get("items")
        if child.get("type") == "array" and items and "properties" in _resolve(schema, items):
            yield from _fields(schema, items, f"{path}[].")


def _type(schema: dict[str, Any], node: dict[str, Any]) -> str:
    if node.get("format") == "date":
        return "日期"
    if "enum" in node:
        return "可选值"
    kind = node.get("type")
    if kind == "array":
        items = _resolve(schema, node.get("items", {}))
        return "文字列表" if items.get("type") == "string" else "列表"
    return _TYPES.get(kind, "数字或百分数") if isinstance(kind, str) else "数字或百分数"


def _choices(node: dict[str, Any]) -> str:
    if "enum" in node:
        return "可选：" + "、".join(md(str(v)) for v in node["enum"])
    if "x-expected" in node:
        return f"格式：{md(node['x-expected'])}"
    return ""
