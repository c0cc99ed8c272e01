"""The cleaning pipeline: raw scraped text to a clean Article.

Order: front matter, line ends, HTML, injected pinyin, mojibake, metadata,
chrome and repeats, Markdown structure and punctuation, then the derived
fields (script, companies, tags, figures). Each stage lives in its own module.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from tui.clean import chrome, frontmatter, htmltext, metadata, mojibake, pinyin, structure, textnorm
from tui.figures.extract import extract_figures
from tui.lang import companies, tags
from tui.text import script
from tui.text.models import Article
from tui.text.versions import CLEANER_VERSION

# Re-exported for callers that read it here; the value lives in tui.text.versions.
__all__ = ["CLEANER_VERSION", "article_id", "clean_text"]


def article_id(source_path: str) -> str:
    return hashlib.sha1(source_path.encode("utf-8")).hexdigest()[:12]


def clean_text(
    text: str,
    *,
    source_path: str = "-",
    encoding: str = "utf-8",
    is_html: bool | None = None,
    content_hash: str | None = None,
) -> Article:
    """Clean one document's text and derive its metadata."""
    front, body, warnings = frontmatter.split_front_matter(text)
    body = textnorm.normalise_newlines(body)
    body = textnorm.remove_zero_width(body)
    page_title = None
    if is_html or (is_html is None and htmltext.looks_like_html(body)):
        page_title = htmltext.page_title(body)
        body = htmltext.html_to_text(body)
    body = pinyin.remove_injected_pinyin(body)
    repaired = mojibake.repair_mojibake(body)
    # Again: pinyin notes next to characters the repair restored (業(yè) was 髽I(yè)),
    # on the lines the repair changed (the others would come out the same).
    body = pinyin.remove_injected_pinyin_again(body, repaired)
    lines = body.split("\n")
    meta = metadata.extract_metadata(lines, front, page_title)
    lines = chrome.strip_chrome(lines, meta.title)
    is_markdown = bool(front) or Path(source_path).suffix.lower() in (".md", ".markdown")
    body_md = structure.build_markdown(lines, markdown=is_markdown and not is_html)
    body_md = textnorm.normalise_whitespace(body_md)
    body_md = textnorm.normalise_punctuation(body_md)
    title = textnorm.normalise_punctuation(
        meta.title or meta.derived_title or Path(source_path).stem
    )

    simplified = mojibake.without_marks(script.to_simplified(title + "\n" + body_md))
    mentions = companies.find_companies(simplified)
    front_tags = [str(t) for t in (front.get("tags") or []) if t is not None]
    summary = front.get("summary")
    article = Article(
        id=article_id(source_path),
        source_path=source_path,
        title=title,
        body=body_md,
        date=meta.date,
        site=meta.site,
        author=meta.author,
        summary=str(summary) if summary else None,
        tags=tags.extract_tags(simplified, front_tags),
        front_tags=front_tags,
        companies=list(mentions),
        company_mentions=mentions,
        script=script.detect_script(body_md),
        encoding=encoding,
        front_matter=front,
        warnings=warnings,
        content_hash=content_hash or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title_derived=meta.title is None and meta.derived_title is not None,
    )
    article.figures = extract_figures(article)
    return article
