"""Titles: the positions an article gives people ("Disney CEO Bob Iger", "Iger, CEO of Disney"), each read into a
holdsPosition frame with its holder and organisation."""
from __future__ import annotations

from spacy.tokens import Span

from ..vocab import ORGANIZATION_CLASSES
from . import clauses, coref
from .arguments import Filler, Reader
from .frame_types import POSITION, Frame
from .hedges import NEGATED, negated_copula
from .index import inside_any
from .syntax import logical_subjects


def read_positions(doc, hits, reader: Reader, title_words: set[str]) -> list[Frame]:
    """Titles: "Disney CEO Bob Iger", "Iger, CEO of Disney", "the AMPTP's president, Carol Lombardini",
    "Tino Gagliardi, AFM international president and chief negotiator" (two positions)."""
    linked = reader.linked
    field_only, own_titles = reader.lexicon.field_titles, reader.lexicon.own_titles
    field_end = {h.start: end for h, _ in hits if (end := _field_end(doc, h, linked)) > h.end}
    hits = sorted((h for h, _ in hits if h.start in field_end or not _needs_field(h, field_only, own_titles)),
                  key=lambda s: (-(len(s)), s.start))
    taken: set[int] = set()
    spans = []
    for s in hits:
        if any(i in taken for i in range(s.start, s.end)):
            continue
        if any(linked.at_token(i) is not None for i in range(s.start, s.end)):
            continue  # inside a name
        taken.update(range(s.start, s.end))
        spans.append(s)
    spans.sort(key=lambda s: s.start)
    orgs = set(ORGANIZATION_CLASSES)
    serving = set(reader.lexicon.titles.get("serving_verbs", ()))
    appointing = set(reader.lexicon.titles.get("appointing_verbs", ()))
    copulas = set(reader.lexicon.titles.get("copulas", ("be",)))
    leading = set(reader.lexicon.titles.get("leading_verbs", ()))
    out = []
    held: dict[int, object] = {}  # a holder's last token -> the organisation of its title
    for s in spans:
        holder = _holder(doc, s, linked, title_words, copulas) or _serving(doc, s, linked, serving, appointing) \
            or _pronoun_holder(s, reader, serving, appointing)
        if holder is None:
            continue
        end = field_end.get(s.start, s.end)
        org = _title_org(doc, s, linked, orgs, title_words, end) or _appointer(doc, s, reader, orgs, appointing) \
            or _owner_pronoun(doc, s, reader, orgs) or _where_org(s, linked, orgs, serving) \
            or _served_org(s, linked, orgs, serving) \
            or _led_org(doc, holder, linked, orgs, leading)
        if org is None and s.start >= 2 and doc[s.start - 1].lower_ in ("and", "&"):
            # "SAG-AFTRA President Fran Drescher and National Executive Director Duncan Crabtree-Ireland": the
            # organisation of the title joined before it
            org = held.get(s.start - 2)
        title = doc[s.start:end].text
        sent = s.sent
        joined = _joined_holders(doc, s, holder, linked, title_words)
        if joined:  # "co-CEOs Ted Sarandos and Greg Peters": each is a co-CEO
            title = doc[s.start:s.end - 1].text_with_ws + s[-1].text[:-1] if len(s) > 1 else s[-1].text[:-1]
        for person in [holder, *joined]:
            if org is not None:
                held[person.tok_end - 1] = org
            roles = {"holder": [Filler(person.actor, person.tok_start, "described", "name")],
                     "organization": [Filler(org.actor, org.tok_start, "modifier", "name")] if org else []}
            out.append(Frame(POSITION, POSITION, s.end - 1, title, sent.start_char, sent.end_char, roles,
                             title=title, scope=frozenset(range(s.start, s.end)),
                             hedge=NEGATED if negated_copula(s[-1]) else None))
    return out


