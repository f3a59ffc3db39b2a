"""What is published is exactly what the office signed (issue 23).

Each complete notice written the way offices write them (tests/fixtures/import/written/) and the seed's
own text are imported with ``rectify import`` as an office would, built with ``mkdocs build --strict``,
and the notice page compared with the source paragraph for paragraph, character for character:
nothing added, nothing dropped, nothing re-worded or re-punctuated.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BIN, FIXTURES, ROOT, SEED_TEXT, mkdocs_build

WRITTEN = FIXTURES / "import" / "written"
SOURCES = {path.stem: path for path in sorted(WRITTEN.glob("*.txt"))} | {"seed": SEED_TEXT}
# Lines of a source that are not notice text: the seed's first two are the portal's column and site.
NOT_NOTICE_TEXT = {"seed": 2}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("verbatim")
    for name, source in SOURCES.items():
        result = subprocess.run(
            [str(BIN / "rectify"), "import", str(source), "-o", str(root / "data" / name)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        # What the office adds after the import: the website it publishes on (not in the text).
        notice = root / "data" / name / "notice.yml"
        notice.write_text(re.sub(r"(?m)^  site: +#", "  site: 本单位门户网站 #", notice.read_text(encoding="utf-8")))
    result = mkdocs_build(root / "site", root / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def paragraphs(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", SOURCES)
def test_the_imported_text_is_the_source(imported: Path, name: str) -> None:
    signed = paragraphs(imported / "data" / name / "text.txt")
    assert signed == paragraphs(SOURCES[name])[NOT_NOTICE_TEXT.get(name, 0) :]


@pytest.mark.parametrize("name", SOURCES)
def test_the_notice_page_is_the_signed_text(imported: Path, name: str) -> None:
    page = BeautifulSoup(
        (imported / "site" / name / "notice" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    body = page.select_one("div.notice-text")
    assert body is not None
    shown = [element.get_text() for element in body.find_all(["h1", "h2", "h3", "h4", "p"])]
    signed = paragraphs(imported / "data" / name / "text.txt")
    # The title may be set over several lines, and the signer and the date over two; the page
    # shows each as one element. Everything else is one element per paragraph.
    title = body.find("h1")
    if title is not None:
        count = next(n for n in range(1, 4) if "".join(signed[:n]) == title.get_text())
        signed = ["".join(signed[:count]), *signed[count:]]
    if shown[-1] == "".join(signed[-2:]) and shown[-1] != signed[-1]:
        signed = [*signed[:-2], "".join(signed[-2:])]
    assert shown == signed
    # Every problem is linked to its page from the text, with its quoted problem as written.
    links = [a for a in body.find_all("a") if "/findings/" in a.get("href", "")]
    assert links and all(a.get_text() in "".join(signed) for a in links)
