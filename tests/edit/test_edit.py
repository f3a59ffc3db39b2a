"""The editing endpoints of rectify serve (rectify.edit), called as the server calls them (WSGI):
the smallest change through the YAML round trip, the check before a write, and the guards."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, SEED_ID
from rectify.data import yamlio
from rectify.edit.app import MAX_UPLOAD, EditApp
from rectify.edit.views import FINDING_VIEWS, NOTICE_VIEWS

TOKEN = "test-token"
PORT = "8123"
FINDING = "union-reform"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def app(data: Path) -> EditApp:
    return EditApp(data, TOKEN)


def call(
    app: EditApp,
    route: str,
    body: Any = None,
    *,
    token: str | None = TOKEN,
    host: str = f"127.0.0.1:{PORT}",
    headers: dict[str, str] | None = None,
    raw: bytes | None = None,
) -> tuple[int, Any]:
    path, _, query = route.partition("?")
    payload = raw if raw is not None else b"" if body is None else json.dumps(body).encode("utf-8")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "GET" if body is None and raw is None else "POST",
        "PATH_INFO": f"/_edit/{path}",
        "QUERY_STRING": query,
        "SERVER_PORT": PORT,
        "HTTP_HOST": host,
        "CONTENT_TYPE": "application/octet-stream" if raw is not None else "application/json",
        "CONTENT_LENGTH": str(len(payload)),
        "wsgi.input": io.BytesIO(payload),
    }
    if token is not None:
        environ["HTTP_X_RECTIFY_TOKEN"] = token
    environ.update(headers or {})
    status: list[str] = []
    body_parts = app(environ, lambda line, _headers: status.append(line))
    text = b"".join(body_parts)
    code = int(status[0].split()[0])
    return code, json.loads(text) if text.startswith(b"{") else text


def files(data: Path) -> dict[str, bytes]:
    return {str(path.relative_to(data)): path.read_bytes() for path in sorted(data.rglob("*")) if path.is_file()}


def part(app: EditApp, view: str, finding: str | None = None) -> dict[str, Any]:
    query = f"notice={SEED_ID}&view={view}" + (f"&finding={finding}" if finding else "")
    status, answer = call(app, f"api/part?{query}")
    assert status == 200, answer
    return answer


def request(view: str, value: Any, version: str, finding: str | None = None) -> dict[str, Any]:
    return {"notice": SEED_ID, "finding": finding, "view": view, "value": value, "version": version}


def test_every_form_of_the_seed_saved_unchanged_writes_nothing(app: EditApp, data: Path) -> None:
    before = files(data)
    ids = [
        item["id"] for c in yamlio.load(data / SEED_ID / "findings.yml")["categories"] for item in c.get("findings", [])
    ]
    assert len(ids) == 19
    for view in NOTICE_VIEWS:
        got = part(app, view.id)
        status, answer = call(app, "api/save", request(view.id, got["value"], got["version"]))
        assert (status, answer["changed"], answer["diff"]) == (200, False, ""), view.id
    for finding in ids:
        for view in FINDING_VIEWS:
            got = part(app, view.id, finding)
            status, answer = call(app, "api/save", request(view.id, got["value"], got["version"], finding))
            assert (status, answer["changed"]) == (200, False), (finding, view.id, answer)
    assert files(data) == before


def test_a_new_progress_entry_adds_only_that_entry(app: EditApp, data: Path) -> None:
    file = data / SEED_ID / "findings.yml"
    before = file.read_text(encoding="utf-8")
    got = part(app, "progress", FINDING)
    value = {**got["value"], "progress": [{"date": "2017-12-20", "status": "已完成", "text": "方案已印发实施。"}]}
    status, checked = call(app, "api/check", request("progress", value, got["version"], FINDING))
    assert status == 200 and checked["changed"] and not checked["errors"]
    assert file.read_text(encoding="utf-8") == before  # a check writes nothing
    status, saved = call(app, "api/save", request("progress", value, got["version"], FINDING))
    assert status == 200 and saved["saved"]
    added = [line for line in saved["diff"].splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert [line for line in saved["diff"].splitlines() if line.startswith("-") and not line.startswith("---")] == []
    assert added == [
        "+        progress:",
        "+          - date: 2017-12-20",
        "+            status: 已完成",
        "+            text: 方案已印发实施。",
    ]
    after = file.read_text(encoding="utf-8")
    assert after.replace("".join(line[1:] + "\n" for line in added), "") == before


def test_an_invalid_date_is_named_at_its_field_and_nothing_is_written(app: EditApp, data: Path) -> None:
    before = files(data)
    got = part(app, "progress", FINDING)
    value = {**got["value"], "progress": [{"date": "2016-01-02", "status": "已完成", "text": "方案已印发。"}]}
    status, answer = call(app, "api/save", request("progress", value, got["version"], FINDING))
    assert status == 422 and not answer["saved"]
    assert [error["path"] for error in answer["errors"]] == ["root.progress.0.date"]
    assert "早于通报的成文日期" in answer["errors"][0]["message"]
    assert files(data) == before


def test_a_figure_and_a_contact_field_change_only_their_lines(app: EditApp, data: Path) -> None:
    file = data / SEED_ID / "notice.yml"
    before = file.read_text(encoding="utf-8").splitlines()
    got = part(app, "contact")
    value = {**got["value"], "phone": "0451-53643346"}
    status, answer = call(app, "api/save", request("contact", value, got["version"]))
    assert status == 200 and answer["saved"]
    after = file.read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [("  phone: 0451-53643345", "  phone: 0451-53643346")]


def test_a_saved_form_opened_on_an_older_file_is_refused(app: EditApp, data: Path) -> None:
    got = part(app, "contact")
    (data / SEED_ID / "notice.yml").write_text(
        (data / SEED_ID / "notice.yml").read_text(encoding="utf-8") + "# 手工改动\n", encoding="utf-8"
    )
    status, answer = call(
        app, "api/save", request("contact", {**got["value"], "phone": "0451-1234567"}, got["version"])
    )
    assert status == 409 and "已被改动" in answer["message"]


@pytest.mark.parametrize("route", ["api/page?path=/", f"api/part?notice={SEED_ID}&view=contact", "api/save"])
def test_without_the_token_nothing_is_read_or_written(app: EditApp, data: Path, route: str) -> None:
    before = files(data)
    body = request("contact", {"intro": "改", "phone": "1234567"}, "") if route == "api/save" else None
    for token in (None, "", "wrong"):
        status, answer = call(app, route, body, token=token)
        assert status == 403 and "口令" in answer["message"]
    assert files(data) == before


@pytest.mark.parametrize(
    ("headers", "host"),
    [
        ({}, "evil.example:8123"),  # DNS rebinding: another name for 127.0.0.1
        ({}, "127.0.0.1:9999"),
        ({"HTTP_ORIGIN": "http://evil.example"}, f"127.0.0.1:{PORT}"),
        ({"HTTP_ORIGIN": "null"}, f"127.0.0.1:{PORT}"),
    ],
)
def test_only_the_preview_itself_may_ask(app: EditApp, headers: dict[str, str], host: str) -> None:
    status, _ = call(app, f"api/part?notice={SEED_ID}&view=contact", host=host, headers=headers)
    assert status == 403


def test_the_preview_from_localhost_may_ask(app: EditApp) -> None:
    status, _ = call(
        app,
        f"api/part?notice={SEED_ID}&view=contact",
        host=f"localhost:{PORT}",
        headers={"HTTP_ORIGIN": f"http://localhost:{PORT}"},
    )
    assert status == 200


@pytest.mark.parametrize("notice", ["..", "../..", "%2e%2e", "/etc", "hlj-zgh-2017/..", "outside", "linked"])
def test_nothing_outside_the_data_folder(app: EditApp, data: Path, tmp_path: Path, notice: str) -> None:
    outside = tmp_path / "elsewhere"
    shutil.copytree(data / SEED_ID, outside)
    (data / "linked").symlink_to(outside, target_is_directory=True)  # a folder that leads out
    (data / "outside").mkdir()
    (data / "outside" / "notice.yml").symlink_to(outside / "notice.yml")  # a file that leads out
    before = files(outside)
    status, _ = call(app, f"api/part?notice={notice}&view=contact")
    assert status == 403
    status, _ = call(app, "api/save", {"notice": notice, "view": "contact", "value": {"intro": "改"}, "version": ""})
    assert status == 403
    assert files(outside) == before


def test_an_upload_too_large_is_refused_before_it_is_read(app: EditApp, data: Path) -> None:
    class Unread(io.BytesIO):
        def read(self, *args: Any) -> bytes:
            raise AssertionError("read before its size was checked")

    status: list[str] = []
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/_edit/api/import",
        "QUERY_STRING": "notice=new-2024&name=a.txt",
        "SERVER_PORT": PORT,
        "HTTP_HOST": f"127.0.0.1:{PORT}",
        "HTTP_X_RECTIFY_TOKEN": TOKEN,
        "CONTENT_LENGTH": str(MAX_UPLOAD + 1),
        "wsgi.input": Unread(),
    }
    answer = json.loads(b"".join(app(environ, lambda line, _headers: status.append(line))))
    assert status[0].startswith("413") and "太大" in answer["message"]
    assert not (data / "new-2024").exists()


def test_pasted_text_becomes_a_new_notice_with_its_remarks_linked(app: EditApp, data: Path) -> None:
    text = (DATA / SEED_ID / "text.txt").read_bytes()
    status, answer = call(app, "api/import?notice=new-2024&name=粘贴的原文.txt", raw=text)
    assert status == 200, answer
    assert (data / "new-2024" / "notice.yml").is_file() and (data / "new-2024" / "findings.yml").is_file()
    assert answer["url"] == "/new-2024/"
    for remark in answer["remarks"]:
        assert remark["link"] is None or remark["link"].startswith("/new-2024/")
    status, _ = call(app, "api/import?notice=new-2024&name=a.txt", raw=text)
    assert status == 409
    status, _ = call(app, "api/import?notice=new-2024&name=a.exe", raw=text)
    assert status in (400, 409)


def test_the_pages_name_their_forms(app: EditApp) -> None:
    for path, views in [
        ("/", [view.id for view in NOTICE_VIEWS]),
        (f"/{SEED_ID}/", [view.id for view in NOTICE_VIEWS]),
        (f"/{SEED_ID}/notice/", [view.id for view in NOTICE_VIEWS]),
        (f"/{SEED_ID}/findings/{FINDING}/", [view.id for view in FINDING_VIEWS]),
    ]:
        status, answer = call(app, f"api/page?path={path}")
        assert status == 200 and [view["id"] for view in answer["views"]] == views, path


@pytest.fixture
def schemas() -> Iterator[dict[str, Any]]:
    from rectify.edit.views import view_schema

    yield {view.id: view_schema(view) for view in (*NOTICE_VIEWS, *FINDING_VIEWS)}


def test_the_forms_come_from_the_schema_in_chinese(schemas: dict[str, Any]) -> None:
    progress = schemas["progress"]["properties"]["progress"]["items"]["properties"]
    assert progress["date"] == {"type": "string", "format": "date", "title": "进展日期"}
    assert progress["status"]["enum"][1:] == ["已完成", "基本完成（持续整改）", "正在整改", "长期整改", "未完成"]
    assert schemas["finding"]["properties"]["status"]["options"]["enum_titles"][0] == "（不写：通报未写明）"
    assert "$ref" not in json.dumps(schemas)
    titles = [node["title"] for node in schemas["finding"]["properties"].values()]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in title) for title in titles)


def test_an_imported_notice_is_fixed_form_by_form(app: EditApp, data: Path) -> None:
    """Errors outside the form the clerk is saving, which the files had before, do not stop the save."""
    notice = data / SEED_ID / "notice.yml"
    text = notice.read_text(encoding="utf-8")
    notice.write_text(text.replace("  phone: 0451-53643345", "  phone: 电话"), encoding="utf-8")
    got = part(app, "notice")
    value = {**got["value"], "title": got["value"]["title"] + "（改）"}
    status, answer = call(app, "api/save", request("notice", value, got["version"]))
    assert status == 200 and answer["saved"], answer
    assert [error["label"] for error in answer["elsewhere"]] == ["通报的联系方式中的电话（contact.phone）"]
    got = part(app, "contact")
    status, answer = call(app, "api/save", request("contact", {**got["value"], "intro": "欢迎监督。"}, got["version"]))
    assert status == 422 and [error["path"] for error in answer["errors"]] == ["root.phone"]  # in this form: fix it


def test_a_progress_entry_stores_its_own_evidence(app: EditApp, data: Path, schemas: dict[str, Any]) -> None:
    """Issue 26, point 6: the progress form has each entry's 佐证材料 (name, and address when given)."""
    entry = schemas["progress"]["properties"]["progress"]["items"]["properties"]["evidence"]
    assert entry["title"] == "这次进展的佐证材料"
    assert list(entry["items"]["properties"]) == ["text", "link", "file", "sha256"]
    got = part(app, "progress", FINDING)
    step = {"date": "2017-12-20", "status": "已完成", "text": "方案已印发实施。"}
    evidence = [{"text": "改革方案", "link": ""}, {"text": "印发通知", "link": "https://www.example.gov.cn/a.pdf"}]
    value = {**got["value"], "progress": [{**step, "evidence": evidence}]}
    status, saved = call(app, "api/save", request("progress", value, got["version"], FINDING))
    assert status == 200 and saved["saved"], saved
    added = [line[1:] for line in saved["diff"].splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert added[-4:] == [
        "            evidence:",
        "              - 改革方案",
        "              - text: 印发通知",
        "                link: https://www.example.gov.cn/a.pdf",
    ]
    # Read back as the form shows it: both fields for every piece.
    again = part(app, "progress", FINDING)["value"]["progress"][0]["evidence"]
    assert again == [{"text": "改革方案"}, {"text": "印发通知", "link": "https://www.example.gov.cn/a.pdf"}]


def test_the_notice_form_has_the_inspection_round(schemas: dict[str, Any]) -> None:
    """Issue 26, point 9: the optional round (巡视（巡察）轮次) is in the 通报信息 form, from the schema."""
    inspection = schemas["notice"]["properties"]["inspection"]["properties"]
    assert inspection["round"]["title"] == "巡视（巡察）轮次" and inspection["round"]["type"] == "string"
