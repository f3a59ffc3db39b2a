"""Benchmark: build speed, scale and page weight (``make bench``; ``make bench QUICK=1``).

For each scale (synthetic data from ``tools/synthetic.py``, 20 findings per notice) it builds

1. *hooked*: ``mkdocs build --strict`` of this project with ``RECTIFY_DATA`` pointing at the
   data, as a user builds the site;
2. *baseline*: the same pages, rendered once beforehand with ``rectify.site.render`` into plain
   Markdown files (plus the hand-written pages, assets, open data, schemas and feed), built by
   plain MkDocs from a temporary ``mkdocs.yml`` that inherits ours (same theme, custom_dir,
   extra CSS/JS, Markdown extensions, plugins and validation) but has no hooks.

The two are run alternately, so that a busy machine slows both alike; it prints the median
wall time of each, their ratio, the CPU time ratio, the peak memory of each build process,
the share of the hooked build spent in our own code, and the sizes of a home, notice and
finding page and of the whole output, and the load average when the builds had ended (the
machine may be shared); then where the time of one more hooked build goes, by phase
(``tools/bench_timing.py``: our loading and rendering, Python-Markdown, Material's templates and
search indexing); then what a browser fetches from each site, a first view and a first search
(``tools/bench_fetch.py``); then a summary of those figures, one line a scale. Before all that, the
page weight of the seed site: what a reader downloads on a first visit. Then ``bench_serve.py``:
edit → updated page with ``rectify serve`` at 1, 20 and 100 notices, and ``worst ratio R``. Last,
``bench_limits.py``: peak memory and time of ``rectify import`` on the inputs the size limits refuse. A browser
measurement that does not finish in time is printed as such and makes the run fail (exit status 1).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import bench_fetch
import bench_limits
import bench_serve
import yaml
from mkdocs.utils.yaml import yaml_load
from rectify.data.load import load_site
from rectify.data.model import Notice
from rectify.data.schema import SCHEMA_DIR
from rectify.site.feed import atom_feed, entries
from rectify.site.reference import SCHEMA_MARKER, schema_reference
from rectify.site.render import FEED, HOME, SCHEMAS, Site, data_files, nav, site_pages
from synthetic import write_data

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEED_DATA = ROOT / "data"
HOOKS = ROOT / "hooks"
SCALES = (1, 10, 50, 200)
QUICK_SCALES = (1, 10)
# rectify serve: edit → updated page (bench_serve.py).
SERVE_SCALES = bench_serve.SCALES
QUICK_SERVE_SCALES = (1, 20)
RUNS = 3


def default_runs(notices: int) -> int:
    """Builds of each kind: three, but fewer where one build takes minutes (``make bench`` < 15 min)."""
    return RUNS if notices <= 10 else 2 if notices <= 100 else 1


ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "RECTIFY_OFFLINE": "false"}
ENV.pop("RECTIFY_SITE_URL", None)


# --- one build ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    wall: float
    """Seconds from start to exit."""
    cpu: float
    """User + system seconds of the build process."""
    peak: int
    """Peak resident memory of the build process, bytes."""


def build(
    site_dir: Path, *, data: Path | None = None, config: Path | None = None, extra_env: dict[str, str] | None = None
) -> Run:
    """One ``mkdocs build --strict``: the hooked project (``data``) or a baseline ``config``."""
    shutil.rmtree(site_dir, ignore_errors=True)
    command = [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site_dir)]
    env = {**ENV, **(extra_env or {})}
    if config is not None:
        command += ["--config-file", str(config)]
    if data is not None:
        env["RECTIFY_DATA"] = str(data)
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        # wait4 gives the child's own resource use; ru_maxrss is in KiB on Linux.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            raise RuntimeError(f"build failed ({' '.join(command)}):\n{log.read().decode(errors='replace')}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


# --- the baseline project -------------------------------------------------------------------


def baseline_project(notices: list[Notice], target: Path) -> Path:
    """Pre-render every page of the hooked build into ``target``; return its mkdocs.yml."""
    docs = target / "docs"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "docs", docs)
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if SCHEMA_MARKER in text:
            page.write_text(text.replace(SCHEMA_MARKER, schema_reference()), encoding="utf-8")
    generated = {**site_pages(notices), **data_files(notices), FEED: _feed(notices)}
    for path, content in generated.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(content, encoding="utf-8")
    for path in SCHEMAS:
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SCHEMA_DIR / Path(path).name, docs / path)
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as file:
        own = yaml_load(file)
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(docs),
        "hooks": [],
        "watch": [],
        "nav": nav(notices) + list(own.get("nav") or []),
    }
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def timed_project(target: Path) -> Path:
    """A ``mkdocs.yml`` that is ours plus the timing hook (``bench_timing.py``); paths made absolute."""
    target.mkdir(parents=True, exist_ok=True)
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(ROOT / "docs"),
        "theme": {"custom_dir": str(ROOT / "docs" / "overrides")},
        "hooks": [str(HOOKS / "rectify_hooks.py"), str(Path(__file__).with_name("bench_timing.py"))],
        "watch": [],
    }
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def where_time_goes(data: Path, work: Path) -> dict[str, float]:
    """One hooked build with the timing hook: seconds per phase, and the rest of the wall time."""
    out = work / "timing.json"
    run = build(
        work / "site-timed", data=data, config=timed_project(work / "timed"), extra_env={"RECTIFY_TIMING": str(out)}
    )
    phases = json.loads(out.read_text(encoding="utf-8"))
    return {**phases, "rest": run.wall - sum(phases.values()), "wall": run.wall}


def _feed(notices: list[Notice]) -> str:
    """The feed as the hooks write it, with MkDocs' directory URLs."""
    site = Site(tuple(notices))

    def url(path: str) -> str:
        stem = path.removesuffix(".md").removesuffix("index")
        return stem if not stem or stem.endswith("/") else stem + "/"

    items = entries(
        site.notices,
        lambda notice: url(site.paths(notice).notice),
        lambda notice, finding: url(site.paths(notice).finding(finding)),
    )
    return atom_feed("整改公开", url(HOME), FEED, items)


