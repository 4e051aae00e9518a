"""Parser slips mended before the relation rules read the tree.

The small English model reads some frequent wire constructions wrongly and
consistently. Mending the tree once is simpler than teaching every rule the
slip: the rules then see the structure the sentence has.
"""

from __future__ import annotations

from spacy.tokens import Doc

VISITING = frozenset({"visiting", "touring"})
"""Participles that, right before a person's name, describe the person: "met visiting Japanese
Foreign Minister Yohei Kono" (the model reads "met" + "visiting Kono" as a clause)."""


def mend_visiting_guests(doc: Doc) -> None:
    """ "Li Peng met visiting Japanese Foreign Minister Yohei Kono": make the guest the verb's
    object and "visiting" the guest's modifier, as the sentence means."""
    for token in doc:
        verb = token.head
        if token.lower_ not in VISITING or token.dep_ not in {"xcomp", "advcl", "ccomp", "dep"} \
                or verb.pos_ != "VERB" or token.i != verb.i + 1 \
                or any(c.dep_ == "dobj" for c in verb.children):
            continue
        guest = next((c for c in token.children if c.dep_ == "dobj" and c.i in doc._.mentions
                      and doc._.mentions[c.i].entity.type == "Person"), None)
        if guest is None:
            continue
        clauses = [c for c in token.children if c.dep_ in {"ccomp", "advcl", "prep", "npadvmod"}]
        guest.head, guest.dep_ = verb, "dobj"
        token.head, token.dep_ = guest, "amod"
        for clause in clauses:  # "told visiting X that ...", "met visiting X on Monday"
            clause.head = verb


def mend_fronted_labels(doc: Doc) -> None:
    """ "Pakistan rejected as baseless Indian allegations that ...": the model reads the shifted
    object as the label's noun ("as [baseless Indian allegations]"); make it the verb's object
    and the adjective the label, as in "rejected Indian allegations as baseless"."""
    for prep in doc:
        verb = prep.head
        if prep.lower_ != "as" or prep.dep_ != "prep" or verb.pos_ != "VERB" or prep.i != verb.i + 1 \
                or verb.dep_ == "relcl" or any(c.dep_ == "dobj" for c in verb.children):
            continue  # "a move Chisinau denounced as political blackmail": the object is the move
        noun = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
        # the label right after "as", the noun's own words after it: "as baseless (the) Indian allegations"
        label = doc[prep.i + 1]
        if noun is None or label.pos_ != "ADJ" or label.head not in (noun, prep) or noun.i <= label.i:
            continue
        noun.head, noun.dep_ = verb, "dobj"
        label.head, label.dep_ = prep, "pobj"


CLOSING_SPEECH = frozenset({"say", "tell", "report", "add", "confirm", "allege", "claim", "believe", "warn"})
"""Verbs that close a sentence of reported news: "..., U.S. and Israeli officials said."""


def mend_closing_speakers(doc: Doc) -> None:
    """ "Iran shipped rockets to Hezbollah, U.S. and Israeli officials said.": the model may glue
    the report's last noun onto the speakers ("Hezbollah, U.S. and Israeli officials"), as their
    conjunct or modifier, taking the speakers into the report or leaving the report's preposition
    without its object. Give each side back its words."""
    for verb in doc:
        if verb.lemma_.lower() not in CLOSING_SPEECH or verb.pos_ != "VERB" or verb.i < 3:
            continue
        report = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
        speakers = doc[verb.i - 1]
        if report is None or speakers.pos_ not in {"NOUN", "PROPN"}:
            continue
        inside = speakers in report.subtree
        if not inside and speakers.dep_ != "nsubj":
            continue
        comma = next((t for t in reversed(doc[report.left_edge.i:speakers.i]) if t.text == ","), None)
        if comma is None or comma.i + 1 >= speakers.i:
            continue
        phrase = range(comma.i + 1, speakers.i)
        glued = doc[comma.i - 1]
        if glued.head.i != speakers.i and glued.head.i not in phrase:
            continue  # the report's last noun is its own: nothing to mend
        if inside:
            home = (speakers.head, speakers.dep_)
        else:  # the report's preposition left without its object: "shipped rockets to ,"
            bare = [t for t in doc[report.left_edge.i:glued.i] if t.dep_ == "prep"
                    and not any(c.dep_ == "pobj" for c in t.children)]
            if not bare:
                continue
            home = (bare[-1], "pobj")
        for i in phrase:  # "U.S." (read as a conjunct of "Hezbollah") modifies the speakers
            if doc[i].head.i not in phrase and doc[i].head.i != speakers.i:
                doc[i].head, doc[i].dep_ = speakers, "compound" if doc[i].pos_ == "PROPN" else "amod"
        speakers.head, speakers.dep_ = verb, "nsubj"
        glued.head, glued.dep_ = home
