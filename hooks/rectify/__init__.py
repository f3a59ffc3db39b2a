"""整改公开: structured rectification notices rendered into a public site.

The package is deliberately split into a pure data layer (``source``, ``schema``,
``model``, ``load``), pure renderers (``text``, ``render``) and thin adapters
(``cli`` for the command line, ``hooks/rectify_hooks.py`` for MkDocs).
"""

__version__ = "0.1.0"
