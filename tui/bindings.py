"""Every key of the reader in one table: the screen's and the widgets' bindings,
the footer, the help screen (``?``) and the command palette are all built from
``KEYS``, so they cannot drift apart (``tests/test_ui_logic.py`` checks it).

Each :class:`KeyHelp` row is one line of help. Its ``binds`` are the Textual
bindings it stands for (none for "type text" rows); each bind has an ``id``
(unique in its scope, also the footer's way to find quit and help). A row with a
``command`` is also in the command palette, where it runs ``action`` on the
reader screen (or on the app for ``app.…``).

Adding a key is a change in one place, plus its handler:

1. add a row here in the right scope, e.g. for a screen-wide key::

       KeyHelp("F", "查数字（全库）", GLOBAL, (Bind("F", "figure_lookup", "查数"),),
               action="figure_lookup", command="查数字")

2. write ``action_figure_lookup`` on the class that owns the scope
   (``ReaderScreen`` for ``GLOBAL``, the widget for a pane scope; see
   ``SCOPE_OWNERS``). The screen, the widget, the footer, ``?`` help and the
   palette pick the key up from this table; the test fails if the handler is
   missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Bind:
    """One Textual binding: ``keys`` (comma-separated Textual key names) run ``action``."""

    keys: str
    action: str  # the action run in the owning widget or screen (``app.…``, ``screen.…`` allowed)
    label: str = ""  # footer label; "" hides it from the footer
    display: str | None = None  # how the footer shows the key ("/", "?", "esc")
    id: str = ""  # defaults to the action's name
    scope: str = ""  # the owner's scope when not the row's (a key that also works in a pane)
    priority: bool = False  # before the focused widget's own keys (enter over a list's)

    @property
    def binding_id(self) -> str:
        return self.id or self.action.rpartition(".")[2].partition("(")[0]

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=bool(self.label),
            key_display=self.display,
            id=self.binding_id,
            priority=self.priority,
        )


@dataclass(frozen=True)
class KeyHelp:
    """One line of help: the keys as shown to the user, what they do, where."""

    keys: str  # as shown to the user
    description: str
    scope: str  # where it works
    binds: tuple[Bind, ...] = ()  # () for keys Textual handles (typing, arrows in a list)
    action: str = ""  # reader-screen action run from the command palette ("" = not a command)
    command: str = ""  # command-palette title


GLOBAL = "全局"
LIST = "文章列表"
ARTICLE = "文章"
FIGURES = "数字面板"
SEARCH = "搜索框"
PICKER = "公司/标签选择"
LOOKUP = "数字查找"
FACTS = "事实核对"
COMPANY = "公司页"
HELP = "帮助"
PROBLEMS = "问题文件"

# Who runs the actions of each scope (a class path, for the handler test and readers).
SCOPE_OWNERS = {
    GLOBAL: "tui.screens.reader.ReaderScreen",
    LIST: "tui.widgets.article_list.ArticleList",
    ARTICLE: "tui.widgets.article_view.ArticleView",
    FIGURES: "tui.widgets.figures_panel.FiguresPanel",
    SEARCH: "tui.widgets.search.SearchBox",
    PICKER: "tui.screens.picker.PickerScreen",
    LOOKUP: "tui.screens.lookup.LookupScreen",
    FACTS: "tui.screens.facts_view.FactsView",
    COMPANY: "tui.screens.company_view.CompanyView",
    HELP: "tui.screens.help.HelpScreen",
    PROBLEMS: "tui.screens.problems.ProblemsScreen",
}

KEYS: tuple[KeyHelp, ...] = (
    KeyHelp(
        "tab / shift+tab",
        "在窗格间移动焦点",
        GLOBAL,
        (Bind("tab", "app.focus_next"), Bind("shift+tab", "app.focus_previous")),
        "app.focus_next",
        "下一个窗格",
    ),
    KeyHelp(
        "/",
        "搜索标题和正文（繁简皆可）",
        GLOBAL,
        (Bind("slash", "search", "搜索", "/"),),
        "search",
        "搜索",
    ),
    KeyHelp(
        "c",
        "公司筛选（带篇数，输入以缩小）",
        GLOBAL,
        (Bind("c", "pick_company", "公司"),),
        "pick_company",
        "按公司筛选",
    ),
    KeyHelp(
        "t",
        "标签筛选（带篇数，输入以缩小）",
        GLOBAL,
        (Bind("t", "pick_tag", "标签"),),
        "pick_tag",
        "按标签筛选",
    ),
    KeyHelp(
        "x",
        "清除所有筛选和搜索",
        GLOBAL,
        (Bind("x", "clear_filters", "清除"),),
        "clear_filters",
        "清除筛选和搜索",
    ),
    KeyHelp(
        "s",
        "切换原文 / 简体（列表、文章、面板）",
        GLOBAL,
        (Bind("s", "toggle_script", "简繁"),),
        "toggle_script",
        "切换原文/简体",
    ),
    KeyHelp(
        "f",
        "聚焦数字面板",
        GLOBAL,
        (Bind("f", "focus_figures", "数字"),),
        "focus_figures",
        "聚焦数字面板",
    ),
    KeyHelp(
        "p",
        "显示 / 隐藏数字面板",
        GLOBAL,
        (Bind("p", "toggle_figures"),),
        "toggle_figures",
        "显示/隐藏数字面板",
    ),
    KeyHelp(
        "n",
        "下一处搜索结果（无搜索时：下一个数字）",
        GLOBAL,
        (Bind("n", "next"), Bind("n", "step(1)", "下一处", id="next", scope=ARTICLE)),
        "next",
        "下一处",
    ),
    KeyHelp(
        "N",
        "上一处搜索结果（无搜索时：上一个数字）",
        GLOBAL,
        (Bind("N", "previous"),),
        "previous",
        "上一处",
    ),
    KeyHelp(
        "F",
        "全库查数字（公司、指标、时期、数字、标题）",
        GLOBAL,
        (Bind("F", "figure_lookup", "查数"),),
        "figure_lookup",
        "查数字（全库）",
    ),
    KeyHelp(
        "v",
        "事实核对：同一数字各文章并列，冲突在前",
        GLOBAL,
        (Bind("v", "facts_view", "核对"),),
        "facts_view",
        "事实核对",
    ),
    KeyHelp(
        "C",
        "公司页：所选数字或本文的公司，附趋势",
        GLOBAL,
        (Bind("C", "company_view", "公司页"),),
        "company_view",
        "公司页",
    ),
    KeyHelp(
        "y",
        "复制所选数字及出处（按显示的简繁）",
        GLOBAL,
        (Bind("y", "copy_figure", "复制"),),
        "copy_figure",
        "复制数字及出处",
    ),
    KeyHelp(
        "Y",
        "复制本文出处（标题、来源、日期、网址）",
        GLOBAL,
        (Bind("Y", "copy_article", "出处"),),
        "copy_article",
        "复制文章出处",
    ),
    KeyHelp(
        "Q",
        "复制引文及出处（数字所在句或首段）",
        GLOBAL,
        (Bind("Q", "copy_quote", "引文"),),
        "copy_quote",
        "复制引文及出处",
    ),
    KeyHelp(
        "e",
        "用 $VISUAL / $EDITOR 打开源文件",
        GLOBAL,
        (Bind("e", "edit_source", "编辑"),),
        "edit_source",
        "编辑源文件",
    ),
    KeyHelp(
        "o",
        "复制本文源文件路径",
        GLOBAL,
        (Bind("o", "copy_source_path"),),
        "copy_source_path",
        "复制源文件路径",
    ),
    KeyHelp(
        "!",
        "问题文件（无法读取的文件及原因）",
        GLOBAL,
        (Bind("exclamation_mark", "problems", display="!"),),
        "problems",
        "问题文件",
    ),
    KeyHelp(
        "?",
        "帮助（本页）",
        GLOBAL,
        (Bind("question_mark", "help", "帮助", "?"),),
        "help",
        "帮助：所有按键",
    ),
    KeyHelp("ctrl+p", "命令面板", GLOBAL),
    KeyHelp("q", "退出", GLOBAL, (Bind("q", "quit", "退出"),), "quit", "退出"),
    KeyHelp(
        "↑ ↓ / j k",
        "移动",
        LIST,
        (Bind("j", "cursor_down"), Bind("k", "cursor_up")),
    ),
    KeyHelp("g / G", "第一篇 / 最后一篇", LIST, (Bind("g", "first"), Bind("G", "last"))),
    KeyHelp(
        "enter",
        "打开文章（焦点移到正文）",
        LIST,
        (Bind("enter", "select", "打开"),),
        "open_article",
        "打开文章",
    ),
    KeyHelp(
        "space / b",
        "文章翻页（焦点留在列表）",
        LIST,
        (Bind("space", "read_on(1)", id="read_on"), Bind("b", "read_on(-1)", id="read_back")),
    ),
    KeyHelp(
        "↑ ↓ / j k",
        "滚动一行",
        ARTICLE,
        (Bind("j,down", "scroll_down"), Bind("k,up", "scroll_up")),
    ),
    KeyHelp(
        "space / pgdn",
        "下一页",
        ARTICLE,
        (Bind("space,pagedown", "page_down", "翻页", "space"),),
        "page_down",
        "文章下一页",
    ),
    KeyHelp(
        "b / pgup",
        "上一页",
        ARTICLE,
        (Bind("b,pageup", "page_up", "上页", "b"),),
        "page_up",
        "文章上一页",
    ),
    KeyHelp(
        "g / home",
        "开头",
        ARTICLE,
        (Bind("g,home", "scroll_home"),),
        "article_top",
        "文章开头",
    ),
    KeyHelp(
        "G / end",
        "结尾",
        ARTICLE,
        (Bind("G,end", "scroll_end"),),
        "article_bottom",
        "文章结尾",
    ),
    KeyHelp(
        "↑ ↓ / j k",
        "移动",
        FIGURES,
        (Bind("j", "cursor_down"), Bind("k", "cursor_up"), Bind("g", "first"), Bind("G", "last")),
    ),
    KeyHelp("enter", "在正文中跳到该数字并突出显示", FIGURES, (Bind("enter", "select", "跳转"),)),
    KeyHelp("y", "复制该数字及出处", FIGURES, (Bind("y", "copy", "复制"),)),
    KeyHelp("输入文字", "结果即时替换列表", SEARCH),
    KeyHelp("enter", "打开第一个结果", SEARCH, (Bind("enter", "submit", "打开首个"),)),
    KeyHelp(
        "escape",
        "清除搜索",
        SEARCH,
        (Bind("escape", "clear_search", "清除搜索", "esc", scope=GLOBAL),),
        "clear_search",
        "清除搜索",
    ),
    KeyHelp("输入文字", "缩小列表", PICKER),
    KeyHelp(
        "↑ ↓",
        "移动",
        PICKER,
        (
            Bind("down", "cursor(1)"),
            Bind("up", "cursor(-1)"),
            Bind("pagedown", "cursor(10)", id="page_down"),
            Bind("pageup", "cursor(-10)", id="page_up"),
        ),
    ),
    KeyHelp("enter", "应用所选项（再次选择则取消）", PICKER, (Bind("enter", "choose", "选定"),)),
    KeyHelp("escape", "关闭", PICKER, (Bind("escape", "cancel", "取消"),)),
    KeyHelp("输入文字", "每个词：公司、指标、时期、数字或标题", LOOKUP),
    KeyHelp(
        "enter",
        "打开文章并跳到该数字（pick：输出）",
        LOOKUP,
        (Bind("enter", "choose", "选定", "⏎", priority=True),),
    ),
    KeyHelp(
        "y / ctrl+y",
        "复制该数字及出处（输入时用 ctrl+y）",
        LOOKUP,
        (Bind("y", "copy", "复制"), Bind("ctrl+y", "copy", "复制", "^y", id="copy_typing")),
    ),
    KeyHelp(
        "v / p / d",
        "按数值 / 时期 / 日期排序，再按反向",
        LOOKUP,
        (
            Bind("v", "sort('value')", "数值", id="sort_value"),
            Bind("p", "sort('period')", "时期", id="sort_period"),
            Bind("d", "sort('date')", id="sort_date"),
        ),
    ),
    KeyHelp("ctrl+s", "换一种排序", LOOKUP, (Bind("ctrl+s", "next_order", "排序", "^s"),)),
    KeyHelp(
        "↑ ↓ / j k",
        "移动（输入时也可用 ↑ ↓）",
        LOOKUP,
        (
            Bind("down", "cursor(1)", id="down"),
            Bind("up", "cursor(-1)", id="up"),
            Bind("pagedown", "cursor(10)", id="page_down"),
            Bind("pageup", "cursor(-10)", id="page_up"),
            Bind("j", "cursor(1)", id="j"),
            Bind("k", "cursor(-1)", id="k"),
        ),
    ),
    KeyHelp(
        "escape", "返回（pick：什么也不输出）", LOOKUP, (Bind("escape", "back", "返回", "esc"),)
    ),
    KeyHelp(
        "enter",
        "打开该文章并跳到该数字",
        FACTS,
        (Bind("enter", "choose", "打开", "⏎", priority=True),),
    ),
    KeyHelp("y", "复制该数字及出处", FACTS, (Bind("y", "copy", "复制"),)),
    KeyHelp(
        "↑ ↓ / j k",
        "移动",
        FACTS,
        (Bind("j", "cursor(1)", id="j"), Bind("k", "cursor(-1)", id="k")),
    ),
    KeyHelp("escape", "返回", FACTS, (Bind("escape", "back", "返回", "esc"),)),
    KeyHelp(
        "enter",
        "打开文章（在数字上：跳到该数字）",
        COMPANY,
        (Bind("enter", "choose", "打开", "⏎", priority=True),),
    ),
    KeyHelp("y", "复制该数字及出处", COMPANY, (Bind("y", "copy", "复制"),)),
    KeyHelp(
        "tab",
        "在数字和文章之间切换",
        COMPANY,
        (Bind("tab", "app.focus_next", "窗格", id="focus_next"),),
    ),
    KeyHelp(
        "↑ ↓ / j k",
        "移动",
        COMPANY,
        (Bind("j", "cursor(1)", id="j"), Bind("k", "cursor(-1)", id="k")),
    ),
    KeyHelp("escape", "返回", COMPANY, (Bind("escape", "back", "返回", "esc"),)),
    KeyHelp(
        "esc / q / ?",
        "关闭帮助",
        HELP,
        (
            Bind("escape,q,question_mark", "close", "关闭"),
            Bind("j,down", "scroll(1)", id="down"),
            Bind("k,up", "scroll(-1)", id="up"),
        ),
    ),
    KeyHelp(
        "esc / q / !",
        "关闭问题列表",
        PROBLEMS,
        (
            Bind("escape,q,exclamation_mark", "close", "关闭"),
            Bind("j,down", "scroll(1)", id="down"),
            Bind("k,up", "scroll(-1)", id="up"),
        ),
    ),
)

# Rows shown on the help screen (the modal screens' own keys are shown on them).
KEY_HELP: tuple[KeyHelp, ...] = tuple(k for k in KEYS if k.scope not in (HELP, PROBLEMS))


def bindings_for(scope: str) -> list[Binding]:
    """The Textual bindings of ``scope``, for the ``BINDINGS`` of its owner."""
    return [
        bind.binding() for row in KEYS for bind in row.binds if (bind.scope or row.scope) == scope
    ]


# Keys of the main screen (pane widgets add their own from their scope).
SCREEN_BINDINGS: list[Binding] = bindings_for(GLOBAL)


def palette_commands() -> list[KeyHelp]:
    """The entries of the command palette (those with an action), one per action."""
    seen: set[str] = set()
    out: list[KeyHelp] = []
    for entry in KEYS:
        if entry.action and entry.command and entry.action not in seen:
            seen.add(entry.action)
            out.append(entry)
    return out