# --- our share of the time ----------------------------------------------------------------


def profile_share(data: Path, site_dir: Path, out: Path) -> float:
    """The share of the hooked build's time spent in our own code, from cProfile.

    The build runs under ``python -m cProfile`` in a child process. Our code runs only from
    its entry points, which never call one another: the import of the adapter
    (``rectify_hooks.py:<module>``, with the ``rectify`` package), the events MkDocs calls
    (``rectify_hooks.py:on_*``) and the memo around ``jieba.cut`` that Material's search calls
    (``site/segmentation.py:__call__``). We add up their inclusive time (``cumtime``: everything they
    call, PyYAML, jsonschema, jieba, file writes included). From it we take away the work the
    baseline does just the same, which our code now merely starts or wraps: loading jieba's
    main dictionary (``site/segmentation.py:load_dictionary``: we load it early, and faster, so that our
    word breaks can share it with the search) and jieba segmenting a text the memo has not
    seen. (Summing the time of every call into ``hooks/``
    instead would count twice the calls that come back through PyYAML's composer.) The share
    is that time over the whole profiled run; cProfile slows Python code by a similar factor
    everywhere, so the share is meaningful, its seconds are not.
    """
    shutil.rmtree(site_dir, ignore_errors=True)
    command = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "--strict", "--quiet"]
    command += ["--site-dir", str(site_dir)]
    subprocess.run(command, cwd=ROOT, env={**ENV, "RECTIFY_DATA": str(data)}, check=True, capture_output=True)
    return our_share(pstats.Stats(str(out)))


