"""Every page carries a Content-Security-Policy and a referrer policy (rectify.site.policy).

The policy allows the site's own files and the hashes of the theme's inline scripts: in Chromium, on
the web under a sub-path and from file:// (the offline bundle), no page breaks it, search still runs,
and a script injected into a built page does not run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SEED_ID
from rectify.site.policy import REFERRER, inline_scripts, script_hash, with_policy
from test_browser import Site, browser, offline, search, web  # noqa: F401  (fixtures)

playwright = pytest.importorskip("playwright.sync_api")

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Collects what the policy refused, before any of the page's scripts run.
WATCH = """
window.__refused = [];
document.addEventListener("securitypolicyviolation", e => window.__refused.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.mark.parametrize("which", ["web", "offline"])
def test_every_page_carries_the_policy_before_any_script(request: pytest.FixtureRequest, which: str) -> None:
    site: Site = request.getfixturevalue(which)
    pages = sorted(site.root.rglob("*.html"))  # with 404.html and the redirects of old URLs
    assert len(pages) >= 31
    for path in pages:
        text = path.read_text(encoding="utf-8")
        policy = _META.search(text)
        assert policy, path
        head = text[: policy.start()]
        assert "<script" not in head and "<link" not in head, path
        assert f'<meta name="referrer" content="{REFERRER}">' in text, path
        assert "unsafe" not in policy[1], path
        assert policy[1].startswith("default-src 'self'; script-src 'self'"), path
        for script in inline_scripts(text):
            assert script_hash(script) in policy[1], f"{path}: {script[:60]}"


def test_scripts_in_a_pages_content_get_no_hash() -> None:
    content = "<p>正文</p><script>alert(1)</script>"
    page = f'<html><head><meta charset="utf-8"><script>theme()</script></head><body>{content}</body></html>'
    policy = _META.search(with_policy(page, content))
    assert policy
    assert script_hash("theme()") in policy[1]
    assert script_hash("alert(1)") not in policy[1]


@pytest.mark.parametrize("which", ["web", "offline"])
def test_no_page_breaks_the_policy_and_search_runs(
    browser: object,  # noqa: F811
    request: pytest.FixtureRequest,
    which: str,
) -> None:
    site: Site = request.getfixturevalue(which)
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script(WATCH)
    tab = context.new_page()
    refused = []
    for name in site.pages():
        tab.goto(site.url(name))
        tab.wait_for_load_state("networkidle")
        refused += [f"{name}: {v}" for v in tab.evaluate("window.__refused")]
    # Search from file:// runs in iframe-worker's frame, which carries the page's policy.
    tab.goto(site.url("index.html"))
    assert site.page_of(search(tab, "党费")) == f"{SEED_ID}/findings/party-dues"
    refused += tab.evaluate("window.__refused")
    context.close()
    assert not refused


@pytest.mark.parametrize("which", ["web", "offline"])
def test_an_injected_script_does_not_run(
    browser: object,  # noqa: F811
    request: pytest.FixtureRequest,
    which: str,
) -> None:
    site: Site = request.getfixturevalue(which)
    page = "index.html"
    tampered: Path = site.root / "tampered.html"
    text = (site.root / page).read_text(encoding="utf-8")
    tampered.write_text(
        text.replace(
            "</body>", '<script>window.__injected = 1</script><img src=x onerror="window.__injected = 2"></body>'
        ),
        encoding="utf-8",
    )
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script(WATCH)
    tab = context.new_page()
    try:
        tab.goto(site.base + "tampered.html")
        tab.wait_for_load_state("networkidle")
        injected = tab.evaluate("window.__injected")
        refused = tab.evaluate("window.__refused")
        # The page's own scripts still ran: the reading tools work.
        tools = tab.locator(".rectify-tools").is_visible()
    finally:
        context.close()
        tampered.unlink()
    assert injected is None
    assert [v for v in refused if v.startswith("script-src-elem inline")]
    assert [v for v in refused if v.startswith("script-src-attr inline")]
    assert tools
