"""Who says so, whether it is denied, and whether it happened, is planned or only asked for."""

from __future__ import annotations

import pytest

from tests.helpers import find


def test_reported_speech_is_attributed_to_the_speaker(extract):
    statements = extract("Kyiv said Belarus had sent fuel to Russian units, according to a statement.")
    hit = find(statements, "BLR", "providesAidTo", "RUS")
    assert hit and hit[0].attributed_to is not None and hit[0].attributed_to.country == "UKR"


def test_according_to_sets_the_source(extract):
    statements = extract("According to Polish intelligence, Minsk delivered tanks to Moscow.")
    hit = find(statements, "BLR", "providesWeaponsTo", "RUS")
    assert hit and hit[0].attributed_to.country == "POL"


def test_document_voice_has_no_source(extract):
    hit = find(extract("Norway sent frigates to Lithuania."), "NOR", "providesWeaponsTo", "LTU")
    assert hit and hit[0].attributed_to is None


def test_quote_continues_previous_speaker(extract):
    text = ('"Tehran is arming the rebels," the Saudi foreign minister said.\n\n'
            '"Iran provides missiles to the Houthis every month."')
    statements = extract(text)
    hits = [s for s in statements if s.predicate == "providesWeaponsTo" and s.subject.id == "IRN"]
    assert hits and all(s.attributed_to and s.attributed_to.country == "SAU" for s in hits)


def test_denial_is_negative_and_attributed_to_the_denier(extract):
    statements = extract("Tehran denied supplying ballistic missiles to Russia.")
    hits = find(statements, "IRN", "providesWeaponsTo", "RUS")
    assert hits and all(s.polarity == "negative" for s in hits)
    assert hits[0].attributed_to and hits[0].attributed_to.country == "IRN"


def test_no_evidence_is_negative(extract):
    statements = extract('The ministry said there was "no evidence" that Serbia was sending shells to Ukraine.')
    hits = find(statements, "SRB", "providesWeaponsTo", "UKR")
    assert hits and all(s.polarity == "negative" for s in hits)


def test_not_is_negative(extract):
    hits = find(extract("Israel has not provided air defence systems to Ukraine."), "ISR", "providesWeaponsTo", "UKR")
    assert hits and hits[0].polarity == "negative"


def test_request_is_never_a_fact(extract):
    statements = extract("Australia urged China to stop harassing Philippine vessels.")
    assert find(statements, "AUS", "urges", "CHN")[0].modality == "asserted"
    assert all(s.modality == "requested" for s in statements if s.subject.id == "CHN")


def test_future_is_intended_and_conditional_is_hypothetical(extract):
    will = find(extract("Canada will send artillery ammunition to Ukraine."), "CAN", "providesWeaponsTo", "UKR")
    assert will and will[0].modality == "intended"
    would = find(extract("Washington would sanction Ankara if it bought more Russian jets."), "USA", "sanctions", "TUR")
    assert would and would[0].modality == "hypothetical"


def test_said_it_would_is_intended(extract):
    hits = find(extract("Sweden announced it would send howitzers to Kyiv."), "SWE", "providesWeaponsTo", "UKR")
    assert hits and hits[0].modality == "intended"


@pytest.mark.parametrize("text, agent, predicate, other", [
    ("Norway pledged forty million dollars in flood relief to Pakistan.", "NOR", "providesAidTo", "PAK"),
    ("Lithuania has offered Moldova two batteries of anti-aircraft guns.", "LTU", "providesWeaponsTo", "MDA"),
    ("Brazil promised Bolivia emergency food shipments after the floods.", "BRA", "providesAidTo", "BOL"),
])
def test_giving_by_promise_is_intended_not_done(extract, text, agent, predicate, other):
    hits = find(extract(text), agent, predicate, other)
    assert hits and all(h.modality == "intended" for h in hits)


def test_delivering_is_done_not_promised(extract):
    hits = find(extract("Norway delivered forty tonnes of flood relief to Pakistan."), "NOR", "providesAidTo", "PAK")
    assert hits and hits[0].modality == "asserted"


def test_trailing_speaker_in_parataxis(extract):
    text = "Bulgaria signed a gas deal with Azerbaijan, the energy ministry in Sofia said, the first in a decade."
    hits = find(extract(text), "BGR", "signsAgreementWith", "AZE")
    assert hits and hits[0].attributed_to is not None and hits[0].attributed_to.country == "BGR"


def test_conditional_attack_is_hypothetical_and_a_threat(extract):
    statements = extract("Pakistan would strike Indian airbases if New Delhi attacked again, a Pakistani general said.")
    attacks = find(statements, "PAK", "attacks", "IND")
    assert attacks and all(s.modality == "hypothetical" for s in attacks)
    assert find(statements, "PAK", "threatens", "IND")


