"""The core of jiedu: loading, cleaning, companies, tags, figures, library, search.

Nothing in this package may import textual; tests/test_core_isolation.py checks it.
"""
