"""The query page's HTML: YASGUI set up for this endpoint, its prefixes and its named queries (graph/page/query.html).

Everything that comes from data (query names, descriptions, texts, prefixes, the endpoint) is escaped by the
template engine: shown as text, or in one `data-config` attribute as JSON that the page's script (assets/query.js)
reads. The page runs no inline script, so its Content-Security-Policy (`CONTENT_SECURITY_POLICY`, sent as a
header) allows scripts, styles and requests from the endpoint itself only.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from importlib import resources

from jinja2 import Environment

from .assets import asset_urls, yasgui_version
from .examples import Example, declare_prefixes

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # YASGUI and CodeMirror write style attributes into the markup they make
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
])
#: the first tab's query (its prefixes declared by `declare_prefixes`)
DEFAULT_QUERY = """\
# The guilds and their names. The prefixes hl:, hlr:, rdfs: ... are predefined; declaring them does no harm.
SELECT ?guild ?label
WHERE { ?guild a hl:Guild ; rdfs:label ?label }
ORDER BY ?label
"""


@functools.lru_cache(maxsize=1)
def _template():
    text = resources.files(__package__).joinpath("query.html").read_text(encoding="utf-8")
    return Environment(autoescape=True, keep_trailing_newline=True).from_string(text)


def generate_query_page(endpoint: str, examples: Sequence[Example], prefixes: Mapping[str, str]) -> str:
    """The page: YASGUI querying `endpoint` (a URL, absolute or relative to the page), offering `examples` and
    knowing `prefixes` (prefix -> namespace IRI)."""
    config = {
        "endpoint": endpoint,
        "prefixes": dict(prefixes),
        "defaultQuery": declare_prefixes(DEFAULT_QUERY),
        "examples": [{"name": ex.name, "query": ex.text} for ex in examples],
    }
    return _template().render(endpoint=endpoint, examples=examples, prefixes=prefixes, assets=asset_urls(),
                              yasgui_version=yasgui_version(),
                              config=json.dumps(config, ensure_ascii=False, separators=(",", ":")))


__all__ = ["generate_query_page", "CONTENT_SECURITY_POLICY", "DEFAULT_QUERY"]
