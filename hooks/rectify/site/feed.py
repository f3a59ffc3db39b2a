"""An Atom feed of notices and progress entries, with IDs that never change.

An entry's ID is a tag URI built from the notice and finding IDs and the date,
so a feed reader sees an entry once, however often the site is rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr

from rectify.data.chinese import chinese_date
from rectify.data.deadlines import last_report, update_overdue
from rectify.data.model import Notice

from .paths import build_date

AUTHORITY = "rectify"
# Feed readers look only for what is new; a bounded feed does not grow with the site.
FEED_ENTRIES = 50
# Said at INFO on a build without site_url (a build must still pass --strict without one).
NO_SITE_URL = (
    "没有设置 site_url：订阅（feed.xml）中的链接只能写成相对链接，订阅阅读器无法打开；"
    "“页面不存在”页（404.html）的链接从网站根目录开始，网站放在栏目下（如 /xszg/）时它没有样式、链接指向门户首页；"
    "发布前请在 mkdocs.yml 中填写 site_url（栏目的完整网址），或用 rectify publish --site-url 栏目网址"
    "（也可以用环境变量 RECTIFY_SITE_URL）"
)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: date
    link: str
    summary: str


def entries(
    notices: Sequence[Notice],
    notice_url: Callable[[Notice], str],
    finding_url: Callable[..., str],
    built: date | None = None,
) -> list[Entry]:
    """The newest ``FEED_ENTRIES`` of the notices' publications and progress entries, newest first;
    with a progress report overdue as of ``built`` (default: the build date), an entry saying so."""
    today = built or build_date()
    found = []
    for notice in notices:
        if days := update_overdue(notice, notices, today):
            assert notice.next_update is not None
            # Dated the day after the promised one, so its ID stays the same at every later build.
            overdue = notice.next_update + timedelta(days=1)
            found.append(
                Entry(
                    id=f"tag:{AUTHORITY},{overdue.isoformat()}:{notice.id}/next-update",
                    title=f"{notice.issuer}：整改进展更新已逾期",
                    updated=overdue,
                    link=notice_url(notice),
                    summary=(
                        f"《{notice.title}》写明{chinese_date(notice.next_update)}公开整改进展，"
                        f"截至{chinese_date(today)}已逾期 {days} 天，尚未公开"
                        f"（最近一次公开：{chinese_date(last_report(notice, notices))}）。"
                    ),
                )
            )
        found.append(
            Entry(
                id=f"tag:{AUTHORITY},{notice.signed.isoformat()}:{notice.id}",
                title=notice.title,
                updated=notice.published,
                link=notice_url(notice),
                summary=f"{notice.issuer}于{chinese_date(notice.signed)}印发，列出问题 {notice.stated_tally.total} 个。",
            )
        )
        for finding in notice.findings:
            for index, step in enumerate(finding.progress, start=1):
                found.append(
                    Entry(
                        id=f"tag:{AUTHORITY},{step.date.isoformat()}:{notice.id}/{finding.id}/{index}",
                        title=f"{notice.issuer}问题{finding.number}“{finding.short}”：{step.status}",
                        updated=step.date,
                        link=finding_url(notice, finding),
                        summary=step.text,
                    )
                )
    return sorted(found, key=lambda e: (e.updated, e.id), reverse=True)[:FEED_ENTRIES]


def atom_feed(title: str, home_url: str, feed_url: str, items: Sequence[Entry]) -> str:
    """The feed document; dates are days, written as midnight UTC."""
    updated = max((e.updated for e in items), default=date(1970, 1, 1))
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <title>{escape(title)}</title>",
        f"  <id>tag:{AUTHORITY},2017:{escape(feed_url)}</id>",
        f'  <link rel="alternate" href={quoteattr(home_url)}/>',
        f'  <link rel="self" href={quoteattr(feed_url)}/>',
        f"  <updated>{updated.isoformat()}T00:00:00Z</updated>",
        "  <author><name>整改公开</name></author>",
    ]
    for entry in items:
        out += [
            "  <entry>",
            f"    <id>{escape(entry.id)}</id>",
            f"    <title>{escape(entry.title)}</title>",
            f"    <updated>{entry.updated.isoformat()}T00:00:00Z</updated>",
            f'    <link rel="alternate" href={quoteattr(entry.link)}/>',
            f"    <summary>{escape(entry.summary)}</summary>",
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"
