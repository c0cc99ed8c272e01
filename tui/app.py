"""The reader application: a thin App around the main screen.

``run_reader(paths, library_path)`` is what ``python -m tui`` calls. The app
holds the library, the saved state and the styles; the main screen
(``tui.screens.reader``) holds the panes and their logic.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand

from tui.screens.reader import ReaderScreen, pause_collector, resume_collector
from tui.store.state import ReaderState, load_state, save_state
from tui.text.paths import styles_dir

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.geometry import Size
    from textual.screen import Screen

    from tui.store.library import Library


def _guard_palette_paging() -> None:
    """pgup/pgdn in the command palette's list before its lines are laid out (a
    terminal a few rows high) raise a KeyError in Textual's OptionList, and a
    one-column terminal a ValueError, ending the app; make them do nothing there
    instead (our own lists do the same, see
    ``tui.widgets.pane_list.PaneOptionList``)."""
    from textual.command import CommandList

    if getattr(CommandList, "_jiedu_guarded", False):
        return
    page_up, page_down = CommandList.action_page_up, CommandList.action_page_down

    def guarded_up(self: CommandList) -> None:
        with suppress(KeyError, IndexError):
            page_up(self)

    def guarded_down(self: CommandList) -> None:
        with suppress(KeyError, IndexError):
            page_down(self)

    content_height = CommandList.get_content_height

    def guarded_height(self: CommandList, container: Size, viewport: Size, width: int) -> int:
        try:
            return content_height(self, container, viewport, width)
        except ValueError:  # no room at all for the text (a one-column terminal)
            return 0

    CommandList.get_content_height = guarded_height  # type: ignore[method-assign]
    CommandList.action_page_up = guarded_up  # type: ignore[method-assign]
    CommandList.action_page_down = guarded_down  # type: ignore[method-assign]
    CommandList._jiedu_guarded = True  # type: ignore[attr-defined]


def _reader_commands() -> type[Provider]:
    """The command-palette provider, imported when the palette first opens."""
    from tui.commands import ReaderCommands

    return ReaderCommands


class ReaderApp(App[int]):
    """jiedu's terminal reader."""

    CSS_PATH: ClassVar[list[str | Path]] = [styles_dir() / "reader.tcss"]
    TITLE = "解读"
    COMMANDS = App.COMMANDS | {_reader_commands}

    def __init__(
        self,
        library: Library,
        paths: list[str],
        *,
        state_file: Path | None = None,
        sync: bool = True,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.library = library
        self.paths = paths
        self.state_file = state_file
        self.sync = sync
        self.cursor_blink = cursor_blink
        self.initial_state = load_state(library.path, state_file, paths)

    async def _process_messages(self, *args: Any, **kwargs: Any) -> None:
        # The whole run of the app, from before its styles are read: the cycle
        # collector waits until the list is painted (``pause_collector``), and
        # runs again at the latest when the app ends.
        pause_collector()
        try:
            await super()._process_messages(*args, **kwargs)
        finally:
            resume_collector(freeze=False)

    def get_default_screen(self) -> Screen[Any]:
        # The reader is the first screen, not pushed over Textual's empty default
        # one: a screen underneath repainted the whole reader a frame after its
        # list was first painted.
        theme = self.initial_state.theme
        if theme and theme in self.available_themes:
            self.theme = theme
        screen = ReaderScreen(
            self.library,
            self.paths,
            self.initial_state,
            sync=self.sync,
            cursor_blink=self.cursor_blink,
        )
        self.install_screen(screen, name="reader")
        return screen

    def on_mount(self) -> None:
        _guard_palette_paging()
        self.set_class(self.no_color, "-no-color")

    # -- the command palette, in Chinese like the rest ---------------------------

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder="搜索命令…"))

    def search_themes(self) -> None:
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder="搜索配色主题…"))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand("配色主题", "切换深色 / 浅色等配色", self.action_change_theme)
        if screen.query("HelpPanel"):
            yield SystemCommand("按键面板", "隐藏按键面板", self.action_hide_help_panel)
        else:
            yield SystemCommand("按键面板", "在右侧显示当前窗格的按键", self.action_show_help_panel)
        if screen.maximized is not None:
            yield SystemCommand("还原窗格", "恢复正常布局", screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand("最大化窗格", "让当前窗格占满屏幕", screen.action_maximize)
        yield SystemCommand(
            "截图",
            "把当前屏幕存为 SVG",
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies in a text field): say how to, in Chinese."""
        self.notify("按 q 退出（输入框里按 ctrl+q）", title="要退出吗？", markup=False)

    def save_state(self, state: ReaderState) -> None:
        save_state(self.library.path, state, self.state_file, self.paths)


def run_reader(paths: list[str], library_path: str | None) -> int:
    """Open the reader on ``paths`` with the library at ``library_path`` (None: default)."""
    from tui.store.library import Library

    library = Library(library_path)
    try:
        app = ReaderApp(library, list(paths))
        result = app.run()
    finally:
        library.close()
    return int(result or app.return_code or 0)
