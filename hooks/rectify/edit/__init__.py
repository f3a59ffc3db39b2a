"""Editing a notice in the browser under ``rectify serve`` (never in the public site or the offline bundle).

- ``views``: the parts of a notice a form edits (header, information index, contact, figures; a
  finding's fields, its progress, its measures and sub-problems), each with the part of the JSON Schema
  the form is generated from, and the conversions between YAML values and the form's JSON.
- ``change``: a form's value into the YAML files by the smallest change (``rectify.data.yamlio``'s
  round trip), checked with the project's check on a copy before anything is written.
- ``app``: the WSGI app the preview server mounts at ``/_edit/``: JSON endpoints guarded by a per-run
  token, the Host/Origin of the preview and the data folder's bounds; uploads for 新建通报.
- ``assets``: the browser side: the vendored ``@json-editor/json-editor`` (pinned, MIT), our script and CSS.
"""
