"""Store: the SQLite library, search and the reader's saved state.

Imports from the layers below; never from textual.
"""
