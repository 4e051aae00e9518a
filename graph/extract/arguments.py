"""The argument walk: which entities a token of the parse stands for, and who does what a verb says.

Used by the relation finder (agents and objects of triggers) and by attribution
(the subject of a speech verb). Everything here reads the parse and the
mentions; nothing decides which relation holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from graph.extract.lexicon import Lexicon, PredicateRules
from graph.extract.mentions import LEADING_PARTICIPLES, Mention
from graph.gazetteer import load_gazetteer

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
COPULAS = frozenset({"be", "remain", "become", "stay", "seem", "appear"})
PARTICLE_HEADS = frozenset({"out", "away", "back", "up", "down", "off"})
PLACE_PREPS = ("in", "of", "around", "near", "off", "outside", "along", "inside", "across", "with")
NATION_NOUNS = frozenset({"country", "nation", "government", "state", "administration", "people"})


@dataclass(frozen=True)
class Arg:
    mention: Mention
    confidence: float = 1.0


class ArgumentWalker:
    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self.partner_nouns = frozenset(lemma for lemma, triggers in lexicon.nouns.items()
                                       if any(t.prep in {"with", "between"} for t in triggers))
        """Nouns of acts done with another party: "ruled out any dialogue with Hamas" is about Hamas."""
        self.asking_nouns = lexicon.behest_nouns | frozenset(
            lemma for lemma, triggers in lexicon.nouns.items() if any(t.predicate == "urges" for t in triggers))
        """Nouns whose infinitive is done by whoever is asked, not their owner: "Pakistan's demand to expel"."""

    def args_at(self, token: Token | None, conjuncts: bool = True, owner: bool = False,
                places: bool = False) -> list[Arg]:
        """The entities a token stands for: itself, a resolved pronoun, or what it belongs to.

        `owner`: any noun may stand for its possessor ("condemned North Korea's launch");
        otherwise only nouns of acting people and things do ("Chinese vessels").
        `places`: a place noun stands for the entity it lies in ("a hospital in Kyiv").
        """
        if token is None:
            return []
        heads = [token, *token.conjuncts] if conjuncts else [token]
        if conjuncts:
            heads += [a for h in list(heads) for a in _listed_appositions(h)]
            heads += _detached_first_conjunct(heads)
        found: list[Arg] = []
        for head in heads:
            for arg in self._args_single(head, owner, places):
                if all(a.mention.entity.id != arg.mention.entity.id for a in found):
                    found.append(arg)
        return found

    def _args_single(self, token: Token, owner: bool, places: bool) -> list[Arg]:
        doc = token.doc
        mention = doc._.mentions.get(token.i)
        if mention:
            return [Arg(mention, mention.confidence)]
        resolved = doc._.coref.get(token.i) if doc._.coref else None
        if resolved:
            return [Arg(m, 0.85 * m.confidence) for m in resolved]
        lemma = token.lemma_.lower()
        if token.pos_ not in {"NOUN", "PROPN"} and not (lemma in self.lex.containers and token.pos_ == "ADJ"):
            return []  # "the last of Vietnam's troops" is a container too
        if lemma not in self.lex.place_nouns and token.lower_.endswith("s") and token.lower_[:-1] in self.lex.place_nouns:
            lemma = token.lower_[:-1]  # the lemmatiser's slips: "bases" → "basis"
        if lemma in self.lex.containers or lemma in self.lex.measure_nouns:
            # "thousands of Afghans", "dozens of Russian diplomats", "months of Chinese pressure"
            inner = self.prep_objects([token], ("of",))
            if inner:
                return [a for head in (inner[0], *inner[0].conjuncts) for a in self._args_single(head, owner, places)]
        if lemma in self.lex.trade_nouns:
            # "curbs on exports to South Korea", "a ban on imports of Moldovan wine": the partner
            # (hung on the verb when the trade noun is its object: "restricted exports ... to China")
            partners = self.prep_objects([token] + ([token.head] if token.dep_ == "dobj" else []),
                                         ("to", "from", "with"))
            found = [a for t in partners for a in self._args_single(t, owner, places)] or \
                [a for t in (token, *self.prep_objects([token], ("of",))) for a in self._owners(t, allow_people=False)]
            if found:
                return found
        if lemma in self.lex.place_nouns:
            # "Georgia's breakaway regions of South Ossetia and Abkhazia": the places the noun names
            named = [a for t in self.prep_objects([token], ("of",)) for a in self.args_at(t)
                     if a.mention.entity.type == "Location"]
            if named:
                return named
        if owner or lemma in self.lex.actor_nouns:
            found = self._owners(token, allow_people=owner)
            if found:
                return found
        if places and lemma in self.lex.place_nouns:
            sides = [token]
            if lemma in self.lex.boundary_nouns:  # the parser may hang "with Syria" on the verb
                sides += [t for t in token.ancestors if t.pos_ == "VERB"][:1]
            across = [a for t in self.prep_objects(sides, ("with",)) for a in self.args_at(t)]
            if across and lemma in self.lex.boundary_nouns:
                return across  # "massed troops along its border with Syria": the other side
            owners = [a for a in self._owners(token, allow_people=False) if a.mention.entity.type in {"Country", "Location"}]
            if owners:
                return owners  # "Azerbaijan's Karabakh region"
            # "struck a hospital in Kyiv", "withdrawal from the corridor in Gaza": the place
            # phrase may hang on the noun, on the verb or on the noun the preposition belongs to.
            holders = [token, token.head] if token.dep_ == "dobj" else [token]
            if token.dep_ == "pobj":
                holders.append(token.head.head)
            for prep in PLACE_PREPS:
                for place in self.prep_objects(holders, (prep,)):
                    found = self.args_at(place) or self._region_of(place)
                    if found:
                        return [Arg(a.mention, 0.85 * a.confidence) for a in found]
        return []

    def _region_of(self, place: Token) -> list[Arg]:
        """ "a camp in Somalia's Gedo region", "positions in the mountains of Kashmir": the
        country or named place a place noun belongs to (one level down, no further)."""
        if place.lemma_.lower() not in self.lex.place_nouns:
            return []
        owners = self._owners(place, allow_people=False) or [
            a for t in self.prep_objects([place], ("of",)) for a in self.args_at(t)]
        return [a for a in owners if a.mention.entity.type in {"Country", "Location"}]

    def _owners(self, token: Token, allow_people: bool) -> list[Arg]:
        """Who a noun belongs to: "Chinese and Russian warships", "Trump's proposal", "a request from Cairo"."""
        doc = token.doc
        kinds = {"Country", "Organization", "Group"} | ({"Person"} if allow_people else set())
        found: list[Arg] = []
        holders = [c for c in token.children if c.dep_ == "poss"] or \
            [c for c in token.children if c.dep_ in MODIFIER_DEPS and c.i in doc._.mentions] or \
            [g for c in token.children if c.dep_ == "amod" and c.lemma_.lower() in LEADING_PARTICIPLES
             for g in c.children if g.i in doc._.mentions]  # "Saudi-led warplanes", "Pakistan-based militants"
        if not holders and allow_people:
            # "the peace plan proposed by Kyiv": the author named in a participle
            holders = [g for c in token.children if c.dep_ == "acl"
                       for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        if not holders and (token.lemma_.lower() not in self.lex.weapon_words or token.dep_ in SUBJECT_DEPS):
            # "negotiators from Rwanda", "the foreign ministers of X and Y", "a request from Cairo";
            # but "tanks from the United States" came from there, they do not act for it.
            preps = ("from", "by") if allow_people else ("from", "of")
            if allow_people and token.lemma_.lower() in self.lex.actor_nouns:
                preps = ("from", "by", "of")  # "tanks of Gadhafi's forces", "the captain of a Chinese trawler"
            holders = self.prep_objects([token], preps)
            if allow_people and not holders:
                # "called for a ceasefire between Armenia and Azerbaijan": the two sides of it;
                # "ruled out any dialogue with Hamas": the other party
                holders = self.prep_objects([token], ("between", "with") if token.lemma_.lower() in self.partner_nouns
                                            else ("between",))
            if allow_people and not holders:
                # "any deployment of US missiles": an act owned by whoever owns the actors in it,
                # but not "the invasion of Ukraine", whose "of" names the victim
                holders = [t for t in self.prep_objects([token], ("of",))
                           if t.i not in doc._.mentions and t.lemma_.lower() in self.lex.actor_nouns]
        if not holders and not allow_people and token.lemma_.lower() in self.lex.actor_nouns:
            # "Shiite militias in Iraq", "rebels in the east of Congo": armed and political
            # actors are coded by where they act when nothing else names their side.
            holders = [h for h in self.prep_objects([token], ("in", "inside"))
                       if any(a.mention.entity.type == "Country" for a in self.args_at(h, conjuncts=False))]
        for holder in holders:
            # "Aidid's militiamen", "Gadhafi's forces": a person commands the actors he owns
            allowed = kinds | ({"Person"} if holder.dep_ == "poss" and token.lemma_.lower() in self.lex.actor_nouns else set())
            for arg in self.args_at(holder):
                arg = self._nation_of(token, arg)
                if arg.mention.entity.type in allowed and arg.mention.entity.id not in {a.mention.entity.id for a in found}:
                    found.append(Arg(arg.mention, 0.8 * arg.confidence))
        return found

    def _nation_of(self, noun: Token, owner: Arg) -> Arg:
        """ "his country", "her government": a person's nation stands in for the noun."""
        person = owner.mention.entity
        if person.type != "Person" or not person.country or noun.lemma_.lower() not in NATION_NOUNS:
            return owner
        country = load_gazetteer().get(person.country)
        if country is None:
            return owner
        return Arg(Mention(country, owner.mention.start, owner.mention.end, "coref", owner.confidence), owner.confidence)

    def verb_agents(self, verb: Token, depth: int = 0) -> list[Arg]:
        """Who does what the verb says: its subject, or the subject it shares."""
        if depth > 4:
            return []
        # "an accord signed by Ethiopia and Eritrea": a past participle on a noun is passive too
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or \
            (verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children))
        if passive:
            by = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return self.args_at(by[0]) if by else []
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
        for child in subjects:  # a dateline ("CAIRO, May 3 - Egypt hosted ...") may be parsed as a subject too
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return self.args_at(verb.head)
            found = self.args_at(child)
            if found:
                return found
        if subjects:
            return []
        fronted = [s for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i < verb.i
                   for s in c.children if s.dep_ == "nsubj" and s.i < c.i]
        if fronted:
            # a parser slip: "Brazil and Argentina, meeting in Rosario, demanded ..." read with the
            # subject on the participle between them
            return self.args_at(fronted[0])
        head = verb.head
        slip = next((c for c in verb.children if c.dep_ == "npadvmod" and c.i < verb.i and c.i in verb.doc._.mentions
                     and c.tag_ in {"NNP", "NNPS"} and verb.tag_ == "VBD"
                     and all(t.head.i == verb.i for t in verb.doc[c.i + 1:verb.i])), None)
        if slip is not None:
            # a parser slip: "Azerbaijan massed troops", "Vietnam test-fired missiles" read with the
            # subject as a modifier of the verb
            return self.args_at(slip)
        if head is verb:
            return []
        if verb.dep_ == "conj" and head.pos_ in {"VERB", "AUX"}:
            return self.verb_agents(head, depth + 1)
        if verb.dep_ == "pcomp" and head.lower_ == "by" and head.head.pos_ in {"VERB", "AUX"}:
            return self.verb_agents(head.head, depth + 1)  # "retaliated by destroying ...": the means of the act
        if verb.dep_ == "pcomp" and head.lower_ in {"with", "in", "on"} and head.head.pos_ == "VERB" and \
                not any(c.dep_ == "dobj" for c in head.head.children):
            return self.verb_agents(head.head, depth + 1)  # "pressed ahead with building", "succeeded in ..."
        if verb.dep_ in {"acl", "pcomp"}:
            # "had no intention of withdrawing", "has plans to visit": the owner of the intention.
            noun = head.head if head.dep_ == "prep" else head
            owners = [c for c in noun.children if c.dep_ == "poss"] \
                if noun.pos_ == "NOUN" and noun.lemma_.lower() not in self.asking_nouns else []
            if owners and verb.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                # "defended its decision to sell jets to Taiwan", "sought Ankara's agreement to shut ..."
                return self.args_at(owners[0])
            if noun.pos_ == "NOUN" and noun.dep_ in {"dobj", "attr"} and noun.head.lemma_ in self.lex.light_verbs:
                return self.verb_agents(noun.head, depth + 1)
            # "accused the UAE of arming ...": the accused does it.
            if head.dep_ == "prep" and head.head.pos_ == "VERB":
                objects = [c for c in head.head.children if c.dep_ == "dobj"]
                if objects:
                    return self.args_at(objects[0])
        if verb.dep_ in {"attr", "acomp"} and verb.tag_ == "VBG" and head.lemma_ == "be":
            return self.verb_agents(head, depth + 1)  # a parser slip: "Qatar is mediating" read as "is (a) mediating"
        if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in {"acomp", "oprd"}:
            return self.verb_agents(head.head, depth + 1)  # "Syria is ready to resume talks"
        if verb.dep_ in {"xcomp", "advcl", "ccomp"} and head.pos_ in {"VERB", "AUX"}:
            # "urged China to restrain ...": object control; "agreed to send": subject control.
            controller = [c for c in head.children if c.dep_ == "dobj"]
            if verb.dep_ == "xcomp" and controller and head.lemma_.lower() in self.lex.object_control_verbs:
                return self.args_at(controller[0])
            patient = [c for c in head.children if c.dep_ == "nsubjpass"]
            if patient and verb.dep_ in {"xcomp", "advcl"}:
                # "troops were deployed to fight alongside ...": the deployed do the fighting.
                return self.args_at(patient[0])
            if verb.dep_ != "ccomp":
                return self.verb_agents(head, depth + 1)
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            return self.args_at(head)
        return []

    def prep_objects(self, heads: list[Token], preps: tuple[str, ...]) -> list[Token]:
        """Objects of the given prepositions under any of the head tokens, in that order."""
        found = []
        for prep in preps:
            for head in heads:
                for child in head.children:
                    if child.dep_ in {"prep", "agent", "prt", "dative"} and child.lower_ == prep:
                        found += [g for g in child.children if g.dep_ in {"pobj", "pcomp"}]
                    elif child.dep_ in {"prep", "prt", "advmod"} and child.lower_ in PARTICLE_HEADS:
                        # "pulled out of X", "moved away from X": the preposition hangs on the particle
                        found += [g for p in child.children if p.dep_ == "prep" and p.lower_ == prep
                                  for g in p.children if g.dep_ in {"pobj", "pcomp"}]
                    elif child.dep_ == "advmod" and child.lower_ == prep and child.i + 1 < len(child.doc):
                        # a parser slip: "flew alongside Japanese jets" read as an adverb and an object
                        found += [g for g in head.children if g.dep_ == "dobj" and g.i > child.i]
            if found:
                return found
        return found

    def direct_objects(self, verb: Token) -> list[Token]:
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        deps = {"nsubjpass"} if passive else {"dobj", "obj"}
        found = [c for c in verb.children if c.dep_ in deps]
        if not found and not passive:
            # a parser slip: "criticized Washington" read as an adverbial noun phrase
            found = [c for c in verb.children if c.dep_ in {"npadvmod", "oprd"} and c.ent_type_ in {"GPE", "ORG", "NORP", "PERSON"}]
        if verb.dep_ == "relcl" and not passive and all(f.tag_ == "WDT" for f in found):
            # "the missiles Russia fired", "a move that Togo denounced": the relative clause's
            # head is the object.
            found = [verb.head]
        if not found and not passive:
            # "struck what Bangkok called a rebel base inside Cambodia" (or "described as"): the
            # thing so named
            namings = [c for c in verb.children if c.dep_ == "ccomp" and any(
                w.dep_ == "dobj" and w.lower_ == "what" for w in c.children)]
            found = [o for c in namings for o in c.children if o.dep_ in {"oprd", "dobj"} and o.lower_ != "what"] + \
                self.prep_objects(namings, ("as",))
        return found

    def noun_agents(self, noun: Token, exclude: set[str]) -> list[Arg]:
        doc = noun.doc
        for child in noun.children:
            if child.dep_ == "poss":
                args = self.args_at(child)
                if args:
                    return args
        for child in noun.children:
            if child.dep_ in MODIFIER_DEPS and child.i in doc._.mentions:
                args = [a for a in self.args_at(child) if a.mention.entity.id not in exclude]
                if args:
                    return args
        for child in noun.children:  # "the American-led bombing of Afghanistan"
            if child.dep_ == "amod" and child.lemma_.lower() in LEADING_PARTICIPLES:
                args = [a for g in child.children if g.i in doc._.mentions for a in self.args_at(g)]
                if args:
                    return args
        by = self.prep_objects([noun], ("by", "from"))
        if by:
            return self.args_at(by[0])
        return self.anchor_agents(noun)

    def anchor_agents(self, noun: Token) -> list[Arg]:
        """The actor a noun is said of: light-verb subject, copula subject, apposition head.

        A measure in front of the noun is looked through: "began six days of naval
        drills", "after two rounds of talks with ...", "announced the normalisation of ties".
        """
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and \
                head.head.lemma_.lower() in self.lex.measure_nouns:
            return self.anchor_agents(head.head)
        if noun.dep_ in {"dobj", "nsubjpass"} and head.lemma_ in self.lex.light_verbs:
            return self.verb_agents(head)
        if noun.dep_ in {"attr", "acomp", "oprd"} and head.lemma_ in COPULAS:
            return self.verb_agents(head)
        if noun.dep_ == "appos":
            return self.args_at(head)
        if noun.dep_ == "pobj" and head.head.pos_ in {"VERB", "AUX"} and (
                head.lower_ == "as" or (head.lower_ == "on" and head.head.lemma_ in self.lex.light_verbs)):
            return self.verb_agents(head.head)  # "served as an ally", "put pen to paper on a pact"
        return []

    # -- triggers ------------------------------------------------------------------

    def objects_of(self, tokens: list[Token], rules: PredicateRules) -> list[Arg]:
        """The entities standing for these object tokens, with the predicate's fallbacks."""
        return [a for t in tokens for a in self.args_at(t, owner=rules.object_owner, places=rules.place_objects)]


