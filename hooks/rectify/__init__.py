"""整改公开: structured rectification notices rendered into a public site.

The sub-packages are the architecture; imports run one way, downwards:

    cli/                 the ``rectify`` command            (entry point)
    output/              bundle, PDF, fonts, ledger export   (tools)
    site/  |  intake/    pages and search | import of texts and ledgers  (independent of each other)
    data/                reading, schema, model, loading     (imports nothing above)

``hooks/rectify_hooks.py``, the MkDocs adapter, is the other entry point; it uses ``data`` and
``site`` only. ``schema/`` (the JSON Schemas) and ``templates/`` (a new notice's files) are the data
format itself. The rule is checked by import-linter (``[tool.importlinter]`` in pyproject.toml,
run by ``make lint`` and ``tests/test_layout.py``).
"""

__version__ = "0.1.0"