def our_share(stats: pstats.Stats) -> float:
    """See ``profile_share``."""
    table = stats.stats  # type: ignore[attr-defined]
    total = max(cumtime for _, _, _, cumtime, _ in table.values())
    adapter, memo = str(HOOKS / "rectify_hooks.py"), str(HOOKS / "rectify" / "site" / "segmentation.py")
    mine = 0.0
    for (file, _, name), (_, _, _, cumtime, callers) in table.items():
        if (file == adapter and (name == "<module>" or name.startswith("on_"))) or (
            file == memo and name == "__call__"
        ):
            mine += cumtime
        elif file == memo and name == "load_dictionary":
            mine -= cumtime
        elif file.endswith(os.path.join("jieba", "__init__.py")) and name == "cut":
            # Not our word breaks (segmentation.words), which also call it.
            mine -= sum(c[3] for (caller, _, by), c in callers.items() if caller == memo and by == "_words")
    return mine / total


# --- page weight ---------------------------------------------------------------------------


class _References(HTMLParser):
    """The stylesheets, scripts, images and icons a page refers to."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("href") and {"stylesheet", "icon"} & set((a.get("rel") or "").split()):
            self.found.append(a["href"] or "")
        elif tag in ("script", "img", "source") and a.get("src"):
            self.found.append(a["src"] or "")


def _local(page: Path, reference: str) -> Path | None:
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return (page.parent / parts.path).resolve()


def _css_references(css: Path) -> Iterator[Path]:
    """Fonts and images a stylesheet loads with url(...)."""
    text = css.read_text(encoding="utf-8", errors="replace")
    start = 0
    while (index := text.find("url(", start)) >= 0:
        end = text.find(")", index)
        reference = text[index + 4 : end].strip("'\" ")
        start = end
        if not reference.startswith("data:"):
            found = _local(css, reference)
            if found and found.is_file():
                yield found


@dataclass(frozen=True)
class Weight:
    by_kind: dict[str, tuple[int, int]]
    """Kind (html, css, js, fonts, images) → (bytes, gzip bytes)."""

    @property
    def total(self) -> tuple[int, int]:
        return sum(b for b, _ in self.by_kind.values()), sum(g for _, g in self.by_kind.values())


KINDS = {".html": "html", ".css": "css", ".js": "js", ".woff2": "fonts", ".woff": "fonts", ".ttf": "fonts"}


def page_weight(page: Path) -> Weight:
    """What a first visit to ``page`` downloads: the page and everything it references."""
    parser = _References()
    parser.feed(page.read_text(encoding="utf-8"))
    files = {page}
    for reference in parser.found:
        found = _local(page, reference)
        if found and found.is_file():
            files.add(found)
            if found.suffix == ".css":
                files.update(_css_references(found))
    by_kind: dict[str, tuple[int, int]] = {}
    for file in files:
        kind = KINDS.get(file.suffix, "images")
        raw, packed = _sizes(file)
        old = by_kind.get(kind, (0, 0))
        by_kind[kind] = (old[0] + raw, old[1] + packed)
    return Weight(by_kind)


def search_weight(site: Path) -> Weight:
    """Material's search: the worker, its lunr files and the index, fetched when the search is first opened."""
    js = site / "assets" / "javascripts"
    files = [*(js / "workers").glob("search.*.min.js")]
    files += [js / "lunr" / "min" / name for name in ("lunr.stemmer.support.min.js", "lunr.zh.min.js")]
    index = site / "search" / "search_index.json"
    return Weight(
        {
            "js": tuple(map(sum, zip(*(_sizes(f) for f in files if f.is_file()), strict=True))),  # type: ignore[dict-item]
            "index": _sizes(index),
        }
    )


