"""Read, edit and write the data YAML keeping comments, key order and layout (ruamel.yaml round trip).

The importer writes new files with it and the ledger update edits existing ones in place, so that a
person's comments and the order they chose survive, and a diff shows only the values that changed.

Public API. A path is a string such as ``"inspection.start"``, ``"categories[0].findings[2].status"``
or ``"categories[id=party].findings[id=union-reform].status"`` (``[id=…]`` picks the list item whose
``id`` is that value), or a sequence of keys, list indexes and ``("id", value)`` pairs.

- ``loads(text, name)`` / ``load(path)`` → the document (``CommentedMap``/``CommentedSeq``); a YAML
  mistake raises :class:`YamlError` whose message names file and line in Chinese.
- ``dumps(doc)`` → text; ``dump(doc, path)`` writes it atomically.
- ``write_atomic(path, text)``: temp file in the same folder, fsync, ``os.replace``; the old file stays
  whole if anything fails, and its permissions are kept.
- ``parse_path(path)``, ``get_value(doc, path, default)``, ``set_value(doc, path, value)`` (returns
  whether the value changed; the end-of-line comment stays on its line, re-aligned for Chinese text
  when the new value is longer), ``delete_value(doc, path)``.
- ``edit_text(text, changes, name)`` → new text: sets every ``path → value`` of ``changes``; a key
  that is missing but present as a commented-out line (``# column: …``, as in the templates) is
  uncommented in place; other missing keys are appended to their mapping.  Text whose values do
  not change comes back byte for byte.
- ``edit_file(path, changes)`` → whether the file changed; writes atomically only then.
- ``template_text(name)`` / ``fill_template(name, changes)``: the commented templates in
  ``rectify/templates`` (``notice.yml``, ``findings.yml``) with values filled in.

Values may be str, int, float, bool, None, ``datetime.date`` (written as ``2024-03-01``), lists and
dicts (written as block YAML in the file's indentation: mappings 2, sequences ``  - ``).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, MarkedYAMLError, YAMLError
from ruamel.yaml.tokens import CommentToken

from .syntax import syntax_message

TEMPLATES = Path(__file__).parents[1] / "templates"

Segment = str | int | tuple[str, Any]
PathLike = str | Sequence[Segment]

_MISSING: Any = object()


class YamlError(ValueError):
    """A YAML file that cannot be read or a path that does not fit the document (message in Chinese)."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long Chinese paragraph
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def loads(text: str, name: str = "<文本>") -> Any:
    """The round-trip document of ``text``; ``name`` is used in error messages."""
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        column = mark.column + 1 if mark is not None else None
        raise YamlError(f"{name}{line}: {syntax_message(exc.problem, exc.context, column)}") from None
    except YAMLError as exc:
        raise YamlError(f"{name}: {syntax_message(str(exc), None)}") from None


def _read(path: Path) -> str:
    """The file's text; a YamlError naming it when it is not UTF-8 or cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise YamlError(f"{path}: 不是 UTF-8 编码的文本文件") from None
    except OSError as exc:
        raise YamlError(f"{path}: 无法读取（{exc.strerror}）") from None


def load(path: Path | str) -> Any:
    path = Path(path)
    return loads(_read(path), str(path))


def dumps(doc: Any) -> str:
    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue()


def dump(doc: Any, path: Path | str) -> None:
    write_atomic(path, dumps(doc))


def write_atomic(path: Path | str, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8) to ``path`` so that readers see the old file or the new one, never half."""
    path = Path(path)
    mode: int | None = None
    with contextlib.suppress(FileNotFoundError):
        mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content.encode("utf-8") if isinstance(content, str) else content)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_SEGMENT = re.compile(r"\[(\d+)\]|\[([^\[\]=]+)=([^\[\]]*)\]|\.?([^.\[\]]+)")


def parse_path(path: PathLike) -> tuple[Segment, ...]:
    """``"a.b[0].c[id=x]"`` → ``("a", "b", 0, "c", ("id", "x"))``; a sequence is returned as a tuple."""
    if not isinstance(path, str):
        return tuple(path)
    segments: list[Segment] = []
    pos = 0
    while pos < len(path):
        match = _SEGMENT.match(path, pos)
        if match is None or match.end() == pos:
            raise YamlError(f"路径 {path} 写法有误（第 {pos + 1} 个字符）；应为 a.b[0].c 或 a[id=编号].b")
        index, key, value, name = match.groups()
        if index is not None:
            segments.append(int(index))
        elif key is not None:
            segments.append((key, value))
        else:
            segments.append(name)
        pos = match.end()
    return tuple(segments)


