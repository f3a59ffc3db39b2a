"""Chinese search: the jieba dictionary made from the data, and our fixes to Material's search.

``glossary`` makes the user dictionary (the notices' own terms) that the search plugin loads.
``split`` writes a large index in parts by notice, which ``assets/search-split.js`` loads per query.
``fixes`` holds every change we make to what Material ships, in one place (jieba itself is set up
in ``rectify.site.segmentation``). Its contract:

- what it patches: after each build, in the built site only (never the installed package),
  ``assets/javascripts/workers/search.*.min.js`` (the query loop that never tried the whole query)
  and ``assets/javascripts/bundle.*.min.js`` (fetch the index when the search is first opened), each
  an exact byte string replaced once; ``search/search_index.json`` is rewritten as UTF-8 JSON, or, past
  ``split.SPLIT_ABOVE`` bytes, as parts by notice, and the worker's message handler is routed through
  ``assets/search-split.js`` (appended to it).
- how a Material change is detected: a patch whose text is found neither broken nor fixed returns
  False, the adapter logs a warning naming ``hooks/rectify/site/search/fixes.py``, and
  ``mkdocs build --strict`` (``make site``, the tests) fails instead of shipping a worse search.
"""
