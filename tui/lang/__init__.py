"""Language: segmentation, companies and topic tags.

Imports only from ``tui.text`` and ``tui.clean``.
"""