def _field_end(doc, title: Span, linked) -> int:
    """The end of the field a title names after "of" ("director OF INTERACTIVE CONTRACTS", "vice president of labor
    relations", "director of Canadian original programming"): lower-case words or a nationality, ending in a noun,
    up to a name; the title's own end where it names none."""
    k = title.end + 1
    if title.end < len(doc) and doc[title.end].lower_ in ("of", "for"):  # ("vice president FOR labor relations")
        while k < len(doc) and linked.at_token(k) is None and (
                doc[k].is_lower and doc[k].pos_ in ("NOUN", "ADJ", "VERB") or doc[k].ent_type_ == "NORP"):
            k += 1
        while k > title.end + 1 and doc[k - 1].pos_ != "NOUN":
            k -= 1
    return k if k > title.end + 1 else title.end


def _needs_field(title: Span, field_only: frozenset[str], own_titles: frozenset[str]) -> bool:
    """A title that holds only with a field (titles.yaml `field_titles`), with its modifiers or not: "the film's
    director", "an assistant director" hold none ("executive director", a title of its own, does)."""
    text = title.text.lower()
    singular = text[:-1] if text.endswith("s") else text  # ("directors", "assistant directors")
    own = any(w == o or w.endswith(" " + o) for o in own_titles for w in (text, singular))  # ("ASSISTANT executive
    return not own and any(w == t or w.endswith(" " + t) for t in field_only for w in (text, singular))  # director")


def _joined_holders(doc, title: Span, holder, linked, title_words: set[str]) -> list:
    """The other people a plural title names after its first holder: "negotiating committee co-chairs Jane Doe
    and John Roe"."""
    last = title[-1].lower_
    if not (last.endswith("s") and last[:-1] in title_words) or holder.tok_start < title.end and not (
            title.start > 0 and doc[title.start - 1].lower_ == "as"):  # (or "with A and B AS co-chairs")
        return []  # (the tagger may take a plural title for a verb: by its form)
    out, i = [], _past_apposition(doc, holder.tok_end, linked)
    while i + 1 < len(doc) and doc[i].text in (",", "and", "&"):
        final = doc[i].text != "," or doc[i + 1].lower_ in ("and", "&")
        i += 1 + (doc[i].text == "," and doc[i + 1].lower_ in ("and", "&"))
        m = linked.at_token(i) if i < len(doc) else None
        if m is None or linked.type_of(m.actor) != "Person":
            break
        out.append(m)
        i = _past_apposition(doc, m.tok_end, linked)
        if final:  # "chairs A and B, and C, the director": the list ends at its "and"
            break
    return out


def _past_apposition(doc, i: int, linked) -> int:
    """Where a list of holders goes on after a name's apposition ("co-chairs A, A DRAMA SHOWRUNNER, and B"): the
    comma that closes an apposition of a few words with no verb and no name, or `i` itself."""
    if i + 1 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in ("a", "an", "the"):
        return i
    for k in range(i + 2, min(i + 12, len(doc))):
        if doc[k].text == ",":
            return k
        if doc[k].pos_ in ("VERB", "AUX") or linked.at_token(k) is not None or doc[k].is_punct:
            return i
    return i


