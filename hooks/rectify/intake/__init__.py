"""Intake: what offices already have, turned into data folders (``rectify import``, ``rectify ledger update``).

``notice/`` reads a published notice (.txt, also text copied from a web page; .docx, .doc, .wps, .pdf) and writes the YAML,
one module per step of its pipeline. ``ledger/`` reads a rectification ledger (整改台账, .xlsx, .xls,
.et): ``sheets`` finds the rows whatever the layout, ``cells`` reads their text, ``convert`` makes a
new notice folder from a ledger and ``update`` the changes an edited ledger makes to existing data.
Imports only ``rectify.data``.
"""
