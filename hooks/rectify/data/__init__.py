"""The data layer: what a notice says, read from YAML and checked; no MkDocs, no HTML.

``folders`` finds the notice folders, ``source`` reads a YAML file with the line of every field,
``schema`` checks it against the JSON Schemas in ``rectify/schema/``, ``model`` holds the notice as
frozen dataclasses, ``load`` turns the documents into it, ``rules`` checks across fields and notices,
and every mistake is reported (``errors``) by file, line and field.
``yamlio`` writes YAML back keeping comments and order; ``chinese`` writes numbers and dates the
way official prose does. Everything else in the package stands on this layer; it imports nothing
from the rest.
"""