def _holder(doc, title: Span, linked, title_words: set[str], copulas: set[str]):
    """The person a title belongs to: the name right after it ("President Fran Drescher"), the name before
    it across a comma with only organisations and titles between ("Peter Chernin, Chairman and CEO of the
    Fox Group", "Bob Iger, Disney CEO"), or the name its apposition describes in the parse."""
    def person_at(i):
        m = linked.at_token(i)
        return m if m is not None and linked.type_of(m.actor) == "Person" else None

    nxt = title.end
    while nxt < len(doc) and (doc[nxt].lower_ in ("and", "&") or doc[nxt].lower_ in title_words):
        nxt += 1  # "International President and Chief Negotiator Tino Gagliardi"
    if nxt < len(doc) and doc[nxt].text == ",":
        nxt += 1  # "SAG President, Fran Drescher"
    if nxt < len(doc) and (m := person_at(nxt)) is not None:
        return m
    if nxt + 1 < len(doc) and doc[nxt].lemma_ == "be" and title.start > 0 and doc[title.start - 1].lower_ == "whose" \
            and (m := person_at(nxt + 1)) is not None:
        return m  # "Local 728, whose secretary-treasurer is Ray Haskins" however the parse hangs it
    i = title.start - 1
    while i >= 0 and i >= title.start - 16:
        t = doc[i]
        if (m := person_at(i)) is not None:
            gap = doc[m.tok_end:title.start]
            ok = all(x.text in (",", "the", "'s", "a", "an", "its", "and", "&", "of", "-") or
                     linked.at_token(x.i) is not None or x.lower_ in title_words for x in gap)
            if ok and any(x.text == "," for x in gap[:1]) or _title_after_apposition(list(gap), linked, title_words):
                return m
            break
        if t.text in (".", ";", ":", '"') or t.pos_ in ("VERB", "AUX"):
            break
        i -= 1
    root = title[-1]
    # "whose president IS Carol Lombardini": the name the title is said to be
    named = [c for c in root.head.children if c.dep_ == "attr"] if root.dep_ == "nsubj" and \
        root.head.lemma_ == "be" else []
    for h in [*(t for t in [root.head] if root.dep_ in ("compound",) and root.head.i > root.i),
              *clauses.described(root), *named]:
        if (m := person_at(h.i)) is not None:
            return m
    be = _before_copula(doc, title, linked, copulas)
    if be is None:
        return None
    subjects = [c for c in doc[be].children if c.dep_ == "nsubj"]
    for t in [*subjects, *(c for s in subjects for c in s.children if c.dep_ == "appos")]:
        if t.lower_ == "who" and doc[be].dep_ == "relcl":
            t = doc[be].head  # "Hollis Brand, who is the DGA's executive director"
            if t.dep_ == "appos" and person_at(t.i) is None:
                t = t.head  # "Hollis Brand, a veteran director who is the DGA's ..."
        if (m := person_at(t.i)) is not None:
            return m
    return None


def _title_after_apposition(gap: list, linked, title_words: set[str]) -> bool:
    """"to make Dana Ruiz, A DEPUTY DIRECTOR AT SAG-AFTRA, its new executive director": between the name and the
    title, an apposition of the name set off by commas, then only the title's possessor and modifiers (the parse
    may hang the title on the apposition's last noun)."""
    commas = [k for k, x in enumerate(gap) if x.text == ","]
    if len(commas) < 2 or commas[0] != 0 or commas[1] < 2:
        return False
    between, after = gap[1:commas[1]], gap[commas[1] + 1:]
    return not any(x.pos_ in ("VERB", "AUX") or x.text in (",", ";", ":", '"') for x in between) and all(
        x.text in ("the", "'s", "its", "their") or linked.at_token(x.i) is not None or _modifier_word(x)
        or x.lower_ in title_words for x in after)


def _before_copula(doc, title: Span, linked, copulas: set[str]):
    """The "is" that says its subject holds the title, read by the words and not the parse (which may hang the
    possessive's title on "of"): "Trent IS the Writers Guild of America's president", "Benz IS also the
    coalition's lead negotiator"; the index of that "is", or None."""
    i = _before_modifiers(doc, title, linked)
    if i >= 0 and doc[i].text in ("'s", "'", "\u2019s"):
        i -= 1
        m = linked.at_token(i) if i >= 0 else None
        i = m.tok_start - 1 if m is not None else i - (doc[i].pos_ == "NOUN")
    elif i >= 0 and doc[i].lower_ in ("its", "their"):
        i -= 1
    elif i >= 0 and (m := linked.at_token(i)) is not None and m.tok_end == i + 1:
        i = m.tok_start - 1  # "was the SAG-AFTRA president"
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    while i >= 0 and doc[i].pos_ == "ADV":
        i -= 1
    return i if i >= 0 and doc[i].lemma_ in copulas and doc[i].text != "being" else None


