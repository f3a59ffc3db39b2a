"""Check a data file against its JSON Schema and explain each problem in Chinese."""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from .source import Document, FieldPath

# Beside the sub-packages, not in data/: every data file's first line points here (see README).
SCHEMA_DIR = Path(__file__).parents[1] / "schema"
SCHEMA_FILES = {"notice.yml": "notice.schema.json", "findings.yml": "findings.schema.json"}

_TYPE_NAMES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "array": "列表（每项一行，以“- ”开头）",
    "object": "一组字段（每行“字段名: 值”）",
    "null": "空值",
}


@cache
def load_schema(file_name: str) -> dict[str, Any]:
    """The JSON Schema for a data file name such as ``notice.yml``."""
    return json.loads((SCHEMA_DIR / SCHEMA_FILES[file_name]).read_text(encoding="utf-8"))


def _integer(checker: Any, instance: Any) -> bool:
    # JSON Schema counts 1.0 as an integer; a data file that says 1.0 means a decimal number.
    return isinstance(instance, int) and not isinstance(instance, bool)


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
    # ``$`` in Python also matches before a final line break ("a@b.cn\n"); the schemas mean the end.
    if validator.is_type(instance, "string") and not re.search(re.sub(r"\$$", r"\\Z", pattern), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    validators={"pattern": _pattern},
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _integer),
)


def check_against_schema(document: Document, file_name: str) -> None:
    """Append a Chinese error to ``document`` for every schema violation."""
    schema = load_schema(file_name)
    validator = _Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(document.data), key=lambda e: [str(p) for p in e.absolute_path])
    # A date such as 2017-3-5 breaks both its pattern and its format; the pattern's message says more.
    patterned = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
    errors = [e for e in errors if not (e.validator == "format" and tuple(e.absolute_path) in patterned)]
    errors = [detail for error in errors for detail in _branch_errors(error)]
    for error in errors:
        path: FieldPath = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            for key in _unknown_keys(error):
                document.error((*path, key), _unknown_key_message(schema, path, key, error.schema))
            continue
        if error.validator == "required" and isinstance(error.instance, dict):
            missing = _quoted_name(error.message)
            title = field_title(schema, (*path, missing))
            why = error.schema.get("x-why")
            document.error(path, why or f"缺少必填字段 {missing}{_paren(title)}")
            continue
        document.error(path, _value_message(schema, path, error, document.written.get(path)))


def _branch_errors(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """For a list item that may be text or a group of fields, what is wrong inside the group."""
    if error.validator == "anyOf" and isinstance(error.instance, dict) and "x-either" not in error.schema:
        inside = [e for e in error.context if e.validator != "type" and not e.validator.startswith("$")]
        if inside:
            return inside
    return [error]


def field_title(schema: dict[str, Any], path: FieldPath) -> str:
    """The Chinese title of the field at ``path``, looked up in the schema."""
    node = schema
    for part in path:
        node = _resolve(schema, node)
        if isinstance(node, dict) and "anyOf" in node and not isinstance(part, int):
            # A value that may be a number or a group of fields: the group names the fields.
            groups = [_resolve(schema, branch) for branch in node["anyOf"]]
            node = next((group for group in groups if "properties" in group), node)
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part) or node.get("additionalProperties") or {}
            if not isinstance(node, dict):
                return ""
    return node.get("title", "") if isinstance(node, dict) else ""


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while isinstance(node, dict) and "$ref" in node and "properties" not in node:
        target = node["$ref"].removeprefix("#/$defs/")
        node = schema["$defs"][target]
    return node


def _paren(title: str) -> str:
    return f"（{title}）" if title else ""


def _quoted_name(message: str) -> str:
    return message.split("'")[1] if "'" in message else message


def _unknown_keys(error: jsonschema.ValidationError) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    return [key for key in error.instance if key not in allowed]


def _unknown_key_message(schema: dict[str, Any], path: FieldPath, key: str, node: dict[str, Any]) -> str:
    allowed = list(node.get("properties", {}))
    guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.5)
    hint = f"是不是想写 {guess[0]}{_paren(field_title(schema, (*path, guess[0])))}？" if guess else ""
    return f"未知字段 {key}；{hint}这里可以写的字段：{'、'.join(allowed)}"


def _value_message(
    schema: dict[str, Any], path: FieldPath, error: jsonschema.ValidationError, written: str | None = None
) -> str:
    value = error.instance
    shown = _show(written if written else value)
    expected = error.schema.get("x-expected")
    kind = error.validator
    if kind == "type":
        wanted = error.validator_value
        wanted = wanted if isinstance(wanted, list) else [wanted]
        names = [_TYPE_NAMES.get(t, t) for t in wanted]
        hint = _full_width_hint(value) if "integer" in wanted or "number" in wanted else ""
        if wanted == ["string"] and written and re.search(error.schema.get("pattern", ""), written):
            hint = f'；若要写的就是这些字，请用引号括起来，如 "{written}"'
        described = _describe(value)
        if value is None:
            # ``key:`` with nothing after it, or a file that holds only ``~`` or ``---``.
            described = "空值（冒号后面什么也没写）" if path and not written else "空值"
        return f"应为{expected or '或'.join(names)}，实际写的是{described}{shown}{hint}"
    if kind == "enum":
        options = "、".join(str(option) for option in error.validator_value)
        guess = difflib.get_close_matches(str(value), [str(o) for o in error.validator_value], n=1, cutoff=0.3)
        hint = f"是不是想写“{guess[0]}”？" if guess else ""
        return f"{shown}不是可选的值；{hint}应为以下之一：{options}"
    if kind == "format" and error.validator_value == "date":
        return f"{shown}不是存在的日期；应为真实的日期，写成 年-月-日，如 2017-03-27"
    if kind in ("minLength", "minItems") or (kind == "pattern" and error.validator_value == "\\S"):
        return "不能为空；请填写内容"
    if kind == "maxLength":
        return f"文字太长（{len(value)} 字）；最多 {error.validator_value} 字"
    if kind in ("minimum", "maximum"):
        return f"{shown}超出范围；应在 {_bounds(error.schema)} 之间"
    if kind == "anyOf" and error.schema.get("x-either"):
        return str(error.schema["x-either"])  # which of several fields is missing, in words
    if expected:
        hint = _full_width_hint(value)
        return f"{shown}格式不对；应为{expected}{hint}"
    if kind == "anyOf" and error.schema.get("x-expected"):
        return f"应为{error.schema['x-expected']}"
    title = field_title(schema, path)
    return f"{shown}不符合要求{_paren(title)}：{error.message}"


def _bounds(node: dict[str, Any]) -> str:
    return f"{node.get('minimum', '')} 到 {node.get('maximum', '')}"


def _describe(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "一组字段"
    return "文字"


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        return ""
    text = str(value).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"


def _full_width_hint(value: Any) -> str:
    if isinstance(value, str) and value != unicodedata.normalize("NFKC", value):
        return f"（含有全角字符，请改成半角：{unicodedata.normalize('NFKC', value)}）"
    return ""
