"""HTML pages into a :class:`Document`: main text, metadata, links and turns."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString, PageElement

from .._errors import EmptyInputError
from .._models import Document, DocumentKind, Link, Span, Turn
from ._text import guess_kind, sha256_of
from ._transcript import QUESTION_LABELS, _called_on, parse_turns

__all__ = ["document_from_html"]

logger = logging.getLogger(__name__)

_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "canvas",
        "iframe",
        "object",
        "embed",
        "form",
        "button",
        "input",
        "select",
        "textarea",
        "nav",
        "aside",
        "footer",
        "img",
        "picture",
        "video",
        "audio",
        "source",
        "head",
        "title",
        "meta",
        "link",
        "dialog",
        "menu",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "ul",
        "caption",
        "summary",
        "details",
        "body",
        "html",
        "center",
    }
)
_CELL_TAGS = frozenset({"td", "th"})
_BOLD_TAGS = frozenset({"b", "strong"})
_BOILERPLATE = re.compile(
    r"^(?:share|sharing|social|newsletter|related|comments?|cookies?|promo|advert\w*|ads?"
    r"|subscribe|subscription|paywall|breadcrumbs?|crumbs|sidebar|menu|nav|navbar|skip|sr-only"
    r"|visually-hidden|site-header|site-footer|masthead|byline-share|recirc\w*)(?:[-_].*)?$",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")
_SPACES_ONLY = re.compile(r"[ \t\r\f\v]+")
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.issued",
    "parsely-pub-date",
    "sailthru.date",
)
_PRIORITY = {" ": 1, "\n": 2, "\n\n": 3}


class _TextBuilder:
    """Writes clean text and remembers where each piece landed."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.pending = ""
        self.writes: list[int] = []
        """Start offset of each write (after any pending separator)."""

    def separator(self, sep: str) -> None:
        if self.pos and _PRIORITY[sep] > _PRIORITY.get(self.pending, 0):
            self.pending = sep

    def text(self, raw: str, *, keep_lines: bool = False) -> None:
        cleaned = _SPACES_ONLY.sub(" ", raw) if keep_lines else _SPACE.sub(" ", raw)
        if not cleaned.strip():
            if cleaned:
                self.separator(" ")
            return
        if cleaned[0].isspace():
            self.separator(" ")
        body = cleaned.strip()
        if self.pending and self.pos:
            self.parts.append(self.pending)
            self.pos += len(self.pending)
        self.pending = ""
        self.writes.append(self.pos)
        self.parts.append(body)
        self.pos += len(body)
        if cleaned[-1].isspace():
            self.separator(" ")

    def at_block_start(self) -> bool:
        return self.pos == 0 or self.pending in ("\n", "\n\n")

    def result(self) -> str:
        return "".join(self.parts)


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    style = str(tag.get("style", "")).replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    tokens = [*tag.get_attribute_list("class"), str(tag.get("id") or "")]
    return any(t and _BOILERPLATE.match(str(t)) for t in tokens)


class _Walker:
    """Walks the chosen root without recursion (pages nest thousands of elements deep)."""

    def __init__(self) -> None:
        self.out = _TextBuilder()
        self.raw_links: list[tuple[str, int, int]] = []
        self.bold_labels: list[tuple[int, int]] = []

    def run(self, root: PageElement, *, in_article: bool) -> None:
        # Each stack item is either a node to enter, or the closing of an element that
        # records where its text landed (for links and bold labels) and ends its block.
        stack: list[tuple[Any, bool, bool] | _Close] = [(root, in_article, False)]
        while stack:
            item = stack.pop()
            if isinstance(item, _Close):
                self._close(item)
                continue
            node, inside, keep_lines = item
            if isinstance(node, Comment):
                continue
            if isinstance(node, NavigableString):
                if type(node) is NavigableString:
                    self.out.text(str(node), keep_lines=keep_lines)
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name.lower()
            if name in _DROP_TAGS or _is_hidden(node):
                continue
            if name == "header" and not inside:
                continue
            if name == "br":
                self.out.separator("\n")
                continue
            block = name in _BLOCK_TAGS
            if block:
                self.out.separator("\n\n")
            elif name in _CELL_TAGS:
                self.out.separator(" ")
            close = _Close(node, name, block, self.out.at_block_start(), len(self.out.writes))
            stack.append(close)
            child_inside = inside or name in ("article", "main")
            child_keep = keep_lines or name == "pre"
            stack.extend((child, child_inside, child_keep) for child in reversed(node.contents))

    def _close(self, item: _Close) -> None:
        if len(self.out.writes) > item.first_write:
            start, end = self.out.writes[item.first_write], self.out.pos
            if item.name == "a":
                href = str(item.tag.get("href") or "").strip()
                if href:
                    self.raw_links.append((href, start, end))
            elif item.name in _BOLD_TAGS and item.at_start:
                self.bold_labels.append((start, end))
        if item.block:
            self.out.separator("\n\n")