def _show(segments: Iterable[Segment]) -> str:
    out = ""
    for segment in segments:
        if isinstance(segment, int):
            out += f"[{segment}]"
        elif isinstance(segment, tuple):
            out += f"[{segment[0]}={segment[1]}]"
        else:
            out += f".{segment}" if out else segment
    return out


def _step(node: Any, segment: Segment) -> tuple[Any, Any]:
    """(container key, child) for one segment, or (key, _MISSING)."""
    if isinstance(segment, tuple):
        if isinstance(node, list):
            for i, item in enumerate(node):
                if isinstance(item, Mapping) and str(item.get(segment[0])) == str(segment[1]):
                    return i, item
        return segment, _MISSING
    if isinstance(segment, int):
        if isinstance(node, list) and -len(node) <= segment < len(node):
            return segment, node[segment]
        return segment, _MISSING
    if isinstance(node, Mapping) and segment in node:
        return segment, node[segment]
    return segment, _MISSING


def _parent(doc: Any, segments: tuple[Segment, ...]) -> Any:
    node = doc
    for depth, segment in enumerate(segments[:-1]):
        _, node = _step(node, segment)
        if node is _MISSING:
            raise YamlError(f"文档中没有 {_show(segments[: depth + 1])}")
    return node


def get_value(doc: Any, path: PathLike, default: Any = None) -> Any:
    node = doc
    for segment in parse_path(path):
        _, node = _step(node, segment)
        if node is _MISSING:
            return default
    return node


def _to_node(value: Any) -> Any:
    """Plain Python values as round-trip nodes (so nested lists and dicts are written in block style)."""
    if isinstance(value, Mapping) and not isinstance(value, CommentedMap):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _to_node(item)
        return out
    if isinstance(value, (list, tuple)) and not isinstance(value, CommentedSeq):
        return CommentedSeq(_to_node(item) for item in value)
    return value


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _realign(container: CommentedMap, key: Any, old: Any, new: Any) -> None:
    """Keep the end-of-line comment of ``key`` where the eye expects it after a value change.

    ruamel.yaml places comments by character column; Chinese characters are two columns wide, so a
    comment would drift. The comment keeps its display column when the new value fits before it,
    otherwise it follows the value after two spaces.
    """
    slot = container.ca.items.get(key)
    token = slot[2] if slot and len(slot) > 2 else None
    if not isinstance(token, CommentToken) or token.start_mark is None:
        return
    if isinstance(new, (Mapping, list)) or (isinstance(new, str) and "\n" in new):
        return
    indent = " " * container.lc.col if container.lc.col is not None else ""
    column = token.start_mark.column

    def prefix(value: Any) -> str:
        shown = "" if value is None else value.isoformat() if isinstance(value, date) else str(value)
        return f"{indent}{key}:" + (f" {shown}" if shown else "")

    before = prefix(old)
    display = column + _width(before) - len(before)  # where the comment sat on screen
    after = prefix(new)
    wanted = len(after) + display - _width(after) if _width(after) + 2 <= display else len(after) + 2
    token.start_mark = CommentMark(wanted)


def _last_slot(node: Any) -> tuple[Any, Any, int] | None:
    """The (container, key, position) holding the comment lines that follow the last item of ``node``."""
    found = None
    while isinstance(node, (CommentedMap, CommentedSeq)) and len(node):
        key = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
        found = (node, key, 2 if isinstance(node, CommentedMap) else 0)
        node = node[key]
    return found


def _append_key(container: CommentedMap, key: Any, value: Any) -> None:
    """Append ``key`` at the end of its mapping, before the comment lines that follow the mapping."""
    slot = _last_slot(container)
    container[key] = value
    if slot is None:
        return
    owner, last, pos = slot
    items = owner.ca.items.get(last)
    token = items[pos] if items and len(items) > pos else None
    if not isinstance(token, CommentToken) or "\n" not in token.value:
        return
    first, rest = token.value.split("\n", 1)
    if not rest:
        return
    if first.strip():
        token.value = first + "\n"
    else:  # no end-of-line comment: the token was only the lines that follow
        items[pos] = None
    container.ca.items[key] = [None, None, CommentToken("\n" + rest, CommentMark(0), None), None]


def set_value(doc: Any, path: PathLike, value: Any) -> bool:
    """Set the value at ``path`` (creating the last key of a mapping if needed); True if it changed."""
    segments = parse_path(path)
    if not segments:
        raise YamlError("路径为空")
    parent = _parent(doc, segments)
    key, old = _step(parent, segments[-1])
    if isinstance(parent, list):
        if old is _MISSING:
            raise YamlError(f"文档中没有 {_show(segments)}")
    elif not isinstance(parent, Mapping) or isinstance(key, tuple):
        raise YamlError(f"{_show(segments[:-1])} 不是映射，不能写入 {_show(segments)}")
    if old is not _MISSING and type(old) is type(value) and old == value:
        return False
    node = _to_node(value)
    if old is _MISSING:
        if isinstance(parent, CommentedMap):
            _append_key(parent, key, node)
        else:
            parent[key] = node
        return True
    if isinstance(parent, CommentedMap):
        _realign(parent, key, old, node)
    _carry_trailing(old, node)
    parent[key] = node
    return True


