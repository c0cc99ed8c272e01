"""Small widgets around the panes: the status line (header) and the facet summary."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from tui.filters import Facet, Filters
from tui.widgets.quiet import update_static


def library_label(library_path: str, paths: Sequence[str]) -> str:
    """What the header calls the library: the opened files or directories
    (``seeds``, ``clips/``, ``a.md +2``), after the library file when it is not
    the default one."""
    names = [Path(p).name or str(p) for p in paths]
    label = ""
    if names:
        first = names[0] + ("/" if Path(paths[0]).is_dir() else "")
        label = first + (f" +{len(names) - 1}" if len(names) > 1 else "")
    library = Path(library_path).name
    if library != "library.sqlite3":
        label = f"{Path(library_path).stem} · {label}" if label else library
    return label or library


def status_content(
    library_name: str, shown: int, total: int, filters: Filters, simplified: bool
) -> Content:
    """The header text: library, counts, active filters and search, script."""
    parts: list[tuple[str, str] | str] = [
        ("解读", "bold"),
        f"  {library_name} · {shown}/{total} 篇",
    ]
    for name in filters.companies:
        parts.extend([" · 公司:", (name, "bold underline")])
    for name in filters.tags:
        parts.extend([" · 标签:", (name, "bold underline")])
    if filters.query.strip():
        parts.extend([" · 搜索:", (f"“{filters.query.strip()}”", "bold reverse")])
    parts.append(" · 简体" if simplified else " · 原文")
    return Content.assemble(*parts)


def progress_text(done: int, total: int, width: int = 10) -> str:
    """A small text progress bar: ``整理 3/5 ■■■■■■□□□□``."""
    if total <= 0:
        return "检查文件…"
    filled = max(0, min(width, round(width * done / total)))
    return f"整理 {done}/{total} " + "■" * filled + "□" * (width - filled)


class ProblemsLabel(Static):
    """``⚠ 3 个问题 (!)`` in the header; a click opens the problems screen."""

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(StatusBar.ProblemsClicked())


class StatusBar(Horizontal):
    """Top line: what is shown, a progress indicator while the library syncs, and
    how many files could not be read (click or ``!`` lists them)."""

    class ProblemsClicked(Message):
        """The problems label was clicked."""

    def compose(self) -> ComposeResult:
        yield Static(id="status-text")
        yield ProblemsLabel(id="problems-label")
        yield Static(id="sync-label")

    problem_count: reactive[int] = reactive(0, init=False)

    def on_mount(self) -> None:
        self.query_one("#problems-label").display = False

    def show_problems(self, count: int) -> None:
        self.problem_count = count

    def watch_problem_count(self, count: int) -> None:
        label = self.query_one("#problems-label", ProblemsLabel)
        label.display = count > 0
        label.update(Content.assemble(("⚠", "bold"), f" {count} 个问题 ", ("(!)", "dim")))

    _status: Content | None = None

    def show_status(self, content: Content) -> None:
        if update_static(self.query_one("#status-text", Static), content, self._status):
            self._status = content

    def show_progress(self, done: int, total: int) -> None:
        self.query_one("#sync-label", Static).update(progress_text(done, total))
        self.add_class("-syncing")

    def hide_progress(self, label: str = "") -> None:
        self.query_one("#sync-label", Static).update(label)
        self.remove_class("-syncing")


def facet_line(
    label: str, key: str, facets: Sequence[Facet], limit: int = 8, none: str = "—"
) -> Content:
    """One summary line: ``公司(c) 腾讯 4 · 阿里巴巴 3``; chosen ones in reverse
    (``none`` when there are none)."""
    parts: list[tuple[str, str] | str] = [(f"{label}", "bold"), (f"({key}) ", "dim")]
    shown = [f for f in facets if f.active] + [f for f in facets if not f.active]
    if not shown:
        parts.append((none, "dim"))
    for position, facet in enumerate(shown[:limit]):
        if position:
            parts.append("  ")
        style = "bold reverse" if facet.active else ""
        parts.append((facet.name, style))
        parts.append((f" {facet.count}", "dim"))
    return Content.assemble(*parts)


class FacetSummary(Static):
    """Company and tag filters with article counts, above the article list."""

    _shown: Content | None = None

    def show_facets(self, companies: Sequence[Facet], tags: Sequence[Facet]) -> None:
        content = Content("\n").join(
            [facet_line("公司", "c", companies), facet_line("标签", "t", tags)]
        )
        if update_static(self, content, self._shown):
            self._shown = content

    def show_pending(self) -> None:
        """The two lines, with "…" for the counts (not every row is read yet)."""
        content = Content("\n").join(
            [facet_line("公司", "c", [], none="…"), facet_line("标签", "t", [], none="…")]
        )
        if update_static(self, content, self._shown):
            self._shown = content


def keys_content(items: Sequence[tuple[str, str]], width: int, keep_last: int = 1) -> Content:
    """``key description`` pairs on one line. Pairs that do not fit are left out,
    except the last ``keep_last`` ones (quit, help), which are always kept."""
    pieces = [Content.assemble((key, "bold $accent"), f" {label}") for key, label in items]
    if not pieces:
        return Content("")
    keep_last = min(keep_last, len(pieces))
    tail = pieces[len(pieces) - keep_last :]
    budget = width - sum(p.cell_length + 2 for p in tail) + 2
    kept: list[Content] = []
    used = 0
    for piece in pieces[: len(pieces) - keep_last]:
        cost = piece.cell_length + 2
        if used + cost > budget:
            break
        kept.append(piece)
        used += cost
    return Content("  ").join([*kept, *tail])


class KeyBar(Static):
    """The footer: the keys that work where the focus is (focused pane first).

    One Static instead of Textual's Footer (a widget per key), which cost a
    noticeable part of the startup time.
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh_keys()

    def on_resize(self) -> None:
        self.refresh_keys()

    TAIL = ("quit", "help")  # binding ids always kept, last
    _shown: Content | None = None  # the line shown

    def current_items(self) -> list[tuple[str, str]]:
        """(key, description) of the shown, enabled bindings; quit and help last."""
        return self._items()[0]

    def _items(self) -> tuple[list[tuple[str, str]], int]:
        """The items, and how many of the last ones are the always-kept tail."""
        items: list[tuple[str, str]] = []
        tail: dict[str, tuple[str, str]] = {}
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            item = (self.app.get_key_display(binding), binding.description)
            if binding.id in self.TAIL:
                tail[binding.id] = item
            else:
                items.append(item)
        # The palette (every command, with its key) is kept like quit and help.
        fixed = [("^p", "命令"), *(tail[name] for name in self.TAIL if name in tail)]
        return items + fixed, len(fixed)

    def refresh_keys(self) -> None:
        if self.is_attached:
            items, fixed = self._items()
            content = keys_content(items, self.size.width or 80, keep_last=fixed)
            if update_static(self, content, self._shown):
                self._shown = content