def _listed_appositions(token: Token) -> list[Token]:
    """ "Saudi Arabia, the United Arab Emirates, Bahrain and Egypt": a list the parser reads
    as an apposition. Only a country set beside a different country counts; "China, North
    Korea's ally" and "the UN chief, Antonio Guterres" are descriptions, not lists."""
    mentions = token.doc._.mentions
    own = mentions.get(token.i)
    if own is None or own.entity.type != "Country":
        return []
    found = []
    for child in token.children:
        other = mentions.get(child.i)
        if child.dep_ == "appos" and other and other.entity.type == "Country" and other.entity.id != own.entity.id:
            found += [child, *child.conjuncts]
    return found


def _detached_first_conjunct(heads: list[Token]) -> list[Token]:
    """ "Turkish, Israeli and U.S. warships": a list opening the sentence whose first member the
    parser hangs on the verb. Only a named actor just before the comma of a real list counts."""
    if len(heads) < 2:
        return []
    first = min(heads, key=lambda t: t.i)
    doc = first.doc
    if first.i < 2 or doc[first.i - 1].text != ",":
        return []
    before = doc[first.i - 2]
    detached = before.dep_ in {"advmod", "npadvmod"} and before.i == before.sent.start and before.i in doc._.mentions
    return [before] if detached else []
