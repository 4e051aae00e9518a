"""GET /relations: filters, sub-predicates, names for ids, evidence, roll-up and cursor paging."""

from __future__ import annotations

from fastapi.testclient import TestClient
from service_samples import WRITE, drones_document, follow_up_document, relations

IRN, RUS, SYR = (f"https://geokg.org/id/{code}" for code in ("IRN", "RUS", "SYR"))


def test_who_arms_whom_lists_every_voice_and_marks_the_denial(loaded_client: TestClient) -> None:
    items = relations(loaded_client, subject="IRN", predicate="providesWeaponsTo")
    assert {item["object"]["id"] for item in items} == {RUS}
    voices = {item["attributed_to"]["id"].rsplit("/", 1)[1] for item in items if item["polarity"] == "positive"}
    assert {"UKR", "usa-officials", "gbr-intelligence"} <= voices
    [denial] = [item for item in items if item["polarity"] == "negative"]
    assert denial["attributed_to"]["id"] == "https://geokg.org/id/irn-foreign-ministry"
    assert denial["sentence"] == "The Iranian foreign ministry denied that Iran had sent any weapons to Russia."
    assert denial["relation"] == {"claims": len(items), "sources": 1, "denying_sources": 1, "fact": True}


def test_each_claim_carries_its_evidence_with_offsets_into_the_document(loaded_client: TestClient) -> None:
    text = drones_document()["text"]
    for item in relations(loaded_client, subject="IRN"):
        [evidence] = item["evidence"]
        assert evidence["document"]["id"] == "drones-report" and evidence["document"]["published"] == "2025-03-04"
        assert text[evidence["start"]:evidence["end"]] == evidence["sentence"] == item["sentence"]
        assert item["extractor"]["name"] == "geokg-rules"


def test_a_predicate_finds_its_sub_predicates_and_names_work_as_ids(loaded_client: TestClient) -> None:
    by_id = relations(loaded_client, subject="IRN", predicate="providesWeaponsTo")
    assert relations(loaded_client, subject="Iran", predicate="providesAidTo", object="Russia") == by_id
    assert relations(loaded_client, subject="Tehran", predicate="providesWeaponsTo") == by_id


def test_filters_by_polarity_voice_either_end_and_confidence(loaded_client: TestClient) -> None:
    denials = relations(loaded_client, polarity="negative")
    assert [d["attributed_to"]["id"].rsplit("/", 1)[1] for d in denials] == ["irn-foreign-ministry"]
    assert relations(loaded_client, attributed_to="IRN") == []
    assert relations(loaded_client, attributed_to="IRN", rollup=True) == denials
    syria = relations(loaded_client, entity="SYR")
    assert [(s["subject"]["id"], s["predicate"], s["object"]["id"]) for s in syria] == [
        (IRN, "hasInfluenceOver", SYR)]
    everything = relations(loaded_client, limit=200)
    threshold = sorted(item["confidence"] for item in everything)[len(everything) // 2]
    assert all(item["confidence"] >= threshold for item in relations(loaded_client, min_confidence=threshold))


def test_cursor_pages_walk_every_claim_once_newest_first(loaded_client: TestClient) -> None:
    everything = relations(loaded_client, limit=200)
    seen, cursor = [], None
    while True:
        page = loaded_client.get("/relations", params={"limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert [item["claim"] for item in seen] == [item["claim"] for item in everything]
    bad = loaded_client.get("/relations", params={"cursor": "not-a-cursor"})
    assert bad.status_code == 400 and "next_cursor" in bad.json()["message"]


def test_unknown_entities_and_predicates_are_client_errors(loaded_client: TestClient) -> None:
    unknown = loaded_client.get("/relations", params={"subject": "Atlantis"})
    assert unknown.status_code == 404 and "subject='Atlantis'" in unknown.json()["message"]
    bad_predicate = loaded_client.get("/relations", params={"predicate": "sendsFlowersTo"})
    assert bad_predicate.status_code == 422 and bad_predicate.json()["errors"][0]["field"] == "query.predicate"
    bad_date = loaded_client.get("/relations", params={"since": "last week"})
    assert bad_date.status_code == 422 and bad_date.json()["errors"][0]["field"] == "query.since"


def test_sources_dates_and_newest_first_across_documents(make_client) -> None:  # noqa: ANN001
    client = make_client()
    for document in (drones_document(), follow_up_document()):
        assert client.post("/documents", json=document, headers=WRITE).status_code == 200
    two_sources = relations(client, min_sources=2)
    assert {(s["subject"]["id"], s["predicate"], s["object"]["id"]) for s in two_sources} == {
        (IRN, "providesWeaponsTo", RUS)}
    assert {s["doc_id"] for s in two_sources} == {"drones-report", "drones-follow-up"}
    when = [s["date"] or s["published"] for s in relations(client, limit=200)]
    assert when == sorted(when, reverse=True)  # newest first: event date, else publication date
    # "in March" (2025-03) may fall on or after the 15th; the report's "on Monday" (2025-03-03) does not.
    assert {s["doc_id"] for s in relations(client, since="2025-03-15")} == {"drones-follow-up"}
    # "last month" in the report of 4 March is February; nothing else is that old.
    [february] = relations(client, until="2025-02-28")
    assert (february["date"], february["attributed_to"]["id"]) == ("2025-02", "https://geokg.org/id/gbr-intelligence")
