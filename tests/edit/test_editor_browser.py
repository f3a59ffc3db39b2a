"""The editor of rectify serve in Chromium: a real server on a free 127.0.0.1 port, a copy of the
seed, and the forms as a clerk uses them. Every wait is for a condition, with a deadline.

Needs Debian's Chromium (skips without it, unless RECTIFY_REQUIRE_BROWSER=1) and axe-core from npm."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import BIN, DATA, ROOT, SEED_ID, require_tools
from rectify.edit.app import ASSETS
from rectify.output.pdf import CHROMIUM_ARGS

playwright = pytest.importorskip("playwright.sync_api")

START = 180.0  # the first build of the seed
CHANGE = 60.0  # a saved change seen on the page
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FINDING = f"{SEED_ID}/findings/union-reform/"
NOTICE_FORMS = ["通报信息", "信息索引", "联系方式", "通报写明的数字"]
FINDING_FORMS = ["问题", "整改进展和佐证材料", "整改措施和小问题"]
JSONEDITOR_SHA256 = "c7a7278bf93d75e3de8b02a914ed36bd879a3e76105a87b6aa286a5a7885f4fc"


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    data: Path
    log: Path

    def token(self) -> str:
        page = urllib.request.urlopen(self.url, timeout=10).read().decode("utf-8")
        found = re.search(r'data-token="([^"]+)"', page)
        assert found, "the served page carries no editor"
        return found.group(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("edit")
    data = folder / "data"
    shutil.copytree(DATA, data)
    port = free_port()
    log = folder / "serve.log"
    command = [str(BIN / "rectify"), "serve", str(ROOT), "--data", str(data), "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = Server(process, f"http://127.0.0.1:{port}/", data, log)
    try:
        deadline = time.monotonic() + START
        while status_of(server.url) != 200:
            assert process.poll() is None, log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, "rectify serve did not start"
            time.sleep(0.1)
        yield server
    finally:
        process.kill()  # the server sees its stdin close and ends too
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_tools("chromium")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 320, "height": 720}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors


def files(data: Path) -> dict[str, bytes]:
    return {str(path.relative_to(data)): path.read_bytes() for path in sorted(data.rglob("*")) if path.is_file()}


def open_form(tab: Any, server: Server, path: str, form: str) -> Any:
    tab.goto(server.url + path)
    tab.get_by_role("button", name=form if form == "新建通报" else f"编辑{form}", exact=True).click()
    dialog = tab.locator("dialog.rectify-edit[open]")
    dialog.wait_for()
    return dialog


def axe_violations(tab: Any) -> list[str]:
    assert AXE.is_file(), "axe-core 未安装：运行 make（npm ci）"
    # As DevTools code: the page's Content-Security-Policy refuses an added inline script.
    tab.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [
        f"{v['id']}: {node['target']} {node.get('failureSummary', '')}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


def no_horizontal_scroll(tab: Any) -> bool:
    return bool(tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_the_vendored_form_library_is_the_pinned_one() -> None:
    assert hashlib.sha256((ASSETS / "jsoneditor.js").read_bytes()).hexdigest() == JSONEDITOR_SHA256
    assert "MIT License" in (ASSETS / "jsoneditor.LICENSE").read_text(encoding="utf-8")
    assert JSONEDITOR_SHA256 in (ASSETS / "README.md").read_text(encoding="utf-8")


def test_every_form_passes_axe_at_320_px(tab: Any, server: Server) -> None:
    problems = []
    for path, forms in (("", NOTICE_FORMS), (f"{SEED_ID}/notice/", NOTICE_FORMS), (FINDING, FINDING_FORMS)):
        for form in [*forms, "新建通报"]:
            dialog = open_form(tab, server, path, form)
            for add in ("添加进展", "添加佐证材料", "添加措施", "添加小问题", "添加数字"):
                if dialog.get_by_role("button", name=add, exact=True).count():
                    dialog.get_by_role("button", name=add, exact=True).first.click()
            problems += [f"{path} {form}: {v}" for v in axe_violations(tab)]
            if not no_horizontal_scroll(tab):
                problems.append(f"{path} {form}: scrolls sideways at 320 px")
    assert not problems, "\n".join(problems)


def test_a_new_progress_entry_changes_the_status_and_adds_only_that_entry(tab: Any, server: Server) -> None:
    file = server.data / SEED_ID / "findings.yml"
    before = file.read_text(encoding="utf-8")
    dialog = open_form(tab, server, FINDING, "整改进展和佐证材料")
    dialog.get_by_role("button", name="添加进展").click()
    dialog.get_by_label("进展日期").fill("2017-12-20")
    dialog.get_by_label("进展后的整改状态").select_option("已完成")
    dialog.get_by_label("进展情况").fill("省委印发改革方案，已组织实施（编辑器测试）。")
    dialog.get_by_role("button", name="添加佐证材料").click()
    dialog.get_by_label("材料名称").fill("《省总工会改革方案》")
    dialog.get_by_role("button", name="检查改动").click()
    diff = dialog.locator(".rectify-edit-diff pre")
    diff.wait_for()
    assert "+          - date: 2017-12-20" in diff.inner_text()
    assert file.read_text(encoding="utf-8") == before  # shown, not yet written
    assert not axe_violations(tab)
    dialog.get_by_role("button", name="保存").click()
    # The preview reloads by itself once the page is rebuilt; then it shows the entry and the status.
    tab.wait_for_function(
        "() => !document.querySelector('dialog.rectify-edit') &&"
        " document.querySelector('article').innerText.includes('已组织实施（编辑器测试）')",
        timeout=CHANGE * 1000,
    )
    article = tab.locator("article").inner_text()
    assert "已完成" in article and "《省总工会改革方案》" in article
    added = [
        "        progress:",
        "          - date: 2017-12-20",
        "            status: 已完成",
        "            text: 省委印发改革方案，已组织实施（编辑器测试）。",
        "        evidence:",
        "          - 《省总工会改革方案》",
    ]
    after = file.read_text(encoding="utf-8")
    assert after.replace("".join(f"{line}\n" for line in added), "", 1) == before


def test_an_invalid_date_is_shown_beside_its_field_and_nothing_is_written(tab: Any, server: Server) -> None:
    before = files(server.data)
    dialog = open_form(tab, server, f"{SEED_ID}/findings/joint-meeting/", "整改进展和佐证材料")
    dialog.get_by_role("button", name="添加进展").click()
    date = dialog.get_by_label("进展日期")
    date.fill("2016-01-02")
    dialog.get_by_label("进展后的整改状态").select_option("正在整改")
    dialog.get_by_label("进展情况").fill("已起草方案。")
    dialog.get_by_role("button", name="检查改动").click()
    message = dialog.locator("[data-schemapath='root.progress.0.date'] .rectify-edit-error")
    message.wait_for()
    assert "早于通报的成文日期" in message.inner_text()
    assert date.get_attribute("aria-invalid") == "true"
    assert message.get_attribute("id") in (date.get_attribute("aria-describedby") or "").split()
    assert "没有写入任何文件" in dialog.locator(".rectify-edit-summary").inner_text()
    assert dialog.get_by_role("button", name="保存").is_disabled()
    assert not axe_violations(tab)
    assert files(server.data) == before


def test_every_form_of_the_seed_checked_without_a_change_leaves_the_files_byte_identical(
    tab: Any, server: Server
) -> None:
    before = files(server.data)
    for path, forms in (("", NOTICE_FORMS), (f"{SEED_ID}/findings/idle-flats/", FINDING_FORMS)):
        for form in forms:
            dialog = open_form(tab, server, path, form)
            dialog.get_by_role("button", name="检查改动").click()
            tab.wait_for_function(
                "() => document.querySelector('dialog.rectify-edit .rectify-edit-status').textContent.includes('没有改动')"
            )
            assert dialog.get_by_role("button", name="保存").is_disabled()
    assert files(server.data) == before


def test_by_keyboard_the_form_opens_and_closes(tab: Any, server: Server) -> None:
    tab.goto(server.url + FINDING)
    opener = tab.get_by_role("button", name="编辑问题", exact=True)
    opener.focus()
    tab.keyboard.press("Enter")
    tab.locator("dialog.rectify-edit[open]").wait_for()
    assert tab.evaluate("document.activeElement.closest('dialog') !== null")
    assert tab.evaluate("document.activeElement.labels[0].textContent").strip() == "问题简称"
    tab.keyboard.press("Escape")
    tab.locator("dialog.rectify-edit").wait_for(state="detached")
    assert tab.evaluate("document.activeElement.textContent") == "编辑问题"


def post(server: Server, route: str, body: dict[str, Any], headers: dict[str, str]) -> int:
    request = urllib.request.Request(
        f"{server.url}_edit/api/{route}",
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json", **headers},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_a_write_without_the_token_is_refused(server: Server) -> None:
    before = files(server.data)
    body = {"notice": SEED_ID, "view": "contact", "value": {"intro": "改", "phone": "12345"}, "version": ""}
    assert post(server, "save", body, {}) == 403
    assert post(server, "save", body, {"X-Rectify-Token": "guessed"}) == 403
    # A page of another site knows no token, and its Origin is not the preview's.
    assert post(server, "save", body, {"X-Rectify-Token": server.token(), "Origin": "http://evil.example"}) == 403
    assert files(server.data) == before


def test_a_path_outside_the_data_folder_is_refused(server: Server) -> None:
    token = server.token()
    for notice in ("..", "../..", "..%2F..%2Fetc", "%2Fetc"):
        url = f"{server.url}_edit/api/part?notice={notice}&view=contact"
        request = urllib.request.Request(url, headers={"X-Rectify-Token": token})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
    body = {"notice": "..", "view": "contact", "value": {"intro": "改"}, "version": ""}
    assert post(server, "save", body, {"X-Rectify-Token": token}) == 403


def test_the_built_site_has_no_editor(built_site: Path) -> None:
    """The editor is added to what the preview sends, not to the pages MkDocs writes (the offline
    bundle and the publish zip are made from those)."""
    assert not list(built_site.rglob("jsoneditor*")) and not list(built_site.rglob("editor.css"))
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "/_edit/" not in text and "data-token" not in text, page
