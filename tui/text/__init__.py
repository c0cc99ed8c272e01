"""Text primitives: paths, data files, the Article model, script conversion.

The lowest layer: imports nothing else from ``tui``.
"""