@dataclass
class _Close:
    tag: Tag
    name: str
    block: bool
    at_start: bool
    first_write: int


@dataclass
class _Index:
    """The elements metadata comes from, gathered in one pass over the page."""

    metas: list[Tag] = field(default_factory=list)
    links: list[Tag] = field(default_factory=list)
    json_ld: list[Tag] = field(default_factory=list)
    times: list[Tag] = field(default_factory=list)
    h1: list[Tag] = field(default_factory=list)
    bases: list[Tag] = field(default_factory=list)
    bylines: list[Tag] = field(default_factory=list)
    articles: list[Tag] = field(default_factory=list)
    mains: list[Tag] = field(default_factory=list)
    titles: list[Tag] = field(default_factory=list)
    paragraphs: list[Tag] = field(default_factory=list)


_BYLINE_CLASSES = frozenset({"byline__name", "author-name"})


def _index(soup: BeautifulSoup) -> _Index:
    index = _Index()
    for node in soup.descendants:
        if not isinstance(node, Tag):
            continue
        name = node.name
        if name == "meta":
            index.metas.append(node)
        elif name == "link":
            index.links.append(node)
        elif name == "script":
            if str(node.get("type", "")).lower() == "application/ld+json":
                index.json_ld.append(node)
        elif name == "time":
            if node.has_attr("datetime"):
                index.times.append(node)
        elif name == "h1":
            index.h1.append(node)
        elif name == "base":
            index.bases.append(node)
        elif name == "article":
            index.articles.append(node)
        elif name == "title":
            index.titles.append(node)
        elif name == "p":
            index.paragraphs.append(node)
        if name == "main" or node.get("role") == "main" or node.get("itemprop") == "articleBody":
            index.mains.append(node)
        if (
            "author" in node.get_attribute_list("rel")
            or node.get("itemprop") == "author"
            or _BYLINE_CLASSES.intersection(node.get_attribute_list("class"))
        ):
            index.bylines.append(node)
    return index


def _choose_root(soup: BeautifulSoup, index: _Index) -> Tag:
    if index.articles:
        return max(index.articles, key=lambda t: len(t.get_text(" ", strip=True)))
    if index.mains:
        return index.mains[0]
    body = soup.body if isinstance(soup.body, Tag) else soup
    return _densest(body, index.paragraphs)


_MIN_PARAGRAPH_CHARS = 200
_CORE_SHARE = 0.7
_MAX_EXTRA_SHARE = 0.3
_MAX_EXTRA_LINK_SHARE = 0.5
_MAX_CLIMB = 50


def _text_and_link_chars(tag: Tag) -> tuple[int, int]:
    text = len(tag.get_text(strip=True))
    links = sum(len(a.get_text(strip=True)) for a in tag.find_all("a"))
    return text, links


def _densest(body: Tag, paragraphs: list[Tag]) -> Tag:
    """The block holding most of a page's paragraphs, for pages without ``<article>``.

    The smallest element holding 70% of the text in ``<p>`` elements, widened to its
    parent while the parent adds little text (at most 30% more), most of it not links:
    the headline and dateline beside the text come in, the menus around it do not.
    """
    sizes = [(p, len(p.get_text(strip=True))) for p in paragraphs]
    total = sum(size for _, size in sizes)
    if total < _MIN_PARAGRAPH_CHARS:
        return body
    held: dict[int, int] = {}
    depth: dict[int, int] = {}
    tags: dict[int, Tag] = {}
    for paragraph, size in sizes:
        for level, ancestor in enumerate(paragraph.parents):
            if ancestor is body or level >= _MAX_CLIMB or not isinstance(ancestor, Tag):
                break
            key = id(ancestor)
            held[key] = held.get(key, 0) + size
            tags[key] = ancestor
    candidates = [key for key, size in held.items() if size >= _CORE_SHARE * total]
    if not candidates:
        return body
    for key in candidates:
        depth[key] = sum(1 for _ in tags[key].parents)
    core = tags[max(candidates, key=lambda key: depth[key])]
    core_text, core_links = _text_and_link_chars(core)
    for _ in range(_MAX_CLIMB):
        parent = core.parent
        if not isinstance(parent, Tag) or parent is body:
            break
        parent_text, parent_links = _text_and_link_chars(parent)
        extra, extra_links = parent_text - core_text, parent_links - core_links
        if extra > _MAX_EXTRA_SHARE * core_text or extra_links > _MAX_EXTRA_LINK_SHARE * extra:
            break
        core, core_text, core_links = parent, parent_text, parent_links
    return core


