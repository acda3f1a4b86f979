"""SHACL by SPARQL: the shapes compiled into one Oxigraph query per constraint, each over every focus node at once.

Each core constraint also gets a *screen*: an ASK that is true whenever the constraint can fail (it may be true when
it does not), written so that Oxigraph answers it by scanning the path's triples once: no join with the shape's
targets where the constraint can be decided without them, triple patterns wrapped in sub-SELECTs so that they are
hash-joined, and negation by MINUS (a hash anti-join). The constraint's own query, which gives the results, runs
only when its screen is true; a conforming graph is therefore checked by screens alone. The reason: Oxigraph joins
two triple patterns by looking the second up once per row of the first; on the on-disk store validate.py queries,
each lookup is a RocksDB seek, and the joins with the targets cost seconds per constraint at 10,000 articles,
while a scan of the same triples costs a tenth of a second. Screens are shared: one per property for all its
value conditions, asked once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from .store.sparql import from_ox, sparql_term

# Shape triples that say nothing to validate (documentation, declarations).
_INERT = {RDF.type, RDFS.comment, RDFS.label, SH.message, SH.name, SH.description, SH.declare, SH.prefixes}
_NODE_PARAMS = {SH.targetClass, SH.targetSubjectsOf, SH.property, SH.sparql}
_VALUE_PARAMS = {SH.datatype, SH["class"], SH.nodeKind, SH.pattern, SH["in"], SH.minInclusive, SH.maxInclusive,
                 SH["or"], SH.lessThanOrEquals}
_PROPERTY_PARAMS = {SH.path, SH.minCount, SH.maxCount, SH.qualifiedValueShape, SH.qualifiedMinCount} | _VALUE_PARAMS
# Datatypes whose lexical forms pySHACL checks (rdflib's ill_typed): a value must also cast to its datatype.
_CHECKED_LEXICAL = {XSD.date, XSD.integer, XSD.decimal, XSD.boolean, XSD.dateTime, XSD.double, XSD.float}
_NODE_KINDS = {SH.IRI: "isIRI(?v)", SH.BlankNode: "isBlank(?v)", SH.Literal: "isLiteral(?v)",
               SH.BlankNodeOrIRI: "(isBlank(?v) || isIRI(?v))", SH.BlankNodeOrLiteral: "(isBlank(?v) || isLiteral(?v))",
               SH.IRIOrLiteral: "(isIRI(?v) || isLiteral(?v))"}
# Stands for the classes that are rdfs:subClassOf* the class named, filled in from the data by run_checks: a
# property path there makes Oxigraph walk every typed node.
_SUBCLASSES = re.compile(r"@subclasses<([^>]*)>@")
PREFIXES = {"rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD)}


class Unsupported(Exception):
    """The shapes use a SHACL feature this compiler does not translate (the caller falls back to pySHACL)."""


@dataclass(frozen=True)
class Violation:
    """One validation result, as pySHACL reports it; `path` is an IRI or ("^", IRI) for an inverse path."""
    focus: Node
    path: object
    value: Node | None
    component: str  # local name in sh:, e.g. "MinCountConstraintComponent"
    shape: Node  # the source shape (a blank node for an anonymous property shape)
    message: str
    severity: str = "Violation"

    def key(self) -> tuple:
        """Sort and compare key: blank node shapes compare by their path, their label being arbitrary."""
        shape = "" if isinstance(self.shape, BNode) else str(self.shape)
        return (str(self.focus), str(self.path or ""), str(self.value or ""), self.component, shape, self.message)


@dataclass(frozen=True)
class Check:
    """One query; its rows are (this[, v][, more]) and `kind` says how a row becomes a Violation."""
    query: str
    kind: str  # "count": no value; "counts": ?n values against bounds; "value": ?v is the value; "sparql": rows of
    # pySHACL's SPARQL-based constraints
    shape: Node
    path: object
    component: str
    message: str
    bounds: tuple = (None, None)  # "counts": (sh:minCount, sh:maxCount), either None
    screen: str | None = None  # an ASK true whenever the query can have rows; None: run the query


def compile_shapes(shapes: Graph) -> list[Check]:
    """Every constraint of every shape with a target as a query; raises Unsupported on anything else."""
    checks: list[Check] = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        _only(shapes, shape, _NODE_PARAMS)
        target = _target(shapes, shape)
        for prop in sorted(shapes.objects(shape, SH.property), key=lambda p: (str(_path(shapes, p)), str(p))):
            checks += _property_checks(shapes, shape, prop, target, _focus(shapes, shape))
        for constraint in sorted(shapes.objects(shape, SH.sparql), key=str):
            checks.append(_sparql_check(shapes, shape, constraint, target))
    return checks


def run_checks(checks: Iterable[Check], data: ox.Store) -> list[Violation]:
    """The violations, sorted; `data` holds the data graph (with the ontology) in its default graph. One thread:
    pyoxigraph's query solutions must be dropped on the thread that made them, which the garbage collector breaks."""
    out = []
    subclasses: dict[str, str] = {}
    screened: dict[str, bool] = {}  # a screen's answer, by its text: checks of one property share theirs
    for check in checks:
        if check.screen is not None:
            screen = concrete(check.screen, data, subclasses)
            if screen not in screened:
                screened[screen] = bool(data.query(screen, prefixes=PREFIXES))
            if not screened[screen]:
                continue
        solutions = data.query(concrete(check.query, data, subclasses), prefixes=PREFIXES)
        names = [v.value for v in solutions.variables]
        out += [_violation(check, dict(zip(names, row))) for row in solutions]
    return sorted(out, key=Violation.key)