def _sizes(file: Path) -> tuple[int, int]:
    data = file.read_bytes()
    return len(data), len(gzip.compress(data, 6, mtime=0))


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def print_weight(site: Path, pages: dict[str, Path]) -> None:
    print("Page weight of the seed site, first visit (bytes as stored / gzip -6):")
    for label, page in pages.items():
        weight = page_weight(page)
        kinds = "  ".join(f"{kind} {_kb(raw)}" for kind, (raw, _) in sorted(weight.by_kind.items()))
        raw, packed = weight.total
        print(f"  {label:<8} {_kb(raw):>10} / {_kb(packed):>9}   ({kinds})")
    search = search_weight(site)
    js, index = search.by_kind["js"], search.by_kind["index"]
    print(
        f"  search   worker+lunr {_kb(js[0])} / {_kb(js[1])}, index {_kb(index[0])} / {_kb(index[1])}"
        " (fetched when the search is first opened)"
    )


# --- scales ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    notices: int
    pages: int
    hooked: list[Run]
    baseline: list[Run]
    share: float | None
    sizes: dict[str, int]
    phases: dict[str, float] | None
    """Seconds per phase of one timed build (``where_time_goes``)."""
    load: float
    """The 1-minute load average when the scale's builds had ended (the machine may be shared)."""
    fetched: bench_fetch.Fetched | None = None
    """What a browser downloads from the hooked site (``bench_fetch``), if Chromium is here."""
    stuck: str | None = None
    """Why the browser measurement stopped, when a step of it did not happen in time."""

    @property
    def ratio(self) -> float:
        return _median([r.wall for r in self.hooked]) / _median([r.wall for r in self.baseline])

    @property
    def cpu_ratio(self) -> float:
        return _median([r.cpu for r in self.hooked]) / _median([r.cpu for r in self.baseline])


def _median(values: Sequence[float]) -> float:
    return statistics.median(values)


def measure(notices: int, work: Path, runs: int, profile: bool) -> Result:
    data = write_data(work / f"data-{notices}", notices)
    loaded = load_site(data)
    config = baseline_project(loaded, work / f"baseline-{notices}")
    site = work / f"site-{notices}"
    hooked: list[Run] = []
    baseline: list[Run] = []
    for _ in range(runs):
        hooked.append(build(site, data=data))
        baseline.append(build(work / "site-baseline", config=config))
    share = profile_share(data, work / "site-profile", work / f"profile-{notices}.prof") if profile else None
    phases = where_time_goes(data, work) if profile else None
    # Sizes from the last hooked build (the profiled build wrote elsewhere).
    first = Site(tuple(loaded))
    paths = first.paths(loaded[0])
    sizes = {
        "home": _html(site, HOME),
        "notice": _html(site, paths.notice),
        "finding": _html(site, paths.finding(loaded[0].findings[0])),
        "site": sum(f.stat().st_size for f in site.rglob("*") if f.is_file()),
        # Material's index file and, past split.SPLIT_ABOVE, its parts and word lists.
        "search": sum(f.stat().st_size for f in (site / "search").rglob("*") if f.is_file()),
    }
    pages = len(list(site.rglob("*.html")))
    load = os.getloadavg()[0]
    if bench_fetch.available():
        return Result(notices, pages, hooked, baseline, share, sizes, phases, load)
    try:
        fetched = bench_fetch.fetched(site)
    except bench_fetch.Stuck as stuck:
        return Result(notices, pages, hooked, baseline, share, sizes, phases, load, stuck=str(stuck))
    return Result(notices, pages, hooked, baseline, share, sizes, phases, load, fetched)


def _html(site: Path, source: str) -> int:
    stem = source.removesuffix(".md").removesuffix("index")
    return (site / stem / "index.html").stat().st_size


HEADER = (
    f"{'notices':>7} {'pages':>6} {'hooked s':>9} {'baseline s':>10} {'ratio':>6} {'cpu ratio':>9} "
    f"{'peak MB h/b':>12} {'ours':>6} {'ms/page':>7} {'site home KB':>12} {'notice KB':>9} {'finding KB':>10} "
    f"{'site MB':>8} {'search MB':>9} {'load':>5}"
)


