"""Styles: how each node class and relation looks in every view (shape, colours, dashes), in legend order."""
from __future__ import annotations

#: Node classes in legend order: (label, vis shape, fill, border).
NODE_STYLES = {
    "Guild": ("Guild", "dot", "#E69F00", "#9A6A00"),
    "Studio": ("Studio", "square", "#0072B2", "#004C77"),
    "EmployerAssociation": ("Employer association", "diamond", "#D55E00", "#8F3F00"),
    "GovernmentAgency": ("Government agency", "triangle", "#009E73", "#00694D"),
    "MediaOutlet": ("Media outlet", "triangleDown", "#CC79A7", "#8C4F72"),
    "Person": ("Person", "star", "#56B4E9", "#2C7FB0"),
    "Actor": ("Actor (unclassified)", "dot", "#9E9E9E", "#6B6B6B"),
    "Issue": ("Bargaining issue", "hexagon", "#F0E442", "#9B8E00"),
    "Strike": ("Strike", "box", "#F6B3B3", "#B03A3A"),
    "NegotiationSession": ("Negotiation session", "box", "#BFE3BF", "#4E8F4E"),
    "Proposal": ("Proposal", "box", "#B4D0F2", "#3F6FA8"),
    "Agreement": ("Agreement", "box", "#93D6A4", "#2E7D45"),
    "Statement": ("Statement", "box", "#DCC9F2", "#7651A0"),
    "LegalAction": ("Legal action", "box", "#EBCFA8", "#8C6A32"),
    "Term": ("Term (figure)", "box", "#FFFFFF", "#777777"),
}
#: How the page counts nodes of a class ("312 people without relations").
PLURALS = {"Guild": "guilds", "Studio": "studios", "EmployerAssociation": "employer associations",
           "GovernmentAgency": "government agencies", "MediaOutlet": "media outlets", "Person": "people",
           "Actor": "unclassified actors", "Issue": "bargaining issues"}
#: Light fills behind the communities of a large view (cycled), distinct from the node colours.
COMMUNITY_COLOURS = ["#4C9BE8", "#E8A33D", "#4DB38A", "#D9685E", "#9B7FD1", "#C9B23A", "#5FB7C9", "#D17FB0",
                     "#8C9C5A", "#B08A63"]
#: Edge kinds in legend order: (label, colour, dashed).
RELATION_STYLES = {
    "negotiatesWith": ("negotiates with", "#228833", False),
    "strikesAgainst": ("strikes against", "#CC3311", False),
    "memberOf": ("member of", "#4477AA", False),
    "partOf": ("part of", "#33A0C8", False),
    "supports": ("supports", "#AA7700", False),
    "filedChargeAgainst": ("filed charge against", "#AA3377", False),
    "holdsPosition": ("holds position", "#777777", False),
    "concernsIssue": ("concerns issue", "#A89B00", True),
    "proposedBy": ("proposed by", "#0072B2", False),
    "proposedTo": ("proposed to", "#56B4E9", True),
    "party": ("party", "#009E73", False),
    "statedBy": ("stated by", "#9E4F86", False),
    "strikingParty": ("striking party", "#CC3311", False),
    "target": ("target", "#EE7733", True),
    "filedBy": ("filed by", "#AA3377", False),
    "against": ("against", "#882255", True),
    "filedWith": ("filed with", "#117733", True),
    "participant": ("participant", "#999999", True),
    "hasTerm": ("has term", "#555555", False),
    "strikeSpan": ("strike duration", "#D9534F", False),
    "sameEvent": ("same event", "#A0A0A0", True),
}


def type_order(t: str) -> tuple:
    order = list(NODE_STYLES)
    return (order.index(t) if t in order else len(order), t)


def relation_order(r: str) -> tuple:
    order = list(RELATION_STYLES)
    return (order.index(r) if r in order else len(order), r)
