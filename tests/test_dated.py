"""Who a dated person is on a given day (graph.dated), on roles written for these tests."""

from __future__ import annotations

from datetime import date

from graph.dated import DatedPeople, Holding, parse_roles

ROWS = {
    # an official, then head of government, then out of office: roles as persons.tsv writes them
    "ada-wren": "ada-wren\tAda Wren\tAda Wren|Premier Wren\t"
                "CAN:GOV:O:19900101:19941231 CAN:GOV:L:19950601:19990601 CAN:ELI:N:19990602:20100101",
    # still in office when the data was made
    "bo-wren": "bo-wren\tBo Wren\tBo Wren|Premier Wren\tCAN:GOV:L:20060101: CAN:ELI:N::",
    "cy-wren": "cy-wren\tCy Wren\tCy Wren\tAUS:MIL:O:19980101:20020101",
}


def test_roles_parse_from_the_data_line() -> None:
    [role, default] = parse_roles("CAN:GOV:L:20060101: CAN:ELI:N::")
    assert (role.country, role.sector, role.kind, role.start, role.end) == ("CAN", "GOV", "leaderOf", date(2006, 1, 1), None)
    assert not default.dated and default.kind is None


def test_the_role_that_covers_the_day_holds() -> None:
    ada = DatedPeople(ROWS).person("ada-wren")
    assert ada.at(date(1992, 3, 1)).role == "officialOf"
    assert ada.at(date(1997, 3, 1)).role == "leaderOf"
    retired = ada.at(date(2005, 3, 1))
    assert (retired.country, retired.sector, retired.role) == ("CAN", "ELI", None)


def test_outside_every_role_a_person_keeps_only_their_country() -> None:
    ada = DatedPeople(ROWS).person("ada-wren")
    assert ada.at(date(1950, 1, 1)) == ada.at(date(2020, 1, 1)) == Holding("CAN", None, None)


def test_without_a_date_only_an_office_still_open_is_held() -> None:
    people = DatedPeople(ROWS)
    assert people.person("bo-wren").at(None).role == "leaderOf"
    assert people.person("ada-wren").at(None).role is None  # her latest role (ELI) is closed
    assert people.person("cy-wren").at(None).role is None


def test_people_sharing_a_title_form_are_told_apart_by_the_date() -> None:
    people = DatedPeople(ROWS)
    wrens = ["ada-wren", "bo-wren"]

    def best(day):
        return min(wrens, key=lambda i: people.person(i).fit(day))

    assert best(date(1997, 1, 1)) == "ada-wren" and best(date(2008, 1, 1)) == "bo-wren"
    assert best(None) == "bo-wren"  # the latest


def test_a_title_and_surname_need_exactly_one_office_holder() -> None:
    people = DatedPeople(ROWS)
    assert people.titled("Wren", "leaderOf", None, date(1997, 1, 1)) == "ada-wren"
    assert people.titled("Wren", "leaderOf", "CAN", date(2008, 1, 1)) == "bo-wren"
    assert people.titled("Wren", "leaderOf", None, date(2003, 1, 1)) is None  # nobody then
    assert people.titled("Wren", "leaderOf", None, None) is None  # two ever did: no guess
    assert people.titled("Wren", "officialOf", "AUS", date(2000, 1, 1)) == "cy-wren"
    entity, holding = people.entity("cy-wren", date(2000, 1, 1))
    assert (entity.country, entity.sector, holding.role) == ("AUS", "MIL", "officialOf")