def row(result: Result) -> str:
    hooked = _median([r.wall for r in result.hooked])
    baseline = _median([r.wall for r in result.baseline])
    peak = f"{max(r.peak for r in result.hooked) / 2**20:.0f}/{max(r.peak for r in result.baseline) / 2**20:.0f}"
    share = "—" if result.share is None else f"{result.share:.1%}"
    s = result.sizes
    return (
        f"{result.notices:>7} {result.pages:>6} {hooked:>9.2f} {baseline:>10.2f} {result.ratio:>6.3f} "
        f"{result.cpu_ratio:>9.3f} {peak:>12} {share:>6} {hooked / result.pages * 1000:>7.1f} "
        f"{s['home'] / 1024:>12.1f} {s['notice'] / 1024:>9.1f} {s['finding'] / 1024:>10.1f} "
        f"{s['site'] / 2**20:>8.1f} {s['search'] / 2**20:>9.2f} {result.load:>5.1f}"
    )


PHASES = ("before pages", "Markdown", "templates", "search", "after pages", "rest")


def phase_rows(results: Sequence[Result]) -> list[str]:
    """Where the time goes, one line per scale (see ``bench_timing.py``)."""
    timed = [r for r in results if r.phases]
    if not timed:
        return []
    lines = [
        "",
        "Where the time goes (one more hooked build per scale, timed by tools/bench_timing.py; seconds):",
        f"{'notices':>7} {'wall':>7} " + " ".join(f"{phase:>12}" for phase in PHASES),
    ]
    for r in timed:
        assert r.phases is not None
        lines.append(f"{r.notices:>7} {r.phases['wall']:>7.2f} " + " ".join(f"{r.phases[p]:>12.2f}" for p in PHASES))
    lines.append(
        "(before pages: configuration, load_site, generated files, navigation; Markdown: Python-Markdown; "
        "search: Material's search plugin; rest: start-up and writing files)"
    )
    return lines


# Searching must start after no more than this (gzip), at every scale measured.
SEARCH_BUDGET = 2 * 1024 * 1024


def fetch_rows(results: Sequence[Result]) -> list[str]:
    """What a browser fetches from each scale's site: a first view, then one search."""
    why_not = bench_fetch.available()
    if why_not:
        return ["", f"Bytes a browser fetches: not measured ({why_not})"]
    lines = [
        "",
        f"Bytes a browser fetches from the site home (Chromium, empty cache; KB as sent / gzip -6; first search: "
        f"every file from typing {bench_fetch.QUERY} to its first result; load: 1-minute load average then):",
        bench_fetch.HEADER,
    ]
    for r in results:
        if r.fetched is None:
            lines.append(f"{r.notices:>7} not measured: {r.stuck}")
        else:
            lines.append(bench_fetch.row(r.notices, r.fetched))
    measured = [r for r in results if r.fetched is not None]
    if measured:
        worst = max(measured, key=lambda r: r.notices)
        assert worst.fetched is not None
        packed = worst.fetched.search.packed
        verdict = "within" if packed <= SEARCH_BUDGET else "OVER"
        lines.append(
            f"a first search fetches {packed / 1024:,.0f} KB gzip at {worst.notices} notices: "
            f"{verdict} the {SEARCH_BUDGET // 1024:,} KB budget"
        )
    return lines


SUMMARY = (
    f"{'notices':>7} {'pages':>6} {'build s':>8} {'baseline s':>10} {'peak MB':>9} {'ms/page':>7} {'site MB':>8} "
    f"{'first search KB gz':>18} {'first view KB gz':>16} {'load':>5}"
)


