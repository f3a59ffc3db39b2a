"""Hardening against bad input, and a build that cannot break silently.

- A corpus of bad inputs (``tests/fixtures/bad/``): each case ends in a clear Chinese
  report naming file, line and field, without a traceback, within seconds and bounded
  memory. The expected report of each case is in its ``expected.txt``; regenerate with
  ``UPDATE_GOLDEN=1 .venv/bin/pytest tests/adapter/test_hardening.py`` and review the diff.
- HTML, JavaScript and Markdown in every text field: the build succeeds, the text is
  shown literally, and no element or attribute is injected anywhere.
- Two builds of the same data are byte-identical (``SOURCE_DATE_EPOCH``).
- A failed ``make site`` leaves the previous site untouched.
- No broken internal link or anchor in the built site.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup, Comment, Tag
from conftest import BIN, DATA, FIXTURES, ROOT, SEED_ID
from rectify.data.schema import load_schema

BAD = FIXTURES / "bad"
BASE = BAD / "_base"
NOTICE_ID = "test-notice"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


# --- the bad-input corpus ------------------------------------------------------------
#
# Each case is a folder of tests/fixtures/bad/ holding the file(s) that replace the base
# notice's (tests/fixtures/bad/_base/test-notice/) and expected.txt, what `rectify check`
# prints. The cases below cannot be plain files (devices, folders, sizes); their folder
# holds only expected.txt and the function makes the input in a copy of the base notice.


def _long_text(notice: Path) -> None:
    """反馈的问题超过 20000 字。"""
    path = notice / "findings.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("problem: 部分资产长期闲置", "problem: " + "闲置" * 10001), encoding="utf-8")


def _long_file(notice: Path) -> None:
    """notice.yml 超过 2 MB（导语里粘贴了整本书）。"""
    path = notice / "notice.yml"
    text = path.read_text(encoding="utf-8")
    book = "".join(f"  - 第{n}段。" + "这是一段很长的导语。" * 20 + "\n" for n in range(3500))
    path.write_text(text.replace("intro:\n", "intro:\n" + book), encoding="utf-8")


def _long_nesting(notice: Path) -> None:
    """关键词写成一万层嵌套的方括号。"""
    path = notice / "notice.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("keywords:\n", "keywords: " + "[" * 10000 + "]" * 10000 + "\nx:\n"), encoding="utf-8")


def _long_aliases(notice: Path) -> None:
    """一个锚点被引用五千次（报告只列出前 100 处）。"""
    path = notice / "findings.yml"
    text = path.read_text(encoding="utf-8")
    aliases = ", ".join(["*m"] * 5000)
    text = text.replace(
        "          - 建立党费收缴台账。\n", f"          - &m 建立党费收缴台账。\n          - [{aliases}]\n"
    )
    path.write_text(text, encoding="utf-8")


def _long_list(notice: Path) -> None:
    """整改措施有一万两千条（粘贴了整张表格）。"""
    path = notice / "findings.yml"
    text = path.read_text(encoding="utf-8")
    measures = "".join(f"          - 第{n}条措施。\n" for n in range(12000))
    path.write_text(text.replace("        measures:\n", "        measures:\n" + measures, 1), encoding="utf-8")


def _findings_renamed(notice: Path) -> None:
    """findings.yml 被存成了 findings.yaml。"""
    (notice / "findings.yml").rename(notice / "findings.yaml")


def _findings_folder(notice: Path) -> None:
    """findings.yml 是一个文件夹。"""
    (notice / "findings.yml").unlink()
    (notice / "findings.yml").mkdir()


def _notice_device(notice: Path) -> None:
    """notice.yml 是指向 /dev/zero 的链接（读不完的文件）。"""
    (notice / "notice.yml").unlink()
    (notice / "notice.yml").symlink_to("/dev/zero")


def _findings_pipe(notice: Path) -> None:
    """findings.yml 是命名管道（打开就会一直等待）。"""
    (notice / "findings.yml").unlink()
    os.mkfifo(notice / "findings.yml")


def _folder_nested(notice: Path) -> None:
    """通报文件夹按 a/b 放成了两层。"""
    (notice.parent / "a").mkdir()
    notice.rename(notice.parent / "a" / "b")


def _folder_backslash(notice: Path) -> None:
    r"""通报文件夹名是 a\b（Windows 的路径写法）。"""
    notice.rename(notice.parent / "a\\b")


def _folder_dotdot(notice: Path) -> None:
    """通报文件夹名以 .. 开头（..x），作为隐藏文件夹被跳过，于是没有通报。"""
    notice.rename(notice.parent / "..x")


def _folder_gbk(notice: Path) -> None:
    """通报文件夹名是 GBK 编码的“整改”（Windows 上打包的压缩文件）。"""
    os.rename(os.fsencode(notice), os.fsencode(notice.parent) + b"/\xd5\xfb\xb8\xc4")


GENERATED: dict[str, Callable[[Path], None]] = {
    "long-text-over-limit": _long_text,
    "long-file-over-limit": _long_file,
    "long-nesting": _long_nesting,
    "long-alias-list": _long_aliases,
    "long-item-list": _long_list,
    "file-findings-renamed": _findings_renamed,
    "file-findings-is-folder": _findings_folder,
    "file-notice-is-device": _notice_device,
    "file-findings-is-pipe": _findings_pipe,
    "folder-nested-a-b": _folder_nested,
    "folder-backslash-path": _folder_backslash,
    "folder-dotdot-name": _folder_dotdot,
    "folder-gbk-name": _folder_gbk,
}

# What the issue asks the corpus to cover; a case's name starts with its category.
CATEGORIES = {
    "syntax": "YAML syntax errors",
    "key": "typos in keys",
    "type": "wrong types",
    "date": "impossible and out-of-order dates",
    "duplicate": "duplicate keys and IDs",
    "tag": "object-constructing tags",
    "alias": "alias bombs",
    "empty": "empty files",
    "encoding": "GB18030, UTF-16 and BOM files",
    "tab": "tabs",
    "fullwidth": "full-width digits in numbers",
    "control": "control characters",
    "long": "very long text, files and nesting",
    "id": "IDs shaped like paths",
    "folder": "notice folders named like paths",
    "file": "data files that are not regular files",
    "markup": "HTML, JavaScript and Markdown in fields that take no free text",
    "shape": "real notice shapes stated inconsistently (status wordings, stated figures)",
}
# Problems of a whole file or folder have no line; YAML that does not parse has no field.
WITHOUT_LINE = ("empty-", "encoding-gb18030", "encoding-utf16", "encoding-nul", "file-", "folder-", "long-file")
WITHOUT_FIELD = (*WITHOUT_LINE, "syntax-", "tab-list", "encoding-bom", "long-nesting", "long-item", "type-top-level")

CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir() and not p.name.startswith("_"))

# Bounds for one check of one case that no loaded machine breaks (a case takes about 0.3 s of CPU
# and 60 MiB): each runs in its own process, forked from one that has already imported rectify; the
# address-space limit makes an allocation beyond it fail (the case then fails with a MemoryError
# traceback), the CPU limit ends a runaway (CPU time does not grow with the machine's load), the
# alarm only a hang. What each case costs (wall clock, CPU, peak memory) is not asserted.
ADDRESS_SPACE = 1 << 30
# What the !!python/object/new case asks to create, in its own folder.
MARKER = "executed"
CPU_KILL_SECONDS = 20
HANG_SECONDS = 300

# Runs `rectify check data` in each case folder, each in a forked child with limits;
# prints how each ended, with the CPU time and peak memory os.wait4 reports.
RUNNER = r"""
import json, os, resource, signal, sys, time, traceback
from rectify.cli import main