def _serving(doc, title: Span, linked, verbs: set[str], appointing: set[str]):
    """The person who serves "as" a title: "Sam Rivera, who serves as the guild's business representative", "she
    joined the union as its president" (titles.yaml `serving_verbs`); or who is named to it: "the alliance named
    Miriam Adeyemi as its next president", "Lee was hired as chief negotiator" (`appointing_verbs`); or whom "with"
    sets beside it: "named X its chair, WITH Y and Z AS co-chairs"."""
    root = _first_of_joined(title)
    if root.dep_ == "pobj" and root.head.lower_ == "as":
        up = root.head.head
        beside = [up] if up.dep_ == "pobj" and up.head.lower_ == "with" else [
            p for c in up.children if c.dep_ == "prep" and c.lower_ == "with" and c.i < root.i
            for p in c.children if p.dep_ == "pobj"][-1:]
        beside += [c for b in beside for c in b.children if c.dep_ == "appos"]  # ("with directors A and B as")
        people = [m for b in beside for m in [linked.at_token(b.i)] if m and linked.type_of(m.actor) == "Person"]
        if people:
            return people[0]
    if root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.head.pos_ == "NOUN":
        owner = next((c for c in root.head.head.children if c.dep_ == "poss"), None)  # "Valderrama's 100th day
        m = linked.at_token(owner.i) if owner is not None else None  # AS international president"
        if m is not None and linked.type_of(m.actor) == "Person":
            return m
    verb = _as_verb(title, appointing)
    if verb is not None:
        named = [c for c in root.children if c.dep_ in ("compound", "nsubj") and c.pos_ == "PROPN"] + [
            c for c in verb.children if c.dep_ in ("dobj", "oprd", "nsubjpass")]
    elif (across := _named_across_apposition(doc, title, linked, appointing)) is not None:
        return across[1]
    else:
        verb = _serving_verb(title, verbs)
        if verb is None:
            return None
        named = [c for c in verb.children if c.dep_ == "nsubj"] or logical_subjects(verb)  # ("MOVING to New York
        # as its assistant executive director": the participle's subject)
    named += [c for n in named if n.pos_ == "NOUN" for c in n.children if c.dep_ == "appos"]  # ("picked ITS LABOR
    # CHIEF, Dana Ruiz, to be its president")
    for subject in named:
        if subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
            subject = verb.head
        m = linked.at_token(subject.i)
        if m is not None and linked.type_of(m.actor) == "Person":
            return m
    return None


def _named_across_apposition(doc, title: Span, linked, appointing: set[str]):
    """The naming verb and the person it names when an apposition stands between the name and the "as" of its
    title, read by the words (the parse then hangs "as" anywhere): "named Miriam Adeyemi, a longtime executive at
    Sony, AS ITS next PRESIDENT"; (verb, person) or None."""
    root = _first_of_joined(title)
    if root.dep_ != "pobj" or root.head.lower_ != "as" or root.head.i < 2 or doc[root.head.i - 1].text != ",":
        return None
    for i in range(root.head.i - 3, max(root.head.i - 24, doc[root.head.i].sent.start) - 1, -1):
        if doc[i].text in (";", ":", '"', "(", ")") or doc[i].lemma_ == "be":
            return None
        if doc[i].text != ",":
            continue
        m = linked.at_token(i - 1) if i >= 2 else None
        if m is None or linked.type_of(m.actor) != "Person" or m.tok_end != i or m.tok_start < 1:
            return None  # (only the first comma back: the apposition holds no comma of its own)
        verb = doc[m.tok_start - 1]
        return (verb, m) if verb.pos_ == "VERB" and verb.lemma_.lower() in appointing else None
    return None


def _first_of_joined(title: Span):
    """The title's word, or the first of the titles it is joined to: "as its president and CHIEF NEGOTIATOR"
    hangs on "president"."""
    root = title[-1]
    while root.dep_ == "conj" and root.head.pos_ in ("NOUN", "PROPN") and root.head.i < root.i:
        root = root.head
    return root


