"""What the endpoint answers to a GET that asks no query: the query page, its static files, the service description.

Each function returns an `Answer` (status, body, media type, headers); graph/serve.py's handler sends it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from http import HTTPStatus

from .. import exports
from ..namespaces import PREFIXES
from ..service_description import SD_PREFIXES, generate_service_description
from .assets import asset
from .examples import examples
from .html import CONTENT_SECURITY_POLICY, generate_query_page

#: headers of every answer made here
_COMMON = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
_IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Answer:
    status: HTTPStatus
    body: bytes
    media_type: str
    headers: dict[str, str] = field(default_factory=dict)


def page_answer(store, endpoint: str = "/sparql") -> Answer:
    """The query page, made afresh (the named queries' defaults are bound against the store as it is now)."""
    html = generate_query_page(endpoint, examples(store), PREFIXES)
    return Answer(HTTPStatus.OK, html.encode("utf-8"), "text/html",
                  {**_COMMON, "Content-Security-Policy": CONTENT_SECURITY_POLICY, "Cache-Control": "no-cache"})


def asset_answer(name: str, version: str | None = None, if_none_match: str | None = None) -> Answer:
    """A static file: cached for ever under its versioned URL (`?v=` its version), else revalidated by ETag; an
    `If-None-Match` that names its ETag is answered 304 without a body."""
    found = asset(name)
    if found is None:
        return Answer(HTTPStatus.NOT_FOUND, f"no such file: {name}\n".encode(), "text/plain", dict(_COMMON))
    etag = f'"{found.version}"'
    headers = {**_COMMON, "ETag": etag, "Cache-Control": _IMMUTABLE if version == found.version else "no-cache"}
    if if_none_match and (if_none_match.strip() == "*" or etag in [t.strip() for t in if_none_match.split(",")]):
        return Answer(HTTPStatus.NOT_MODIFIED, b"", found.media_type, headers)
    return Answer(HTTPStatus.OK, found.data, found.media_type, headers)


def service_description_answer(endpoint_url: str, fmt: str = "turtle") -> Answer:
    """The service description of the endpoint at `endpoint_url`, in `fmt` (an RDF format of graph/exports.py)."""
    body = exports.serialize_graph(generate_service_description(endpoint_url), fmt, SD_PREFIXES)
    return Answer(HTTPStatus.OK, body, exports.FORMATS[fmt].media_type, {**_COMMON, "Cache-Control": "no-cache"})


__all__ = ["Answer", "page_answer", "asset_answer", "service_description_answer"]
