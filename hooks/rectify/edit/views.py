"""The parts of a notice that one form edits, the JSON Schema each form is generated from, and the
conversions between the YAML values and the form's JSON.

The form library reads JSON Schema, so the schemas here are the project's own (titles, descriptions
and choices in Chinese), cut to one part, with ``$ref`` inlined and the few shapes a form cannot show
well made plain: the statuses as one choice list with an empty choice (a status the notice does not
state is left out, never guessed), the figures mapping as a list of name and value, evidence always
as name and address.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from rectify.data import yamlio
from rectify.data.folders import FINDINGS_FILE, NOTICE_FILE
from rectify.data.model import STATUSES
from rectify.data.schema import load_schema

FieldPath = tuple[str | int, ...]

# Keys whose values are dates (YAML dates, the form's "YYYY-MM-DD").
DATE_KEYS = frozenset({"start", "end", "feedback", "date", "closed", "next_update"})
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Long texts get a text area.
_LONG_TEXTS = frozenset({"problem", "text", "measures", "intro", "paragraphs"})
# Schema words the form library does not need (the check says all of it, in Chinese). Without
# ``required`` the form shows every field, also those the file does not have yet.
_DROPPED = (
    "required",
    "pattern",
    "minLength",
    "maxLength",
    "minItems",
    "propertyNames",
    "x-expected",
    "$schema",
    "$id",
)
NOT_STATED = "（不写：通报未写明）"
CHOOSE = "（请选择）"


@dataclass(frozen=True)
class View:
    id: str
    title: str
    file: str
    prefix: FieldPath
    """Where the part is in its file; a finding's views are under its own path."""
    keys: tuple[str, ...] | None = None
    """The keys of the mapping at ``prefix`` the form edits; ``None``: the whole value."""


NOTICE_VIEWS = (
    View(
        "notice",
        "通报信息",
        NOTICE_FILE,
        (),
        ("title", "issuer", "keywords", "updates", "next_update", "inspection", "signature"),
    ),
    View("index", "信息索引", NOTICE_FILE, ("publication",)),
    View("contact", "联系方式", NOTICE_FILE, ("contact",)),
    View("figures", "通报写明的数字", NOTICE_FILE, ("figures",)),
)
FINDING_FIELDS = (
    "short",
    "problem",
    "form",
    "status",
    "status_text",
    "responsible",
    "deadline",
    "lead",
    "department",
    "partners",
    "closed",
)
FINDING_VIEWS = (
    View("finding", "问题", FINDINGS_FILE, (), FINDING_FIELDS),
    View("progress", "整改进展和佐证材料", FINDINGS_FILE, (), ("progress", "evidence")),
    View("measures", "整改措施和小问题", FINDINGS_FILE, (), ("measures", "numbered", "subproblems")),
)
# Optional keys whose absence means a value the form shows: absent and that value are the same.
DEFAULTS: dict[str, Any] = {"numbered": True}


def find_view(view_id: str, finding: bool) -> View | None:
    return next((view for view in (FINDING_VIEWS if finding else NOTICE_VIEWS) if view.id == view_id), None)


def finding_path(findings: Any, finding_id: str) -> FieldPath | None:
    """``("categories", c, "findings", f)`` of the finding with that ID in findings.yml's data."""
    for c_index, category in enumerate(_items(findings, "categories")):
        for f_index, item in enumerate(_items(category, "findings")):
            if isinstance(item, Mapping) and str(item.get("id")) == finding_id:
                return ("categories", c_index, "findings", f_index)
    return None


def _items(node: Any, key: str) -> list[Any]:
    value = node.get(key) if isinstance(node, Mapping) else None
    return list(value) if isinstance(value, list) else []


# --- schema ---------------------------------------------------------------------------------------


def view_schema(view: View) -> dict[str, Any]:
    """The JSON Schema of the form for ``view``."""
    whole = load_schema(view.file)
    node: dict[str, Any] = _inline(whole, whole)
    if view.file == FINDINGS_FILE:
        node = node["properties"]["categories"]["items"]["properties"]["findings"]["items"]
    for key in view.prefix:
        node = node["properties"][str(key)]
    if view.id == "figures":
        return _figures_schema(node)
    if view.keys is not None:
        node = {
            "type": "object",
            "properties": {key: node["properties"][key] for key in view.keys},
        }
    node = _adapt(node, "")
    node["title"] = view.title
    return node


