"""Every key of the reader in one table: the help screen, the command palette and
the screen's bindings are all built from it, so they cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class KeyHelp:
    """One key (or group of keys) and what it does."""

    keys: str  # as shown to the user
    description: str
    scope: str  # where it works
    action: str = ""  # screen action run from the command palette ("" = not a command)
    command: str = ""  # command-palette title


GLOBAL = "全局"
LIST = "文章列表"
ARTICLE = "文章"
FIGURES = "数字面板"
SEARCH = "搜索框"
PICKER = "公司/标签选择"

KEY_HELP: tuple[KeyHelp, ...] = (
    KeyHelp("tab / shift+tab", "在窗格间移动焦点", GLOBAL, "app.focus_next", "下一个窗格"),
    KeyHelp("/", "搜索标题和正文（繁简皆可）", GLOBAL, "search", "搜索"),
    KeyHelp("c", "公司筛选（带篇数，输入以缩小）", GLOBAL, "pick_company", "按公司筛选"),
    KeyHelp("t", "标签筛选（带篇数，输入以缩小）", GLOBAL, "pick_tag", "按标签筛选"),
    KeyHelp("x", "清除所有筛选和搜索", GLOBAL, "clear_filters", "清除筛选和搜索"),
    KeyHelp("s", "切换原文 / 简体（列表、文章、面板）", GLOBAL, "toggle_script", "切换原文/简体"),
    KeyHelp("f", "聚焦数字面板", GLOBAL, "focus_figures", "聚焦数字面板"),
    KeyHelp("p", "显示 / 隐藏数字面板", GLOBAL, "toggle_figures", "显示/隐藏数字面板"),
    KeyHelp("n", "下一处搜索结果（无搜索时：下一个数字）", GLOBAL, "next", "下一处"),
    KeyHelp("N", "上一处搜索结果（无搜索时：上一个数字）", GLOBAL, "previous", "上一处"),
    KeyHelp("y", "复制所选数字及出处", GLOBAL, "copy_figure", "复制数字及出处"),
    KeyHelp("?", "帮助（本页）", GLOBAL, "help", "帮助：所有按键"),
    KeyHelp("ctrl+p", "命令面板", GLOBAL),
    KeyHelp("q", "退出", GLOBAL, "quit", "退出"),
    KeyHelp("↑ ↓ / j k", "移动", LIST),
    KeyHelp("g / G", "第一篇 / 最后一篇", LIST),
    KeyHelp("enter", "打开文章（焦点移到正文）", LIST, "open_article", "打开文章"),
    KeyHelp("space / b", "文章翻页（焦点留在列表）", LIST),
    KeyHelp("↑ ↓ / j k", "滚动一行", ARTICLE),
    KeyHelp("space / pgdn", "下一页", ARTICLE, "page_down", "文章下一页"),
    KeyHelp("b / pgup", "上一页", ARTICLE, "page_up", "文章上一页"),
    KeyHelp("g / home", "开头", ARTICLE, "article_top", "文章开头"),
    KeyHelp("G / end", "结尾", ARTICLE, "article_bottom", "文章结尾"),
    KeyHelp("↑ ↓ / j k", "移动", FIGURES),
    KeyHelp("enter", "在正文中跳到该数字并突出显示", FIGURES),
    KeyHelp("y", "复制该数字及出处", FIGURES),
    KeyHelp("输入文字", "结果即时替换列表", SEARCH),
    KeyHelp("enter", "打开第一个结果", SEARCH),
    KeyHelp("escape", "清除搜索", SEARCH, "clear_search", "清除搜索"),
    KeyHelp("输入文字", "缩小列表", PICKER),
    KeyHelp("↑ ↓", "移动", PICKER),
    KeyHelp("enter", "应用所选项（再次选择则取消）", PICKER),
    KeyHelp("escape", "关闭", PICKER),
)

# Keys of the main screen (pane widgets add their own: j/k, space/b, enter …).
SCREEN_BINDINGS: list[Binding] = [
    Binding("tab", "app.focus_next", "窗格", show=False),
    Binding("shift+tab", "app.focus_previous", "上个窗格", show=False),
    Binding("slash", "search", "搜索", key_display="/"),
    Binding("c", "pick_company", "公司"),
    Binding("t", "pick_tag", "标签"),
    Binding("x", "clear_filters", "清除"),
    Binding("s", "toggle_script", "简繁"),
    Binding("f", "focus_figures", "数字"),
    Binding("p", "toggle_figures", "面板", show=False),
    Binding("n", "next", "下一处", show=False),
    Binding("N", "previous", "上一处", show=False),
    Binding("y", "copy_figure", "复制", show=False),
    Binding("escape", "clear_search", "清除搜索", key_display="esc"),
    Binding("question_mark", "help", "帮助", key_display="?"),
    Binding("q", "quit", "退出"),
]


def palette_commands() -> list[KeyHelp]:
    """The entries of the command palette (those with an action), one per action."""
    seen: set[str] = set()
    out: list[KeyHelp] = []
    for entry in KEY_HELP:
        if entry.action and entry.action not in seen:
            seen.add(entry.action)
            out.append(entry)
    return out