def _serving_verb(title: Span, serving: set[str]):
    """The verb whose "as" takes the title: "he SERVES as its head" (titles.yaml `serving_verbs`)."""
    root = _first_of_joined(title)
    verb = root.head.head
    said = {verb.lemma_.lower()} | {f"{verb.lemma_.lower()} {c.lower_}" for c in verb.children
                                    if c.dep_ in ("prt", "advmod")}  # ("STEPPED DOWN as", "TOOK OVER as")
    return verb if root.dep_ == "pobj" and root.head.lower_ == "as" and said & serving else None


def _holding_verb(title: Span, serving: set[str]):
    """The verb that says its subject holds the title: "she IS its president", "he SERVES as its head"."""
    root = _first_of_joined(title)
    if root.dep_ == "attr" and root.head.lemma_ == "be":
        return root.head
    return _serving_verb(title, serving)


def _pronoun_holder(title: Span, reader: Reader, serving: set[str], appointing: set[str]):
    """The person a pronoun that holds the title, or is named to it, stands for: "Renata Szabo spent 19 years at
    NBCUniversal, where SHE is executive vice president", "the alliance has named HER its lead negotiator"."""
    verb, deps = _holding_verb(title, serving), ("nsubj",)
    if verb is None:
        verb, deps = _as_verb(title, appointing), ("dobj", "oprd", "nsubjpass")
    pronoun = next((c for c in verb.children if c.dep_ in deps and c.pos_ == "PRON"), None) if verb else None
    if pronoun is None:
        return None
    found = coref.pronoun(pronoun, reader.linked, {"Person"}, reader.pronouns)
    return found[0] if len(found) == 1 else None


def _where_org(title: Span, linked, orgs, serving: set[str]):
    """The body whose "where" clause says someone holds the title: "at NBCUNIVERSAL, where she is executive vice
    president of labor relations"."""
    verb = _holding_verb(title, serving)
    if verb is None or verb.dep_ != "relcl" or not any(c.lower_ == "where" for c in verb.children):
        return None
    m = linked.at_token(verb.head.i)
    return m if m is not None and linked.type_of(m.actor) in orgs else None


def _served_org(title: Span, linked, orgs, serving: set[str]):
    """The body a serving verb takes as its object: "who LEADS THE TEAMSTERS as general president", "she joined
    the guild as executive director"."""
    verb = _serving_verb(title, serving)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None) if verb is not None else None
    m = linked.at_token(obj.i) if obj is not None else None
    return m if m is not None and linked.type_of(m.actor) in orgs else None


def _led_org(doc, holder, linked, orgs, leading: set[str]):
    """The body the titled holder leads, or whose team they lead: "Negotiations chair Ana Ruiz LED THE DGA'S
    TEAM" (titles.yaml `leading_verbs`)."""
    root = doc[holder.tok_start:holder.tok_end].root
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in leading:
        return None
    for obj in (c for c in root.head.children if c.dep_ == "dobj"):
        for t in (obj, *(c for c in obj.children if c.dep_ == "poss")):
            m = linked.at_token(t.i)
            if m is not None and linked.type_of(m.actor) in orgs:
                return m
    return None


def _as_verb(title: Span, appointing: set[str]):
    """The verb of naming whose "as" takes the title, on the verb or on its object ("hired Dana Ruiz AS ITS
    HEAD of labor relations"), or that takes it as its predicate ("was ELECTED PRESIDENT of", "HIRED Tomas Greer to
    be its director"), or None."""
    root = _first_of_joined(title)
    if root.dep_ in ("oprd", "xcomp", "attr", "ccomp") and root.head.lemma_.lower() in appointing:
        return root.head  # "Hargrove was elected president of SAG-AFTRA", "the board named her president", "made
        # her their president" (parsed as a clause of its own)
    if root.dep_ == "dobj" and root.head.lemma_.lower() in appointing and any(
            c.dep_ == "compound" and c.pos_ == "PROPN" for c in root.children):
        return root.head  # "elected Calpurnia Bessemer president", the name parsed as the title's modifier
    if root.dep_ == "attr" and root.head.lemma_ == "be" and root.head.dep_ in ("xcomp", "ccomp") \
            and root.head.head.lemma_.lower() in appointing:
        return root.head.head  # "hired Tomas Greer to be its executive director"
    doc, after = title.doc, title.end
    if root.dep_ == "dobj" and root.head.lemma_.lower() in appointing and root.head.pos_ == "VERB" \
            and after + 1 < len(doc) and doc[after].text == "," and doc[after + 1].pos_ == "PROPN":
        return root.head  # "the ministry appointed a mediator, Lucien Tremblay-Sato"
    if root.dep_ != "pobj" or root.head.lower_ != "as":
        return None
    up = root.head.head
    if up.dep_ in ("dobj", "oprd", "nsubjpass"):
        up = up.head
    return up if up.pos_ == "VERB" and up.lemma_.lower() in appointing else None