def concrete(query: str, data: ox.Store, subclasses: dict[str, str]) -> str:
    """The query with the subclasses of each class it names, as `data` has them (memoized in `subclasses`)."""
    for iri in set(_SUBCLASSES.findall(query)) - set(subclasses):
        found = data.query(f"SELECT DISTINCT ?c WHERE {{ ?c rdfs:subClassOf* <{iri}> }}", prefixes=PREFIXES)
        subclasses[iri] = " ".join(sorted(str(row[0]) for row in found))
    return _SUBCLASSES.sub(lambda m: subclasses[m.group(1)], query)


# -- compiling ---------------------------------------------------------------------------------------------
def _only(shapes: Graph, node: Node, allowed: set) -> None:
    for p in set(shapes.predicates(node)) - allowed - _INERT:
        raise Unsupported(f"{p} on {node}")
    if (node, SH.deactivated, None) in shapes or (node, SH.severity, None) in shapes:
        raise Unsupported(f"sh:deactivated or sh:severity on {node}")


def _target(shapes: Graph, shape: Node) -> str:
    """A group pattern that binds ?this to every focus node of the shape (DISTINCT, as pySHACL's set)."""
    return f"{{ SELECT DISTINCT ?this WHERE {{ {_focus(shapes, shape)} }} }}"


def _focus(shapes: Graph, shape: Node) -> str:
    """A pattern binding ?this to the shape's focus nodes, some more than once (and other variables: ?t*)."""
    classes = sorted(shapes.objects(shape, SH.targetClass), key=str)
    subjects_of = sorted(shapes.objects(shape, SH.targetSubjectsOf), key=str)
    parts = []
    if classes:
        parts.append(f"{{ VALUES ?tc {{ {_subclasses(classes)} }} ?this rdf:type ?tc }}")
    if subjects_of:
        parts.append(f"{{ VALUES ?tp {{ {_terms(subjects_of)} }} ?this ?tp ?tany }}")
    if not parts:
        raise Unsupported(f"{shape} has no target this compiler knows")
    return " UNION ".join(parts)


def _subclasses(classes: Iterable[Node]) -> str:
    return " ".join(f"@subclasses{sparql_term(c)}@" for c in classes)


def _terms(nodes: Iterable[Node]) -> str:
    return " ".join(sparql_term(n) for n in nodes)


def _path(shapes: Graph, prop: Node) -> object:
    path = shapes.value(prop, SH.path)
    if isinstance(path, URIRef):
        return path
    inverse = shapes.value(path, SH.inversePath) if isinstance(path, BNode) else None
    if isinstance(inverse, URIRef) and set(shapes.predicates(path)) == {SH.inversePath}:
        return ("^", inverse)
    raise Unsupported(f"the path of {prop}")


def _message(shapes: Graph, node: Node) -> str:
    messages = list(shapes.objects(node, SH.message))
    if len(messages) != 1:  # pySHACL words a default message of its own: not reproduced here
        raise Unsupported(f"{node} needs exactly one sh:message")
    return str(messages[0])


