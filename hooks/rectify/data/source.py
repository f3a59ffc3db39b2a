"""Read a YAML file into plain data, remembering the line of every field.

PyYAML's composer gives a node tree with positions (fed by libyaml's parser when
the file parses, by PyYAML's own when it does not, whose messages we translate);
we build Python values from it ourselves so that we can refuse what a data file
must never contain (duplicate keys, object-constructing tags, anchors and aliases, control and
invisible characters, nesting deep enough to exhaust the parser's recursion)
and report each problem with its line instead of a traceback. Files are read
only if they are regular files, with limits on their size and number of items
that keep a check within about a second.
"""

from __future__ import annotations

import codecs
import math
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Remark
from .names import FieldPath, field_name
from .syntax import syntax_message

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
# A notice needs about six levels; deeper nesting is a mistake (or an attack on the parser's recursion).
MAX_DEPTH = 32
_TOO_DEEP = f"数据嵌套的层次太多（超过 {MAX_DEPTH} 层）；请检查括号和缩进，数据文件只有几层缩进"
# The shipped notice has about 450 fields and list items; parsing and checking cost time per
# item, so a file may hold at most this many (about a second of work on a slow machine).
MAX_NODES = 10_000
_TOO_MANY = f"数据项太多（超过 {MAX_NODES} 个字段和列表项）；一份通报用不了这么多，请检查是否粘贴了多余的内容"
# Characters a data file must not contain, written raw or as escapes in quotes ("\a", "\u202e"):
# control characters other than tab and line breaks, the line separators YAML reads as line
# breaks but editors do not show, bidirectional controls that reorder what a reader sees,
# a byte-order mark inside the text, non-characters and lone surrogates; and characters that show
# as nothing (zero-width space and joiners, soft hyphen, Hangul and Mongolian fillers): 中\u200b共
# looks like 中共 but no search for 中共 finds it.
_INVISIBLE = "\u00ad\u115f\u1160\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\u3164\uffa0"
BAD_CHARACTER = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff"
    + _INVISIBLE
    + "]"
)
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# A number is read as written only in plain decimal (0, 19, -3, 84.2, 7.10). YAML reads other plain
# forms as a different number (010 → 8, 1:04 → 64, 1_000, 0x10, +5), or as text that editors and
# YAML 1.2 tools read as a number (09, 1e3, 0o10): a signed figure must never change on its way.
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_CANONICAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?\Z")
_YAML12_NUMBER = re.compile(
    r"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))\Z"
)
_DECIMAL = re.compile(r"-?[0-9]*(\.[0-9]*)?([eE][-+]?[0-9]+)?\Z")


def number_problem(text: str, value: int | float | None) -> str:
    """Why the plain scalar ``text`` is not read as written (``value``: what this loader makes of it;
    ``None`` when it keeps the text but YAML 1.2 tools read a number)."""
    number = _intended(text)
    if value is not None:
        read = f"会被读成数字 {_plain_number(value)}"
    else:
        read = f"在编辑器和按 YAML 1.2 读数据的软件中会被读成数字{f' {number}' if number else ''}"
    instead = f"；若是数字，写成 {number}" if number is not None else ""
    return f'“{text}”{read}（{_yaml_rule(text, value)}），不是照原样的“{text}”；若要照原样写，请加引号写成 "{text}"{instead}'


def _yaml_rule(text: str, value: int | float | None) -> str:
    body = text.lstrip("+-").lower()
    if ":" in text:
        return "带冒号的数按六十进制读，如 1:04 读成 64"
    if body[:2] in ("0x", "0o", "0b"):
        return {"0x": "0x 开头按十六进制读", "0o": "0o 开头按八进制读", "0b": "0b 开头按二进制读"}[body[:2]]
    if "_" in text:
        return "数字中的下划线会被去掉"
    if "e" in body and body not in (".inf", ".nan"):
        return "按科学记数法读"
    if len(body) > 1 and body[0] == "0" and body[1].isdigit():
        return "以 0 开头的整数按八进制读" if isinstance(value, int) else "开头的 0 会被去掉"
    if text.startswith("+"):
        return "正号会被去掉"
    return "不是通常的写法"


def _intended(text: str) -> str | None:
    """The plain decimal ``text`` most likely means (010 → 10, 1_000 → 1000, 0x10 → 16), if any."""
    body = text.lstrip("+").replace("_", "")
    for prefix, base in (("0x", 16), ("0o", 8), ("0b", 2)):
        if body.startswith(prefix):
            try:
                return str(int(body[2:], base))
            except ValueError:
                return None
    if not _DECIMAL.match(body) or not any(ch.isdigit() for ch in body):
        return None  # 1:04 (a time? a ratio?), .inf: only the writer knows
    if "e" in body.lower():
        return format(Decimal(body), "f")
    sign, digits = ("-", body[1:]) if body.startswith("-") else ("", body)
    whole, _, fraction = digits.partition(".")
    return sign + (whole.lstrip("0") or "0") + (f".{fraction}" if fraction else "")  # 7.10 keeps its 0