def _carry_trailing(old: Any, new: Any) -> None:
    """Comment lines (and blank lines) after a replaced mapping or list stay after its replacement."""
    before, after = _last_slot(old), _last_slot(new)
    if before is None or after is None:
        return
    owner, last, pos = before
    items = owner.ca.items.get(last)
    token = items[pos] if items and len(items) > pos else None
    if not isinstance(token, CommentToken) or "\n" not in token.value:
        return
    rest = token.value.split("\n", 1)[1]
    if not rest:
        return
    target, key, where = after
    slot = target.ca.items.setdefault(key, [None, None, None, None])
    current = slot[where]
    if isinstance(current, CommentToken):
        current.value = current.value.rstrip("\n") + "\n" + rest
    else:
        slot[where] = CommentToken("\n" + rest, CommentMark(0), None)


def delete_value(doc: Any, path: PathLike) -> bool:
    segments = parse_path(path)
    parent = _parent(doc, segments)
    key, old = _step(parent, segments[-1])
    if old is _MISSING:
        return False
    del parent[key]
    return True


def _uncomment(text: str, doc: Any, segments: tuple[Segment, ...]) -> str | None:
    """``text`` with a commented-out ``# key:`` line of the parent mapping made live, or None."""
    try:
        parent = _parent(doc, segments)
    except YamlError:
        return None
    key = segments[-1]
    if not isinstance(parent, CommentedMap) or not isinstance(key, str) or key in parent:
        return None
    if parent.lc.line is None or parent.lc.col is None:
        return None
    col = parent.lc.col
    lines = text.splitlines(keepends=True)
    pattern = re.compile(rf"^ {{{col}}}#( ?){re.escape(key)}:(?=\s|$)")
    for number in range(parent.lc.line, len(lines)):
        line = lines[number]
        stripped = line.strip()
        if number > parent.lc.line and stripped and not stripped.startswith("#"):
            indent = len(line) - len(line.lstrip(" "))
            if indent < col or (indent == col and line.lstrip().startswith("- ")):
                break
        match = pattern.match(line)
        if match:
            removed = 1 + len(match.group(1))
            body = line[match.end() :]
            # keep the explanation comment where it was
            gap = re.match(r"(\s*)(#.*)?", body.rstrip("\n"))
            if gap and gap.group(2):
                body = gap.group(1) + " " * removed + body[len(gap.group(1)) :]
            lines[number] = " " * col + key + ":" + body
            # the commented example lines under it (``#   - date: …``) described what is now filled in
            deeper = re.compile(rf"^ {{{col}}}#  +\S")
            end = number + 1
            while end < len(lines) and deeper.match(lines[end]):
                end += 1
            del lines[number + 1 : end]
            return "".join(lines)
    return None


def edit_text(text: str, changes: Mapping[Any, Any] | Iterable[tuple[PathLike, Any]], name: str = "<文本>") -> str:
    """``text`` with every ``path → value`` of ``changes`` set; unchanged text if nothing changes."""
    pairs = list(changes.items()) if isinstance(changes, Mapping) else list(changes)
    doc = loads(text, name)
    for path, _ in pairs:
        uncommented = _uncomment(text, doc, parse_path(path))
        if uncommented is not None:
            text = uncommented
            doc = loads(text, name)
    changed = False
    for path, value in pairs:
        changed |= set_value(doc, path, value)
    return dumps(doc) if changed else text


def edit_file(path: Path | str, changes: Mapping[Any, Any] | Iterable[tuple[PathLike, Any]]) -> bool:
    """Apply ``changes`` to the file in place (atomically); False and no write if nothing changes."""
    path = Path(path)
    text = _read(path)
    new = edit_text(text, changes, str(path))
    if new == text:
        return False
    write_atomic(path, new)
    return True


def template_text(name: str) -> str:
    """The commented template ``rectify/templates/<name>`` (``notice.yml`` or ``findings.yml``)."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


def fill_template(name: str, changes: Mapping[Any, Any] | Iterable[tuple[PathLike, Any]]) -> str:
    """The template ``name`` with ``changes`` set, its comments kept."""
    return edit_text(template_text(name), changes, f"templates/{name}")
