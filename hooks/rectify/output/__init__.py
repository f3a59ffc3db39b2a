"""Output: the files made from a built site or from the data, for use away from the web.

``build`` runs the site build (MkDocs or ProperDocs) into a folder, ``bundle`` zips the offline
site, ``pdf`` prints the notice and the complete text with Chromium, ``fonts`` installs the print
fonts, ``ledger`` exports the data as an Excel ledger. May import ``rectify.data``, ``rectify.site``
and ``rectify.intake``; nothing below imports it.
"""
