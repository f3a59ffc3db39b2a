"""A browser without ResizeObserver (older 360/QQ engines, compatibility modes) asks no other host.

Material's bundle loads https://unpkg.com/resize-observer-polyfill when ResizeObserver is missing; the
adapter replaces that with a small stand-in in the bundle (rectify.site.search.material_patches). Chromium with
ResizeObserver deleted before any script runs, on the web build and the offline bundle from file://.
"""

from __future__ import annotations

import pytest
from conftest import SEED_ID
from test_browser import Site, browser, offline, web  # noqa: F401  (fixtures)

playwright = pytest.importorskip("playwright.sync_api")

# The site home, a notice home and a finding page (party-dues.html offline, party-dues/index.html on the web).
PAGES = ("index.html", f"{SEED_ID}/index.html", "party-dues")


@pytest.mark.parametrize("which", ["web", "offline"])
def test_no_request_elsewhere_without_resize_observer(
    browser: object,  # noqa: F811
    request: pytest.FixtureRequest,
    which: str,
) -> None:
    site: Site = request.getfixturevalue(which)
    context = browser.new_context(viewport={"width": 360, "height": 640})  # type: ignore[attr-defined]
    context.add_init_script("delete window.ResizeObserver")
    outside: list[str] = []
    problems: list[str] = []

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith((site.base, "data:", "blob:", "about:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    tab = context.new_page()
    tab.on("pageerror", lambda e: problems.append(str(e)))
    kinds = []
    names = [page for page in site.pages() if page in PAGES or PAGES[2] in page]
    assert len(names) == len(PAGES), names
    for name in names:
        tab.goto(site.url(name))
        tab.wait_for_load_state("networkidle")
        kinds.append(tab.evaluate("typeof ResizeObserver"))  # the stand-in's
        # What Material measures with it: the header title that changes as the page scrolls.
        tab.mouse.wheel(0, 1500)
        tab.wait_for_timeout(200)
        tab.set_viewport_size({"width": 1280, "height": 800})
        tab.wait_for_timeout(200)
        tab.set_viewport_size({"width": 360, "height": 640})
    context.close()
    assert not outside
    assert not problems
    assert kinds == ["function"] * len(PAGES)


def test_the_bundle_names_no_polyfill_host(web: Site) -> None:  # noqa: F811
    (bundle,) = (web.root / "assets" / "javascripts").glob("bundle.*.min.js")
    assert b"resize-observer-polyfill" not in bundle.read_bytes()