def test_told_reporters_is_reporting_not_requesting(extract):
    hits = find(extract("Latvia is a close ally of Estonia, the president told reporters."), "LVA", "alliedWith", "EST")
    assert hits and hits[0].modality == "asserted"


def test_a_denial_does_not_spread_to_a_coordinated_accusation(extract):
    text = "Belarus denied sending troops to the border and accused Poland of staging provocations."
    hits = find(extract(text), "BLR", "criticizes", "POL")
    assert hits and hits[0].polarity == "positive"


def test_has_no_relations_is_negative(extract):
    hits = find(extract("Bhutan has no diplomatic relations with China."), "BTN", "hasRelationshipWith", "CHN")
    assert hits and all(s.polarity == "negative" for s in hits)


@pytest.mark.parametrize("text", [
    "Moldova applied to join the European Union in March.",
    "Georgia is seeking to join NATO.",
    "Bosnia hopes to join the European Union by 2030.",
])
def test_trying_or_wishing_to_join_is_no_membership(extract, text):
    assert all(s.modality == "hypothetical" for s in extract(text) if s.predicate == "memberOf")


@pytest.mark.parametrize("text", [
    "The accord averted a Turkish invasion of Cyprus.",
    "Fears of a Turkish invasion of Cyprus grew on Monday.",
    "The region stood on the brink of a Turkish invasion of Cyprus.",
])
def test_an_act_averted_or_feared_is_no_fact(extract, text):
    found = [s for s in extract(text) if s.predicate == "attacks"]
    assert all(s.polarity == "negative" or s.modality == "hypothetical" for s in found)


def test_an_unnamed_state_voice_speaks_for_the_state_the_sentence_is_about(extract):
    statements = extract("Ghana closed its border with Togo on Monday, a government spokesman said.")
    closed = [s for s in statements if s.subject.country == "GHA" and s.object.country == "TGO"]
    assert closed and all(s.attributed_to is not None and s.attributed_to.id == "GHA" for s in closed)


def test_an_unnamed_ministry_under_a_dateline_speaks_for_the_dateline_state(extract):
    statements = extract("ACCRA, Ghana (AP) -- Togolese troops crossed into Ghana, the Defence Ministry said.")
    crossed = [s for s in statements if s.predicate == "attacks"]
    assert crossed and crossed[0].attributed_to is not None and crossed[0].attributed_to.id == "GHA"


def test_an_unnamed_ministry_under_a_dateline_acts_for_the_dateline_state(extract):
    statements = extract("DAKAR, Senegal (AP) -- The Foreign Ministry condemned Gambia on Thursday.")
    assert find(statements, "SEN", "criticizes", "GMB")


def test_a_place_opening_the_sentence_overrides_the_dateline(extract):
    statements = extract("DAKAR, Senegal (AP) -- Gambian police detained two Senegalese fishermen on Thursday.\n\n"
                         "In Paris, the Foreign Ministry condemned Gambia.")
    assert find(statements, "FRA", "criticizes", "GMB")
    assert not find(statements, "SEN", "criticizes", "GMB")


def test_an_unnamed_ministry_without_a_place_stays_unnamed(extract):
    statements = extract("The Foreign Ministry condemned Gambia on Thursday.")
    assert not [s for s in statements if s.subject.type == "Country" and s.predicate == "criticizes"]


@pytest.mark.parametrize("text, predicate", [
    ("Uruguay called for talks with Argentina.", "meetsWith"),
    ("Ghana appealed for negotiations with Togo.", "consults"),
])
def test_what_a_request_asks_for_is_requested(extract, text, predicate):
    found = [s for s in extract(text) if s.predicate == predicate]
    assert found and all(s.modality == "requested" for s in found)


def test_where_and_when_something_was_said_is_not_what_was_said(extract):
    statements = extract("The Greek prime minister said during a visit to Nicosia that the talks would resume.")
    visits = find(statements, "GRC", "visits", "CYP")
    assert visits and all(s.attributed_to is None for s in visits)


def test_a_dateline_in_capitals_names_its_city_and_state(extract):
    statements = extract("VILNIUS (AP) -- The Foreign Ministry summoned the Belarusian envoy on Friday.")
    assert any(s.subject.id == "LTU" and (s.object.country == "BLR") for s in statements)


def test_the_agency_filing_a_story_holds_no_title(extract):
    statements = extract("UNITED NATIONS (AP) -- Secretary-General Kofi Annan urged Iraq to admit the inspectors.")
    assert not [s for s in statements if s.predicate == "leaderOf" and s.object.id == "ap"]


