"""The query page's static files (graph/page/assets/: the vendored YASGUI, the page's script and style), as served.

Only the files named in `MEDIA_TYPES` are served, looked up by name (never a path joined from the request). Each
has a version, the start of its sha256, which the page puts in the URLs it links (`/assets/query.js?v=...`): a
client may cache a versioned URL for ever, since new content gets a new URL.
"""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from importlib import resources

#: where the endpoint serves the files
ASSETS_PATH = "/assets/"
#: the files served, with their media types
MEDIA_TYPES = {
    "yasgui.min.js": "text/javascript",
    "yasgui.min.css": "text/css",
    "yasgui-LICENSE.txt": "text/plain",
    "query.js": "text/javascript",
    "query.css": "text/css",
}


@dataclass(frozen=True)
class Asset:
    name: str
    data: bytes
    media_type: str
    version: str  # the first 16 hex digits of the sha256 of `data`

    @property
    def url(self) -> str:
        return f"{ASSETS_PATH}{self.name}?v={self.version}"


@functools.lru_cache(maxsize=None)
def asset(name: str) -> Asset | None:
    """The served file `name`, or None if there is none of that name."""
    if name not in MEDIA_TYPES:
        return None
    data = resources.files(__package__).joinpath("assets", name).read_bytes()
    return Asset(name, data, MEDIA_TYPES[name], hashlib.sha256(data).hexdigest()[:16])


def asset_urls() -> dict[str, str]:
    """Each served file's versioned URL, by name."""
    return {name: asset(name).url for name in MEDIA_TYPES}


@functools.lru_cache(maxsize=1)
def yasgui_version() -> str:
    """The vendored YASGUI's version, as its licence file (written by scripts/vendor-yasgui.sh) states it."""
    m = re.match(r"YASGUI: @zazuko/yasgui (\S+) ", asset("yasgui-LICENSE.txt").data.decode("utf-8"))
    return m.group(1) if m else "unknown"


__all__ = ["ASSETS_PATH", "MEDIA_TYPES", "Asset", "asset", "asset_urls", "yasgui_version"]