def _appointer(doc, title: Span, reader: Reader, orgs, appointing: set[str]):
    """The body that names someone "as" its officer: "THE ALLIANCE on Monday named Miriam Adeyemi as its next
    president"."""
    linked = reader.linked
    verb = _as_verb(title, appointing)
    if verb is None and (across := _named_across_apposition(doc, title, linked, appointing)) is not None:
        verb = across[0]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
    if verb is not None and not subjects and verb.dep_ in ("relcl", "acl"):
        subjects = [verb.head]  # "The alliance on Monday named ...", parsed as a clause on "the alliance"
    for subject in subjects:
        m = linked.at_token(subject.i)
        if m is not None and linked.type_of(m.actor) in orgs:
            return m
        if subject.lemma_.lower() == "member":  # "MEMBERS OF Local 665 elected X as president": their body
            return _members_body(subject, reader)
    return None


def _members_body(members, reader: Reader):
    """The union whose members the noun names, read as any phrase is ("members OF LOCAL 665", "THE LOCAL'S
    members"), or, bare ("Members also elected ..."), the union named last in its sentence or the two before."""
    got = reader.phrase(members, frozenset({"Guild"}), "subject")
    found = [reader.linked.at_token(got[0].token)] if got else \
        coref.pronoun(members, reader.linked, {"Guild"}, {members.lower_: ["Guild"]})
    return found[0] if found and found[0] is not None else None


def _before_modifiers(doc, title: Span, linked=None) -> int:
    """The token before a title's own lower-case modifiers: "the DGA's NEGOTIATING COMMITTEE co-chairs", "its
    LONGTIME president", "the WGA's THEN-president" (not a word of a name)."""
    i = title.start - 1
    while i >= 0 and title.start - i <= 3 and _modifier_word(doc[i]) and (linked is None or linked.at_token(i) is None):
        i -= 1
    return i


def _modifier_word(tok) -> bool:
    return tok.tag_ == "HYPH" or tok.is_lower and (tok.tag_ in ("NN", "NNS", "VBG", "JJ") or tok.lower_ == "then")


def _owner_pronoun(doc, title: Span, reader: Reader, orgs):
    """"ITS president, Michele Mulroney", "she is now ITS chief content officer": the body the possessive before the
    title stands for."""
    i = _before_modifiers(doc, title)
    if i < 0 or doc[i].lower_ not in ("its", "their") or doc[i].dep_ != "poss":
        return None
    # (only where one body was named before it in its sentence, or, opening its sentence, in the sentence before:
    # "Bright Lantern rejected the charge. ITS chief executive, ..."; not "SAG-AFTRA met the AMPTP. Its ...",
    # which is either)
    sent = doc[i].sent
    linked = reader.linked
    before_it = list(linked.between_tokens(sent.start, i))
    # (not a body named inside a phrase of another's: "named X, a former organizer for IATSE, ITS business agent")
    named = {m.actor for m in before_it if linked.type_of(m.actor) in orgs and not _inside_phrase_of(doc, m, before_it)}
    # (opening its sentence, or after its holder alone: "Natarajan joined Paramount. She is now ITS chief ...")
    if not named and sent.start > 0 and all(linked.type_of(m.actor) == "Person" for m in before_it):
        # (not a body named in passing, inside another's phrase: "Local 399, the Hollywood local of THE
        # TEAMSTERS, represents drivers. Its secretary-treasurer ...")
        # (nor one named inside a quotation; and where the sentence before opens on a quotation mark, the parse's cut
        # inside a sentence that quotes, the one before it too: 'The committee said it would answer "across the
        # table." ITS chair, ...')
        start = doc[sent.start - 1].sent.start
        before = [m for m in linked.between_tokens(doc[max(start - 1, 0)].sent.start if start else 0, sent.start)
                  if linked.type_of(m.actor) in orgs and not inside_any(linked.quote_starts(), linked.quotes, m.start)
                  and (m.tok_start >= start or doc[start].text in ('"', "'"))]
        named = {m.actor for m in before if not _inside_phrase_of(doc, m, before)}
    found = coref.pronoun(doc[i], linked, set(orgs), reader.pronouns, quotes=linked.quotes)
    return found[0] if len(found) == 1 and named == {found[0].actor} else None


