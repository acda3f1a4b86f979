"""The visible text of an HTML page, its title and its published date, as the HTML parser reads them."""
from __future__ import annotations

import html.parser


class VisibleText(html.parser.HTMLParser):
    """Visible text of an HTML page: scripts, styles and templates dropped, block elements as line breaks."""

    SKIP = {"script", "style", "template", "noscript", "head"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: str | None = None
        self.published: str | None = None
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":  # `</head>` is optional in HTML: the body starts the visible text whatever came before
            self._skip = 0
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")
        if tag == "meta":
            a = dict(attrs)
            if a.get("property") in ("article:published_time",) or a.get("name") in ("date", "pubdate"):
                self.published = a.get("content")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title = (self.title or "") + data
        elif not self._skip:
            self.parts.append(data)