def _inline(whole: dict[str, Any], node: Any) -> Any:
    """``node`` with every ``$ref`` replaced by what it points to (the schemas have no cycles)."""
    if isinstance(node, list):
        return [_inline(whole, item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _inline(whole, value) for key, value in node.items() if key not in ("$ref", "$defs")}
    if "$ref" in node:
        target: Any = whole
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        out = {**_inline(whole, target), **out}
    return out


def _adapt(node: dict[str, Any], key: str) -> dict[str, Any]:
    node = {name: value for name, value in copy.deepcopy(node).items() if name not in _DROPPED}
    if "enum" in node and set(node["enum"]) <= set(STATUSES):  # the wording table's statuses
        node["type"] = "string"
        node["enum"] = ["", *STATUSES]
        node["options"] = {"enum_titles": [CHOOSE if key == "progress.status" else NOT_STATED, *STATUSES]}
    elif "enum" in node:
        node["type"] = "string"
    if node.get("type") == "object" and "properties" in node:
        node.pop("anyOf", None)  # contact: one of phone, address, e-mail (the check says so)
        node["properties"] = {
            name: _adapt(value, f"{key.rsplit('.', 1)[-1]}.{name}" if key else name)
            for name, value in node["properties"].items()
        }
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        items = node["items"]
        if key.rsplit(".", 1)[-1] == "evidence":  # a name, or a name and an address: always both fields
            items = next(option for option in items["anyOf"] if option.get("type") == "object")
            # A progress entry's pieces named apart: its 添加 button is not the finding's.
            items = {**items, "title": "这次进展的佐证材料" if key.startswith("progress.") else "佐证材料"}
        node["items"] = _adapt(items, key)
        node["items"].setdefault("title", _item_title(node))
        if node["items"].get("type") == "string" and key in _LONG_TEXTS:
            node["items"]["format"] = "textarea"
    if node.get("format") == "date":
        node["type"] = "string"
    elif node.get("type") == "string" and key.rsplit(".", 1)[-1] in _LONG_TEXTS and "enum" not in node:
        node["format"] = "textarea"
    if node.get("type") == "boolean":
        node["format"] = "checkbox"
        node["default"] = DEFAULTS.get(key.rsplit(".", 1)[-1], False)
    return node


def _item_title(node: dict[str, Any]) -> str:
    return {"整改措施": "措施", "整改进展": "进展", "小问题": "小问题", "关键词": "关键词"}.get(
        node.get("title", ""), "项"
    )


def _figures_schema(node: dict[str, Any]) -> dict[str, Any]:
    """The figures mapping as a list: name, value (19, 84.2%, 7.132), unit and breakdown."""
    value = {"title": "数值", "type": "string", "description": "照原文写，如 19、84.2%、7.132。"}
    unit = {"title": "单位", "type": "string", "description": "如 人、万元、项；不带单位的数字不写。"}
    part = {
        "type": "object",
        "title": "细分项",
        "properties": {"name": {"title": "名称", "type": "string"}, "value": value, "unit": unit},
    }
    item = {
        "type": "object",
        "title": "数字",
        "properties": {
            "name": {"title": "名称", "type": "string", "description": "正文里用 {名称} 引用，如 问题总数。"},
            "value": value,
            "unit": unit,
            "breakdown": {"title": "细分", "type": "array", "items": part},
        },
    }
    return {
        "title": "通报写明的数字",
        "description": node.get("description", ""),
        "type": "array",
        "items": item,
        "options": {"disable_array_reorder": True},
    }


# --- values ---------------------------------------------------------------------------------------


def plain(node: Any) -> Any:
    """A YAML value as JSON: mappings, lists, text, numbers, true/false; dates as YYYY-MM-DD."""
    if isinstance(node, Mapping):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(item) for item in node]
    if isinstance(node, date):
        return node.isoformat()
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)


def form_value(view: View, node: Any) -> Any:
    """The form's start value for the YAML value of ``view`` (``node``: the mapping at its prefix)."""
    value = plain(node)
    if view.id == "figures":
        return [_figure_row(name, figure) for name, figure in (value or {}).items()]
    if view.keys is not None:
        value = {key: value[key] for key in view.keys if isinstance(value, dict) and key in value}
        value = _with_evidence(value, lambda item: {"text": item} if isinstance(item, str) else item)
    return value if value is not None else {}


