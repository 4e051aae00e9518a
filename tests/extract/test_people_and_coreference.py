"""People with titles, their affiliations, and references back to them."""

from __future__ import annotations

import pytest

from tests.helpers import find, triples


def test_titled_people_get_affiliations_and_roll_up(extract):
    text = ("Brazilian President Luiz Inacio Lula da Silva met Argentine Foreign Minister "
            "Diana Mondino in Brasilia on Monday.")
    statements = extract(text)
    leaders = [s for s in statements if s.predicate == "leaderOf"]
    officials = [s for s in statements if s.predicate == "officialOf"]
    assert any(s.object.id == "BRA" and "lula" in s.subject.id for s in leaders)
    assert any(s.object.id == "ARG" and s.subject.id == "diana-mondino" for s in officials)
    assert find(statements, "BRA", "meetsWith", "ARG")


def test_unknown_person_with_title_rolls_up_to_the_title_country(extract):
    statements = extract("Moldovan Defence Minister Anatolie Nosatii visited Bucharest.")
    visit = find(statements, "MDA", "visits", "ROU")
    assert visit and visit[0].subject.type == "Person" and visit[0].subject.country == "MDA"


def test_surname_and_pronoun_refer_back_to_the_same_person(extract):
    text = ("Kenyan President William Ruto arrived in Addis Ababa on Sunday. "
            "Ruto praised Ethiopia for its mediation. He later criticised Sudan's army.")
    statements = extract(text)
    praise = find(statements, "KEN", "supports", "ETH")
    assert praise and praise[0].subject.id == "william-ruto"
    assert find(statements, "KEN", "criticizes", "SDN")


def test_the_former_and_the_latter(extract):
    text = ("Ministers from Chile and Peru met in Lima. The former criticized Bolivia "
            "over the border closure.")
    got = triples(extract(text))
    assert ("CHL", "criticizes", "BOL", "positive") in got
    assert ("PER", "criticizes", "BOL", "positive") not in got


def test_its_refers_to_the_clause_subject(extract):
    got = triples(extract("Analysts expect Moscow to continue its offensive in Ukraine through the winter."))
    assert ("RUS", "attacks", "UKR", "positive") in got


def test_it_opening_what_a_state_says_is_that_state(extract):
    statements = extract("Ghana defended its ties with Togo, saying it had helped Lome rebuild its ports.")
    assert find(statements, "GHA", "providesAidTo", "TGO")
    assert not find(statements, "TGO", "providesAidTo", "GHA")
    # but the one told: "told Lome that it must ..."
    told = extract("Ghana told Togo that it must reopen the border.")
    assert not [s for s in told if s.subject.country == "GHA" and s.predicate not in {"urges", "criticizes"}]


def test_ambiguous_pronoun_is_left_unresolved(extract):
    text = ("A book about Olaf Scholz and Emmanuel Macron was published in Paris. "
            "He later condemned Belarus.")
    statements = extract(text)
    assert not [s for s in statements if s.predicate == "criticizes"]


def test_definite_description_points_back_to_the_only_group(extract):
    text = "Hezbollah fired rockets at northern Israel. The group said it was retaliating for an Israeli strike."
    hits = [s for s in extract(text) if s.predicate == "attacks" and s.attributed_to is not None]
    assert all(s.attributed_to.id == "hezbollah" for s in hits)


def test_his_country_is_the_speakers_nation(extract):
    text = "Mexican President Claudia Sheinbaum said her country rejected the tariff threat from Washington."
    statements = extract(text)
    assert find(statements, "MEX", "rejects", "USA")


def test_title_without_country_takes_the_sentences_only_country(extract):
    text = "Estonia will expel two diplomats, Foreign Minister Margus Tsahkna said on Tuesday."
    officials = [s for s in extract(text) if s.predicate == "officialOf"]
    assert officials and officials[0].object.id == "EST"


def test_the_sentences_only_country_is_not_the_title_holders_when_they_act_on_it(extract):
    statements = extract("Foreign Minister Tomas Ruiz lashed out at Honduras on Friday.")
    assert not [s for s in statements if s.predicate == "officialOf"]
    assert all(s.subject.country != "HND" for s in statements)


def test_a_title_of_a_states_unit_in_apposition_places_its_holder(extract):
    statements = extract("An air strike killed Col. Omar Haddad, the commander of Yemen's elite Fourth Brigade.")
    officials = [s for s in statements if s.predicate == "officialOf"]
    assert officials and officials[0].object.id == "YEM"


def test_a_title_held_abroad_is_not_owned_by_the_dateline(extract):
    text = "NAIROBI, Kenya (AP) -- Special Envoy Tomas Lindqvist met rebel leaders on Monday."
    assert not [s for s in extract(text) if s.predicate in {"officialOf", "leaderOf"} and s.object.id == "KEN"]


