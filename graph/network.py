"""Network: the store projected to a networkx graph of actors and issues, with relations as edges."""
from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from .namespaces import HL
from .vocab import ACTOR_CLASSES, RELATIONS, SYMMETRIC, sparql_list

if TYPE_CHECKING:
    from .store import Store

#: The relations that become edges, and whether each is symmetric (drawn undirected).
EDGE_RELATIONS = {r: r in SYMMETRIC for r in (*RELATIONS, "holdsPosition", "concernsIssue")}

# Each node's articles are counted first (a few hundred nodes), then its type, labels and aliases looked up: the
# other way round every mention row carried its own look-ups (8 s instead of 0.3 s at 10,000 articles).
_NODES = f"""
SELECT ?node ?type ?label ?aliases ?articles
WHERE {{
  {{ SELECT ?node (COUNT(DISTINCT ?doc) AS ?articles) WHERE {{ ?node hl:mentionedIn ?doc }} GROUP BY ?node }}
  OPTIONAL {{ ?node a ?type . FILTER(?type IN ({sparql_list((*ACTOR_CLASSES, "Issue"))})) }}
  OPTIONAL {{ ?node rdfs:label ?label }}
  OPTIONAL {{ ?node skos:prefLabel ?label }}
  OPTIONAL {{ SELECT ?node (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases)
             WHERE {{ ?node skos:altLabel ?alias }} GROUP BY ?node }}
}}
ORDER BY ?node
"""

_RELATIONS = sparql_list(RELATIONS, " ")
# The relations are read by predicate (VALUES), not by a scan of every triple; each pattern of a join is a
# sub-select of its own, which Oxigraph joins by hash instead of one index look-up per row (the statements about
# an actor in thousands of articles were looked up for each of its relations): 9.5 -> 3-4.5 s at 10,000 articles.
_EDGES = f"""
SELECT ?s ?p ?o ?role (COUNT(DISTINCT ?ev) AS ?evidence) (GROUP_CONCAT(DISTINCT STR(?doc); separator="|") AS ?docs)
WHERE {{
  {{ {{ SELECT ?s ?p ?o {{ VALUES ?p {{ {_RELATIONS} }} ?s ?p ?o }} }}
    OPTIONAL {{ {{ SELECT ?st ?p {{ VALUES ?p {{ {_RELATIONS} }} ?st rdf:predicate ?p }} }}
               {{ SELECT ?st ?s {{ ?st rdf:subject ?s }} }}
               {{ SELECT ?st ?o {{ ?st rdf:object ?o }} }}
               {{ SELECT ?st ?ev {{ ?st hl:evidence ?ev }} }}
               {{ SELECT ?ev ?doc {{ ?ev prov:wasDerivedFrom ?doc }} }} }} }}
  UNION
  {{ ?s hl:holdsPosition ?pos . ?pos hl:organization ?o . BIND(hl:holdsPosition AS ?p)
    OPTIONAL {{ ?pos hl:roleLabel ?role }}
    OPTIONAL {{ ?st rdf:subject ?s ; rdf:predicate hl:holdsPosition ; rdf:object ?pos ; hl:evidence ?ev .
               ?ev prov:wasDerivedFrom ?doc }} }}
  UNION
  {{ {{ SELECT DISTINCT ?event ?o {{ ?event hl:concernsIssue ?o . ?o a hl:Issue }} }}
    {{ SELECT ?event ?s {{ ?event hl:participant ?s }} }}
    {{ SELECT ?event ?ev {{ ?event hl:evidence ?ev }} }}
    {{ SELECT ?ev ?doc {{ ?ev prov:wasDerivedFrom ?doc }} }}
    BIND(hl:concernsIssue AS ?p) }}
}}
GROUP BY ?s ?p ?o ?role
ORDER BY ?s ?p ?o ?role
"""


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """Actors and issues as nodes (label, type, aliases, article count), relations as keyed edges (relation,
    role, evidence count, articles). Symmetric relations carry `symmetric=True`."""
    from .query.run import select_rows  # rows as text: no RDF library term is made

    g = nx.MultiDiGraph()
    for row in select_rows(store, _NODES):
        node = str(row.node)
        if node in g:
            continue
        g.add_node(node, label=str(row.label or _local(node)), type=_local(row.type) if row.type else "Actor",
                   aliases="|".join(sorted(a for a in str(row.aliases or "").split("|") if a)),
                   articles=int(row.articles))
    docs: dict[tuple, set[str]] = {}
    for row in select_rows(store, _EDGES):
        s, o = str(row.s), str(row.o)
        if s not in g or o not in g:
            continue
        rel = _local(row.p)
        symmetric = EDGE_RELATIONS.get(rel, False)
        if symmetric:  # one edge for "A negotiates with B" and "B negotiates with A"
            s, o = sorted((s, o))
        key = f"{rel}:{row.role}" if row.role else rel
        seen = docs.setdefault((s, o, key), set())
        seen |= {d for d in str(row.docs or "").split("|") if d}
        if g.has_edge(s, o, key):
            g.edges[s, o, key]["evidence"] += int(row.evidence)
            g.edges[s, o, key]["articles"] = len(seen)
            continue
        g.add_edge(s, o, key=key, relation=rel, role=str(row.role or ""), evidence=int(row.evidence),
                   articles=len(seen), symmetric=symmetric)
    return g


__all__ = ["to_networkx", "EDGE_RELATIONS", "HL"]