def _with_evidence(value: Any, convert: Callable[[Any], Any]) -> Any:
    """``value`` with ``convert`` applied to each piece of evidence: the finding's and each progress entry's."""
    if not isinstance(value, dict):
        return value
    out = dict(value)
    if isinstance(out.get("evidence"), list):
        out["evidence"] = [convert(item) for item in out["evidence"]]
    if isinstance(out.get("progress"), list):
        out["progress"] = [_with_evidence(step, convert) for step in out["progress"]]
    return out


def _figure_row(name: str, figure: Any) -> dict[str, Any]:
    if not isinstance(figure, dict):
        return {"name": name, "value": str(figure)}
    row = {
        "name": name,
        "value": str(figure.get("value", "")),
        **({"unit": figure["unit"]} if "unit" in figure else {}),
    }
    if figure.get("breakdown"):
        row["breakdown"] = [{**part, "value": str(part.get("value", ""))} for part in figure["breakdown"]]
    return row


def yaml_value(view: View, value: Any, old: Any) -> Any:
    """The form's value as the YAML value to merge into the mapping at the view's prefix (``old``:
    that value as JSON, so that what the form leaves empty and the file did not have stays absent)."""
    if view.id == "figures":
        rows = value if isinstance(value, list) else []
        return {str(row.get("name", "")): _figure(row) for row in rows if isinstance(row, dict)}
    return _clean(_with_evidence(value, _evidence), old, "")


def _figure(row: dict[str, Any]) -> Any:
    value = _number(str(row.get("value", "")).strip())
    unit = str(row.get("unit") or "").strip()
    parts = [part for part in row.get("breakdown") or [] if isinstance(part, dict)]
    if not unit and not parts:
        return value
    out: dict[str, Any] = {"value": value, **({"unit": unit} if unit else {})}
    if parts:
        out["breakdown"] = [
            {"name": part.get("name", ""), "value": _number(str(part.get("value", "")).strip())}
            | ({"unit": part["unit"]} if part.get("unit") else {})
            for part in parts
        ]
    return out


def _number(text: str) -> Any:
    """19 → 19; 7.132 → 7.132 (when it reads back the same); 84.2%, 7.10 stay text."""
    if re.fullmatch(r"0|[1-9][0-9]*", text):
        return int(text)
    if re.fullmatch(r"[0-9]+\.[0-9]+", text) and repr(float(text)) == text:
        return float(text)
    return text


def _evidence(item: Any) -> Any:
    # Only a name: written as the plain text it was; a link, file or checksum keeps the mapping.
    if isinstance(item, dict) and not any(item.get(key) for key in ("link", "file", "sha256")):
        return item.get("text", "")
    return item


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _clean(value: Any, old: Any, key: str) -> Any:
    """Dates as dates; empty fields the file did not have (or a default it did not write) left out."""
    if isinstance(value, dict):
        before = old if isinstance(old, dict) else {}
        out = {}
        for name, item in value.items():
            cleaned = _clean(item, before.get(name), name)
            if name not in before and (_empty(cleaned) or DEFAULTS.get(name, object()) == cleaned):
                continue
            if name in before and _empty(cleaned) and before[name] != cleaned:
                continue  # emptied in the form: the key goes
            out[name] = cleaned
        return out
    if isinstance(value, list):
        before_items = old if isinstance(old, list) else []
        return [_clean(item, before_items[i] if i < len(before_items) else None, key) for i, item in enumerate(value)]
    if isinstance(value, str) and key in DATE_KEYS and _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value  # the check says what is wrong with it
    return value


def form_path(view: View, prefix: FieldPath, path: FieldPath, form: Any) -> str | None:
    """The form library's path (``root.progress.2.date``) of a data field, or None when the field is
    not in this form."""
    if path[: len(prefix)] != prefix:
        return None
    rest = path[len(prefix) :]
    if view.keys is not None and rest and rest[0] not in view.keys:
        return None
    if view.id == "figures" and rest:
        names = [row.get("name") for row in form] if isinstance(form, list) else []
        if rest[0] not in names:
            return "root"
        rest = (names.index(rest[0]), *(rest[1:] if len(rest) > 1 else ("value",)))
    return ".".join(["root", *(str(part) for part in rest)])


def message_path(text: str) -> FieldPath | None:
    """A message's field (``categories[2].findings[1].status``, counting from 1) as a data path."""
    if not text:
        return ()
    try:
        segments = yamlio.parse_path(text)
    except yamlio.YamlError:
        return None
    return tuple(part - 1 if isinstance(part, int) else str(part) for part in segments if not isinstance(part, tuple))
