"""What ``rectify serve`` shows in the browser instead of the site while it cannot be built: the data
errors (file, line, field, what to write), or why the build failed. Pure: HTML text only; the
server answers every address with it and adds MkDocs' reload script, so the page reloads itself
once the data is fixed.
"""

from __future__ import annotations

from collections.abc import Sequence

from rectify.data.errors import MAX_LISTED, DataError, printable

from .markup import html

# Self-contained: while the site is broken its stylesheets are not served either.
_STYLE = """
body { font: 16px/1.8 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em auto;
       max-width: 60em; padding: 0 1em; color: #1a1a1a; }
h1 { font-size: 1.5em; color: #9c1c1c; }
li { margin: .6em 0; }
.where { font-family: ui-monospace, monospace; font-size: .9em; background: #f3f3f3; padding: 0 .3em; }
.field { font-weight: 600; }
.hint { border-left: 4px solid #9c1c1c; padding-left: 1em; }
pre { white-space: pre-wrap; background: #f3f3f3; padding: 1em; }
"""

HINT = "改正后保存文件，本页会自动刷新，显示改好的网站；不必重新运行 rectify serve。"


def error_page(errors: Sequence[DataError]) -> str:
    """The data errors, one item each, in the order ``rectify check`` lists them."""
    items = []
    for error in errors[:MAX_LISTED]:
        where = f"{error.file}:{error.line}" if error.line else f"{error.file}"
        field = f'<span class="field">{html(printable(error.label))}：</span>' if error.label else ""
        items.append(
            f'<li><span class="where">{html(printable(where))}</span> {field}{html(printable(error.message))}</li>'
        )
    more = len(errors) - MAX_LISTED
    if more > 0:
        items.append(f"<li>……另有 {more} 处错误没有列出；请先改正上面的错误</li>")
    body = (
        f"<h1>数据检查未通过，共 {len(errors)} 处错误</h1>\n"
        "<p>网站暂时不能生成。请按下面的说明改正数据文件（文件名后面的数字是行号）：</p>\n"
        f"<ol>\n{chr(10).join(items)}\n</ol>\n"
        f'<p class="hint">{HINT}</p>'
    )
    return _page("数据有错误", body)


def failure_page(message: str) -> str:
    """A build that failed for another reason than the data (a setting, a page, the program)."""
    body = (
        "<h1>网站生成失败</h1>\n"
        "<p>不是数据的错误。请检查最近改动的设置（mkdocs.yml）或页面（docs/）；不能解决时，请把下面的内容交给维护人员。</p>\n"
        f"<pre>{html(printable(message))}</pre>\n"
        f'<p class="hint">{HINT}</p>'
    )
    return _page("网站生成失败", body)


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html>\n"
        '<html lang="zh-CN">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{html(title)} - 整改公开预览</title>\n"
        f"<style>{_STYLE}</style>\n"
        "</head>\n"
        "<body>\n"
        f"{body}\n"
        "</body>\n"
        "</html>\n"
    )
