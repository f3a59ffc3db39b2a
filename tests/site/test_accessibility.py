"""Accessible to everyone: axe-core (WCAG 2.0/2.1 A and AA), 适老化 tools, small screens, metadata."""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DATA, ROOT, SEED_ID, mkdocs_build, require_node_tool
from test_browser import Site, browser, web  # noqa: F401  (fixtures shared with the browser tests)
from test_rounds_browser import examples_site  # noqa: F401  (fixture)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# And the rules axe calls best practice: Lighthouse scores some of them (aria-dialog-name).
AXE_TAGS = [*WCAG_AA, "best-practice"]
# The reader would rather never see these pages break.
KEY_PAGES = [
    "index.html",
    f"{SEED_ID}/notice/index.html",
    f"{SEED_ID}/findings/index.html",
    f"{SEED_ID}/findings/union-reform/index.html",
]


@pytest.fixture
def tab(browser: object) -> Iterator[object]:  # noqa: F811
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


@functools.cache
def axe_source() -> str:
    # Run as DevTools code: the pages' Content-Security-Policy refuses an added inline script.
    return AXE.read_text(encoding="utf-8") + "\n;true"


def axe_violations(tab: object) -> list[str]:
    require_node_tool(AXE)
    tab.evaluate(axe_source())  # type: ignore[attr-defined]
    result = tab.evaluate(  # type: ignore[attr-defined]
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']}: {node['target']} {node.get('failureSummary', '')}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


def test_every_page_passes_axe_and_has_the_structure_readers_need(tab: object, web: Site) -> None:  # noqa: F811
    """axe-core's WCAG 2.0/2.1 A and AA rules, lang, one h1, a skip link, header cells, line height."""
    problems = []
    for name in web.pages():
        tab.goto(web.url(name))  # type: ignore[attr-defined]
        problems += [f"{name}: {v}" for v in axe_violations(tab)]
        facts = tab.evaluate(  # type: ignore[attr-defined]
            """() => {
                const article = document.querySelector("article.md-typeset");
                const style = getComputedStyle(article);
                return {
                    lang: document.documentElement.lang,
                    h1: document.querySelectorAll("h1").length,
                    skip: document.querySelectorAll("a.md-skip").length,
                    tablesWithoutHeaders: [...document.querySelectorAll("table")].filter(t => !t.querySelector("th")).length,
                    lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
                };
            }"""
        )
        expected = {"lang": "zh-CN", "h1": 1, "skip": 1, "tablesWithoutHeaders": 0}
        problems += [f"{name}: {key} = {facts[key]!r}" for key, value in expected.items() if facts[key] != value]
        if facts["lineHeight"] < 1.5:
            problems.append(f"{name}: line height {facts['lineHeight']:.2f}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("mode", ["high-contrast", "200%"])
def test_axe_finds_no_violations_in_reading_modes(tab: object, web: Site, mode: str) -> None:  # noqa: F811
    tab.goto(web.url("index.html"))  # type: ignore[attr-defined]
    setting = '{"contrast": "high"}' if mode == "high-contrast" else '{"size": 200}'
    tab.evaluate(f"localStorage.setItem('rectify.reading', '{setting}')")  # type: ignore[attr-defined]
    problems = []
    for name in KEY_PAGES:
        tab.goto(web.url(name))  # type: ignore[attr-defined]
        problems += [f"{name}: {v}" for v in axe_violations(tab)]
    assert not problems, "\n".join(problems)


def font_size(tab: object, selector: str) -> float:
    return tab.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)")  # type: ignore[attr-defined]


def test_text_size_goes_to_200_percent_and_is_remembered(tab: object, web: Site) -> None:  # noqa: F811
    tab.goto(web.url(f"{SEED_ID}/notice/index.html"))  # type: ignore[attr-defined]
    tools = tab.locator(".rectify-tools")  # type: ignore[attr-defined]
    assert tools.is_visible()
    normal = font_size(tab, "article.md-typeset")
    bigger = tab.get_by_role("button", name="A+ 增大字号")  # type: ignore[attr-defined]
    steps = []
    for _ in range(5):  # one click past the largest step changes nothing
        bigger.click()
        steps.append(tab.locator(".rectify-tools__size").text_content())  # type: ignore[attr-defined]
    assert steps == ["125%", "150%", "175%", "200%", "200%"]
    assert font_size(tab, "article.md-typeset") == pytest.approx(2 * normal, rel=0.01)
    tab.goto(web.url(f"{SEED_ID}/contact/index.html"))  # type: ignore[attr-defined]
    assert tab.locator(".rectify-tools__size").text_content() == "200%"  # type: ignore[attr-defined]
    assert font_size(tab, "article.md-typeset") == pytest.approx(2 * normal, rel=0.01)
    tab.get_by_role("button", name="A 标准字号").click()  # type: ignore[attr-defined]
    assert font_size(tab, "article.md-typeset") == pytest.approx(normal, rel=0.01)


def test_high_contrast_by_keyboard_with_visible_focus(tab: object, web: Site) -> None:  # noqa: F811
    tab.goto(web.url(f"{SEED_ID}/findings/index.html"))  # type: ignore[attr-defined]
    toggle = tab.locator("[data-contrast-toggle]")  # type: ignore[attr-defined]
    for _ in range(40):  # Tab through the page until the toggle has focus
        tab.keyboard.press("Tab")  # type: ignore[attr-defined]
        if toggle.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail("高对比度按钮无法用 Tab 键到达")
    outline = toggle.evaluate("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth")
    assert not outline.startswith("none") and not outline.endswith(" 0px"), outline
    tab.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert toggle.get_attribute("aria-pressed") == "true"
    background = tab.evaluate("getComputedStyle(document.querySelector('.md-main')).backgroundColor")  # type: ignore[attr-defined]
    body = tab.evaluate("getComputedStyle(document.body).backgroundColor")  # type: ignore[attr-defined]
    assert "rgb(0, 0, 0)" in (background, body)
    tab.goto(web.url("index.html"))  # type: ignore[attr-defined]
    assert tab.evaluate("document.documentElement.dataset.contrast") == "high"  # type: ignore[attr-defined]


def test_read_aloud_hidden_without_a_voice(tab: object, web: Site) -> None:  # noqa: F811
    tab.goto(web.url(f"{SEED_ID}/notice/index.html"))  # type: ignore[attr-defined]
    voices = tab.evaluate("speechSynthesis.getVoices().filter(v => /^zh/i.test(v.lang)).length")  # type: ignore[attr-defined]
    assert tab.locator("[data-read-aloud]").is_hidden() == (voices == 0)  # type: ignore[attr-defined]


FAKE_VOICE = """
window.__spoken = [];
const fake = {
  getVoices: () => [{ lang: "zh-CN", name: "test" }],
  speak: (utterance) => window.__spoken.push(utterance.text),
  cancel: () => { window.__cancelled = (window.__cancelled || 0) + 1; },
  addEventListener: () => {},
};
Object.defineProperty(window, "speechSynthesis", { value: fake });
"""


def test_read_aloud_starts_and_stops(tab: object, web: Site) -> None:  # noqa: F811
    tab.add_init_script(FAKE_VOICE)  # type: ignore[attr-defined]
    tab.goto(web.url(f"{SEED_ID}/findings/idle-flats/index.html"))  # type: ignore[attr-defined]
    button = tab.locator("[data-read-aloud]")  # type: ignore[attr-defined]
    assert button.is_visible()
    button.click()
    assert button.get_attribute("aria-pressed") == "true" and button.text_content() == "停止朗读"
    spoken = tab.evaluate("window.__spoken")  # type: ignore[attr-defined]
    assert len(spoken) == 1 and "18套房改房长期闲置" in spoken[0] and "字号" not in spoken[0]
    button.click()
    assert button.get_attribute("aria-pressed") == "false" and button.text_content() == "朗读本页"
    assert tab.evaluate("window.__cancelled") >= 2  # type: ignore[attr-defined]


@pytest.mark.parametrize(("width", "size"), [(320, None), (640, 200)], ids=["320px", "200%-zoom"])
def test_no_horizontal_scrolling(browser: object, web: Site, width: int, size: int | None) -> None:  # noqa: F811
    """At 320 px, and at 200 % zoom of a 1280 px window with the largest text, body text never scrolls sideways."""
    context = browser.new_context(viewport={"width": width, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    if size:
        page.add_init_script(f"localStorage.setItem('rectify.reading', JSON.stringify({{size: {size}}}))")
    too_wide = []
    for name in web.pages():
        page.goto(web.url(name))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            too_wide.append(f"{name}: {overflow}px")
    context.close()
    assert not too_wide


def test_government_metadata_from_the_data(web: Site) -> None:  # noqa: F811
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(
        (web.root / SEED_ID / "findings" / "idle-flats" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    meta = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": True})}
    assert meta["ArticleTitle"] == "问题9：18套房改房长期闲置"
    assert meta["PubDate"] == "2017-03-27"
    assert meta["ContentSource"] == "中共黑龙江省总工会党组"
    assert meta["ColumnName"] == "省总工会"
    assert meta["SiteName"] == "黑龙江-省监察厅"
    assert meta["Description"].startswith("省总工会机关从2001年起至今")
    assert "回龙湾" in meta["Keywords"].split(",")


def test_accessibility_statement_names_the_contact_channels(web: Site) -> None:  # noqa: F811
    text = (web.root / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "无障碍声明" in text and "WCAG" in text
    assert 'href="tel:045153643345"' in text and 'href="mailto:dbswxsz@163.com"' in text


def test_footer_slots_show_only_when_set(tmp_path: Path, web: Site) -> None:  # noqa: F811
    footer = web.root / "index.html"
    assert "主办单位" not in footer.read_text(encoding="utf-8")  # nothing set in mkdocs.yml
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(f"""\
            INHERIT: {ROOT / "mkdocs.yml"}
            docs_dir: {ROOT / "docs"}
            hooks: [{ROOT / "hooks" / "rectify_hooks.py"}]
            watch: [{DATA}]
            theme:
              custom_dir: {ROOT / "docs" / "overrides"}
            extra:
              rectify_data: {DATA}
              footer:
                host: 中共黑龙江省总工会党组
                site_code: "2300000001"
                icp: 黑ICP备00000000号
            """),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = mkdocs_build(site, config=config)
    assert result.returncode == 0, result.stderr
    text = (site / "index.html").read_text(encoding="utf-8")
    assert "主办单位：中共黑龙江省总工会党组" in text
    assert "网站标识码：2300000001" in text
    assert "ICP备案号：黑ICP备00000000号" in text
    assert "联系方式：" not in text.split('class="md-copyright"')[1]  # not set, not shown
    assert SEED_ID


# The pages of examples/round-2024 that only a site of several notices has: its home and its round's page
# (issue 26, point 9), the round's table read as built and sorted, and its progress over time (issue 28).
EXAMPLE_PAGES = ["", "demo-county-school-2024", "progress", "rounds/rf20f11bb"]  # the round last: sorted below


def test_axe_finds_no_violations_on_the_round_page(tab: object, examples_site: Path) -> None:  # noqa: F811
    problems = []
    for name in EXAMPLE_PAGES:
        tab.goto((examples_site / name / "index.html").as_uri())  # type: ignore[attr-defined]
        problems += [f"{name or 'index'}: {v}" for v in axe_violations(tab)]
    tab.get_by_role("button", name="完成率").click()  # type: ignore[attr-defined]
    problems += [f"sorted: {v}" for v in axe_violations(tab)]
    assert not problems, "\n".join(problems)
