"""Date patterns shared by the metadata reader and the chrome filter.

``DATE_RE`` finds a numeric date (``2025-08-21``, ``2025/8/21``, ``2025年8月21日``)
with named groups ``y``, ``m`` and ``d``; the year is 19xx or 20xx and the numbers
are not part of longer digit runs. ``DATE_TEXT`` is the same pattern as text, for
building larger expressions.
"""

from __future__ import annotations

import re

DATE_TEXT = r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
DATE_RE = re.compile(DATE_TEXT)

PLAIN_DATE_TEXT = r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
"""The date without groups or digit guards (for embedding in other patterns)."""