def _plain_number(value: int | float) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return "无穷大" if math.isinf(value) else "NaN（非数）"
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


@dataclass
class Document:
    """A YAML file read into plain data, with the line of each field."""

    path: Path
    data: Any = None
    lines: dict[FieldPath, int] = field(default_factory=dict)
    errors: list[DataError] = field(default_factory=list)
    written: dict[FieldPath, str] = field(default_factory=dict)
    """How a number, true/false or null was written (``045``, ``yes``), for messages."""
    remarks: list[Remark] = field(default_factory=list)
    """What the office should check; unlike ``errors``, never stops a build."""

    def line_of(self, path: FieldPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def error(self, path: FieldPath, message: str) -> None:
        self.errors.append(DataError(self.path, self.line_of(path), format_path(path), message, self.name(path)))

    def remark(self, path: FieldPath, message: str) -> None:
        self.remarks.append(Remark(self.path, self.line_of(path), format_path(path), message, self.name(path)))

    def name(self, path: FieldPath) -> str:
        """The field at ``path`` as the office sees it (问题3“…”的整改进展第2项)."""
        return field_name(self.path.name, self.data, path)


def format_path(path: FieldPath) -> str:
    """``('categories', 0, 'title')`` → ``categories[1].title`` (counting from 1)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def read_text(path: Path) -> tuple[str | None, str | None, int | None]:
    """The file's text, or a Chinese reason why it cannot be read as UTF-8 text and the line it is on.

    Reads at most ``MAX_BYTES`` + 1 bytes, and only from a regular file: a link
    to ``/dev/zero`` or a named pipe must not exhaust memory or block.
    """
    if path.is_dir():
        return None, "这是一个文件夹，不是数据文件；应为 UTF-8 编码的 YAML 文本文件", None
    if not path.exists():
        return None, "找不到这个文件" if not path.is_symlink() else "这是一个失效的链接，指向的文件不存在", None
    if not path.is_file():
        return None, "不是普通文件（可能是设备、管道或指向它们的链接）；应为 UTF-8 编码的 YAML 文本文件", None
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
            size = max(len(raw), _size(file))
    except PermissionError:
        return None, "没有读取这个文件的权限；请检查文件的权限设置", None
    except OSError as exc:
        return None, f"无法读取文件（{exc.strerror or exc}）", None
    if len(raw) > MAX_BYTES:
        # The line where the limit is passed: where the pasted text to remove most likely is.
        line = raw.count(b"\n", 0, MAX_BYTES) + 1
        return (
            None,
            (
                f"文件过大（{size} 字节），到这一行已超过 {MAX_BYTES} 字节的上限；"
                f"一份数据文件应小于 {MAX_BYTES} 字节，请检查是否粘贴了多余的内容"
            ),
            line,
        )
    if not raw.strip():
        return None, "文件是空的；应为 YAML 格式的数据", None
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom):
            return None, f"文件是 {name} 编码；请在编辑器中“另存为 UTF-8”后再试", None
    if (nul := raw.find(b"\x00")) >= 0:
        return (
            None,
            (f"文件含有空字节（文件的第 {nul + 1} 个字节，在这一行），不是文本文件；应为 UTF-8 编码的 YAML 文本"),
            raw.count(b"\n", 0, nul) + 1,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = "（看起来是 GB18030/GBK 编码）" if _looks_like_gb18030(raw) else ""
        return (
            None,
            (
                f"文件不是 UTF-8 编码{hint}：这一行有无法解码的字节（文件的第 {exc.start + 1} 个字节）；"
                "请在编辑器中“另存为 UTF-8”后再试"
            ),
            raw.count(b"\n", 0, exc.start) + 1,
        )
    return text, None, None


def _size(file: Any) -> int:
    try:
        return os.fstat(file.fileno()).st_size
    except OSError:
        return 0


def _looks_like_gb18030(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def load_document(path: Path) -> Document:
    """Load one YAML file; problems are collected in ``Document.errors``."""
    document = Document(path)
    text, problem, line = read_text(path)
    if problem:
        document.errors.append(DataError(path, line, "", problem))
        return document
    assert text is not None
    if BAD_CHARACTER.search(text):
        document.errors += _bad_characters(path, text)
        return document
    composed = _compose_fast(text) or _compose(document, text)
    if composed is None:
        return document
    node, loader = composed
    if node is None:
        document.errors.append(DataError(path, None, "", "文件里没有数据；应为 YAML 格式的数据"))
        return document
    try:
        document.data = _Builder(document, loader).build(node, ())
    except RecursionError:
        document.errors.append(DataError(path, None, "", _TOO_DEEP))
    return document


def _compose_fast(text: str) -> tuple[yaml.Node | None, Any] | None:
    """The node tree by libyaml's parser (about five times faster), or None if the file has a mistake.

    A file with a mistake is read again by the pure-Python ``_Loader``: the error
    reports are written for its messages and marks; libyaml words its errors differently.
    """
    # libyaml accepts tabs where PyYAML, and so our messages, refuse them.
    if not yaml.__with_libyaml__ or "\t" in text:
        return None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node(), loader
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()


def _compose(document: Document, text: str) -> tuple[yaml.Node | None, Any] | None:
    """The node tree by the pure-Python loader; None, with the mistake recorded, if it fails."""
    path = document.path
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # the reader checks every character up front
        document.errors.append(DataError(path, _reader_line(text, exc), "", _syntax_message(exc)))
        return None
    try:
        return loader.get_single_node(), loader
    except yaml.MarkedYAMLError as exc:
        document.errors.append(_syntax_error(path, text, exc))
    except yaml.YAMLError as exc:
        document.errors.append(DataError(path, _reader_line(text, exc), "", _syntax_message(exc)))
    except RecursionError:
        document.errors.append(DataError(path, None, "", _TOO_DEEP))
    finally:
        loader.dispose()
    return None


def character_problem(char: str) -> str:
    """Why ``char`` may not appear in a data file, in Chinese, naming its code point."""
    code = f"U+{ord(char):04X}"
    if char in "\x85\u2028\u2029":
        return f"含有看不见的换行符 {code}；请删除它，需要换行时直接换行"
    if char in _BIDI_CONTROLS:
        return f"含有看不见的文字方向控制字符 {code}，它会打乱文字的显示顺序；请删除该字符"
    if char in _INVISIBLE:
        return f"含有看不见的字符 {code}（常见于从网页或 Word 复制来的文字），它让文字搜不到；请删除该字符"
    if char == "\ufeff":
        return f"含有看不见的字节顺序标记 {code}（常见于拼接或复制来的文字）；请删除该字符"
    if "\ud800" <= char <= "\udfff" or char in "\ufffe\uffff":
        return f"含有无效的字符 {code}；请删除该字符"
    return f"含有不可打印的控制字符 {code}；请删除该字符"


def _bad_characters(path: Path, text: str) -> list[DataError]:
    """One error per line with a forbidden character, naming the field when the rest parses."""
    located = _locate(BAD_CHARACTER.sub(" ", text))
    errors = []
    seen_lines: set[int] = set()
    for match in BAD_CHARACTER.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if line in seen_lines:
            continue
        seen_lines.add(line)
        errors.append(_in_field(path, line, located, match.start(), character_problem(match.group())))
    return errors


Located = tuple[list[tuple[int, int, FieldPath]], Any]


def _locate(text: str) -> Located:
    """The span and path of every node of ``text``, and its data to name the fields by (问题3“…”);
    nothing if it does not parse."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError):
        return [], None
    finally:
        loader.dispose()
    spans: list[tuple[int, int, FieldPath]] = []

    def walk(node: yaml.Node, path: FieldPath, start: int) -> None:
        # A field spans its key and value; a list item spans from the end of the one before.
        spans.append((start, node.end_mark.index, path))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    walk(value, (*path, key.value), key.start_mark.index)
        elif isinstance(node, yaml.SequenceNode):
            previous = node.start_mark.index
            for index, item in enumerate(node.value):
                walk(item, (*path, index), previous)
                previous = item.end_mark.index

    if node is not None:
        walk(node, (), node.start_mark.index)
    return spans, data


def _in_field(file: Path, line: int | None, located: Located, position: int, message: str) -> DataError:
    """The error at ``position``, naming the innermost field around it when the text parses."""
    spans, data = located
    paths = [path for start, end, path in spans if start <= position < end and path]
    if not paths:
        return DataError(file, line, "", message)
    path = max(paths, key=len)
    return DataError(file, line, format_path(path), message, field_name(file.name, data, path))


def _syntax_error(path: Path, text: str, exc: yaml.MarkedYAMLError) -> DataError:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and ("end of stream" in str(exc.problem) or exc.context in _OPENING_CONTEXTS):
        mark = exc.context_mark  # an unclosed quote or bracket, a key without its colon: point at where it starts
    line = mark.line + 1 if mark else None
    lines = text.splitlines()
    if line:
        # A full-width space is not indentation for YAML; the parser notices a line or two later.
        for number in (line - 1, line):
            if 0 < number <= len(lines) and lines[number - 1].startswith("\u3000"):
                return DataError(path, number, "", "这一行用全角空格“　”缩进；YAML 的缩进只能用半角空格")
        current = lines[line - 1] if 0 < line <= len(lines) else ""
        if "：" in current and ": " not in current and not current.lstrip().startswith("#"):
            return DataError(path, line, "", "YAML 语法错误：这一行用了全角冒号“：”；字段名后面应为半角冒号加空格“: ”")
    message = _syntax_message(exc, mark.column + 1 if mark else None)
    if "\t" in text and "制表符" in message:
        position = text.find("\t", mark.index) if mark else -1
        if position >= 0 and text.count("\n", 0, position) + 1 == line:
            return _in_field(path, line, _locate(text.replace("\t", " ")), position, message)
    return DataError(path, line, "", message)


class _Alias(yaml.ScalarNode):
    """Stands for ``*name`` where it is written (PyYAML would return the anchored node itself)."""


def _reader_line(text: str, exc: yaml.YAMLError) -> int | None:
    position = getattr(exc, "position", None)
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else None


def _syntax_message(exc: yaml.YAMLError, column: int | None = None) -> str:
    problem = str(getattr(exc, "problem", "") or exc)
    if isinstance(exc, _TooDeep):
        return _TOO_DEEP
    if isinstance(exc, _TooMany):
        return _TOO_MANY
    if "'\\t'" in problem or "tab character" in problem:
        return "含有制表符（Tab）；YAML 的缩进和冒号后的空白只能用空格，请把 Tab 换成空格"
    if isinstance(exc, yaml.reader.ReaderError):
        return character_problem(chr(exc.character)) if isinstance(exc.character, int) else "含有不可打印的字符"
    if "expected a single document" in str(exc):
        return syntax_message("expected a single document", None)
    return syntax_message(problem, getattr(exc, "context", None), column)


_OPENING_CONTEXTS = ("while scanning a simple key", "while parsing a flow sequence", "while parsing a flow mapping")


class _TooDeep(yaml.MarkedYAMLError):
    """Nesting deeper than ``MAX_DEPTH``."""


class _TooMany(yaml.MarkedYAMLError):
    """More than ``MAX_NODES`` nodes."""


class _Limits:
    """Composition that counts and limits nodes and depth; nodes remember their anchor and aliases stay visible."""

    depth = 0
    nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooMany(problem=_TOO_MANY, problem_mark=event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            self.get_event()
            return _Alias("alias", event.anchor, event.start_mark, event.end_mark)
        if self.depth >= MAX_DEPTH:
            raise _TooDeep(problem=_TOO_DEEP, problem_mark=event.start_mark)
        self.depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        node.anchor = event.anchor  # type: ignore[attr-defined]
        return node


class _Loader(_Limits, yaml.SafeLoader):
    """The pure-Python loader: slow, but its error messages are the ones we translate."""


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _FastLoader(
        _Limits, yaml.composer.Composer, CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver
    ):
        """libyaml's parser with PyYAML's composer: the same nodes, about five times faster."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, recording lines."""

    def __init__(self, document: Document, loader: yaml.constructor.SafeConstructor) -> None:
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
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.document.error(path, f"使用了不允许的 YAML 标签 {tag}；数据文件只能写文字、数字、列表和字段")
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
            bad = BAD_CHARACTER.search(key)
            if bad:
                line = key_node.start_mark.line + 1
                self.document.errors.append(
                    DataError(
                        self.document.path,
                        line,
                        format_path(path),
                        "字段名" + character_problem(bad.group()),
                        self.document.name(path),
                    )
                )
                continue
            child = (*path, key)
            if key in result:
                first = self.document.lines.get(child)
                self.document.errors.append(
                    DataError(
                        self.document.path,
                        key_node.start_mark.line + 1,
                        format_path(child),
                        f"字段重复（第 {first} 行已经写过 {key}）；每个字段只能写一次",
                        self.document.name(child),
                    )
                )
                continue
            self.document.lines[child] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath) -> Any:
        # Dates stay text: the schema checks their form and that the day exists.
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            # Escapes in quotes ("\a", "\u202e", "\ud800") make characters the file itself may not hold.
            bad = BAD_CHARACTER.search(node.value)
            if bad:
                self.document.error(path, character_problem(bad.group()))
            elif not node.style and _YAML12_NUMBER.match(node.value) and not _CANONICAL.match(node.value):
                # Text here, but a number to editors and tools that read YAML 1.2 (09, 1e3, 0o10).
                self.document.error(path, number_problem(node.value, None))
            return node.value
        self.document.written[path] = node.value
        try:
            value = self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            return node.value
        if not node.style and node.tag in _NUMBER_TAGS and not _CANONICAL.match(node.value):
            self.document.error(path, number_problem(node.value, value))
        return value