def _meta(index: _Index, *keys: str) -> str | None:
    wanted = {k.lower() for k in keys}
    for tag in index.metas:
        key = str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        if key in wanted:
            content = str(tag.get("content") or "").strip()
            if content:
                return content
    return None


def _json_ld(index: _Index) -> Iterator[dict[str, Any]]:
    for tag in index.json_ld:
        try:
            data = json.loads(tag.get_text() or "null")
        except (json.JSONDecodeError, RecursionError):
            logger.debug("ignoring malformed JSON-LD block")
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
                yield item


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text[:10])
    except ValueError:
        logger.debug("unreadable date %r ignored", value)
        return None


def _inside(tag: Tag, root: Tag) -> bool:
    return tag is root or any(parent is root for parent in tag.parents)


def _metadata(index: _Index, root: Tag, url: str | None) -> dict[str, Any]:
    ld = list(_json_ld(index))
    ld_types = {str(t).lower() for item in ld for t in _names(item.get("@type"))}
    ld_types |= {
        str(item.get("@type")).lower() for item in ld if isinstance(item.get("@type"), str)
    }

    title = _meta(index, "og:title", "twitter:title")
    if title is None:
        headings = [h for h in index.h1 if _inside(h, root)] or index.h1
        for h1 in headings:
            text = _SPACE.sub(" ", h1.get_text(" ", strip=True))
            if text:
                title = text
                break
    if title is None and index.titles:
        title = _SPACE.sub(" ", index.titles[0].get_text()).strip() or None

    publisher = _meta(index, "og:site_name", "publisher", "application-name", "dc.publisher")
    if publisher is None:
        for item in ld:
            names = _names(item.get("publisher"))
            if names:
                publisher = names[0]
                break

    authors: list[str] = []
    for tag in index.metas:
        key = str(tag.get("name") or tag.get("property") or "").lower()
        content = str(tag.get("content") or "").strip()
        if (
            key in ("author", "article:author", "dc.creator", "parsely-author")
            and content
            and not content.startswith(("http://", "https://"))
        ):
            authors.append(content)
    for item in ld:
        authors.extend(_names(item.get("author")))
    for tag in index.bylines:
        text = _SPACE.sub(" ", tag.get_text(" ", strip=True))
        if text and len(text) <= 80:
            authors.append(text.removeprefix("By ").removeprefix("by "))
    unique_authors = list(dict.fromkeys(a for a in authors if a))

    published = _parse_date(_meta(index, *_DATE_META))
    if published is None:
        for item in ld:
            published = _parse_date(str(item.get("datePublished") or "") or None)
            if published is not None:
                break
    if published is None and index.times:
        times = [t for t in index.times if _inside(t, root)] or index.times
        published = _parse_date(str(times[0].get("datetime")))

    base = url
    for base_tag in index.bases:
        if base_tag.get("href"):
            base = urljoin(url or "", str(base_tag["href"]))
            break
    canonical = url
    candidate = None
    for link_tag in index.links:
        if "canonical" in link_tag.get_attribute_list("rel") and link_tag.get("href"):
            candidate = str(link_tag["href"])
            break
    if candidate is None:
        candidate = _meta(index, "og:url")
    if candidate:
        joined = urljoin(url or "", candidate.strip())
        if urlsplit(joined).scheme in ("http", "https"):
            canonical = joined

    og_type = (_meta(index, "og:type") or "").lower()
    is_article = og_type == "article" or bool(
        ld_types & {"newsarticle", "article", "reportagenewsarticle", "blogposting"}
    )
    return {
        "title": title,
        "publisher": publisher,
        "authors": unique_authors,
        "published_at": published,
        "canonical": canonical,
        "base": base,
        "is_article": is_article or bool(index.articles),
    }


