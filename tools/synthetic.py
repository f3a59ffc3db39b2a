"""Deterministic synthetic data folders for the benchmark: N notices of 20 findings each.

Every text is new, but its length is drawn from the lengths of the same kind of text
in the seed notice (data/hlj-zgh-2017: paragraphs, problems, measures, short titles…),
and its characters come from a character Markov chain (order 2) trained on the seed's
text, so characters, punctuation and clause lengths follow the seed while no sentence
repeats across notices (a cache keyed on text would not flatter the figures).
Statuses, progress entries and the stated figures are consistent, so every folder
passes ``rectify check``. Notice ``k`` is the same at every scale: ``random.Random``
is seeded with the notice number.

Usage: ``python tools/synthetic.py OUT_DIR NOTICES``.
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rectify.data.load import load_site
from rectify.data.model import COUNTED_FIGURES, STATUSES, Notice, Tally

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data"
FINDINGS = 20
ORDER = 2
# Statuses a site of many notices shows (the seed alone has 已完成 16, 长期整改 3).
STATUS_WEIGHTS = {
    "已完成": 75,
    "长期整改": 12,
    "正在整改": 6,
    "基本完成（持续整改）": 5,
    "未完成": 2,
}
PUNCTUATION = set("，。；：、！？“”‘’（）《》()\"' ,.;:-%")


@dataclass(frozen=True)
class Corpus:
    """What is learnt from the seed: lengths per kind of text and the Markov chain."""

    lengths: dict[str, tuple[int, ...]]
    chain: dict[str, tuple[str, ...]]
    starts: tuple[str, ...]
    category_sizes: tuple[int, ...]
    """Findings per category (0 for a category that has only paragraphs)."""


@cache
def corpus() -> Corpus:
    (seed,) = load_site(SEED)
    texts: dict[str, list[str]] = defaultdict(list)
    texts["intro"] += seed.intro
    for section in seed.sections:
        texts["heading"].append(section.heading)
        texts["paragraph"] += section.paragraphs
        for part in section.parts:
            texts["part heading"].append(part.heading)
            texts["paragraph"] += part.paragraphs
    for category in seed.categories:
        texts["category short"].append(category.short)
        texts["category title"].append(category.title)
        texts["category paragraph"] += category.paragraphs
        for finding in category.findings:
            texts["short"].append(finding.short)
            texts["problem"].append(finding.problem)
            texts["measure"] += finding.measures
    texts["contact"].append(seed.contact.intro)
    texts["keyword"] += seed.keywords
    texts["issuer"].append(seed.issuer)
    chain: dict[str, list[str]] = defaultdict(list)
    starts = []
    prose = [
        texts[kind] for kind in ("intro", "paragraph", "category paragraph", "problem", "measure", "category title")
    ]
    for text in (t for texts_of_kind in prose for t in texts_of_kind):
        starts.append(text[:ORDER])
    # One stream, texts joined as sentences, so that the chain only ends at the very end.
    stream = "。".join(t.rstrip("。") for texts_of_kind in prose for t in texts_of_kind)
    for i in range(len(stream) - ORDER):
        chain[stream[i : i + ORDER]].append(stream[i + ORDER])
    lengths = {kind: tuple(len(t) for t in values) for kind, values in texts.items()}
    lengths["measures"] = tuple(len(f.measures) for f in seed.findings)
    return Corpus(
        lengths=lengths,
        chain={state: tuple(nexts) for state, nexts in chain.items()},
        starts=tuple(starts),
        category_sizes=tuple(len(c.findings) for c in seed.categories),
    )


class Writer:
    """Texts for one notice, from its own random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.corpus = corpus()

    def length(self, kind: str) -> int:
        return self.rng.choice(self.corpus.lengths[kind])

    def _chars(self, count: int) -> str:
        out = self.rng.choice(self.corpus.starts)
        while len(out) < count:
            nexts = self.corpus.chain.get(out[-ORDER:])
            out += self.rng.choice(nexts) if nexts else "。" + self.rng.choice(self.corpus.starts)
        return out[:count]

    def sentence(self, kind: str) -> str:
        """A text of the kind's length that reads like the seed, ending with 。."""
        text = self._chars(max(self.length(kind) - 1, 2)).lstrip("".join(PUNCTUATION))
        return text.rstrip("".join(PUNCTUATION)) + "。"

    def phrase(self, kind: str) -> str:
        """A short name or heading: the seed's characters without punctuation."""
        size = max(self.length(kind), 2)
        text = ""
        while len(text) < size:
            text += "".join(c for c in self._chars(size * 2) if c not in PUNCTUATION and not c.isascii())
        return text[:size]


