"""The versions of what makes a stored article: bump one and the library re-cleans.

Kept apart from the cleaner and the extractor so that the library can tell whether
a stored article is current without importing either (the reader's start-up
re-check would otherwise load every cleaning module).
"""

from __future__ import annotations

# Bump whenever cleaning output may change (tui.pipeline and tui.clean).
CLEANER_VERSION = "13"
# Bump when figure extraction output may change (tui.figures).
FIGURES_VERSION = "6"
