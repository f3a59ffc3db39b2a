"""Where everything of the site lives: the site's own pages and files, and the URL plan of each
notice's pages (``Paths``) and of the notices together (``Site``: how many, which list page).
Source paths of ``.md`` pages; MkDocs turns them into URLs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import cached_property

from rectify.data.model import Category, Finding, Notice
from rectify.data.rounds import Round, rounds

HOME = "index.md"
ACCESSIBILITY = "accessibility.md"
FEED = "feed.xml"
SCHEMAS = ("schema/notice.schema.json", "schema/findings.schema.json")
# A site of many notices: the home shows the newest, list pages show them all, a bounded
# number each, so that no page grows with the number of notices.
HOME_NOTICES = 10
LIST_NOTICES = 50
NOTICE_LIST = "notices/index.md"
# Progress over time across notices: a page of its own (a chart and a row for every reporting day of
# every notice: it grows with the notices, so not on the home), its data at the root.
PROGRESS = "progress/index.md"
PROGRESS_CSV = "progress.csv"
# The data of the site home's chart of notices.
NOTICES_CSV = "notices.csv"
# Inspection rounds (rectify.data.rounds): a page for each round, and their list when there are several.
ROUND_LIST = "rounds/index.md"


def round_page(rnd: Round) -> str:
    return f"rounds/{rnd.slug}/index.md"


def round_csv(rnd: Round) -> str:
    """The data of a round's table and chart."""
    return f"rounds/{rnd.slug}/units.csv"


def build_date() -> date:
    """The day pages state time-bound facts as of without JavaScript (截至…): ``SOURCE_DATE_EPOCH``'s
    day when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch else date.today()


@dataclass(frozen=True)
class Paths:
    """Where one notice's pages live: always under ``<id>/``, however many notices the site holds,
    so that adding a notice moves no page. ``Paths("")`` is where the single-notice layout of
    earlier versions put them (now redirects, see ``render.moved_pages``)."""

    base: str = ""

    @property
    def home(self) -> str:
        return f"{self.base}index.md"

    @property
    def notice(self) -> str:
        return f"{self.base}notice.md"

    @property
    def findings(self) -> str:
        return f"{self.base}findings/index.md"

    @property
    def contact(self) -> str:
        return f"{self.base}contact.md"

    @property
    def print(self) -> str:
        return f"{self.base}print.md"

    @property
    def json(self) -> str:
        return f"{self.base}notice.json"

    @property
    def csv(self) -> str:
        return f"{self.base}findings.csv"

    @property
    def progress_csv(self) -> str:
        """The data of the notice's chart of progress over time."""
        return f"{self.base}progress.csv"

    @property
    def status_csv(self) -> str:
        """The data of the notice's chart of statuses."""
        return f"{self.base}status.csv"

    @property
    def categories_csv(self) -> str:
        """The data of the notice's chart of categories."""
        return f"{self.base}categories.csv"

    def finding(self, finding: Finding) -> str:
        return f"{self.base}findings/{finding.id}.md"

    def category(self, category: Category) -> str:
        return f"{self.base}categories/{category.id}.md"


# Where the single-notice layout of earlier versions published a notice's pages.
ROOT_PATHS = Paths("")


@dataclass(frozen=True)
class Site:
    """All notices of a site, and where each one's pages are."""

    notices: tuple[Notice, ...]
    built: date = field(default_factory=build_date)
    """The build date: overdue findings are stated as of it where no script runs (print, PDF)."""

    @property
    def single(self) -> bool:
        return len(self.notices) == 1

    def paths(self, notice: Notice) -> Paths:
        return Paths(f"{notice.id}/")

    def notice(self, notice_id: str) -> Notice:
        return next(n for n in self.notices if n.id == notice_id)

    def updated_by(self, notice: Notice) -> list[Notice]:
        """Later notices that report progress on ``notice``."""
        return [n for n in self.notices if n.updates == notice.id]

    @cached_property
    def rounds(self) -> list[Round]:
        """The inspection rounds the notices name, the newest first."""
        return rounds(self.notices)

    @property
    def newest_first(self) -> list[Notice]:
        return sorted(self.notices, key=lambda n: (n.signed, n.id), reverse=True)

    @property
    def listed(self) -> bool:
        """Whether the notices need list pages: more than the home shows."""
        return len(self.notices) > HOME_NOTICES

    @property
    def all_notices(self) -> str:
        """The page that leads to every notice."""
        return NOTICE_LIST if self.listed else HOME

    def list_pages(self) -> list[tuple[str, list[Notice]]]:
        """Each list page's source path and its notices, newest first."""
        newest = self.newest_first
        chunks = [newest[start : start + LIST_NOTICES] for start in range(0, len(newest), LIST_NOTICES)]
        return [
            (NOTICE_LIST if number == 1 else f"notices/{number}.md", chunk) for number, chunk in enumerate(chunks, 1)
        ]
