"""What the writing screens (lookup, facts, company) and the reader's writing keys
share: the domain messages they post, citations, copying with a toast, and
opening a source file in the user's editor.

Screens never call the reader: they post ``OpenArticleAt`` (the app or the
reader opens the article scrolled to the figure) or, in ``pick``, ``FigurePicked``.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.app import SuspendNotSupported
from textual.message import Message

from tui.text.paths import styles_dir

# The citation module (with PyYAML and OpenCC) is imported by the functions that
# cite, not here: the reader imports this module before its list is painted.

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from tui.figures.citation import CitationConfig
    from tui.store.lookup import FigureHit
    from tui.text.models import Article, Figure


# The writing screens' styles, loaded by each screen so that any app showing one
# (the reader, ``pick``) has them.
WRITING_CSS = [styles_dir() / "writing.tcss"]


@dataclass
class OpenArticleAt(Message):
    """Open an article in the reader, scrolled to the figure at [start, end) (the
    top when start < 0) with the figure highlighted."""

    article_id: str
    start: int = -1
    end: int = -1
    figure_index: int = -1


@dataclass
class FigurePicked(Message):
    """A figure was chosen in ``pick``: its citation, ready to print."""

    citation: str


@dataclass
class CitationReady(Message):
    """A citation built in a worker, to copy on the UI thread."""

    text: str
    problems: tuple[str, ...] = ()
    purpose: str = "copy"  # copy | pick


def citation_config() -> CitationConfig:
    """The user's templates (read each time: the file is small and may be edited)."""
    from tui.figures.citation import load_config

    return load_config()


def hit_citation(library: Any, hit: FigureHit, simplified: bool) -> CitationReady:
    """The citation of a lookup row (reads the article for its front matter)."""
    from tui.figures.citation import Source, figure_citation

    config = citation_config()
    article = library.get_article(hit.article_id)
    if article is not None:
        source = Source.of(article)
    else:
        source = Source(
            hit.title,
            hit.site,
            hit.date,
            path=hit.source_path,
            key=hit.article_id[:8],
            script=hit.script,
        )
    text = figure_citation(hit.figure, source, simplified=simplified, config=config)
    return CitationReady(text, config.problems)


def article_figure_citation(
    article: Article, figure: Figure, text: str, simplified: bool
) -> CitationReady:
    from tui.figures.citation import Source, figure_citation

    config = citation_config()
    citation = figure_citation(
        figure, Source.of(article), simplified=simplified, text=text, config=config
    )
    return CitationReady(citation, config.problems)


def whole_article_citation(article: Article, simplified: bool) -> CitationReady:
    from tui.figures.citation import Source, article_citation

    config = citation_config()
    return CitationReady(
        article_citation(Source.of(article), simplified=simplified, config=config),
        config.problems,
    )


def quotation(article: Article, quote: str, simplified: bool) -> CitationReady:
    from tui.figures.citation import Source, quotation_citation

    config = citation_config()
    return CitationReady(
        quotation_citation(quote, Source.of(article), simplified=simplified, config=config),
        config.problems,
    )


def copy_with_toast(app: App[Any], ready: CitationReady) -> None:
    """Copy through the terminal (OSC 52) and show exactly what was copied; say
    what is wrong with the citation templates, if anything."""
    app.copy_to_clipboard(ready.text)
    app.notify(ready.text, title="已复制", markup=False)
    for problem in ready.problems:
        app.notify(problem, title="引用格式有误，已用默认格式", severity="warning", markup=False)


def post_below(screen: Screen[Any], message: Message) -> None:
    """Post to the screen under this one (where the user came from; it bubbles to the
    app when that screen does not handle it), or to the app."""
    stack = screen.app.screen_stack
    index = stack.index(screen) if screen in stack else len(stack)
    target: Any = stack[index - 1] if index > 0 else screen.app
    target.post_message(message)


def column_widths(spec: list[tuple[str, int, int]], total: int, padding: int = 2) -> dict[str, int]:
    """Widths for table columns ``(key, preferred, least)`` in ``total`` cells: the
    last column takes what is left; when short, the others shrink towards their
    least, the widest first."""
    widths = {key: preferred for key, preferred, _ in spec[:-1]}
    least = {key: low for key, _, low in spec[:-1]}
    last_key, _preferred, last_least = spec[-1]
    room = total - padding * len(spec)
    while sum(widths.values()) + last_least > room:
        shrinkable = [k for k in widths if widths[k] > least[k]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda k: widths[k] - least[k])
        widths[widest] -= 1
    widths[last_key] = max(last_least, room - sum(widths.values()))
    return widths


def editor_argv(path: str, environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The command that opens ``path`` in the user's editor ($VISUAL, else $EDITOR,
    split like a shell would), or None when neither names a program found."""
    env = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = (env.get(name) or "").strip()
        if not value:
            continue
        try:
            words = shlex.split(value)
        except ValueError:
            continue
        if words and shutil.which(words[0], path=env.get("PATH")):
            return [*words, path]
    return None


def open_in_editor(app: App[Any], path: str) -> str | None:
    """Open the file in the editor with the app suspended; what went wrong, or None."""
    if not os.path.exists(path):
        return f"找不到源文件：{path}"
    argv = editor_argv(path)
    if argv is None:
        return "没有设置编辑器：请设置 $VISUAL 或 $EDITOR（如 export EDITOR=vim）"
    try:
        if app.is_headless:  # tests: nothing to hand the terminal over to
            completed = subprocess.run(argv, check=False)
        else:
            with app.suspend():
                completed = subprocess.run(argv, check=False)
    except SuspendNotSupported:
        return "此终端不能暂停界面来运行编辑器"
    except OSError as exc:
        return f"无法运行编辑器 {argv[0]}：{exc}"
    if completed.returncode != 0:
        return f"编辑器 {argv[0]} 退出状态 {completed.returncode}"
    return None
