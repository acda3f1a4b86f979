"""SPARQL text as the engine reads it: strings, IRIs and comments told from syntax; prefixes declared (no rdflib)."""
from __future__ import annotations

import re

from ..prefixes import PREFIXES

#: The tokens of a query in which any character may stand: strings and IRIs (group 1), comments (no group). As
#: Oxigraph reads them: escapes inside long strings, `\u` escapes and any non-space character but <>"{}|^`\ in
#: IRIs, a comment ended by CR or LF (graph/query/guard.py relies on the lexer seeing what the engine sees).
_STRING = r"""'''(?:'{0,2}(?:[^'\\]|\\.))*'''|\"\"\"(?:"{0,2}(?:[^"\\]|\\.))*\"\"\"|'(?:[^'\\\n\r]|\\.)*'""" \
          r"""|"(?:[^"\\\n\r]|\\.)*\""""
_IRI = r"""<(?:[^\x00-\x20<>"{}|^`\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>"""
_TOKEN = re.compile(rf"((?P<string>{_STRING})|(?P<iri>{_IRI}))|(?P<comment>#[^\r\n]*)", re.S)
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.I)


def mask(text: str) -> str:
    """`text` with its strings, IRIs and comments blanked out (same length), so that what is left is syntax."""
    return _TOKEN.sub(lambda m: " " * len(m.group()), text)


def spans(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each string, IRI and comment of `text`, in order; kind is "string", "iri" or
    "comment"."""
    return [(next(k for k in ("string", "iri", "comment") if m.group(k) is not None), m.start(), m.end())
            for m in _TOKEN.finditer(text)]


def strip_comments(text: str) -> str:
    """`text` without comments: a `#` outside an IRI or a string starts one, even right after `>`."""
    return _TOKEN.sub(lambda m: m.group(1) or "", text)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside strings, IRIs and comments."""
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", mask(text), re.I)
    return m.group(1).upper() if m else "SELECT"


def with_prefixes(text: str) -> str:
    """The query with PREFIX declarations for the project's prefixes it uses but does not declare (what the local
    store gives Oxigraph as a map)."""
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(text)}
    missing = [(p, iri) for p, iri in PREFIXES.items()
               if p not in declared and re.search(rf"(?<![\w.:-]){re.escape(p)}:", text)]
    if not missing:
        return text
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in missing) + text


__all__ = ["mask", "query_form", "spans", "strip_comments", "with_prefixes"]