def test_where_a_person_serves_does_not_own_their_title(extract):
    text = "Omar Farouk, the agency's station chief in Cairo, defected on Monday."
    assert not [s for s in extract(text) if s.predicate in {"officialOf", "leaderOf"} and s.object.id == "EGY"]


def test_counterpart_inherits_the_role_of_the_person_met(extract):
    text = "Polish Prime Minister Donald Tusk met his Czech counterpart Petr Fiala in Prague."
    leaders = {s.subject.id: s.object.id for s in extract(text) if s.predicate == "leaderOf"}
    assert leaders.get("petr-fiala") == "CZE"


def test_pronoun_in_a_fronted_phrase_points_to_the_subject_after_it(extract):
    text = ("Austrian Chancellor Karl Nehammer spoke in Vienna. "
            "During his visit to Ankara, Hungarian Prime Minister Viktor Orban met Erdogan.")
    visits = [s for s in extract(text) if s.predicate == "visits"]
    assert visits and all(s.subject.country == "HUN" for s in visits)


def test_officials_of_two_countries_meet_each_other(extract):
    assert find(extract("The foreign ministers of Chile and Peru met in Santiago."), "CHL", "meetsWith", "PER")


def test_an_object_pronoun_is_not_its_own_clauses_subject(extract):
    text = "Chilean President Gabriel Boric met Peru's president in Lima and urged him to reopen the border."
    urges = [s for s in extract(text) if s.predicate == "urges"]
    assert urges and urges[0].object.country == "PER"


def test_the_two_leaders_are_the_last_two_people_of_different_sides(extract):
    statements = extract("Chilean President Gabriel Boric telephoned Argentine President Javier Milei on Monday. "
                         "The two leaders agreed to reopen the border crossing.")
    assert any(s.predicate == "agreesWith" and {s.subject.country, s.object.country} == {"CHL", "ARG"}
               for s in statements)


def test_a_dateline_is_no_antecedent(extract):
    statements = extract("LIMA, Peru (AP) -- The two leaders agreed on Monday to reopen the border.")
    assert not [s for s in statements if s.predicate == "agreesWith"]


@pytest.mark.parametrize("text, person, role, owner", [
    ("Secretary of State Warren Christopher met Syrian officials on Monday.", "warren-christopher", "officialOf", "USA"),
    ("OPEC ministers met in Vienna, and Secretary-General Rilwanu Lukman urged calm.", "rilwanu-lukman", "leaderOf", "opec"),
    ("King Hussein of Jordan received the envoy on Sunday.", None, "leaderOf", "JOR"),
    ("Prime Minister Atal Bihari Vajpayee said India wanted peace.", None, "leaderOf", "IND"),
])
def test_titles_say_the_office_even_without_their_owner(extract, text, person, role, owner):
    found = [s for s in extract(text, "1997-06-02") if s.predicate == role and (s.object.id == owner)]
    assert found, [(s.subject.id, s.predicate, s.object.id) for s in extract(text, "1997-06-02")]
    assert person is None or found[0].subject.id == person


def test_the_alliance_is_never_a_ministry(extract):
    statements = extract("France's foreign ministry condemned the verdict. Sweden, the alliance's newest member, "
                         "will send troops to Finland.")
    assert not [s for s in statements if s.predicate == "memberOf" and s.object.country == "FRA"]


def test_an_unknown_office_holder_under_a_dateline_is_of_its_country(extract):
    statements = extract("BANJUL, Gambia (AP) -- Senegalese envoys presented a peace plan for Casamance to "
                         "President Ousainou Darboe on Wednesday.")
    assert any(s.predicate == "leaderOf" and s.object.id == "GMB" for s in statements)


def test_it_is_not_a_country_named_as_a_places_adjective(extract):
    statements = extract("Greek jets intercepted a Turkish drone near the Bulgarian border, saying it had "
                         "violated Greek airspace.")
    assert not [s for s in statements if s.subject.country == "BGR"]


@pytest.mark.parametrize("text, nation, sector", [
    ("BAGHDAD (AP) -- Syrian rebel leader Murat Haddad urged Jordan to reopen the crossing.", "SYR", "REB"),
    ("VILNIUS (AP) -- Belarusian opposition leader Alena Sidarenka urged the EU to widen sanctions.",
     "BLR", "OPP"),
])
def test_a_rebel_or_opposition_leader_is_of_the_nation_but_holds_no_office(extract, text, nation, sector):
    statements = extract(text)
    assert not [s for s in statements if s.predicate in {"leaderOf", "officialOf"}]
    urges = [s for s in statements if s.predicate == "urges"]
    assert urges and all(s.subject.country == nation and s.subject.sector == sector for s in urges)


def test_its_in_a_closing_speaker_is_the_news_subject(extract):
    statements = extract("Cuba will not hold talks with the United States, its foreign minister said.")
    talks = [s for s in statements if s.predicate == "meetsWith"]
    assert talks and all(s.attributed_to is not None and s.attributed_to.country == "CUB" for s in talks)