def _inside_phrase_of(doc, inner, mentions) -> bool:
    """Whether a mention sits in the phrase of an earlier mention of another actor (its apposition, relative
    clause or prepositional phrase)."""
    ancestors = {t.i for t in doc[inner.tok_start:inner.tok_end].root.ancestors}
    return any(m.actor != inner.actor and m.tok_end <= inner.tok_start
               and doc[m.tok_start:m.tok_end].root.i in ancestors for m in mentions)


_LEADING = frozenset({"lead", "head", "run", "chair"})  # "X, LED BY President Y": the title is X's


def _title_org(doc, title: Span, linked, orgs, title_words: set[str], end: int | None = None):
    """The organisation of a title: named right before it ("Disney CEO", "the AMPTP's president"), or after
    it and the titles joined to it ("CEO of Disney", "Chairman and CEO of the Fox Group", "President & CEO,
    The Walt Disney Company")."""
    def org_at(k):
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        m = linked.at_token(k) if k < len(doc) else None
        return m if m is not None and linked.type_of(m.actor) in orgs else None

    i = _before_modifiers(doc, title, linked)
    while i >= 0 and doc[i].text in ("'s", "'", "\u2019s", "the"):
        i -= 1
    if i >= 0 and (m := linked.at_token(i)) is not None and linked.type_of(m.actor) in orgs:
        return m
    if i >= 1 and doc[i].lower_ == "by" and doc[i - 1].lemma_.lower() in _LEADING and doc[i - 1].dep_ in (
            "acl", "relcl") and (m := org_at(doc[i - 1].head.i)) is not None:
        return m  # "SAG-AFTRA, led by President Fran Drescher"
    if i >= 0 and doc[i].lower_ == "whose" and title.root.dep_ == "nsubj" and title.root.head.lemma_ == "be" \
            and title.root.head.dep_ == "relcl" and (m := org_at(title.root.head.head.i)) is not None:
        return m  # "the AMPTP, whose president is Carol Lombardini"
    if i >= 2 and doc[i].lower_ == "whose" and doc[i - 1].text == "," and (m := linked.at_token(i - 2)) is not None \
            and linked.type_of(m.actor) in orgs:
        return m  # the same, where the parse does not make the title the subject of "is"
    j = title.end if end is None else end  # (after the field it names: "vice president of labor relations AT ...")
    while j < len(doc) and (doc[j].lower_ in ("and", "&") or doc[j].lower_ in title_words):
        j += 1  # over the titles joined after this one
    if j < len(doc) and doc[j].lower_ in ("of", "at", "for", "with") and (m := org_at(j + 1)) is not None:
        return m
    if j > title.end and j < len(doc) and doc[j].text == "," and (m := org_at(j + 1)) is not None:
        end = m.tok_end
        if end >= len(doc) or doc[end].text in (",", ".", ";", "and"):
            return m  # "President & CEO, The Walt Disney Company,"
    return None
