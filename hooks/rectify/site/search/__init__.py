"""Chinese search: the words jieba must keep whole, the index in parts, and our patches to Material.

``terms`` makes the jieba user dictionary (the domain's and the notices' own terms) that the search
plugin loads. ``split`` writes a large index in parts by notice, which ``assets/search-split.js`` loads
per query. ``material_patches`` holds every change we make to what Material ships, in one place: what
it patches (in the built site only, never the installed package), the Material versions it was checked
against, how a change of Material is detected (a warning naming the file, so ``--strict`` fails) and
how to find the new text. jieba itself is set up in ``rectify.site.segmentation``, which the adapter
calls to remember the search plugin's segmentation while a site is built.
"""
