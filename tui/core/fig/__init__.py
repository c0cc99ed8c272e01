"""Building blocks of the figure extractor (see ``tui.core.figures`` for the rules).

One module per field or step: ``textview`` (the Simplified matching text),
``numbers`` (Arabic and Chinese numerals), ``scan`` (where figures are and their
surface), ``kinds`` (kind, unit, value), ``qualifiers`` (approx and change),
``clauses`` (paragraphs, sentences, clauses), ``metric``, ``period`` and
``company``. ``lexicon`` loads the YAML vocabularies they share.
"""
