"""The generated pages, one module per page family: ``home`` (the site's and each notice's home,
the notice lists), ``notice`` (the official text and its print document), ``findings`` (the
findings list, categories, each finding), ``about`` (contact, accessibility). ``blocks`` holds
what the families share; families import only ``blocks``, never each other.
"""
