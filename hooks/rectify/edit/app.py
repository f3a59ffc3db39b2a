"""The editing endpoints of ``rectify serve``: a WSGI app the preview server mounts at ``/_edit/``.

Safe by construction, for a server on 127.0.0.1 that any web page the clerk opens could try to reach:

- every ``/_edit/`` request must name the preview itself as its Host (127.0.0.1 or localhost on the
  server's port: no DNS rebinding), and an Origin, when the browser sends one, must be the preview;
- every API request carries the per-run token (``X-Rectify-Token``), which only the preview's own
  pages know: a page of another site can neither read it nor send a request with a header of its own
  without a CORS preflight, which this app never answers;
- only notice folders directly inside the served data folder are read or written: a notice ID is a
  folder name (``a-z0-9-``, so never ``..``), the folder and its files must resolve inside the data
  folder, and no symlink is followed out of it;
- an upload's size is checked from Content-Length before a byte of it is read.
"""

from __future__ import annotations

import hmac
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

from rectify.data import yamlio
from rectify.data.errors import DataError, printable
from rectify.data.folders import FINDINGS_FILE, NOTICE_FILE, NOTICE_ID, RESERVED_NOTICE_IDS
from rectify.data.load import load_notice
from rectify.data.schema import SCHEMA_DIR
from rectify.data.signed import TEXT_FILE
from rectify.intake.notice import ImportFailed, import_paragraphs
from rectify.intake.notice.read import ReadError, read_paragraphs, where

from . import change
from .views import FINDING_VIEWS, NOTICE_VIEWS, View, find_view, form_path, message_path, view_schema

PREFIX = "/_edit/"
TOKEN_HEADER = "HTTP_X_RECTIFY_TOKEN"
ASSETS = Path(__file__).with_name("assets")
ASSET_TYPES = {
    "jsoneditor.js": "text/javascript",
    "editor.js": "text/javascript",
    "editor.css": "text/css",
}
MAX_JSON = 2_000_000  # a notice's files are at most 2 MB each (data.source.MAX_BYTES)
MAX_UPLOAD = 20_000_000  # a notice's .docx or .pdf, with room to spare
UPLOAD_SUFFIXES = (".docx", ".pdf", ".txt")
# Which form edits a top-level key of notice.yml, or a key of a finding.
_NOTICE_KEYS = {key: view.id for view in NOTICE_VIEWS for key in (view.keys or view.prefix)}
_FINDING_KEYS = {key: view.id for view in FINDING_VIEWS for key in view.keys or ()}

StartResponse = Callable[..., Any]