def _bold_turns(text: str, labels: list[tuple[int, int]]) -> list[Turn]:
    """Turns marked only by bold speaker names at the start of paragraphs."""
    marks: list[tuple[int, int, int]] = []
    for start, end in labels:
        label = text[start:end].rstrip().rstrip(":").rstrip()
        if not label or len(label) > 80 or len(label.split()) > 8 or label[-1] in ".?!":
            continue
        content = end
        while content < len(text) and text[content] in ": \t":
            content += 1
        line_end = text.find("\n", content)
        if content >= len(text) or content == line_end:
            continue  # a bold heading on its own line, not a speaker
        marks.append((start, start + len(label), content))
    if len(marks) < 2 or len({text[s:e] for s, e, _ in marks}) < 2:
        return []
    turns: list[Turn] = []
    previous = ""
    for index, (start, label_end, content) in enumerate(marks):
        stop = marks[index + 1][0] if index + 1 < len(marks) else len(text)
        while stop > content and text[stop - 1].isspace():
            stop -= 1
        if stop <= content:
            continue
        label = text[start:label_end]
        speaker = re.sub(r"\s*\([^()]*\)\s*$", "", label) or label
        is_question = speaker.upper() in QUESTION_LABELS
        turns.append(
            Turn(
                speaker=speaker,
                span=Span.of(text, content, stop),
                label=Span.of(text, start, label_end),
                is_question=is_question,
                asker=_called_on(previous) if is_question and turns else None,
            )
        )
        previous = text[content:stop]
    return turns


def document_from_html(html: str, *, url: str | None = None, raw: bytes | None = None) -> Document:
    """A :class:`Document` of an HTML page: its main text, metadata, links and turns.

    The main text is the page's largest ``<article>`` (else ``<main>``, else the body),
    without navigation, scripts, styles, asides, footers, forms and elements whose class
    marks them as sharing bars, newsletters or related links. Blocks are separated by a
    blank line and runs of white space collapse to one space. Every
    :class:`~sourcetrace.Link` anchor and every :class:`~sourcetrace.Turn` span points into
    this clean text. Transcript turns are found in the clean text (``MR PRICE:``) and,
    failing that, from bold speaker names at the start of paragraphs.

    Args:
        html: the page's markup.
        url: the address it was fetched from; relative links are resolved against it
            (or against ``<base href>``); the ``<link rel="canonical">`` URL, when the page
            has one, becomes :attr:`Document.url`.
        raw: the bytes the markup was decoded from (for :attr:`Document.sha256`).

    Raises:
        EmptyInputError: the page has no readable text.

    Examples:
        >>> doc = document_from_html('<html><head><meta property="og:site_name" '
        ...     'content="Daily Ledger"></head><body><nav>Home</nav><article><p>Officials '
        ...     'spoke <a href="/t/1">on Friday</a>.</p></article></body></html>',
        ...     url="https://news.example/a")
        >>> doc.text, doc.publisher, doc.links[0].url, doc.links[0].anchor.text
        ('Officials spoke on Friday.', 'Daily Ledger', 'https://news.example/t/1', 'on Friday')
    """
    soup = BeautifulSoup(html, "html.parser")
    index = _index(soup)
    root = _choose_root(soup, index)
    meta = _metadata(index, root, url)
    walker = _Walker()
    if root is soup or root.name in _DROP_TAGS:
        for child in root.contents:
            walker.run(child, in_article=False)
    else:
        walker.run(root, in_article=root.name in ("article", "main"))
    text = walker.out.result()
    if not text.strip():
        raise EmptyInputError(
            f"the HTML page {url or ''} has no readable text (it may need JavaScript or be "
            "behind a paywall); save the article's text and give sourcetrace that instead"
        )
    links: list[Link] = []
    for href, start, end in walker.raw_links:
        target = urljoin(meta["base"] or "", href)
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            continue
        links.append(Link(url=target, anchor=Span.of(text, start, end)))
    turns = parse_turns(text)
    if len(turns) < 2:
        turns = _bold_turns(text, walker.bold_labels) or turns
    kind: DocumentKind = guess_kind(turns, meta["title"])
    if kind == "unknown" and meta["is_article"]:
        kind = "article"
    canonical = meta["canonical"]
    return Document(
        id=Document.make_id(canonical or text),
        url=canonical,
        kind=kind,
        title=meta["title"],
        publisher=meta["publisher"],
        authors=meta["authors"],
        published_at=meta["published_at"],
        text=text,
        links=links,
        turns=turns,
        sha256=sha256_of(raw, html),
        media_type="text/html",
    )