limits = json.loads(sys.argv[1])
results = {}
for name, workdir in json.load(sys.stdin):
    sys.stdout.flush()
    sys.stderr.flush()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        code = 70
        try:
            os.chdir(workdir)
            for stream, file_name in ((1, "stdout.txt"), (2, "stderr.txt")):
                fd = os.open(file_name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(fd, stream)
                os.close(fd)
            resource.setrlimit(resource.RLIMIT_AS, (limits["address_space"], limits["address_space"]))
            resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu_kill"], limits["cpu_kill"]))
            signal.alarm(limits["wall_kill"])
            code = main(["check", "data"])
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status, usage = os.wait4(pid, 0)
    results[name] = {
        "status": os.waitstatus_to_exitcode(status),
        "wall": time.perf_counter() - started,
        "cpu": usage.ru_utime + usage.ru_stime,
        "max_rss_kib": usage.ru_maxrss,
    }
json.dump(results, sys.stdout)
"""


@dataclass(frozen=True)
class Outcome:
    status: int
    wall: float
    cpu: float
    max_rss_kib: int
    output: str
    workdir: str


def _prepare(name: str, workdir: Path) -> None:
    """``workdir/data/test-notice``: the base notice with the case's files or changes."""
    notice = workdir / "data" / NOTICE_ID
    shutil.copytree(BASE / NOTICE_ID, notice)
    for file in (BAD / name).iterdir():
        if file.name != "expected.txt":
            # A case that would run a command names a file in its own folder, never a shared path.
            (notice / file.name).write_bytes(file.read_bytes().replace(b"MARKER", bytes(workdir / MARKER)))
    if name in GENERATED:
        GENERATED[name](notice)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every case checked once, each in its own bounded process."""
    root = tmp_path_factory.mktemp("bad")
    jobs = []
    for name in CASES:
        _prepare(name, root / name)
        jobs.append((name, str(root / name)))
    limits = {"address_space": ADDRESS_SPACE, "cpu_kill": CPU_KILL_SECONDS, "wall_kill": HANG_SECONDS}
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, json.dumps(limits)],
        input=json.dumps(jobs),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    outcomes = {}
    for name, measured in json.loads(result.stdout).items():
        output = "".join((root / name / f).read_text(encoding="utf-8") for f in ("stdout.txt", "stderr.txt"))
        outcomes[name] = Outcome(**measured, output=output, workdir=str(root / name))
    return outcomes


# The field as the office sees it, with its path in brackets (问题3“…”的整改状态（categories[1].findings[3].status）),
# or 字段 path for a key the schema does not know.
_ERROR_LINE = re.compile(
    r"^  data(?:/(?P<file>\S+?))?(?::(?P<line>\d+))?: "
    r"(?:(?:字段 (?P<field>\S+?)|(?P<name>.+?)（(?P<path>[\w.\[\]]+)）)：)?(?P<message>.+)$"
)


def test_corpus_covers_the_issue() -> None:
    assert len(CASES) >= 30
    by_category = {category: [c for c in CASES if c.startswith(f"{category}-")] for category in CATEGORIES}
    assert [c for c in CASES if c.split("-")[0] not in CATEGORIES] == []
    assert [category for category, cases in by_category.items() if not cases] == []
    assert set(GENERATED) <= set(CASES), "every generated case needs a folder with expected.txt"


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name: str, corpus: dict[str, Outcome]) -> None:
    outcome = corpus[name]
    output = outcome.output
    expected_file = BAD / name / "expected.txt"
    if UPDATE:
        expected_file.write_text(output, encoding="utf-8")
    assert "Traceback" not in output, output
    assert outcome.status == 1, f"exit status {outcome.status}:\n{output}"
    assert output == expected_file.read_text(encoding="utf-8")
    head, *errors = output.splitlines()
    assert re.fullmatch(r"数据检查未通过，共 \d+ 处错误：", head), head
    assert errors
    for error in errors[:100]:
        match = _ERROR_LINE.match(error)
        assert match, f"not file:line: 名称（字段）： {error}"
        assert re.search(r"[\u4e00-\u9fff]", match["message"]), f"not Chinese: {error}"
        if not name.startswith(WITHOUT_LINE):
            assert match["line"], f"no line: {error}"
        if not name.startswith(WITHOUT_FIELD):
            named = re.match(r"字段 \S+ 中|缺少必填字段 \S+|字段名", match["message"])
            assert match["field"] or match["path"] or named, f"no field: {error}"


def test_object_tags_construct_nothing(corpus: dict[str, Outcome]) -> None:
    """The corpus' !!python/object/new case would have created its marker file if it were constructed."""
    outcome = corpus["tag-python-object-new"]
    assert outcome.status == 1
    assert not (Path(outcome.workdir) / MARKER).exists()


# --- markup in every text field -----------------------------------------------------


def _payload(token: str) -> str:
    """HTML, JavaScript and Markdown that would each leave a trace carrying ``token`` if they took effect."""
    return (
        f"# {token} <script>alert('{token}')</script><img src=x onerror=\"alert('{token}')\">"
        f'<b class="{token}">{token}粗</b> **{token}强调** _{token}斜_ `{token}代码` '
        f"[{token}链接](javascript:alert('{token}')) ![{token}图](https://evil.invalid/{token}.png) "
        f"<https://evil.invalid/{token}> &lt;{token}&gt; &amp; \"'></title></textarea>"
        f"<svg onload=alert('{token}')> <!-- {token}注释 --> | {token} | {{: .{token} }} "
        f"{{ #{token} .{token} onclick=\"alert('{token}')\" }}"
    )


_TOKEN = re.compile(r"zq\d\d(?!\d)")
FORMAT_CHECKER = jsonschema.FormatChecker()


def _text_fields(schema: dict[str, Any], node: dict[str, Any], path: tuple[str, ...] = ()) -> Iterator[str]:
    """Every field of free text in a schema, as ``categories[].findings[].problem``."""
    if "$ref" in node:
        ref = node["$ref"].removeprefix("#/$defs/")
        if ref == "text":
            yield _dotted(path)
            return
        node = schema["$defs"][ref]
    if node.get("type") == "string" and "enum" not in node and "format" not in node:
        # Free text apart from one required mark (the form's “…”); ids, phone and email are patterns.
        if node.get("pattern", "").startswith("^[^…]"):
            yield _dotted(path)
        return
    for key, child in node.get("properties", {}).items():
        yield from _text_fields(schema, child, (*path, key))
    if isinstance(node.get("items"), dict):
        yield from _text_fields(schema, node["items"], (*path, "[]"))
    for branch in node.get("anyOf", []):  # a list item that is text or a group of fields
        yield from _text_fields(schema, branch, path)


def _string_fields(schema: dict[str, Any], node: dict[str, Any], path: tuple[str, ...] = ()) -> Iterator[str]:
    """Every field that holds text of any form (free text, ids, dates, phone, choices)."""
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].removeprefix("#/$defs/")]
    if node.get("type") == "string" or "enum" in node:
        yield _dotted(path)
        return
    for key, child in node.get("properties", {}).items():
        yield from _string_fields(schema, child, (*path, key))
    if isinstance(node.get("items"), dict):
        yield from _string_fields(schema, node["items"], (*path, "[]"))
    for branch in node.get("anyOf", []):
        yield from _string_fields(schema, branch, path)