@pytest.mark.parametrize("text, speaker, threatened", [
    ("Syria said Turkey would pay a heavy price for the incursion.", "SYR", "TUR"),
    ("Belgrade warned that Pristina would face grave consequences.", "SRB", "XKX"),
    ("The Kremlin said Estonia would regret the move.", "RUS", "EST"),
])
def test_a_penalty_foretold_is_a_threat_made_now(extract, text, speaker, threatened):
    found = find(extract(text), speaker, "threatens", threatened)
    assert found and all(s.modality == "asserted" for s in found)


def test_a_vow_to_avenge_threatens_and_the_avenged_act_happened(extract):
    statements = extract("Sudan vowed to avenge the killing of its soldiers by Chad.")
    assert [s.modality for s in find(statements, "SDN", "threatens", "TCD")] == ["asserted"]
    attacks = find(statements, "TCD", "attacks", "SDN")
    assert attacks and all(s.modality == "asserted" for s in attacks)
    assert not find(statements, "TCD", "threatens", "SDN")


@pytest.mark.parametrize("text", [
    "Kenya accused Uganda of arming Somali militias, a charge Kampala has denied.",
    "Niger accused Mali of shelling Nigerien villages, a charge Bamako has denied.",
])
def test_a_charge_denied_in_apposition_leaves_the_accusation_standing(extract, text):
    accuser, accused = ("KEN", "UGA") if text.startswith("Kenya") else ("NER", "MLI")
    accusations = find(extract(text), accuser, "criticizes", accused)
    assert accusations and all(s.polarity == "positive" and s.attributed_to is None for s in accusations)


def test_the_accused_side_denies_the_act_in_its_own_voice(extract):
    statements = extract("Kenya accused Uganda of arming Somali militias, a charge Kampala has denied.")
    voices = {(s.polarity, s.attributed_to.id if s.attributed_to else None)
              for s in statements if s.predicate == "providesWeaponsTo"}
    assert voices == {("positive", "KEN"), ("negative", "UGA")}


@pytest.mark.parametrize("text", [
    "Laos neither confirmed nor denied that it had sent troops to Cambodia.",
    "Laos would not confirm or deny that it had sent troops to Cambodia.",
])
def test_neither_confirming_nor_denying_is_no_denial_and_no_claim(extract, text):
    sent = [s for s in extract(text) if s.subject.id == "LAO" and s.object.id == "KHM"]
    assert sent and all(s.polarity == "positive" and s.modality == "hypothetical" for s in sent)


@pytest.mark.parametrize("text", [
    "Chad is widely believed to have shelled the rebel camp in Sudan.",
    "Diplomats said Chad was unlikely to recall its ambassador from Sudan.",
])
def test_hearsay_and_likelihood_leave_an_act_unasserted(extract, text):
    acts = [s for s in extract(text) if s.subject.id == "TCD" and s.object.id == "SDN"]
    assert acts and all(s.modality == "hypothetical" for s in acts)


def test_western_officials_speak_for_no_one_state(extract):
    statements = extract("Western officials said Belarus had been arming the rebels in Niger.")
    assert all(s.attributed_to is None or s.attributed_to.country != "BLR" for s in statements)


@pytest.mark.parametrize("text", [
    "Iran shipped rockets to Hezbollah, U.S. and Israeli officials said.",
    "Iran shipped rockets to Hezbollah, U.S. and Israeli officials say.",
])
def test_closing_speakers_glued_to_the_reports_last_noun_are_given_back(extract, text):
    statements = extract(text)
    shipped = [s for s in statements if s.predicate == "providesWeaponsTo"]
    assert [s.object.id for s in shipped] == ["hezbollah"] or [s.object.country for s in shipped] == ["LBN"]
    assert shipped[0].attributed_to is not None and shipped[0].attributed_to.country in {"USA", "ISR"}


def test_a_speaker_hung_on_a_clause_inside_the_sentence_still_speaks(extract):
    text = ("Iran wields more influence over Syria's militias than the government in Damascus does, "
            "U.S. and Syrian officials say.")
    sway = [s for s in extract(text) if s.predicate == "hasInfluenceOver" and s.subject.id == "IRN"]
    assert sway and sway[0].attributed_to is not None


def test_a_bid_to_act_is_no_act_to_come_but_an_act_told_inside_it_stays(extract):
    joining = [s for s in extract("The European Union warned that the law would hurt Moldova's bid to join the bloc.")
               if s.predicate == "memberOf"]
    assert joining and all(s.modality == "hypothetical" for s in joining)
    text = ("Beijing snubbed Japanese efforts to ease the row caused by Taiwanese President Lee Teng-hui's "
            "private visit to Japan.")
    visits = [s for s in extract(text) if s.predicate == "visits"]
    assert visits and all(s.modality == "asserted" for s in visits)
