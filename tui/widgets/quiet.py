"""Updates that repaint one widget without laying out the screen again.

Textual lays out the whole screen when a ``Static`` is updated (by default) or a
widget's ``virtual_size`` changes, and after a layout every scrolling widget
redraws its scrollbar and the screen is painted afresh: about a third of the
time of a search key or filter change. The reader's header, facet lines, key
line, list and article keep their size when their text changes, so they are
updated here without a layout, and not at all when nothing changed.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static


def same_content(old: Content | None, new: Content) -> bool:
    """Whether two contents look the same: text and styles (``Content ==``
    compares the text only, so a facet turning bold would look unchanged)."""
    return old is not None and old.plain == new.plain and old.spans == new.spans


def update_static(widget: Static, content: Content, shown: Content | None) -> bool:
    """Show ``content`` in ``widget`` (which shows ``shown``), repainting it only
    when it changed, and laying out the screen only when its number of lines
    changed (the widgets updated here have a fixed width). True if updated."""
    if same_content(shown, content):
        return False
    lines = None if shown is None else shown.plain.count("\n")
    widget.update(content, layout=lines != content.plain.count("\n"))
    return True


def set_virtual_size(widget: Widget, size: Size) -> None:
    """Set the scrollable size of a Line API widget whose own size does not
    depend on it, without a layout of the screen: its scrollbars are updated
    (a scrollbar that appears or goes still lays out, through Textual's
    ``show_vertical_scrollbar``) and the widget is repainted."""
    if size == widget.virtual_size:
        return
    if not widget.is_mounted or not widget.container_size:
        widget.virtual_size = size  # not laid out yet: the first layout sizes it
        return
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)
    widget.refresh()