def _property_checks(shapes: Graph, shape: Node, prop: Node, target: str, focus: str) -> list[Check]:
    _only(shapes, prop, _PROPERTY_PARAMS)
    path = _path(shapes, prop)
    step = f"^{sparql_term(path[1])}" if isinstance(path, tuple) else sparql_term(path)
    # the path's triples with ?this the focus node's end, as a hash-joinable sub-SELECT (see the module docstring)
    pattern = f"?v {sparql_term(path[1])} ?this" if isinstance(path, tuple) else f"?this {step} ?v"
    scan = f"{{ SELECT ?this ?v WHERE {{ {pattern} }} }}"
    message = _message(shapes, prop)
    checks = []

    def add(kind, component, query, screen):
        checks.append(Check(query, kind, prop, path, component, message, screen=screen))
    bounds = tuple(_one_int(shapes, prop, p) for p in (SH.minCount, SH.maxCount))
    if bounds != (None, None):  # both counts from one query: the values counted once per focus node
        tests = " || ".join(t for t, b in ((f"?n < {bounds[0]}", bounds[0]), (f"?n > {bounds[1]}", bounds[1]))
                            if b is not None)
        checks.append(Check(f"SELECT ?this ?n WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {target} "
                            f"OPTIONAL {{ ?this {step} ?v }} }} GROUP BY ?this }} FILTER({tests}) }}", "counts", prop,
                            path, "", message, bounds, _count_screen(focus, pattern, *bounds)))
    qualified = shapes.value(prop, SH.qualifiedValueShape)
    if qualified is not None:
        _only(shapes, qualified, {SH.nodeKind, SH.pattern})
        minimum = shapes.value(prop, SH.qualifiedMinCount)
        if minimum is None or (prop, SH.qualifiedMaxCount, None) in shapes:
            raise Unsupported(f"the qualified counts of {prop}")
        ok = " && ".join(f"!({c})" for c in _value_failures(shapes, qualified).values()
                         if isinstance(c, str)) or "true"  # nodeKind and pattern only: conditions
        add("count", "QualifiedMinCountConstraintComponent",
            f"SELECT ?this WHERE {{ {target} OPTIONAL {{ ?this {step} ?v FILTER({ok}) }} }}"
            f" GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(minimum)})",
            None)  # no screen: it would test the condition on every value of the path as this query does
    failures = _value_failures(shapes, prop)
    # one screen for all the conditions on single values: true when some value of the path fails one of them
    conditions = " || ".join(f for f in failures.values() if isinstance(f, str))
    for component, failure in failures.items():
        if isinstance(failure, tuple):  # a pattern that a passing value matches: MINUS, a hash anti-join (OPTIONAL
            # and !BOUND looked each value's types up: 7.6 s for the participants at 10,000 articles)
            screen = f"ASK {{ {scan} MINUS {{ {failure[0]} }} }}"
            failure = f"MINUS {{ {failure[0]} }}"
        else:
            screen = f"ASK {{ {pattern} FILTER({conditions}) }}"
            failure = f"FILTER({failure})"
        add("value", component, f"SELECT DISTINCT ?this ?v WHERE {{ {target} ?this {step} ?v {failure} }}", screen)
    for other in shapes.objects(prop, SH.lessThanOrEquals):
        # one result per pair that fails, as pySHACL: a value above two others is reported twice
        fails = "FILTER(!COALESCE((isLiteral(?v) && isLiteral(?o) && ?v <= ?o), false))"
        add("value", "LessThanOrEqualsConstraintComponent",
            f"SELECT ?this ?v ?o WHERE {{ {target} ?this {step} ?v . ?this {sparql_term(other)} ?o {fails} }}",
            f"ASK {{ {scan} {{ SELECT ?this ?o WHERE {{ ?this {sparql_term(other)} ?o }} }} {fails} }}")
    return checks


def _count_screen(focus: str, pattern: str, low: int | None, high: int | None) -> str | None:
    """An ASK true whenever a focus node may have fewer than `low` or more than `high` distinct values of the path
    (`focus` binds ?this to the focus nodes, `pattern` binds ?this and ?v); None when no count can fail."""
    parts = []
    if low is not None and low > 0:
        # a focus node without values: the focus nodes less every node with one (no lookup per focus node)
        parts.append(f"{{ {{ {focus} }} MINUS {{ SELECT ?this WHERE {{ {pattern} }} }} }}")
        if low > 1:  # or with some, but too few (any node: a superset of the focus nodes)
            parts.append(f"{{ SELECT ?this WHERE {{ {pattern} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {low}) }}")
    if high is not None:
        # more triples than subjects: some node has two values (each triple is one value)
        parts.append(f"{{ {{ SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?this) AS ?d) WHERE {{ {pattern} }} }} "
                     f"FILTER(?t > ?d) }}" if high > 0 else f"{{ {pattern} }}")
    return f"ASK {{ {' UNION '.join(parts)} }}" if parts else None


def _one_int(shapes: Graph, node: Node, param: URIRef) -> int | None:
    values = list(shapes.objects(node, param))
    if len(values) > 1:
        raise Unsupported(f"two {param} on {node}")
    return int(values[0]) if values else None


