"""Extraction mechanisms the frame manifest (tests/extraction/*.jsonl, run by tests/test_frames.py) cannot express
well: linking names to actors, coreference at the mention level, sentence splitting, evidence and inferred roles,
contracts and issues. Every sentence is written for this file; the people, companies and numbers are invented."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.extract import extract_text


@pytest.fixture(scope="module", autouse=True)
def _pipeline(nlp):
    """Load spaCy once (session fixture) before the first extraction."""


def events(facts, kind):
    return [e for e in facts.events if e.kind == kind]


def speakers(facts):
    return {s for e in events(facts, "Statement") for s in e.roles["statedBy"]}


def described(facts):
    return [(m.text, m.actor) for m in facts.mentions if m.kind == "description"]


def mentions_of(facts, key):
    return [(m.text, m.kind) for m in facts.mentions if m.actor == key]


# -- actors and linking -------------------------------------------------------------------------------------------
def test_reference_aliases_are_actors_of_their_type_not_places_or_people():
    f = extract_text("Fox and Peacock met the Teamsters in Burbank on Monday. SAG and Deadline were there too.")
    types = {key: info.type for key, info in f.actors.items()}
    assert types == {"fox": "Studio", "peacock": "Studio", "teamsters": "Guild", "sag": "Guild",
                     "deadline": "MediaOutlet"}


def test_a_reference_alias_written_in_lower_case_is_a_common_noun():
    f = extract_text("The union set a deadline of Friday for the studios.")
    assert "deadline" not in f.actors


@pytest.mark.parametrize("text, key, long_name, acronym", [
    ("The Property Masters Guild (PMG) met with Lionsgate on Monday.",
     "property-masters-guild", "Property Masters Guild", "PMG"),
    ("The Teamsters asked the Federal Mediation Service (FMCS) to step in on Monday.",
     "fmcs", "Federal Mediation Service", "FMCS"),
], ids=["new-organisation", "reference-acronym"])
def test_an_acronym_in_parentheses_and_its_long_name_are_one_actor(text, key, long_name, acronym):
    f = extract_text(text)
    assert {m.actor for m in f.mentions if m.text in (long_name, acronym)} == {key}
    assert "federal-mediation-service" not in f.actors  # the reference actor keeps the name, not a new one


def test_an_acronym_defined_in_parentheses_names_the_actor_when_used_alone_later():
    f = extract_text("The Property Masters Guild (PMG) met with Lionsgate on Monday. On Tuesday, PMG rejected the "
                     "offer.")
    assert [t for t, _ in mentions_of(f, "property-masters-guild")] == ["Property Masters Guild", "PMG", "PMG"]


def test_a_long_name_repeated_after_its_reference_acronym_stays_that_actor():
    f = extract_text("The Teamsters asked the Federal Mediation Service (FMCS) to step in on Monday. The Federal "
                     "Mediation Service agreed to send a mediator.")
    assert "federal-mediation-service" not in f.actors
    assert len(mentions_of(f, "fmcs")) == 3


@pytest.mark.parametrize("text, key", [
    ("The Writers\u2019 Guild of America met Netflix on Monday. Then the Writers' Guild said no.", "wga"),
    ("The Lighting Technicians\u2019 Guild met Netflix on Monday. The Lighting Technicians' Guild said no.",
     "lighting-technicians-guild"),
], ids=["reference", "new-organisation"])
def test_curly_and_straight_apostrophe_variants_are_one_actor(text, key):
    f = extract_text(text)
    assert {m.actor for m in f.mentions if "Guild" in m.text} == {key}
    assert len(mentions_of(f, key)) == 2


def test_aliases_keep_the_apostrophe_as_written():
    f = extract_text("The Lighting Technicians\u2019 Guild met Netflix on Monday. The Lighting Technicians' Guild "
                     "said no.")
    assert f.actors["lighting-technicians-guild"].aliases == {"Lighting Technicians\u2019 Guild",
                                                              "Lighting Technicians' Guild"}


@pytest.mark.parametrize("text, key, kinds", [
    ("Netflix co-CEO Greg Peters spoke to reporters on Tuesday. Afterwards, Peters said the offer was generous.",
     "greg-peters", ["name", "surname"]),
    ("Maya Osei-Brandt, the union's chief negotiator, met Netflix on Monday. Osei-Brandt said talks would resume.",
     "maya-osei-brandt", ["ner", "surname"]),
], ids=["reference-person", "new-person-hyphenated"])
def test_a_surname_after_a_full_name_links_to_the_person(text, key, kinds):
    f = extract_text(text)
    assert [kind for _, kind in mentions_of(f, key)] == kinds
    assert speakers(f) == {key}


def test_a_new_person_gets_a_deterministic_key_and_label():
    first = extract_text("The AMPTP, through its negotiator Marisol Vantreek, contacted the Animation Guild.")
    second = extract_text("Marisol Vantreek, the AMPTP's lead negotiator, called the Teamsters on Friday.")
    for f in (first, second):
        person = f.actors["marisol-vantreek"]
        assert (person.type, person.label) == ("Person", "Marisol Vantreek")


def test_a_new_person_with_an_accented_name_gets_a_readable_key():
    f = extract_text("Negotiator Ren\u00e9e Okafor called the Teamsters on Friday.")
    assert f.actors["renee-okafor"].label == "Ren\u00e9e Okafor"


@pytest.mark.parametrize("name, key, type_", [
    ("The Set Painters Union", "set-painters-union", "Guild"),
    ("The Costume Designers Guild", "costume-designers-guild", "Guild"),
    ("Scenic Artists Local 829", "scenic-artists-local-829", "Guild"),
    ("Harborlight Studios", "harborlight-studios", "Studio"),
    ("Brightline Media Inc.", "brightline-media-inc", "Studio"),
    ("The Regional Producers Alliance", "regional-producers-alliance", "EmployerAssociation"),
    ("The Nevada Labor Board", "nevada-labor-board", "GovernmentAgency"),
])
def test_an_unknown_organisation_is_typed_from_its_name(name, key, type_):
    f = extract_text(f"{name} met with the Teamsters on Tuesday.")
    assert f.actors[key].type == type_
    assert f.actors[key].label == name.removeprefix("The ")


def test_union_locals_and_studio_units_are_actors_of_their_own():
    f = extract_text("IBEW Local 728 and Plasterers Local 755 signed, as did Sony Pictures Animation and Paramount "
                     "Animation Studios; Paramount itself stayed silent. Local 728 said members were pleased.")
    assert f.actors["ibew-local-728"].type == f.actors["plasterers-local-755"].type == "Guild"
    assert f.actors["sony-pictures-animation"].type == f.actors["paramount-animation-studios"].type == "Studio"
    assert "paramount" in f.actors and "sony-pictures" not in f.actors  # the parent only where named alone
    assert mentions_of(f, "ibew-local-728") == [("IBEW Local 728", "ner"), ("Local 728", "surname")]


def test_a_contract_name_is_not_a_company():
    f = extract_text("SAG-AFTRA members walked off the job under the Interactive Media Agreement on Wednesday.")
    assert set(f.actors) == {"sag-aftra"}
    assert [c.label for c in f.contracts] == ["Interactive Media Agreement"]


@pytest.mark.parametrize("text, key", [
    ("The Teamsters rejected the offer on Monday (via Pressbox Weekly).", "pressbox-weekly"),
    ("The Teamsters rejected the offer on Monday, according to a report by Pressbox Weekly.", "pressbox-weekly"),
    ("The Teamsters rejected the offer on Monday.\nSource: Lumen Weekly", "lumen-weekly"),
    ("TORONTO (CNS) -- The Teamsters rejected the offer on Monday.", "cns"),
], ids=["via", "according-to-a-report-by", "source", "wire-dateline"])
def test_an_outlet_credited_as_the_source_is_a_news_outlet(text, key):
    f = extract_text(text)
    assert f.actors[key].type == "MediaOutlet"
    assert key not in speakers(f)


def test_an_outlet_credited_at_the_end_of_a_sentence_stops_at_the_full_stop():
    f = extract_text("The Teamsters rejected the offer on Monday, via Harbor Gazette. The union said more later.")
    assert f.actors["harbor-gazette"].type == "MediaOutlet"


def test_an_outlet_credited_as_the_source_is_an_outlet_even_if_it_looks_like_a_name():
    f = extract_text("The Teamsters rejected the offer on Monday, per Kestrel Lane.")
    assert f.actors["kestrel-lane"].type == "MediaOutlet"


def test_a_new_studio_in_apposition_with_a_membership_is_still_an_actor():
    f = extract_text("Harborlight Studios, a member of the AMPTP, called the walkout premature.")
    assert f.actors["harborlight-studios"].type == "Studio"


def test_a_person_whose_surname_is_a_studio_alias_is_not_the_studio():
    f = extract_text("Union organizer Tessa Fox said the vote would go ahead on Monday.")
    assert "fox" not in f.actors
    assert f.actors["tessa-fox"].type == "Person"


# -- coreference --------------------------------------------------------------------------------------------------
def test_a_definite_description_resolves_to_the_most_recent_compatible_actor():
    f = extract_text("The Directors Guild met Paramount on Monday. On Tuesday the Writers Guild met Sony. The guild "
                     "said talks were slow, and the studio said they were fine.")
    assert described(f) == [("The guild", "wga"), ("the studio", "sony-pictures")]


def test_a_description_skips_actors_of_another_type_named_after_its_antecedent():
    f = extract_text("The Costume Designers Guild rejected the proposal from Harborlight Studios on Friday. The "
                     "union said the proposal ignored its members.")
    assert described(f) == [("The union", "costume-designers-guild")]


def test_an_apposition_binds_the_coalition_for_the_rest_of_the_article():
    f = extract_text("On Monday the Hollywood Basic Crafts, the labor coalition, met the AMPTP. The Southern Crafts "
                     "Federation, another coalition, sent a letter. The coalition said it would wait.")
    assert described(f) == [("the labor coalition", "hollywood-basic-crafts"),
                            ("The coalition", "hollywood-basic-crafts")]


def test_a_body_named_inside_another_bodys_relative_clause_does_not_become_the_union():
    f = extract_text("Crew members at Harborlight Studios praised the Costume Designers Guild, which is Local 892 of "
                     "IATSE, on Monday. The union said the vote was close.")
    assert described(f) == [("The union", "costume-designers-guild")]
    assert speakers(f) == {"costume-designers-guild"}


@pytest.mark.parametrize("text, speaker", [
    ("Harborlight Studios sued the Scenic Artists Union on Monday. It said the walkout was illegal.",
     "harborlight-studios"),
    ("The Teamsters thanked the Editors Guild for its support on Monday. It said both unions would keep talking.",
     "teamsters"),
    ("Union president Dana Whitlow met Netflix negotiator Marisol Vantreek on Monday. She said the offer was too "
     "low.", "dana-whitlow"),
], ids=["it-studio-over-guild", "it-guild-over-guild", "she"])
def test_a_pronoun_prefers_the_subject_of_the_previous_sentence(text, speaker):
    assert speakers(extract_text(text)) == {speaker}


# -- sentences ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_headline_is_never_part_of_the_paragraph_under_it(gap):
    f = extract_text(f"Crews Rally In Burbank{gap}The Scenic Artists Union went on strike against Harborlight "
                     "Studios on Monday.")
    (strike,) = events(f, "Strike")
    assert [e.sentence for e in strike.evidence] == [
        "The Scenic Artists Union went on strike against Harborlight Studios on Monday."]
    assert set(f.actors) == {"scenic-artists-union", "harborlight-studios"}  # no names read off the headline


def test_a_company_suffix_ends_the_sentence_when_a_new_one_begins():
    f = extract_text("The Teamsters picketed outside Brightwater Productions Inc. The union said the company had "
                     "refused to talk.")
    assert [e.sentence for e in events(f, "Strike")[0].evidence] == [
        "The Teamsters picketed outside Brightwater Productions Inc."]
    assert [e.sentence for e in events(f, "Statement")[0].evidence] == [
        "The union said the company had refused to talk."]


def test_abbreviations_before_a_number_or_a_lower_case_word_do_not_end_the_sentence():
    text = ("The Teamsters reached a deal with Brightwater Productions Inc. on Jan. 17 after long talks. The union "
            "said members would vote on Feb. 3.")
    f = extract_text(text, date=dt.date(2027, 1, 20))
    (deal,) = events(f, "Agreement")
    assert deal.date == dt.date(2027, 1, 17)
    assert [e.sentence for e in deal.evidence] == [
        "The Teamsters reached a deal with Brightwater Productions Inc. on Jan. 17 after long talks."]
    # (the statement's own sentence; the day of its occasion may come as inferred evidence beside it)
    assert [e.sentence for e in events(f, "Statement")[0].evidence if not e.inferred] == [
        "The union said members would vote on Feb. 3."]


# -- evidence -----------------------------------------------------------------------------------------------------
def test_every_fact_has_evidence_whose_offsets_index_the_article_text():
    text = ("Crews Rally In Burbank\n\n  The Scenic Artists Union walked out on Monday against Harborlight Studios. "
            "\u201cWe are done waiting,\u201d union president Dana Whitlow said.\n"
            "The AMPTP offered the union a 4% raise in the first year and better health coverage. "
            "Harborlight Studios, a member of the AMPTP, called the walkout premature.")
    f = extract_text(text, date=dt.date(2027, 3, 10))
    facts = f.relations + f.events
    assert {e.kind for e in f.events} >= {"Strike", "Proposal", "Statement"} and f.relations and f.issues
    for fact in facts:
        assert fact.evidence, fact
        for ev in fact.evidence:
            assert 0 <= ev.start < ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.sentence == ev.sentence.strip()
            assert 0 < ev.confidence <= 1 and ev.extractor
    for found in f.issues.values():
        assert all(text[ev.start:ev.end] == ev.sentence for ev in found)


@pytest.mark.parametrize("text, sentence, extractor, confidence", [
    ("The Editors Guild made a counteroffer to the AMPTP on Friday. The guild walked out on Monday.",
     "The Editors Guild made a counteroffer to the AMPTP on Friday.", "inferred:target:bargaining-counterpart", 0.5),
    ("The Scenic Artists Union walked out on Monday. The AMPTP declined to comment.",
     "The AMPTP declined to comment.", "inferred:target:article-counterpart", 0.4),
], ids=["bargaining-counterpart", "article-counterpart"])
def test_a_strike_target_inferred_from_context_carries_inferred_evidence(text, sentence, extractor, confidence):
    f = extract_text(text)
    (strike,) = events(f, "Strike")
    assert strike.roles["target"] == ["amptp"] and strike.inferred_roles == {"target"}
    inferred = [e for e in strike.evidence if e.inferred]
    assert [(e.sentence, e.extractor) for e in inferred] == [(sentence, extractor)]
    assert all(e.extractor.startswith("inferred:") and e.confidence == confidence < 0.6 for e in inferred)
    stated = [e for e in strike.evidence if not e.inferred]
    assert stated and all(not e.extractor.startswith("inferred:") and e.confidence >= 0.6 for e in stated)


def test_stated_roles_carry_no_inferred_evidence():
    f = extract_text("The Scenic Artists Union went on strike against Harborlight Studios on Monday. The Editors "
                     "Guild made a counteroffer to the AMPTP on Friday.")
    assert {e.kind for e in f.events} == {"Strike", "Proposal"}
    for event in f.events:
        assert event.inferred_roles == set()
        assert all(not e.inferred and not e.extractor.startswith("inferred:") and e.confidence >= 0.6
                   for e in event.evidence)


# -- contracts ----------------------------------------------------------------------------------------------------
def test_a_named_contract_has_its_parties_its_length_and_the_deals_that_concern_it():
    f = extract_text("The American Federation of Musicians and the AMPTP signed a new four-year deal, the Sound "
                     "Recordings Labor Agreement. Earlier the federation proposed a 6% raise.")
    (contract,) = f.contracts
    assert (contract.label, contract.parties, contract.length_years) == (
        "Sound Recordings Labor Agreement", ["american-federation-of-musicians", "amptp"], 4)
    linked = [e for e in f.events if e.kind in ("Proposal", "Agreement")]
    assert {e.kind for e in linked} == {"Proposal", "Agreement"}
    assert all(e.contract == contract.key for e in linked)
    assert contract.evidence and contract.evidence[0].sentence.endswith("Sound Recordings Labor Agreement.")


def test_two_named_contracts_leave_the_deals_unlinked():
    f = extract_text("SAG-AFTRA reached a deal on the Commercials Contract. Separately it proposed changes to the "
                     "Network Code.")
    assert sorted((c.label, tuple(c.parties)) for c in f.contracts) == [
        ("Commercials Contract", ("sag-aftra",)), ("Network Code", ("sag-aftra",))]
    assert [e.contract for e in f.events if e.kind in ("Proposal", "Agreement")] == [None, None]


@pytest.mark.parametrize("text, contracts", [
    ("The candidate earned an MBA before joining Sony.", []),
    ("The Writers Guild wants the MBA to cover streaming. The AMPTP offered a 4% raise.",
     [("Minimum Basic Agreement", ["wga", "amptp"])]),
], ids=["degree", "writers-contract"])
def test_mba_is_the_writers_contract_only_beside_a_writers_guild(text, contracts):
    assert [(c.label, c.parties) for c in extract_text(text).contracts] == contracts


# -- issues -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, issues", [
    ("The Costume Designers Guild wants better health coverage and an end to 14-hour days. Netflix said the new "
     "rules would not affect overtime rates.", {"HealthAndPension", "WorkingConditions"}),
    ("The offer never mentioned streaming residuals, the union said. The union wants transparency on viewership "
     "data.", {"ViewershipTransparency"}),
], ids=["not", "never"])
def test_issue_triggers_are_found_and_negated_mentions_left_out(text, issues):
    f = extract_text(text)
    assert set(f.issues) == issues
    for found in f.issues.values():
        assert all(text[ev.start:ev.end] == ev.sentence for ev in found)


def test_without_does_not_negate_an_issue():
    f = extract_text("The deal raises minimum wages without cutting health benefits.")
    assert set(f.issues) == {"Compensation", "HealthAndPension"}


def test_an_all_caps_trigger_matches_only_in_capitals():
    assert set(extract_text("The union wants limits on AI in the editing room.").issues) == {"ArtificialIntelligence"}
    assert set(extract_text("Editor Mei Ai joined the union in March.").issues) == set()


@pytest.mark.parametrize("text", [
    "On Monday the guild proposed a 6% raise and demanded limits on artificial intelligence.",
    "The union on Monday asked for higher residuals; it also sought a ban on AI-generated scripts that day.",
])
def test_proposals_of_one_day_on_two_issues_stay_two_events_in_the_graph(text):
    """The gold's one proposal per issue: the IRI of a dated proposal names its issue, so that two made on one
    day are two events (each with its own issue and figures), while reports of one proposal still share it."""
    from rdflib.namespace import RDF

    from graph.namespaces import HL
    from graph.pipeline.triples import build_graph
    from graph.reference import load_reference

    facts = extract_text("The Writers Guild of America is bargaining with the AMPTP. " + text,
                         date=dt.date(2031, 3, 5))
    g = build_graph(facts, load_reference())
    proposals = sorted(g.subjects(RDF.type, HL.Proposal))
    assert len(proposals) == 2, proposals
    assert all(len(set(g.objects(p, HL.concernsIssue))) == 1 for p in proposals)
    assert {str(p).rsplit("/", 2)[-2] for p in proposals} == {"2031-03-03"}


# -- statements: one per speaker and occasion ----------------------------------------------------------------------
def test_a_persons_undated_remarks_far_apart_are_one_statement_and_a_bodys_are_not():
    text = ("The Stunt Performers Union is bargaining with Corvane Pictures. \"We want a fair deal,\" union president "
            "Mara Quill said. The two sides have met four times since spring. Corvane wants to cut overtime. "
            "The union rejects that. \"Overtime is how our members pay rent,\" Quill said. "
            "The union said talks would go on. Corvane has hired a mediator. Nobody expects a deal soon. "
            "The union said its members were ready to strike.")
    f = extract_text(text)
    by = [e.roles["statedBy"] for e in events(f, "Statement")]
    assert by.count(["mara-quill"]) == 1
    assert by.count(["stunt-performers-union"]) == 2


def test_a_persons_undated_remarks_with_a_day_named_between_them_are_two_statements():
    text = ("\"We will not be bullied,\" said Mara Quill, president of the Stunt Performers Union, as the strike "
            "against Corvane Pictures began. The studio's new film opened on March 3, 2031, to weak sales. "
            "Quill said the walkout had been worth it.")
    f = extract_text(text)
    assert [e.roles["statedBy"] for e in events(f, "Statement")].count(["mara-quill"]) == 2
