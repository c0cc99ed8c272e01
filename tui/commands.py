"""The command palette (ctrl+p): every reader command, with its key."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.bindings import KeyHelp, palette_commands


class ReaderCommands(Provider):
    """Commands of the reader, run as actions on the main screen."""

    def _run(self, entry: KeyHelp) -> None:
        action = entry.action
        if action.startswith("app."):
            self.app.call_later(self.app.run_action, action[4:])
            return
        screen = self.app.get_screen("reader") if self.app.is_screen_installed("reader") else None
        target = screen if screen is not None else self.app.screen
        self.app.call_later(target.run_action, action)

    def _label(self, entry: KeyHelp) -> str:
        return f"{entry.command}  ·  {entry.keys.split(' / ')[0]}"

    async def discover(self) -> Hits:
        for entry in palette_commands():
            yield DiscoveryHit(
                self._label(entry), partial(self._run, entry), help=entry.description
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in palette_commands():
            label = self._label(entry)
            score = max(matcher.match(label), matcher.match(entry.description))
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(self._run, entry),
                    help=entry.description,
                )
