"""The index of a views folder: every page there, with its title and what it shows, read back from the pages."""
from __future__ import annotations

import functools
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from jinja2 import Environment

#: What each kind of view shows (a page's <meta name="description"> starts with it).
KINDS = {
    "overview": "Every actor and bargaining issue, and the relations between them",
    "focus": "One actor's neighbourhood: the actors and issues it is related to",
    "issue": "Who proposed, agreed or stated what about one bargaining issue",
    "timeline": "Events by date in actor lanes, strikes as spans",
    "gap": "Asked, offered and agreed figures by bargaining issue and contract year, per guild",
}
#: Pages list in this order (by file name), then by name.
_ORDER = ("overview.html", "timeline.html", "gap.html", "issue-", "focus-")
#: The head of a page (title, description) is in its first bytes: the rest is not read.
_HEAD = 32_768
_SUFFIX = " · guildgraph"


def describe(view: str, subtitle: str) -> str:
    """The description a view's page carries: its kind, then its subtitle (counts, the focus ...)."""
    kind = KINDS.get(view, "")
    return f"{kind}: {subtitle}." if kind and subtitle else (kind or subtitle)


class _Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title: str | None = None
        self.description = ""
        self.ours = False
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "title":
            self._in_title = True
            self.title = ""
        elif tag == "meta" and a.get("name") == "description":
            self.description = a.get("content", "")
        elif tag == "meta" and a.get("name") == "generator" and a.get("content") == "guildgraph":
            self.ours = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title = (self.title or "") + data


def read_head(html: str) -> _Head:
    """The title, description and whether a page is one of ours, from the head of its HTML."""
    head = _Head()
    head.feed(html[:_HEAD])
    head.title = " ".join((head.title or "").split()).removesuffix(_SUFFIX)
    return head


def _sort_key(name: str) -> tuple:
    for i, prefix in enumerate(_ORDER):
        if name == prefix or (prefix.endswith("-") and name.startswith(prefix)):
            return (i, name)
    return (len(_ORDER), name)


@functools.lru_cache(maxsize=1)
def _template():
    text = resources.files(__package__).joinpath("templates", "index.html").read_text(encoding="utf-8")
    return Environment(autoescape=True, keep_trailing_newline=True).from_string(text)


def index_html(pages: dict[str, str]) -> str:
    """The index page of `pages` ({file name: HTML}): a link to each with its title and description."""
    views = []
    for name in sorted(pages, key=_sort_key):
        if name == "index.html":
            continue
        head = read_head(pages[name])
        views.append({"href": name, "title": head.title or name, "description": head.description})
    return _template().render(views=views)


def write_index(folder: str | Path, *, replace: bool = False) -> Path | None:
    """Rewrite `folder`/index.html to list every *.html page there. An index.html that is not ours is left alone
    (None) unless `replace`."""
    folder = Path(folder)
    path = folder / "index.html"
    if path.exists() and not replace and not read_head(_start(path)).ours:
        return None
    pages = {p.name: _start(p) for p in sorted(folder.glob("*.html")) if p.name != "index.html" and p.is_file()}
    path.write_text(index_html(pages), encoding="utf-8")
    return path


def _start(path: Path) -> str:
    with path.open(encoding="utf-8", errors="replace") as f:
        return f.read(_HEAD)