class Refused(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def script_tags(token: str) -> str:
    """What the preview adds to every page it serves: the editor, with this run's token."""
    return (
        f'<link rel="stylesheet" href="{PREFIX}assets/editor.css">'
        f'<script src="{PREFIX}assets/jsoneditor.js" defer></script>'
        f'<script src="{PREFIX}assets/editor.js" data-token="{token}" defer></script>'
    )


class EditApp:
    """The ``/_edit/`` endpoints for the notices in ``data_dir``."""

    def __init__(self, data_dir: Path, token: str) -> None:
        self.data_dir, self.token = data_dir, token

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            self._guard(environ)
            route = environ.get("PATH_INFO", "").removeprefix(PREFIX)
            if route.startswith("assets/"):
                return self._asset(route.removeprefix("assets/"), start_response)
            if not hmac.compare_digest(environ.get(TOKEN_HEADER, "").encode(), self.token.encode()):
                raise Refused(HTTPStatus.FORBIDDEN, "没有本次预览的编辑口令：只能在 rectify serve 打开的网页中编辑")
            status, answer = self._api(route, environ)
        except Refused as refused:
            status, answer = refused.status, {"message": refused.message}
        except Exception as error:  # never a traceback in the clerk's terminal; say it in the form
            status = HTTPStatus.INTERNAL_SERVER_ERROR
            answer = {"message": f"编辑时出错（{type(error).__name__}：{error}）；请把这句话交给维护人员"}
        body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        start_response(f"{status.value} {status.phrase}", [*_HEADERS, ("Content-Length", str(len(body)))])
        return [body]

    def _guard(self, environ: dict[str, Any]) -> None:
        """The request is for this preview and comes from its pages (or from no page at all)."""
        port = environ.get("SERVER_PORT", "")
        ours = {f"127.0.0.1:{port}", f"localhost:{port}"}
        if environ.get("HTTP_HOST", "") not in ours:
            raise Refused(HTTPStatus.FORBIDDEN, "只接受本机预览地址（127.0.0.1 或 localhost）上的请求")
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None and origin not in {f"http://{host}" for host in ours}:
            raise Refused(HTTPStatus.FORBIDDEN, "只接受本机预览网页发来的请求")

    def _asset(self, name: str, start_response: StartResponse) -> Iterable[bytes]:
        if name not in ASSET_TYPES:
            raise Refused(HTTPStatus.NOT_FOUND, "没有这个文件")
        body = (ASSETS / name).read_bytes()
        headers = [("Content-Type", f"{ASSET_TYPES[name]}; charset=utf-8"), ("Content-Length", str(len(body)))]
        start_response("200 OK", [*headers, ("Cache-Control", "no-store")])
        return [body]

    def _api(self, route: str, environ: dict[str, Any]) -> tuple[HTTPStatus, Any]:
        method = environ.get("REQUEST_METHOD", "GET")
        query = {key: values[0] for key, values in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if (method, route) == ("GET", "api/page"):
            return HTTPStatus.OK, self.page(query.get("path", "/"))
        if (method, route) == ("GET", "api/part"):
            part = self._part(query)
            schema = view_schema(part.view)
            return HTTPStatus.OK, {
                "title": part.view.title,
                "schema": schema,
                "value": part.form(),
                "version": part.version,
            }
        if method == "POST" and route in ("api/check", "api/save"):
            return self._change(_json_body(environ), save=route == "api/save")
        if (method, route) == ("POST", "api/import"):
            return self._import(environ, query)
        raise Refused(HTTPStatus.NOT_FOUND, "没有这个编辑功能")

    # --- where the files are -------------------------------------------------------------------

    def folder(self, notice_id: Any) -> Path:
        """The notice folder of ``notice_id``, only when it and its files stay inside the data folder."""
        outside = Refused(HTTPStatus.FORBIDDEN, "只能读写数据文件夹中的通报")
        if not isinstance(notice_id, str) or not NOTICE_ID.match(notice_id):
            raise outside
        root = self.data_dir.resolve()
        folder = self.data_dir / notice_id
        if folder.is_symlink() or folder.resolve().parent != root:
            raise outside
        for name in (NOTICE_FILE, FINDINGS_FILE, TEXT_FILE):
            file = folder / name
            if file.is_symlink() or (file.exists() and not file.resolve().is_relative_to(root)):
                raise outside
        if not (folder / NOTICE_FILE).is_file():
            raise Refused(HTTPStatus.NOT_FOUND, f"数据文件夹中没有通报 {notice_id}")
        return folder

    def notices(self) -> list[str]:
        return sorted(
            path.name
            for path in self.data_dir.iterdir()
            if NOTICE_ID.match(path.name) and not path.is_symlink() and (path / NOTICE_FILE).is_file()
        )

    def page(self, path: str) -> dict[str, Any]:
        """Which notice (and finding) a page of the preview shows, and the forms for it."""
        parts = [part for part in unquote(path).split("/") if part]
        notices = self.notices()
        if not parts and len(notices) == 1:
            parts = notices[:1]  # a site of one notice shows it on the site home
        answer: dict[str, Any] = {"notice": None, "finding": None, "views": []}
        if not parts or parts[0] not in notices:
            return answer
        answer["notice"] = parts[0]
        views: tuple[View, ...] = NOTICE_VIEWS
        if len(parts) >= 3 and parts[1] == "findings":
            try:
                change.open_part(self.folder(parts[0]), FINDING_VIEWS[0], parts[2])
            except change.NotFound:
                return answer  # not a finding page (or no longer one)
            answer["finding"] = parts[2]
            views = FINDING_VIEWS
        answer["views"] = [{"id": view.id, "title": view.title} for view in views]
        return answer

    def _part(self, query: dict[str, Any]) -> change.Part:
        finding = query.get("finding") or None
        view = find_view(str(query.get("view", "")), finding is not None)
        if view is None:
            raise Refused(HTTPStatus.NOT_FOUND, "没有这个编辑表单")
        try:
            return change.open_part(self.folder(query.get("notice")), view, finding and str(finding))
        except change.NotFound as error:
            raise Refused(HTTPStatus.NOT_FOUND, str(error)) from None

    # --- a change -----------------------------------------------------------------------------

    def _change(self, request: dict[str, Any], *, save: bool) -> tuple[HTTPStatus, Any]:
        part = self._part(request)
        if save and request.get("version") != part.version:
            raise Refused(HTTPStatus.CONFLICT, f"{part.file.name} 在打开表单之后已被改动；请关闭表单，重新打开后再改")
        proposal = change.propose(part, request.get("value"))
        form = part.form()
        answer = {
            "changed": proposal.changed,
            "diff": proposal.diff(),
            "errors": [self._message(error, part, form) for error in proposal.errors],
            "elsewhere": [self._message(error, part, form) for error in proposal.elsewhere],
            "remarks": [self._message(remark, part, form) for remark in proposal.remarks],
            "saved": False,
        }
        if proposal.errors:
            return HTTPStatus.UNPROCESSABLE_ENTITY, answer
        if save and proposal.changed:
            change.save(proposal)
            answer["saved"] = True
        return HTTPStatus.OK, answer

    def _message(self, error: DataError, part: change.Part, form: Any) -> dict[str, Any]:
        return {
            "path": change.in_form(part, error, form),
            "label": printable(error.label),
            "message": printable(error.message),
            "where": printable(f"{Path(error.file).name}:{error.line}" if error.line else Path(error.file).name),
        }

    # --- 新建通报 ------------------------------------------------------------------------------

    def _import(self, environ: dict[str, Any], query: dict[str, Any]) -> tuple[HTTPStatus, Any]:
        """A notice's text (a file, or pasted text) into a new notice folder, as ``rectify import`` does."""
        length = _length(environ, MAX_UPLOAD)
        notice_id, name = str(query.get("notice", "")), Path(str(query.get("name", "原文.txt"))).name
        if not NOTICE_ID.match(notice_id) or notice_id in RESERVED_NOTICE_IDS:
            raise Refused(
                HTTPStatus.BAD_REQUEST, "通报编号只能用小写字母、数字和连字符，且不能是网站保留的名称，如 xcb-2024"
            )
        if (self.data_dir / notice_id).exists() or (self.data_dir / notice_id).is_symlink():
            raise Refused(HTTPStatus.CONFLICT, f"数据文件夹中已有 {notice_id}；请换一个通报编号")
        suffix = Path(name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            raise Refused(HTTPStatus.BAD_REQUEST, "只能导入 .docx、.pdf 或 .txt 文件，或粘贴通报原文")
        raw = environ["wsgi.input"].read(length)
        folder = self.data_dir / notice_id
        with tempfile.TemporaryDirectory(prefix="rectify-import-") as tmp:
            source = Path(tmp) / f"原文{suffix}"
            source.write_bytes(raw)
            try:
                paragraphs = read_paragraphs(source)
                schema_dir = Path(os.path.relpath(SCHEMA_DIR, folder.resolve())).as_posix()
                result = import_paragraphs(paragraphs, source_name=name, schema_dir=schema_dir)
            except (ReadError, ImportFailed) as error:
                raise Refused(HTTPStatus.UNPROCESSABLE_ENTITY, f"无法导入 {name}：{error}") from None
            said = [f"{where(Path(name), remark.line, paragraphs)} {remark.message}" for remark in result.remarks]
        folder.mkdir()
        for file_name, text in ((NOTICE_FILE, result.notice_yaml), (FINDINGS_FILE, result.findings_yaml)):
            yamlio.write_atomic(folder / file_name, text)
        if result.text:
            yamlio.write_atomic(folder / TEXT_FILE, result.text)
        notice, errors = load_notice(folder)
        checked = [*errors, *(notice.remarks if notice else ())]
        return HTTPStatus.OK, {
            "notice": notice_id,
            "url": f"/{notice_id}/",
            "import_remarks": [printable(line) for line in said],
            "errors": len(errors),
            "remarks": [self._linked(folder, item) for item in checked],
        }

    def _linked(self, folder: Path, error: DataError) -> dict[str, Any]:
        """A check's message with the address of the form for its field."""
        path = message_path(error.field) or ()
        link = None
        if Path(error.file).name == NOTICE_FILE and path and path[0] in _NOTICE_KEYS:
            link = f"/{folder.name}/#edit={_NOTICE_KEYS[str(path[0])]}"
        elif Path(error.file).name == FINDINGS_FILE and len(path) >= 4 and path[2] == "findings":
            data = yamlio.load(folder / FINDINGS_FILE)
            finding = yamlio.get_value(data, path[:4]) or {}
            view = _FINDING_KEYS.get(str(path[4]) if len(path) > 4 else "", "finding")
            if finding.get("id"):
                link = f"/{folder.name}/findings/{finding['id']}/#edit={view}"
        if link and path:
            found = find_view(link.rsplit("=", 1)[1], "/findings/" in link)
            prefix = path[:4] if "/findings/" in link else ()
            field = form_path(found, prefix + (found.prefix if found else ()), path, None) if found else None
            link += f"&field={field}" if field else ""
        return {"label": printable(error.label), "message": printable(error.message), "link": link}


_HEADERS = [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store")]


def _length(environ: dict[str, Any], limit: int) -> int:
    """The body's length from Content-Length, refused before reading when missing or too large."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or "")
    except ValueError:
        raise Refused(HTTPStatus.LENGTH_REQUIRED, "请求没有写明长度（Content-Length）") from None
    if length < 0 or length > limit:
        raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"文件太大：最多 {limit // 1_000_000} MB")
    return length


def _json_body(environ: dict[str, Any]) -> dict[str, Any]:
    if not environ.get("CONTENT_TYPE", "").startswith("application/json"):
        raise Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "请求应为 JSON")
    length = _length(environ, MAX_JSON)
    try:
        request = json.loads(environ["wsgi.input"].read(length).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Refused(HTTPStatus.BAD_REQUEST, "请求不是 UTF-8 的 JSON") from None
    if not isinstance(request, dict):
        raise Refused(HTTPStatus.BAD_REQUEST, "请求应为 JSON 对象")
    return request
