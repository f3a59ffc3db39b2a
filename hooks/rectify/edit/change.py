"""A form's value into the YAML file by the smallest change, checked before anything is written.

The value is merged into the round-trip document (``rectify.data.yamlio``) key by key and list item
by list item, so that only the values that changed are set: comments, order and formatting of
everything else stay byte for byte, and a form saved without a change writes nothing. The result is
checked as ``rectify check`` checks a notice folder, on a copy of the folder in a temporary directory.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rectify.data import yamlio
from rectify.data.errors import DataError, Remark
from rectify.data.load import load_notice

from .views import FieldPath, View, finding_path, form_path, form_value, message_path, plain, yaml_value


class NotFound(LookupError):
    """The notice, finding or part asked for is not there (message in Chinese)."""


@dataclass
class Part:
    """One view of one notice (or finding) as the file holds it now."""

    view: View
    file: Path
    text: str
    doc: Any
    prefix: FieldPath

    @property
    def node(self) -> Any:
        return yamlio.get_value(self.doc, self.prefix) if self.prefix else self.doc

    @property
    def version(self) -> str:
        """What the form was opened on: a save refuses a file changed since (by hand, or another tab)."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    def form(self) -> Any:
        return form_value(self.view, self.node)


def open_part(folder: Path, view: View, finding_id: str | None) -> Part:
    file = folder / view.file
    try:
        text = file.read_text(encoding="utf-8")
        doc = yamlio.loads(text, str(file))
    except (OSError, UnicodeDecodeError, yamlio.YamlError) as error:
        raise NotFound(f"无法读取 {folder.name}/{view.file}：{error}") from None
    prefix = view.prefix
    if finding_id is not None:
        found = finding_path(doc, finding_id)
        if found is None:
            raise NotFound(f"{folder.name}/{view.file} 中没有编号为 {finding_id} 的问题")
        prefix = found + prefix
    return Part(view, file, text, doc, prefix)


@dataclass
class Proposal:
    """What saving the form would do: the new text of the file, and what the check says of it."""

    part: Part
    new_text: str
    errors: list[DataError] = field(default_factory=list)
    """What stops the save: errors in this form's fields, and errors the change would bring."""
    elsewhere: list[DataError] = field(default_factory=list)
    """Errors the files had before, outside this form (an imported notice is fixed form by form)."""
    remarks: list[Remark] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.new_text != self.part.text

    def diff(self) -> str:
        name = f"{self.part.file.parent.name}/{self.part.file.name}"
        lines = difflib.unified_diff(
            self.part.text.splitlines(keepends=True),
            self.new_text.splitlines(keepends=True),
            fromfile=f"{name}（原来）",
            tofile=f"{name}（保存后）",
        )
        return "".join(lines)


def propose(part: Part, value: Any) -> Proposal:
    """The file with the form's ``value`` merged in, checked; nothing is written."""
    doc = yamlio.loads(part.text, str(part.file))
    fresh = Part(part.view, part.file, part.text, doc, part.prefix)
    old = fresh.node
    new = yaml_value(part.view, value, plain(old))
    keys = part.view.keys
    if isinstance(old, CommentedMap) and isinstance(new, Mapping):
        changed = _merge_map(doc, part.prefix, old, new, keys)
    else:
        changed = _merge(doc, part.prefix, old, new)
    proposal = Proposal(part, yamlio.dumps(doc) if changed else part.text)
    if proposal.changed:
        errors, proposal.remarks = check(part.file.parent, {part.file.name: proposal.new_text})
        known = {_key(error) for error in check(part.file.parent, {})[0]} if errors else set()
        for error in errors:
            stops = _key(error) not in known or in_form(part, error, part.form())
            (proposal.errors if stops else proposal.elsewhere).append(error)
    return proposal


def _key(error: DataError) -> tuple[str, str, str]:
    return (Path(error.file).name, error.field, error.message)


def in_form(part: Part, error: DataError, form: Any) -> str | None:
    """The form field (``root.progress.0.date``) a message is about, or None when it is not in this form."""
    path = message_path(error.field)
    if path is None or Path(error.file).name != part.file.name:
        return None
    return form_path(part.view, part.prefix, path, form)


def save(proposal: Proposal) -> None:
    """Write the new text (atomically), only when it changes something and passed the check."""
    if proposal.changed and not proposal.errors:
        yamlio.write_atomic(proposal.part.file, proposal.new_text)


def check(folder: Path, texts: Mapping[str, str]) -> tuple[list[DataError], list[Remark]]:
    """The check of the notice ``folder`` with the files of ``texts`` replaced, run on a copy."""
    with tempfile.TemporaryDirectory(prefix="rectify-edit-") as tmp:
        copy = Path(tmp) / folder.name
        copy.mkdir()
        for source in (*folder.parent.iterdir(), *folder.iterdir()):  # the office's phrase list beside the notices
            if source.is_file() and not source.is_symlink():
                shutil.copyfile(source, (copy if source.parent == folder else Path(tmp)) / source.name)
        for name, text in texts.items():
            (copy / name).write_text(text, encoding="utf-8")
        notice, errors = load_notice(copy)
    found = [_moved(error, copy, folder) for error in errors]
    remarks = [_moved(remark, copy, folder) for remark in notice.remarks] if notice else []
    return found, remarks


def _moved(error: Any, copy: Path, folder: Path) -> Any:
    try:
        return replace(error, file=folder / Path(error.file).relative_to(copy))
    except ValueError:
        return error


# --- the smallest change ----------------------------------------------------------------------------


def _same(old: Any, new: Any) -> bool:
    a, b = plain(old), plain(new)
    return type(a) is type(b) and a == b


def _merge(doc: Any, path: FieldPath, old: Any, new: Any) -> bool:
    if isinstance(old, CommentedMap) and isinstance(new, Mapping):
        return _merge_map(doc, path, old, new, None)
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        return _merge_seq(doc, path, old, new)
    if _same(old, new):
        return False
    return yamlio.set_value(doc, path, new)


def _merge_map(doc: Any, path: FieldPath, old: CommentedMap, new: Mapping[str, Any], keys: Any) -> bool:
    changed = False
    for key in list(old):
        if (keys is None or key in keys) and key not in new:
            changed |= yamlio.delete_value(doc, (*path, key))
    for key, value in new.items():
        if key in old:
            changed |= _merge(doc, (*path, key), old[key], value)
        else:
            changed |= yamlio.set_value(doc, (*path, key), value)
    return changed


def _merge_seq(doc: Any, path: FieldPath, old: CommentedSeq, new: list[Any]) -> bool:
    """Items kept where they are equal, edited in place where one replaces one, else removed or inserted."""
    if len(old) == len(new):
        changed = False
        for index, item in enumerate(new):
            changed |= _merge(doc, (*path, index), old[index], item)
        return changed

    def key(item: Any) -> str:
        return json.dumps(plain(item), ensure_ascii=False, sort_keys=True)

    matcher = difflib.SequenceMatcher(a=[key(item) for item in old], b=[key(item) for item in new], autojunk=False)
    changed = False
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for offset in range(i2 - i1):
                changed |= _merge(doc, (*path, i1 + offset), old[i1 + offset], new[j1 + offset])
            continue
        for _ in range(i2 - i1):
            del old[i1]
        for offset, item in enumerate(new[j1:j2]):
            old.insert(i1 + offset, _node(item))
        changed = True
    return changed


def _node(value: Any) -> Any:
    """Plain values as round-trip nodes, so that they are written in block style like the rest."""
    if isinstance(value, Mapping):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _node(item)
        return out
    if isinstance(value, list):
        return CommentedSeq(_node(item) for item in value)
    return value
