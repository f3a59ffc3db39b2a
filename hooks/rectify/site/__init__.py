"""The site: pure renderers from the data to the pages, files and search of the public site.

``render`` makes every generated page (Markdown) and the site's navigation, ``pages/`` one
module per page family, ``paths`` where every page lives; ``charts`` inline SVG;
``feed`` the Atom feed; ``opendata`` the JSON and CSV downloads; ``reference`` the data-format page
from the schemas; ``markup`` is the one place that escapes data text into a page; ``segmentation``
the one place that uses jieba (word breaks, and the search's segmentation remembered). ``search/``
holds everything else that touches Material's search. Nothing here knows MkDocs: the adapter
``hooks/rectify_hooks.py`` hands the pages to it. Imports only ``rectify.data``.
"""

from pathlib import Path

# The iframe-worker shim (assets/README.md: version, licence) that lets search run from file:// in the
# offline bundle; shipped with the package, so the bundle needs no Node.
OFFLINE_SHIM = Path(__file__).parent / "assets" / "iframe-worker-shim.js"