def _value_failures(shapes: Graph, node: Node) -> dict[str, str | tuple[str, str]]:
    """Component -> a SPARQL condition true of a value ?v that fails it, or (a pattern that a value passing it
    matches, a variable that pattern binds); a value fails the latter when it matches no solution (MINUS)."""
    out = {}
    for dt in shapes.objects(node, SH.datatype):
        lexical = f" || !COALESCE(isLiteral({sparql_term(dt)}(STR(?v))), false)" if dt in _CHECKED_LEXICAL else ""
        out["DatatypeConstraintComponent"] = (f"(!isLiteral(?v) || datatype(?v) != {sparql_term(dt)}{lexical})")
    for cls in shapes.objects(node, SH["class"]):
        out["ClassConstraintComponent"] = (f"VALUES ?ct {{ {_subclasses([cls])} }} ?v rdf:type ?ct", "?ct")
    for kind in shapes.objects(node, SH.nodeKind):
        if kind not in _NODE_KINDS:
            raise Unsupported(f"sh:nodeKind {kind}")
        out["NodeKindConstraintComponent"] = f"!{_NODE_KINDS[kind]}"
    for pattern in shapes.objects(node, SH.pattern):
        if (node, SH.flags, None) in shapes:
            raise Unsupported(f"sh:flags on {node}")
        out["PatternConstraintComponent"] = f"(isBlank(?v) || !REGEX(STR(?v), {sparql_term(Literal(str(pattern)))}))"
    for members in shapes.objects(node, SH["in"]):
        alternatives = " || ".join(f"sameTerm(?v, {sparql_term(m)})" for m in Collection(shapes, members))
        out["InConstraintComponent"] = f"!({alternatives or 'false'})"
    for param, op, component in ((SH.minInclusive, ">=", "MinInclusive"), (SH.maxInclusive, "<=", "MaxInclusive")):
        for bound in shapes.objects(node, param):
            out[f"{component}ConstraintComponent"] = (f"!COALESCE((isLiteral(?v) && ?v {op} {sparql_term(bound)}),"
                                                      " false)")
    for members in shapes.objects(node, SH["or"]):
        classes = []
        for member in Collection(shapes, members):
            _only(shapes, member, {SH["class"]})
            classes += list(shapes.objects(member, SH["class"]))
        out["OrConstraintComponent"] = (f"VALUES ?oc {{ {_subclasses(classes)} }} ?v rdf:type ?oc", "?oc")
    return out


_SELECT = re.compile(r"^\s*SELECT\s+(DISTINCT\s+)?(.*?)\bWHERE\s*\{", re.IGNORECASE | re.DOTALL)


def _sparql_check(shapes: Graph, shape: Node, constraint: Node, target: str) -> Check:
    """The constraint's SELECT over every focus node: $this joined with the target, which comes first in the
    top-level group, instead of pre-bound: the same as long as no sub-SELECT, MINUS or BIND hides $this from it."""
    _only(shapes, constraint, {SH.select})
    select = str(shapes.value(constraint, SH.select))
    match = _SELECT.match(select)
    if match is None or re.search(r"\b(SERVICE|MINUS|VALUES|GRAPH|BIND)\b|\$(value|PATH|currentShape|"
                                  r"shapesGraph)\b|\{[^{}]*\bSELECT\b", select, re.IGNORECASE):
        raise Unsupported(f"the SPARQL of {constraint}")
    declared = [d for source in shapes.objects(constraint, SH.prefixes) for d in shapes.objects(source, SH.declare)]
    prefixes = "".join(f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n" for d in declared)
    body = select[match.end():].replace("$this", "?this")
    projection = match.group(2).replace("$this", "?this")
    query = f"{prefixes}SELECT DISTINCT {projection}WHERE {{ {target} {body}"
    return Check(query, "sparql", shape, None, "SPARQLConstraintComponent", _message(shapes, constraint))


# -- results ------------------------------------------------------------------------------------------------
def _violation(check: Check, row: dict) -> Violation:
    this = from_ox(row["this"])
    if check.kind == "count":
        return Violation(this, check.path, None, check.component, check.shape, check.message)
    if check.kind == "counts":
        low = check.bounds[0] is not None and int(row["n"].value) < check.bounds[0]
        component = "MinCountConstraintComponent" if low else "MaxCountConstraintComponent"
        return Violation(this, check.path, None, component, check.shape, check.message)
    if check.kind == "value":
        return Violation(this, check.path, from_ox(row["v"]), check.component, check.shape, check.message)
    bound = {name: from_ox(term) for name, term in row.items() if term is not None}
    message = check.message
    for name, term in bound.items():  # pySHACL's substitution of {?var} and {$var}
        message = re.sub(r"\{[?$]%s\}" % re.escape(name), lambda _m, t=term: str(t), message)
    # a node shape's result has the focus as its value unless the query selects ?value
    return Violation(this, bound.get("path"), bound.get("value", this), check.component, check.shape, message)