def summary_rows(results: Sequence[Result]) -> list[str]:
    """The figures above in one table: builds (median s, peak MB ours/baseline) and what a browser fetches (gzip)."""
    lines = ["", f"Summary (first search: {bench_fetch.QUERY}, on the web; load: when the builds had ended):", SUMMARY]
    for r in results:
        hooked = _median([run.wall for run in r.hooked])
        peak = f"{max(x.peak for x in r.hooked) / 2**20:.0f}/{max(x.peak for x in r.baseline) / 2**20:.0f}"
        search, view = (
            (f"{r.fetched.search.packed / 1024:,.0f}", f"{r.fetched.first_view.packed / 1024:,.0f}")
            if r.fetched
            else ("—", "—")
        )
        lines.append(
            f"{r.notices:>7} {r.pages:>6} {hooked:>8.2f} {_median([run.wall for run in r.baseline]):>10.2f} "
            f"{peak:>9} {hooked / r.pages * 1000:>7.1f} {r.sizes['site'] / 2**20:>8.1f} {search:>18} {view:>16} "
            f"{r.load:>5.1f}"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="scales 1 and 10, one run each")
    parser.add_argument(
        "--scales",
        help="comma-separated numbers of notices (default 1,10,50,200; 1,10,50,200,1000 takes about an hour)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        help=f"builds of each kind per scale (default {RUNS}, 2 from 50 notices, 1 from 200; quick 1)",
    )
    parser.add_argument(
        "--no-profile", action="store_true", help="skip the profiled and timed builds (no 'ours' column, no phases)"
    )
    parser.add_argument("--work", type=Path, help="keep data and sites here (default: a temporary folder)")
    parser.add_argument(
        "--serve-scales", help="notices for rectify serve's edit → page latency (default 1,20,100; quick 1,20)"
    )
    args = parser.parse_args(argv)
    scales = tuple(int(n) for n in args.scales.split(",")) if args.scales else QUICK_SCALES if args.quick else SCALES
    runs = args.runs or (1 if args.quick else RUNS)

    started = time.perf_counter()
    work = args.work or Path(tempfile.mkdtemp(prefix="rectify-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(
            f"rectify benchmark {datetime.now():%Y-%m-%d %H:%M}, {platform.node()}: {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}; "
            f"scales {','.join(map(str, scales))}, runs of each build: "
            + ", ".join(f"{args.runs or (1 if args.quick else default_runs(n))}" for n in scales),
            flush=True,
        )
        seed_site = work / "site-seed"
        seed_runs = [build(seed_site, data=SEED_DATA) for _ in range(runs)]
        notice = load_site(SEED_DATA)[0]
        seed_pages = {
            "home": seed_site / "index.html",
            "notice": seed_site / notice.id / "notice" / "index.html",
            "finding": seed_site / notice.id / "findings" / notice.findings[0].id / "index.html",
        }
        print(
            f"Seed site (1 notice, {len(notice.findings)} findings): built in {_median([r.wall for r in seed_runs]):.2f} s"
            f" (median; CPU {_median([r.cpu for r in seed_runs]):.2f} s, peak {max(r.peak for r in seed_runs) / 2**20:.0f} MB)"
        )
        print_weight(seed_site, seed_pages)
        print()
        print(HEADER, flush=True)
        results = []
        for notices in scales:
            scale_runs = args.runs or (1 if args.quick else default_runs(notices))
            results.append(measure(notices, work, scale_runs, not args.no_profile))
            print(row(results[-1]), flush=True)
        print("(times: median wall seconds; ratio = hooked / baseline; peak: largest ru_maxrss of a build process)")
        for line in phase_rows(results):
            print(line)
        for line in [*fetch_rows(results), *summary_rows(results)]:
            print(line)
        print()
        serve_scales = args.serve_scales or ",".join(map(str, QUICK_SERVE_SCALES if args.quick else SERVE_SCALES))
        bench_serve.main(["--scales", serve_scales])
        print()
        bench_limits.main(["--quick"] if args.quick else [])
        print(f"bench took {time.perf_counter() - started:.0f} s")
        print(f"worst ratio {max(r.ratio for r in results):.3f}")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    # A browser measurement that got stuck is printed above, and fails the run.
    return 1 if any(r.stuck for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
