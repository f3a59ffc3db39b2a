"""A fix for Material's Chinese query segmentation, applied to the built site.

Material's search worker segments a Chinese query greedily into tokens known
to the index, but its inner loop stops one character short and never tries
the whole query: 党费 is searched as 党 (every word starting with 党) when 党
alone is also an index token. Widening the loop by one character lets the
whole word match. The fix is exact-text and checked: if Material's code
changes, the build says so instead of silently searching worse.
"""

from __future__ import annotations

from pathlib import Path

_BROKEN = b"for(let o=s+1;o<t.length;o++)t.slice(s,o)in e"
_FIXED = b"for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"


def fix_query_segmentation(site_dir: Path) -> bool:
    """Patch the search worker in ``site_dir``; False when the code was not found."""
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    found = False
    for worker in workers:
        code = worker.read_bytes()
        if _FIXED in code:
            found = True
        elif _BROKEN in code:
            worker.write_bytes(code.replace(_BROKEN, _FIXED, 1))
            found = True
    return found
