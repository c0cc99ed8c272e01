"""Figures and facts: numbers with their metric, company and period.

``extract`` holds the rules; one module per field or step: ``textview`` (the
Simplified matching text), ``numbers``, ``scan``, ``kinds``, ``qualifiers``,
``clauses``, ``metric``, ``period`` (mentions in the text, with ``periodmath``
for period values and ``attach`` for the one a figure takes), ``fiscal`` (each
company's fiscal calendar), ``company``; ``lexicon`` loads the YAML
vocabularies they share; ``facts`` groups figures across articles.
"""