def notice_data(number: int, findings: int = FINDINGS) -> tuple[dict[str, Any], dict[str, Any]]:
    """notice.yml and findings.yml of synthetic notice ``number`` (as plain data)."""
    rng = random.Random(f"rectify-bench-{number}")
    w = Writer(rng)
    kind = rng.choice(["巡视", "巡察"])
    issuer = f"中共{w.phrase('keyword')}党组"
    start = date(2010, 1, 4) + timedelta(days=7 * number)
    signed = start + timedelta(days=rng.randint(150, 240))

    categories, statuses = _categories(w, findings, signed)
    tally = Tally.of(statuses)
    figures: dict[str, int | str] = {"意见建议": rng.randint(2, 9)}
    for name, status in COUNTED_FIGURES.items():
        count = tally.count_for(name)
        if status is None or count or name == "已完成":
            figures[name] = count
    figures["完成率"] = tally.rate_text(1)
    figures["制度"] = rng.randint(10, 60)
    counted = "，".join(
        f"{'已完成整改' if name == '已完成' else name}{{{name}}}个"
        for name in COUNTED_FIGURES
        if name != "问题总数" and name in figures
    )
    figure_sentence = (
        f"{kind}组共提出整改意见建议{{意见建议}}个，{kind}反馈意见指出的问题，经细化分解后共有{{问题总数}}个。"
        f"目前，{counted}，整改完成率为{{完成率}}。共制定和修订{{制度}}项制度。"
    )
    parts = [
        {"heading": w.phrase("part heading") + "。", "paragraphs": [w.sentence("paragraph") for _ in range(2)]},
        {"heading": w.phrase("part heading") + "。", "paragraphs": [w.sentence("paragraph") + figure_sentence]},
        {"heading": w.phrase("part heading") + "。", "paragraphs": [w.sentence("paragraph")]},
    ]
    notice = {
        "title": f"{issuer}关于{kind}整改情况的通报",
        "issuer": issuer,
        "keywords": [w.phrase("keyword") for _ in range(4)],
        "inspection": {
            "kind": kind,
            "team": f"省委第{rng.randint(1, 12)}{kind}组",
            "start": start.isoformat(),
            "end": (start + timedelta(days=31)).isoformat(),
            "feedback": (start + timedelta(days=85)).isoformat(),
        },
        "signature": {"signer": issuer, "date": signed.isoformat()},
        "publication": {"site": f"{w.phrase('keyword')}网", "column": w.phrase("keyword"), "date": signed.isoformat()},
        "figures": figures,
        "intro": [w.sentence("intro")],
        "sections": [
            {"heading": w.phrase("heading"), "parts": parts},
            {"heading": w.phrase("heading"), "findings": True},
            {"heading": w.phrase("heading"), "paragraphs": [w.sentence("paragraph") for _ in range(6)]},
        ],
        "contact": {
            "intro": w.sentence("contact"),
            "phone": f"0451-{rng.randint(50000000, 59999999)}",
            "address_label": "邮政信箱",
            "address": w.sentence("category short").removesuffix("。"),
            "email": f"bench{number}@example.gov.cn",
        },
    }
    return notice, {"categories": categories}


def _categories(w: Writer, findings: int, signed: date) -> tuple[list[dict[str, Any]], list[str]]:
    """Categories sized like the seed's, and the statuses as the notice states them."""
    sizes = w.corpus.category_sizes
    scale = findings / sum(sizes)
    counts = [round(size * scale) for size in sizes]
    counts[counts.index(max(counts))] += findings - sum(counts)
    categories: list[dict[str, Any]] = []
    statuses: list[str] = []
    number = 0
    for c_index, count in enumerate(counts, start=1):
        category: dict[str, Any] = {
            "id": f"category-{c_index}",
            "short": w.phrase("category short"),
            "title": w.sentence("category title"),
        }
        if not count or w.rng.random() < 0.5:
            category["paragraphs"] = [w.sentence("category paragraph")]
        items = []
        for _ in range(count):
            number += 1
            status = w.rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
            statuses.append(status)
            items.append(_finding(w, number, status, signed))
        if items:
            category["findings"] = items
        categories.append(category)
    return categories, statuses


def _finding(w: Writer, number: int, status: str, signed: date) -> dict[str, Any]:
    finding: dict[str, Any] = {
        "id": f"finding-{number:02d}",
        "short": w.phrase("short"),
        "problem": w.sentence("problem").removesuffix("。"),
    }
    if w.rng.random() < 0.05:
        finding["form"] = "针对“…”。"
    finding["measures"] = [w.sentence("measure") for _ in range(w.rng.choice(w.corpus.lengths["measures"]))]
    if w.rng.random() < 0.1:
        finding["numbered"] = False
    finding["status"] = status
    if status != "已完成":
        finding["responsible"] = w.phrase("keyword")
        finding["deadline"] = f"{signed.year}年底前"
        if w.rng.random() < 0.3:
            finding["progress"] = [
                {
                    "date": (signed + timedelta(days=w.rng.randint(30, 300))).isoformat(),
                    "status": w.rng.choice(list(STATUSES)),
                    "text": w.sentence("measure"),
                }
            ]
    return finding


def notice_id(number: int) -> str:
    return f"bench-{number:04d}"


def write_data(target: Path, notices: int, findings: int = FINDINGS) -> Path:
    """Write ``notices`` notice folders into ``target`` (created) and return it."""
    target.mkdir(parents=True, exist_ok=True)
    for number in range(1, notices + 1):
        folder = target / notice_id(number)
        folder.mkdir(exist_ok=True)
        notice, findings_data = notice_data(number, findings)
        for name, data in (("notice.yml", notice), ("findings.yml", findings_data)):
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 20)
            (folder / name).write_text(text, encoding="utf-8")
    return target


def loaded(target: Path) -> list[Notice]:
    """The written folders as the site loads them (raises DataInvalid when invalid)."""
    return load_site(target)


if __name__ == "__main__":
    out, count = Path(sys.argv[1]), int(sys.argv[2])
    print(f"{len(loaded(write_data(out, count)))} notices in {out}")
