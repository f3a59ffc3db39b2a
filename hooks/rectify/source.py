"""Read a YAML file into plain data, remembering the line of every field.

PyYAML's composer gives a node tree with positions; we build Python values from
it ourselves so that we can refuse what a data file must never contain
(duplicate keys, object-constructing tags, anchors and aliases) and report
each problem with its line instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

FieldPath = tuple[str | int, ...]

# Tags a plain data file may use; everything else (``!!python/object``…) is refused.
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
MAX_BYTES = 2_000_000


@dataclass
class Document:
    """A YAML file read into plain data, with the line of each field."""

    path: Path
    data: Any = None
    lines: dict[FieldPath, int] = field(default_factory=dict)
    errors: list[DataError] = field(default_factory=list)

    def line_of(self, path: FieldPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def error(self, path: FieldPath, message: str) -> None:
        self.errors.append(DataError(self.path, self.line_of(path), format_path(path), message))


def format_path(path: FieldPath) -> str:
    """``('categories', 0, 'title')`` → ``categories[1].title`` (counting from 1)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def read_text(path: Path) -> tuple[str | None, str | None]:
    """The file's text, or a Chinese reason why it cannot be read as UTF-8 text."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, f"无法读取文件：{exc.strerror}"
    if len(raw) > MAX_BYTES:
        return None, f"文件过大（{len(raw)} 字节）；一份数据文件应小于 {MAX_BYTES} 字节"
    if not raw.strip():
        return None, "文件是空的；应为 YAML 格式的数据"
    if b"\x00" in raw:
        return None, "文件含有空字节，不是文本文件；应为 UTF-8 编码的 YAML 文本"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = "（看起来是 GB18030/GBK 编码）" if _looks_like_gb18030(raw) else ""
        return None, (f"文件不是 UTF-8 编码{hint}，第 {exc.start + 1} 个字节无法解码；请在编辑器中“另存为 UTF-8”后再试")
    return text, None


def _looks_like_gb18030(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def load_document(path: Path) -> Document:
    """Load one YAML file; problems are collected in ``Document.errors``."""
    document = Document(path)
    text, problem = read_text(path)
    if problem:
        document.errors.append(DataError(path, None, "", problem))
        return document
    assert text is not None
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # the reader checks every character up front
        document.errors.append(DataError(path, _reader_line(text, exc), "", _syntax_message(exc)))
        return document
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in str(exc.problem):
            mark = exc.context_mark  # e.g. an unclosed quote: point at where it opens
        line = mark.line + 1 if mark else None
        document.errors.append(DataError(path, line, "", _syntax_message(exc)))
        return document
    except yaml.YAMLError as exc:
        document.errors.append(DataError(path, _reader_line(text, exc), "", _syntax_message(exc)))
        return document
    finally:
        loader.dispose()
    if node is None:
        document.errors.append(DataError(path, None, "", "文件里没有数据；应为 YAML 格式的数据"))
        return document
    document.data = _Builder(document, loader).build(node, ())
    return document


def _reader_line(text: str, exc: yaml.YAMLError) -> int | None:
    position = getattr(exc, "position", None)
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else None


def _syntax_message(exc: yaml.YAMLError) -> str:
    problem = str(getattr(exc, "problem", "") or exc)
    if "'\\t'" in problem or "tab character" in problem:
        return "含有制表符（Tab）；YAML 的缩进只能用空格，请把 Tab 换成空格"
    if isinstance(exc, yaml.reader.ReaderError):
        return f"含有不可打印的控制字符（{exc.character!r}）；请删除该字符"
    if "expected a single document" in str(exc):
        return "文件里有多个 YAML 文档（出现了 ---）；一个文件只能有一个文档"
    if "mapping values are not allowed" in problem:
        return "YAML 语法错误：冒号位置不对；若文字里有“: ”，请把整段文字用引号括起来"
    if "could not find expected ':'" in problem:
        return "YAML 语法错误：这一行缺少“字段名: 值”中的冒号，或缩进不对"
    return f"YAML 语法错误：{problem}；请检查这一行的缩进、冒号和引号"


class _Alias(yaml.ScalarNode):
    """Stands for ``*name`` where it is written (PyYAML would return the anchored node itself)."""


class _Loader(yaml.SafeLoader):
    """A safe loader whose nodes remember their anchor and whose aliases stay visible."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.get_event()
            return _Alias("alias", event.anchor, event.start_mark, event.end_mark)
        node = super().compose_node(parent, index)
        node.anchor = event.anchor  # type: ignore[attr-defined]
        return node


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, recording lines."""

    def __init__(self, document: Document, loader: _Loader) -> None:
        self.document = document
        self.loader = loader
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.document.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, _Alias) or id(node) in self.seen:
            self.document.error(path, "使用了 YAML 别名（*名称）；数据文件不支持锚点和别名，请直接写出内容")
            return None
        self.seen.add(id(node))
        if getattr(node, "anchor", None):
            self.document.error(path, "使用了 YAML 锚点（&名称）；数据文件不支持锚点和别名，请直接写出内容")
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag in _SCALAR_TAGS:
            return self._scalar(node, path)
        self.document.error(path, f"使用了不允许的 YAML 标签 {node.tag}；数据文件只能写文字、数字、列表和字段")
        return None

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.document.error(path, "使用了 YAML 合并键（<<）；请直接写出各个字段")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.document.error(path, "字段名必须是文字")
                continue
            key = key_node.value
            child = (*path, key)
            if key in result:
                first = self.document.lines.get(child)
                self.document.errors.append(
                    DataError(
                        self.document.path,
                        key_node.start_mark.line + 1,
                        format_path(child),
                        f"字段重复（第 {first} 行已经写过 {key}）；每个字段只能写一次",
                    )
                )
                continue
            self.document.lines[child] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath) -> Any:
        # Dates stay text: the schema checks their form and that the day exists.
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            return node.value
