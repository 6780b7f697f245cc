"""Text of an HTML page read as a flat stream of tags, for pages a tree parser cuts short.

libxml2, under lxml and trafilatura, stops building the tree at 256 levels of nesting and
drops everything below, so a page wrapped in a few hundred ``<div>`` elements loses its
article silently. The standard library's tokenizer keeps no tree and has no depth limit:
it gives the page's text, one line per block element, without scripts and styles.
"""

from __future__ import annotations

from html.parser import HTMLParser

from blocwatch.clean.furniture import words

_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
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
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
PARSER_DEPTH = 255
"""Deeper than this, libxml2 drops the tree's content."""
LOST_SHARE = 0.5
"""The tree is taken as cut short when the flat reading holds this share more words."""


class _FlatText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skipping = 0
        self.depth = 0
        self.max_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
        if tag in _SKIPPED:
            self.skipping += 1
        if tag in _BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth = max(self.depth - 1, 0)
        if tag in _SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        if tag in _BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.lines[-1] += data


def flat_text(html: str) -> tuple[list[str], int]:
    """The page's text lines (whitespace collapsed, empty lines dropped) and the deepest
    nesting of its tags."""
    parser = _FlatText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in parser.lines)
    return [line for line in lines if line], parser.max_depth


def tree_lost_text(tree_words: int, flat_lines: list[str], depth: int) -> bool:
    """Whether the tree parser dropped part of the page: it nests past the parser's depth
    and the flat reading holds clearly more words than the tree."""
    flat_words = sum(len(words(line)) for line in flat_lines)
    return depth > PARSER_DEPTH and flat_words > (1 + LOST_SHARE) * tree_words