def _dotted(path: tuple[str, ...]) -> str:
    return ".".join(path).replace(".[]", "[]")


def _inject(value: Any, fields: set[str], path: str, tokens: dict[str, str], where: str) -> Any:
    """``value`` with the payload put in front of every text field; records token → field."""
    if isinstance(value, dict):
        return {k: _inject(v, fields, f"{path}.{k}" if path else k, tokens, where) for k, v in value.items()}
    if isinstance(value, list):
        return [_inject(v, fields, f"{path}[]", tokens, where) for v in value]
    if isinstance(value, str) and path in fields:
        token = f"zq{len(tokens) + 1:02d}"
        tokens[token] = f"{where}: {path}"
        return _payload(token) + value
    return value


@dataclass(frozen=True)
class Hostile:
    site: Path
    tokens: dict[str, str]
    """token → ``file: field`` it was put in."""


@pytest.fixture(scope="module")
def base_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base notice as it is (kept as data only, like the hostile one), built once."""
    root = tmp_path_factory.mktemp("base")
    shutil.copytree(BASE / NOTICE_ID, root / "data" / NOTICE_ID)
    result = _mkdocs_build(root / "site", root / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    """The base notice with markup in every text field, built once."""
    root = tmp_path_factory.mktemp("hostile")
    notice = root / "data" / NOTICE_ID
    notice.mkdir(parents=True)
    tokens: dict[str, str] = {}
    for file_name in ("notice.yml", "findings.yml"):
        data = yaml.safe_load((BASE / NOTICE_ID / file_name).read_text(encoding="utf-8"))
        schema = load_schema(file_name)
        fields = set(_text_fields(schema, schema))
        injected = _inject(data, fields, "", tokens, file_name)
        text = yaml.safe_dump(injected, allow_unicode=True, sort_keys=False, width=100000)
        (notice / file_name).write_text(text, encoding="utf-8")
    result = _mkdocs_build(root / "site", root / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    return Hostile(root / "site", tokens)


def test_base_notice_fills_every_text_field(hostile: Hostile) -> None:
    """So that markup is tried in every text field: add new fields to tests/fixtures/bad/_base."""
    for file_name in ("notice.yml", "findings.yml"):
        schema = load_schema(file_name)
        covered = {field.split(": ")[1] for field in hostile.tokens.values() if field.startswith(file_name)}
        assert set(_text_fields(schema, schema)) - covered == set(), file_name


def _subschema(schema: dict[str, Any], field: str) -> dict[str, Any]:
    node = schema
    for part in field.replace("[]", ".[]").split("."):
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].removeprefix("#/$defs/")]
        if part != "[]" and part not in node.get("properties", {}):  # a group of fields among anyOf
            node = next(branch for branch in node.get("anyOf", []) if part in branch.get("properties", {}))
        node = node["items"] if part == "[]" else node["properties"][part]
    return {**node, "$defs": schema["$defs"]}


def test_fields_of_fixed_form_refuse_markup() -> None:
    """Ids, dates, phone, email and choices: text with markup is never valid (the corpus shows the messages)."""
    for file_name in ("notice.yml", "findings.yml"):
        schema = load_schema(file_name)
        narrow = set(_string_fields(schema, schema)) - set(_text_fields(schema, schema))
        assert {"contact.phone", "inspection.start"} & narrow or "categories[].id" in narrow
        for field in sorted(narrow):
            validator = jsonschema.Draft202012Validator(_subschema(schema, field), format_checker=FORMAT_CHECKER)
            for value in (_payload("zq00"), "<b>x</b>", "[x](javascript:alert(1))", "**x**"):
                assert not validator.is_valid(value), f"{file_name}: {field} accepts {value!r}"


@cache
def _parse(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _search_documents(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "data", "poster", "xlink:href")
# Elements data text never becomes: one holding a token was made by the payload. Embedded
# content (img, svg, iframe…) may legitimately carry data text inside (a chart's <desc>);
# one made by the payload has the token or an event handler in its attributes.
_CODE = {"script", "style", "textarea"}
_FORMATTING = {"b", "strong", "em", "i", "code", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"}
_EMBEDDED = {"img", "svg", "iframe", "object", "embed", "video", "audio", "source", "link", "base", "form"}


def _injections(soup: BeautifulSoup | Tag, where: str) -> Iterator[str]:
    """Every trace of the payload taking effect: an element, attribute or comment it made."""
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                yield f"{where}: event handler {name}= on <{element.name}>"
            if name in _URL_ATTRIBUTES and (
                re.match(r"\s*(javascript|vbscript|data):", text, re.IGNORECASE) or "evil.invalid" in text
            ):
                yield f"{where}: <{element.name} {name}={text!r}>"
            if name == "class" and any(_TOKEN.fullmatch(c) for c in value):
                yield f"{where}: <{element.name} class={text!r}>"
            if name == "id" and _TOKEN.fullmatch(text):
                yield f"{where}: <{element.name} id={text!r}>"
        attributes = " ".join(" ".join(v) if isinstance(v, list) else str(v) for v in element.attrs.values())
        text = element.get_text().strip()
        if (
            (element.name in _CODE and _TOKEN.search(text))
            or (element.name in _FORMATTING and _TOKEN.match(text))
            or (element.name in _EMBEDDED and _TOKEN.search(attributes))
        ):
            yield f"{where}: <{element.name}> made from data: {str(element)[:120]}"
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        if _TOKEN.search(comment):
            yield f"{where}: comment made from data: {comment[:80]}"


_RAW_MARKUP = re.compile(r"<script>alert|<img src=x|<svg onload|<b class=\"zq|<!-- zq")


def test_markup_in_text_injects_nothing(hostile: Hostile) -> None:
    found: list[str] = []
    pages = _pages(hostile.site)
    for file in pages:
        where = str(file.relative_to(hostile.site))
        found += list(_injections(_parse(file), where))
        found += [f"{where}: raw {m.group()!r}" for m in _RAW_MARKUP.finditer(file.read_text(encoding="utf-8"))]
    for document in _search_documents(hostile.site):
        for key in ("title", "text"):
            where = f"search index {document['location']} {key}"
            found += list(_injections(BeautifulSoup(document[key], "html.parser"), where))
            found += [f"{where}: raw {m.group()!r}" for m in _RAW_MARKUP.finditer(document[key])]
    assert len(pages) > 5
    assert not found, "\n".join(found[:30])


def test_markup_in_text_adds_no_kind_of_element(hostile: Hostile, base_site: Path) -> None:
    """Every (element, attribute) pair in the hostile site also occurs in the site of the same notice
    without markup."""

    def kinds(site: Path) -> set[tuple[str, str]]:
        found = set()
        for file in _pages(site):
            for element in _parse(file).find_all(True):
                found.add((element.name, ""))
                found |= {(element.name, attribute) for attribute in element.attrs}
        return found

    assert kinds(hostile.site) - kinds(base_site) == set()


def _fold(text: str) -> str:
    return " ".join(text.replace("\u200b", "").split())


def _visible(site: Path) -> dict[str, list[str]]:
    """Per page: the text of <title>, the body, and every attribute value."""
    shown: dict[str, list[str]] = {}
    for file in _pages(site):
        soup = _parse(file)
        texts = [soup.title.get_text() if soup.title else "", soup.body.get_text() if soup.body else ""]
        for element in soup.find_all(True):
            texts += [" ".join(v) if isinstance(v, list) else str(v) for v in element.attrs.values()]
        shown[str(file.relative_to(site))] = [_fold(t) for t in texts]
    return shown


# Fields that no page shows (yet): only the search dictionary and the source information use them.
NOT_SHOWN = {"notice.yml: keywords[]", "notice.yml: publication.site", "notice.yml: publication.column"}


def test_markup_in_text_is_shown_literally(hostile: Hostile) -> None:
    shown = _visible(hostile.site)
    mangled, missing = [], set()
    for token, field in hostile.tokens.items():
        literal = _fold(_payload(token))
        pages = [page for page, texts in shown.items() if any(token in t for t in texts)]
        if not pages:
            missing.add(field)
        elif not any(literal in t for page in pages for t in shown[page]):
            mangled.append(f"{field} ({token}) not shown literally on {pages}")
    assert not mangled, "\n".join(mangled)
    assert missing <= NOT_SHOWN


def _token_of(hostile: Hostile, field: str) -> str:
    return next(token for token, where in hostile.tokens.items() if where == field)


def test_markup_literal_in_title_meta_nav_and_search(hostile: Hostile) -> None:
    site = hostile.site
    title = _fold(_payload(_token_of(hostile, "notice.yml: title")))
    short = _fold(_payload(_token_of(hostile, "findings.yml: categories[].findings[].short")))
    problem = _fold(_payload(_token_of(hostile, "findings.yml: categories[].findings[].problem")))
    category = _fold(_payload(_token_of(hostile, "findings.yml: categories[].short")))

    notice = _parse(site / NOTICE_ID / "notice" / "index.html")
    assert notice.title is not None and title in _fold(notice.title.get_text())
    finding = _parse(site / NOTICE_ID / "findings" / "party-dues" / "index.html")
    assert finding.title is not None and short in _fold(finding.title.get_text())
    description = finding.find("meta", attrs={"name": "description"})
    assert description is not None and problem in _fold(str(description["content"]))
    nav = [_fold(a.get_text()) for a in finding.select("nav a")]
    assert any(category in text for text in nav), "category name not in the navigation"
    documents = {d["location"]: d for d in _search_documents(site)}
    indexed = _fold(BeautifulSoup(documents[f"{NOTICE_ID}/findings/party-dues/"]["title"], "html.parser").get_text())
    assert short in indexed


# --- builds ------------------------------------------------------------------------

SOURCE_DATE_EPOCH = 1695254400  # 2023-09-21 00:00:00 UTC


def _mkdocs_build(
    site: Path, data: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if data is not None:
        environment["RECTIFY_DATA"] = str(data)
    command = [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)]
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)


def _make_site(site: Path, data: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``make site SITE=site`` in the project, reusing its venv (never reinstalling it)."""
    environment = {**os.environ, **(env or {})}
    environment.pop("MAKEFLAGS", None)
    if data is not None:
        environment["RECTIFY_DATA"] = str(data)
    command = ["make", "--no-print-directory", "-o", ".venv/.installed", "site", f"SITE={site}"]
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def made_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built by ``make site`` with a fixed SOURCE_DATE_EPOCH."""
    site = tmp_path_factory.mktemp("make") / "site"
    result = _make_site(site, env={"SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH), "PYTHONHASHSEED": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "网站已生成" in result.stdout
    return site


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(made_site: Path, tmp_path: Path) -> None:
    """Same data, same SOURCE_DATE_EPOCH; another hash seed, temp dir, data path and site path."""
    data = tmp_path / "elsewhere" / "data"
    shutil.copytree(DATA, data)
    (tmp_path / "tmp").mkdir()
    env = {"SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH), "PYTHONHASHSEED": "2", "TMPDIR": str(tmp_path / "tmp")}
    result = _mkdocs_build(tmp_path / "other-site", data, env)
    assert result.returncode == 0, result.stderr
    first, second = _files(made_site), _files(tmp_path / "other-site")
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"{len(differing)} files differ: {differing[:10]}"
    assert len(first) > 50


def test_build_time_comes_from_source_date_epoch(made_site: Path) -> None:
    """Compressed files carry the day of SOURCE_DATE_EPOCH, not the day of the build."""
    day = SOURCE_DATE_EPOCH - SOURCE_DATE_EPOCH % 86400
    compressed = sorted(made_site.rglob("*.gz"))
    assert compressed
    for file in compressed:
        with gzip.GzipFile(file) as archive:
            archive.read()
            assert archive.mtime == day, file


def _snapshot(site: Path) -> dict[str, tuple[str, int]]:
    """Every file and folder under ``site`` with its content hash and modification time."""
    return {
        str(p.relative_to(site)): (
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir",
            p.stat().st_mtime_ns,
        )
        for p in sorted(site.rglob("*"))
    }


def test_failed_make_site_keeps_previous_site(made_site: Path, tmp_path: Path) -> None:
    before = _snapshot(made_site)
    broken = tmp_path / "data"
    shutil.copytree(DATA, broken)
    findings = broken / SEED_ID / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    findings.write_text(text.replace("status: 已完成", "status: 已完毕", 1), encoding="utf-8")
    line = findings.read_text(encoding="utf-8").splitlines().index("        status: 已完毕") + 1

    result = _make_site(made_site, broken)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert (
        f"findings.yml:{line}: 问题3“职工活动和维权投入不足”的整改状态（categories[1].findings[3].status）：“已完毕”不是可选的值"
        in output
    ), output
    assert "数据检查未通过" in output and "Traceback" not in output, output
    assert "网站已生成" not in output
    assert _snapshot(made_site) == before
    assert not made_site.with_name("site.old").exists()


# --- internal links ------------------------------------------------------------------


def _page_ids(file: Path) -> set[str]:
    soup = _parse(file)
    return {str(e["id"]) for e in soup.find_all(id=True)} | {
        str(a["name"]) for a in soup.find_all("a", attrs={"name": True})
    }


def _target(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file and fragment an internal ``url`` on ``page`` points to; None for other sites and schemes."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    base = "" if parts.path.startswith("/") else posixpath.dirname(str(page.relative_to(site)))
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/"))) if parts.path else None
    if path is None:
        return page, unquote(parts.fragment)
    if path == ".." or path.startswith("../"):
        return site / "__outside_the_site__", ""
    target = site / path
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_no_broken_internal_links(built_site: Path) -> None:
    broken: list[str] = []
    checked = anchors = 0
    for page in _pages(built_site):
        where = str(page.relative_to(built_site))
        for element in _parse(page).find_all(True):
            for attribute in ("href", "src"):
                url = element.get(attribute)
                if not isinstance(url, str):
                    continue
                if url.strip().lower().startswith("javascript:"):
                    broken.append(f"{where}: <{element.name} {attribute}={url!r}>")
                    continue
                target = _target(built_site, page, url)
                if target is None:
                    continue
                checked += 1
                file, fragment = target
                if not file.is_file():
                    broken.append(f"{where}: <{element.name} {attribute}={url!r}>: no {file.relative_to(built_site)}")
                elif fragment and file.suffix == ".html":
                    anchors += 1
                    if fragment not in _page_ids(file):
                        broken.append(f"{where}: <{element.name} {attribute}={url!r}>: no id {fragment!r}")
    assert not broken, f"{len(broken)} broken of {checked}:\n" + "\n".join(broken[:30])
    assert checked > 1000 and anchors > 100, (checked, anchors)
