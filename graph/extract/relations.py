"""Relation candidates: trigger words from the lexicon plus an argument walk over the parse.

For each token whose lemma is a trigger, the walk finds the agent and the
object the way English marks them:

* verbs: subject (or passive "by" agent; shared subject of a coordinated or
  controlled verb), direct object (or passive subject), or the preposition the
  trigger names ("call on X"); a preposition misattached to the object noun is
  accepted too ("delivered systems to Serbia");
* nouns: possessor ("Iran's shipments"), nationality modifier ("the Russian
  invasion"), "by X", the subject of a light verb ("held talks"), the copula
  subject ("X is the largest supplier"), the anchor of an apposition
  ("China, North Korea's main ally");
* transfers: what is transferred decides the predicate (arms → providesWeaponsTo,
  technology → providesTechnologyTo, aid → providesAidTo); converse verbs
  ("bought jets from") swap the roles;
* coordinated arguments expand to one candidate each; symmetric predicates
  with only coordinated subjects ("A and B signed a treaty") pair them up.

A few parser slips the small model makes often are mended first
(`graph.extract.repairs`: "met visiting Foreign Minister X", "rejected as
baseless Indian allegations", "..., U.S. and Israeli officials said").

Output: `doc._.candidates`, in document order. Attribution, polarity and
modality are added by the next components.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import combinations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from graph.extract.arguments import COPULAS, MODIFIER_DEPS, RELATIVE_PRONOUNS, Arg, ArgumentWalker
from graph.extract.lexicon import (
    TRANSFER,
    Lexicon,
    NounTrigger,
    VerbTrigger,
    load_lexicon,
)
from graph.extract.mentions import Mention, dateline_country
from graph.extract.repairs import VISITING, mend_closing_speakers, mend_fronted_labels, mend_visiting_guests
from graph.extract.voices import state_acts
from graph.gazetteer import load_gazetteer
from graph.model import Entity
from graph.ontology import predicates

MADE = frozenset({"make", "build", "design", "produce", "manufacture", "supply"})
MILITARY = frozenset({"attacks", "mobilizesAgainst", "coerces", "cooperatesMilitarilyWith"})
COOPERATION_CLASSES = frozenset({"verbal cooperation", "material cooperation", "structural"})
NEVER_COMMITTED = frozenset({"agreesWith", "threatens", "leaderOf", "officialOf", "memberOf"})
"""Predicates whose intended form says nothing more when committed to (or, for "threatens"
and "vowed to strike", that stance already reads as a threat)."""
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
LIGHT_NOUN_DEPS = frozenset({"dobj", "nsubjpass", "attr"})
DESCRIBING_DEPS = frozenset({"oprd", "ccomp", "acomp", "attr", "dative", "prt"})
CLAIM_NOUNS = frozenset({"charge", "claim", "accusation", "allegation", "report", "demand", "call", "request", "ultimatum"})
PENALTIES = frozenset({"price", "consequence", "retaliation", "response", "punishment", "reprisal", "revenge",
                       "retribution", "wrath"})
"""What a side promises in answer to a wrong: "would pay a heavy price", "vowed a harsh response"."""
PERMITTING_VERBS = frozenset({"allow", "let", "permit"})
"""Verbs whose object the model may read as the subject of the clause after it ("allowed U.N.
inspectors to resume their work")."""
PROMISING_VERBS = frozenset({"vow", "pledge", "promise", "threaten", "swear"})
"""Verbs whose complement is an act to come: "vowed to hit back"."""
RELEASE_NOUNS = frozenset({"release", "freedom", "freeing"})
"""What is asked of a captor: "demanded the release of the crew" takes up a detention told before."""
BUILDING_VERBS = frozenset({"build", "develop", "construct", "produce", "manufacture", "design", "make", "upgrade",
                            "modernize", "modernise", "assemble", "launch"})
INFRASTRUCTURE = frozenset({"port", "road", "railway", "rail", "railroad", "bridge", "dam", "airport", "hospital",
                            "school", "stadium", "pipeline", "highway", "factory", "refinery", "harbour", "harbor"})
"""What one state builds for another as aid: "China is building a port for Sri Lanka"."""
BLAME = frozenset({"responsible", "accountable", "culpable", "liable", "guilty"})
"""Judgements that blame an actor, not only an act: "said Uganda was responsible for the raids"."""
AVENGING_VERBS = frozenset({"avenge", "revenge", "punish", "retaliate"})
"""Verbs whose object is an act that happened, aimed back at its doer: "vowed to avenge the killing"."""
SAID_NOUNS = CLAIM_NOUNS | {"statement", "remark", "comment", "announcement", "proposal", "offer"}
"""Anaphors that take up something said; the others ("the move", "the law") take up an act."""
STANCE_NOUNS = SAID_NOUNS | {"policy", "plan", "stance", "decision", "idea", "approach"}
"""What one attacks only in words: "Pravda attacked China's policy in Indochina"."""
PARTNER_PREDICATES = ("hasRelationshipWith", "alliedWith", "cooperatesWith", "cooperatesMilitarilyWith")


@dataclass
class Candidate:
    """A relation found in one sentence, before attribution and stance."""

    predicate: str
    agent: Arg
    object: Arg
    trigger: Token
    confidence: float
    negated: bool = False
    """Carried by a negating light verb: "severed ties with"."""
    source: Arg | None = None
    reporter: Token | None = None
    """The speech or denial verb that reports the claim, if any."""
    stance_root: Token | None = None
    """Highest token whose negation or modality cues apply (None: up to the reporter)."""
    polarity: str = "positive"
    modality: str = "asserted"
    notes: list[str] = field(default_factory=list)


class RelationFinder(ArgumentWalker):
    """Triggers from the lexicon, with the argument walk they inherit."""

    def __init__(self, lexicon: Lexicon):
        super().__init__(lexicon)
        self.symmetric = {name for name, info in predicates().items() if info.symmetric}
        self.quad_class = {name: info.quad_class for name, info in predicates().items()}
        self.transfer_predicates = frozenset(dict(lexicon.themes))
        self.agreement_nouns = frozenset(lemma for lemma, triggers in lexicon.nouns.items()
                                         if any(t.predicate == "signsAgreementWith" for t in triggers))

    def find(self, sentences: list[Span]) -> list[Candidate]:
        """Candidates in document order; implicit objects are filled from earlier sentences."""
        out: list[Candidate] = []
        for sent in sentences:
            for token in sent:
                lemma = token.lemma_.lower()
                if token.pos_ in {"VERB", "AUX"} and lemma in self.lex.verbs:
                    out += self._verb(token, self.lex.verbs[lemma])
                elif token.pos_ in {"NOUN", "PROPN"} and lemma in self.lex.nouns:
                    out += self._noun(token, self.lex.nouns[lemma])
                elif token.pos_ in {"ADJ", "VERB"} and token.lower_ in self.lex.adjectives:
                    out += self._adjective(token, self.lex.adjectives[token.lower_])
                if token.pos_ == "VERB" and (any(c.lower_ in self.lex.joint_adverbs for c in token.children) or any(
                        o.lemma_.lower() not in self.lex.nouns and _modifier_words(o) & self.lex.joint_modifiers
                        for o in token.children if o.dep_ == "dobj")):
                    out += self._joint(token)
                if token.pos_ == "VERB" and lemma in self.lex.labelling_verbs:
                    out += self._labelling(token)
                if token.pos_ == "VERB" and lemma in BUILDING_VERBS:
                    out += self._built_for(token)
                if token.pos_ == "VERB" and lemma in self.lex.leaving_verbs:
                    out += self._left_agreement(token)
                if lemma == "be" and token.dep_ in {"ROOT", "ccomp", "conj"}:
                    out += self._presence(token)
                if token.dep_ == "ccomp" and token.head.lemma_.lower() in self.lex.judging_verbs:
                    if lemma in COPULAS:
                        out += self._judgement(token)
                    elif _wrongdoing(token, self.lex.wrongdoing_verbs):
                        out += self._wrong_said(token)
                if token.pos_ == "NOUN" and lemma in self.lex.behest_nouns:
                    out += self._behest(token)
                if token.lower_ in self.lex.patrons and token.dep_ == "amod" and token.i > 1 and \
                        token.nbor(-1).text == "-":
                    out += self._patron(token)
                if token.pos_ == "NOUN" and lemma in self.lex.defied and token.dep_ == "pobj" and \
                        token.head.lower_ in {"despite", "notwithstanding"}:
                    out += self._defied(token)
        out += self._commitments(out)
        out += self._carried(out)
        out += self._fighting_together(out)
        self._fill_implicit_objects(out)
        self._fill_event_anaphors(out)
        return out

    def _commitments(self, found: list[Candidate]) -> list[Candidate]:
        """ "Britain offered to send troops to Bosnia": an offer to Bosnia, besides the intended aid.

        Committing to cooperate with someone is agreeing with them (CAMEO 03); being
        ready to use force against them is a threat. The embedded act keeps its own
        candidate, which stance marks intended.
        """
        out: list[Candidate] = []
        seen: set[tuple] = set()
        for cand in found:
            if cand.predicate in NEVER_COMMITTED or cand.negated:
                continue
            commitment = self._commitment(cand.trigger)
            if commitment is None:
                continue
            quad = self.quad_class.get(cand.predicate)
            if quad in COOPERATION_CLASSES:
                predicate = "agreesWith"
            elif quad == "material conflict" and commitment.pos_ == "ADJ":
                predicate = "threatens"  # "ready to strike"; "vowed to strike" is stance's threat
            else:
                continue
            key = (predicate, cand.agent.mention.entity.id, cand.object.mention.entity.id, commitment.i)
            if key not in seen:
                seen.add(key)
                out.append(Candidate(predicate, cand.agent, cand.object, commitment, cand.confidence * 0.85,
                                     notes=["commitment"]))
        return out

    def _carried(self, found: list[Candidate]) -> list[Candidate]:
        """ "Canadian transport planes landed in Kigali with tons of food and medicine": what a
        visit brings, it gives to the place visited."""
        out: list[Candidate] = []
        for cand in found:
            if cand.predicate != "visits" or cand.trigger.pos_ != "VERB":
                continue
            themes = self.prep_objects([cand.trigger], ("with",))
            for predicate in self._theme_predicates(themes) if themes else []:
                out.append(replace(cand, predicate=predicate, confidence=cand.confidence * 0.8, notes=["carried"]))
        return out

    def _commitment(self, trigger: Token) -> Token | None:
        """The verb or adjective that commits the trigger's agent to it: "offered to send",
        "pledged to help and to train", "is ready to hold talks"."""
        token = trigger
        while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in self.lex.measure_nouns:
            token = token.head.head  # "offered to host a new round of talks"
        if token.pos_ in {"NOUN", "PROPN"}:
            if token.dep_ not in {"dobj", "nsubjpass"} or token.head.lemma_.lower() not in self.lex.light_verbs:
                return None
            token = token.head
        while token.dep_ == "conj" and token.head.pos_ in {"VERB", "AUX"}:
            token = token.head
        if token.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return None  # "offered to send"; not "committing warships to manoeuvres"
        head = token.head
        if head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in self.lex.commitment_verbs:
            return head
        if head.pos_ == "ADJ" and head.lower_ in self.lex.commitment_adjectives:
            return head
        return None

    def _verb(self, verb: Token, triggers: list[VerbTrigger]) -> list[Candidate]:
        out: list[Candidate] = []
        done: set[str] = set()
        # the object nouns a light-verb frame may name, read once: a verb lemma can have hundreds
        light = {t.lemma_.lower() for t in self._frame_nouns(verb)}
        armed = bool(light & self.lex.military_nouns)
        framed: set[str] = set()  # prepositions of the noun frames found: "fired water cannon at" is no "fire at"
        for trig in triggers:
            if trig.predicate in done or (trig.noun is not None and trig.noun not in light and not (
                    armed and trig.prep and trig.noun in self.lex.military_nouns)) \
                    or (trig.noun is None and trig.prep in framed) \
                    or not self._verb_matches(verb, trig):
                continue
            if trig.predicate == TRANSFER:
                found = self._transfer_verb(verb, trig)
            else:
                found = self._event_verb(verb, trig)
            if found:
                done.add(trig.predicate)
                out += found
                if trig.noun is not None and trig.noun in light and trig.prep is not None:
                    framed.add(trig.prep)
        return out

    def _verb_matches(self, verb: Token, trig: VerbTrigger) -> bool:
        if trig.particle and not any(c.lower_ == trig.particle for c in verb.children):
            return False
        if trig.noun and not self._light_noun(verb, trig.noun, trig.prep):
            return False
        if trig.prep and not trig.noun and not self.prep_objects([verb, *self.direct_objects(verb)], (trig.prep,)):
            # "Norway, Denmark and Iceland conferred": a mutual verb needs no "with" between its subjects
            return trig.prep == "with" and (trig.mutual or self._mutual(trig.predicate)) and \
                len(self.verb_agents(verb)) >= 2
        return True

    def _mutual(self, predicate: str) -> bool:
        rules = self.lex.rules.get(predicate)
        return predicate in self.symmetric or bool(rules and rules.reciprocal)

    def _light_noun(self, verb: Token, noun: str, prep: str | None = None) -> Token | None:
        """The verb's object that is `noun`, seen through counts ("thousands of troops"); a frame
        written with one armed force and a place ("mass troop along") takes any ("massed tanks along")."""
        military = prep is not None and noun in self.lex.military_nouns
        for head in self._frame_nouns(verb):
            lemma = head.lemma_.lower()
            if lemma == noun or (military and lemma in self.lex.military_nouns):
                return head
        return None

    def _frame_nouns(self, verb: Token) -> list[Token]:
        """The nouns a light-verb frame may name on `verb`: its objects, seen through counts
        ("thousands of troops"), and "home", the one adverb a frame names ("flew home from")."""
        objects = [c for c in verb.children if c.dep_ in LIGHT_NOUN_DEPS or (c.dep_ == "advmod" and c.lower_ == "home")]
        if verb.lemma_.lower() in PERMITTING_VERBS:
            # "allowed U.N. inspectors to resume their work", read with the inspectors as the clause's subject
            objects += [s for c in verb.children if c.dep_ in {"ccomp", "xcomp"}
                        for s in c.children if s.dep_ == "nsubj"]
        objects += [c for o in objects for c in o.conjuncts]  # "imposed a trade and arms embargo on X"
        return objects + self.prep_objects([c for c in objects if c.lemma_.lower() in self.lex.containers], ("of",))

    def _event_verb(self, verb: Token, trig: VerbTrigger) -> list[Candidate]:
        rules = self.lex.rules[trig.predicate]
        noun = self._light_noun(verb, trig.noun, trig.prep) if trig.noun else None
        if trig.prep:
            # "slapped trade sanctions and an arms embargo on Liberia": the last conjunct holds it
            nouns = [noun, *noun.conjuncts] if noun is not None else []
            # "handed over control of the crossing to Kosovo": the parser may hang it on the "of"
            tokens = self.prep_objects([verb, *nouns, *self.direct_objects(verb)], (trig.prep,)) or \
                self.prep_objects(self.prep_objects(nouns, ("of",)), (trig.prep,))
            if not tokens and noun is not None and noun.lemma_.lower() in self.lex.military_nouns:
                # "massed troops backed by tanks along its border": the place hangs on the participle's noun
                tokens = self.prep_objects([t for c in noun.children if c.dep_ == "acl" for t in c.subtree
                                            if t.pos_ in {"NOUN", "PROPN"}], (trig.prep,))
            if trig.prep == "of" and noun is not None and any(c.dep_ == "poss" for c in noun.children):
                tokens.append(noun)  # "sought Ankara's approval" as "the approval of Ankara": its owner
        elif noun is not None:
            # with a particle, the verb's prepositions say where, not whom: "ordered Russian
            # diplomats out of the country" expels Russians
            tokens = [t for t in self.prep_objects([noun] if trig.particle else [noun, verb],
                                                   rules.object_preps + rules.noun_preps)
                      if t.ent_type_ not in {"DATE", "TIME"}] or [noun]  # not "on Saturday"
        else:
            tokens = self.direct_objects(verb) or self.prep_objects([verb], rules.object_preps)
        if rules.active_only and any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
            return []  # "teams were flown to Morocco by Spain": Spain sent, it did not travel
        if rules.destination_places and trig.prep in {"to", "into"}:
            # "moved tanks to the Ukrainian border" menaces Ukraine; "sent tanks to Ukraine" or to
            # "Russia's Kursk region" arms it or fights beside it
            tokens = [t for t in tokens if t.i not in verb.doc._.mentions and t.i not in (verb.doc._.coref or {})
                      and t.lemma_.lower() in self.lex.boundary_nouns | self.lex.approach_nouns]
        elif trig.prep == "into":
            # "fired rockets into Israel" strikes it; "into the waters off Taiwan" only menaces it
            tokens = [t for t in tokens if t.lemma_.lower() not in self.lex.approach_nouns]
        if trig.actors_only and (not any(t.i in verb.doc._.mentions for t in tokens) or any(
                c.dep_ in DESCRIBING_DEPS for c in verb.children)):
            return []  # "called Kishida" is a call; "called the vote a farce", "called for talks" are not
        if trig.acts_only and (not tokens or any(t.i in verb.doc._.mentions for t in tokens)):
            return []  # "welcomed the release" supports; "welcomed Putin" is a meeting; "embraced" alone neither
        if trig.future and not _future(verb):
            return []  # "would respond to any provocation" threatens; "responded to the letter" does not
        if trig.predicate == "attacks" and tokens and all(t.lemma_.lower() in STANCE_NOUNS for t in tokens):
            return []  # "attacked China's policy": a criticism, which the criticizes verbs read
        if trig.military and not self._armed_subject(verb, weapons=trig.prep is not None):
            return []  # "the delegation left Geneva" is no retreat; "Syrian troops left Lebanon" is
        if trig.predicate == "visits" and any(o.lemma_.lower() in self.lex.military_nouns
                                              for o in self.direct_objects(verb)):
            return []  # "flew 30 warplanes into Taiwan's air defence zone" is no visit
        if any(t.lower_ == "other" and any(c.lower_ in {"each", "one"} for c in t.children) for t in tokens) or \
                any(t.lower_ == "another" and t.head.lower_ == "one" for t in tokens):
            # "Azerbaijan and Armenia accused each other": each of the subjects of the others
            agents = self.verb_agents(verb)
            return self._pairs_among(trig.predicate, agents, verb, rules.confidence, False) + \
                self._pairs_among(trig.predicate, agents[::-1], verb, rules.confidence, False)
        doers = [a for b in self.prep_objects([*tokens, verb], ("by",)) for a in self.args_at(b)] \
            if verb.lemma_.lower() in AVENGING_VERBS and tokens else []
        objects = doers or self.objects_of(tokens, rules)  # "avenge the downing of X by Y": Y
        if not objects and not trig.prep:
            heads = [noun] if noun is not None else self.direct_objects(verb)
            objects = self.objects_of([t for h in heads for t in self._clause_objects(
                h, rules.object_preps + rules.noun_preps)], rules)
        if not objects and trig.military:
            # "the last French soldiers in Chad flew home": where the force was
            objects = self.objects_of(self.prep_objects(
                [c for c in verb.children if c.dep_ == "nsubj"], ("in",)), rules)
        if not objects and rules.complement_subject:
            # "demanded that Niger's rulers reinstate ...", "help the Philippines build ..."; but
            # "warned that North Korea would respond" is a word about itself
            sides = {a.mention.entity.country or a.mention.entity.id for a in self.verb_agents(verb)}
            for comp in (c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}):
                objects = [o for o in self.objects_of([c for c in comp.children if c.dep_ == "nsubj"], rules)
                           if (o.mention.entity.country or o.mention.entity.id) not in sides]
        if not objects and rules.condition_subject:
            # "vowed a crushing response if Israel struck", "threatened to close the strait if
            # Washington imposed sanctions": whoever the condition is about
            scope = [verb, *(c for c in verb.children if c.dep_ in {"xcomp", "advcl"}
                             and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]
            conditions = [c for v in scope for c in v.children if c.dep_ == "advcl"
                          and any(m.dep_ == "mark" and m.lower_ in {"if", "unless", "should"} for m in c.children)]
            objects = self.objects_of([s for c in conditions for s in c.children if s.dep_ in SUBJECTS], rules)
        if not objects and trig.prep and tokens:
            # "agreed to a ceasefire with Hezbollah": the entity hangs on the prepositional object.
            objects = self.objects_of(self.prep_objects(tokens, rules.object_preps), rules)
        if not objects and trig.prep and tokens and rules.xcomp_object:
            # "raised the spectre of strikes on Poland": the target of the act threatened
            preps = ("on", "against", "at")
            objects = self.objects_of(self.prep_objects(tokens, preps), rules) or \
                self.objects_of(self.prep_objects([verb], preps), rules)
        if not objects and trig.complement:
            # "refused to extradite Lugovoi to Britain": toward the act's other party
            acts = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}]
            objects = self.objects_of(self.prep_objects(acts, ("to", "with", "for", "in")), rules) or \
                self.objects_of([o for a in acts for o in self.direct_objects(a)], rules)
        if not objects and rules.xcomp_object:
            # "threatened to block Sweden's bid", "threatened a nuclear strike on the US"
            inner = [o for c in verb.children if c.dep_ == "xcomp" for o in self.direct_objects(c)]
            inner += [c for c in verb.children if c.dep_ == "xcomp"] + self.direct_objects(verb)
            objects = self.objects_of([o for o in inner if o.dep_ != "xcomp"], rules) or self.objects_of(
                self.prep_objects(inner, rules.object_preps + rules.noun_preps), rules)
        agents = self.verb_agents(verb)
        if trig.mutual and not objects and len(agents) >= 2:
            # "Indian and Pakistani troops exchanged fire": each side on each other
            return self._pairs_among(trig.predicate, agents, verb, rules.confidence, False) + \
                self._pairs_among(trig.predicate, agents[::-1], verb, rules.confidence, False)
        moved = noun
        while moved is not None and moved.dep_ == "conj":
            moved = moved.head
        if not agents and moved is not None and moved.dep_ == "nsubjpass" and \
                noun.lemma_.lower() in self.lex.military_nouns:
            # "Venezuelan armoured vehicles and troops have been moved up to the border": the force's own side
            agents = self.args_at(noun, conjuncts=False) or self._owners(moved, allow_people=False)
        if not objects and len(agents) >= 2 and trig.prep and any(
                (noun is None or o.i != noun.i) and o.i not in verb.doc._.mentions for o in self.direct_objects(verb)):
            return []  # "Russia and China committed warships to manoeuvres": no pact between them
        if not agents and rules.crowd_agent:
            agents = self._crowd(verb)
        if not objects and rules.event_anaphora and agents:
            act = next((t for t in tokens if self._names_an_act(t)), None)
            if act is not None:
                # "Russia and China condemned the attacks": whoever attacked, told before
                return [Candidate(trig.predicate, a, Arg(a.mention, 0.0), verb, rules.confidence * 0.8,
                                  notes=["implicit-object", "event-anaphor", _act_noun(act)]) for a in agents]
        if agents and trig.predicate == "urges" and any(t.lemma_.lower() in RELEASE_NOUNS for t in tokens) and \
                all(same_side(o, a) for o in objects for a in agents):
            # "London demanded the release of the crew", "Tunis demanded their release" (its own
            # people): asks it of whoever holds them, told before
            return [Candidate(trig.predicate, a, Arg(a.mention, 0.0), verb, rules.confidence * 0.7,
                              notes=["implicit-object", "event-anaphor", "detention"]) for a in agents]
        if not objects and agents and trig.predicate == "threatens" and (trig.future or any(
                t.lemma_.lower() in PENALTIES for t in [noun, *tokens] if t is not None)):
            # "Uganda promised a tit-for-tat response", "vowed revenge against those behind the
            # attack", "said it would retaliate": a threat to whoever did the deed told before
            return [Candidate(trig.predicate, a, Arg(a.mention, 0.0), verb, rules.confidence * 0.7,
                              notes=["implicit-object", "event-anaphor", "response"]) for a in agents]
        return self._pair(self._helped_to_build(verb, trig.predicate), agents, objects, verb, rules.confidence,
                          negated=False)

    def _presence(self, verb: Token) -> list[Candidate]:
        """ "Macron was in Beijing last week", "Pakistan's army chief is in Washington for talks":
        a person of one state present in another visits it (a state "in" a place is no visit)."""
        rules = self.lex.rules["visits"]
        places = [a for a in self.objects_of(self.prep_objects([verb], ("in",)), rules)
                  if a.mention.entity.type in {"Country", "Location"}]
        if not places:  # every "be" comes here: most have no place
            return []
        people = [a for a in self.verb_agents(verb) if a.mention.entity.type == "Person"]
        return [c for c in self._pair("visits", people, places, verb, rules.confidence * 0.7, False)
                if c.agent.mention.entity.country and c.agent.mention.entity.country !=
                (c.object.mention.entity.country or c.object.mention.entity.id)]

    def _built_for(self, verb: Token) -> list[Candidate]:
        """ "Russian engineers are building Turkey's first nuclear plant", "China is building a port
        for Sri Lanka": building another state's plant gives it technology (or weapons), its
        roads and ports are aid."""
        found: list[Candidate] = []
        agents = self.verb_agents(verb)
        for made in self.direct_objects(verb):
            owners = [a for c in made.children if c.dep_ == "poss" for a in self.args_at(c)] or \
                [a for t in self.prep_objects([made, verb], ("for",)) for a in self.args_at(t)]
            owners = [a for a in owners if a.mention.entity.type == "Country"]
            themed = [p for p in self._theme_predicates([made], _modifier_words(made))
                      if p in {"providesTechnologyTo", "providesWeaponsTo"}]
            predicate = themed[0] if themed else "providesAidTo" if made.lemma_.lower() in INFRASTRUCTURE else None
            if predicate and owners:
                found += self._pair(predicate, agents, owners, verb, self._transfer_confidence(predicate) * 0.8,
                                    False)
        return found

    def _left_agreement(self, verb: Token) -> list[Candidate]:
        """ "withdrew from the nuclear deal with Iran", "pulled the country out of its pact with
        Norway": leaving an agreement rejects the other party (PLOVER REJECT). Only a party named
        with "with" counts: in "quit the U.S.-brokered deal" the modifier may be the broker."""
        holders = [verb, *(c for c in verb.children if c.dep_ in {"prt", "advmod"} or c.lower_ == "out")]
        pacts = [t for t in self.direct_objects(verb) + self.prep_objects(holders, ("from", "of"))
                 if t.lemma_.lower() in self.agreement_nouns]
        # the parser may hang "with Iran" on the verb
        partners = [a for t in self.prep_objects([*pacts, verb] if pacts else [], ("with",))
                    for a in self.args_at(t)]
        rules = self.lex.rules["rejects"]
        return self._pair("rejects", self.verb_agents(verb), partners, verb, rules.confidence * 0.8, False)

    def _helped_to_build(self, verb: Token, predicate: str) -> str:
        """ "Russia is helping Iran build a nuclear reactor": help to build a technical thing
        gives technology (or weapons), whatever the helping verb gives alone."""
        if predicate != "providesAidTo":
            return predicate
        made = [o for c in verb.children if c.dep_ in {"xcomp", "ccomp"} and c.lemma_.lower() in BUILDING_VERBS
                for o in self.direct_objects(c)]
        themed = [p for m in made for p in self._theme_predicates([m], _modifier_words(m))
                  if p in {"providesTechnologyTo", "providesWeaponsTo"}]
        return themed[0] if made and themed else predicate

    def _clause_objects(self, noun: Token, preps: tuple[str, ...]) -> list[Token]:
        """ "signed an accord establishing relations with Morocco", "a treaty settling its dispute
        with Ecuador", "a deal on copper with Peru": the other party, named in the participle that
        says what the noun does or hung on the noun's topic."""
        acts = [c for c in noun.children if c.dep_ == "acl" and c.tag_ in {"VBG", "VBN"}]
        topics = self.prep_objects([noun], ("on", "over", "for"))
        return self.prep_objects(acts + [o for a in acts for o in self.direct_objects(a)] + topics, preps)

    def _reacted_act(self, verb: Token) -> Token | None:
        """The act a reaction verb's subject takes up: "the expulsions drew ...", "a decision that
        drew ..." (the relative clause's antecedent); None when its subject is no act told before."""
        if verb.lemma_.lower() not in self.lex.reaction_verbs:
            return None  # "rejected demands by the IAEA": the rejecter is an actor, not an act
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects and subjects[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            subjects = [verb.head]
        return next((s for s in subjects if self._names_an_act(s)), None)

    def _names_an_act(self, token: Token) -> bool:
        """ "the arrests", "this move", "the shelling": a definite noun for an act, with no owner of its own."""
        if token.pos_ != "NOUN" and token.tag_ != "VBG" or any(
                c.dep_ in {"poss", "compound", "amod"} and c.i in token.doc._.mentions for c in token.children):
            return False
        # "the arrests"; "a move Tbilisi denounced" (a relative clause makes it the one told)
        definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "these", "that", "those", "such"}
                       or c.dep_ == "relcl" for c in token.children)
        noun = _act_noun(token)
        return definite and (noun in self.lex.nouns or noun in self.lex.anaphoric_nouns)

    def _armed_subject(self, verb: Token, weapons: bool = False) -> bool:
        """Whether the verb's subject (or the subject it shares) names an armed force; with
        `weapons`, also the weapons of a nationality ("Iranian missiles slammed into ...", but
        "a Russian missile entered Polish airspace" is no invasion)."""
        while verb.dep_ in {"conj", "xcomp"} and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            heads = [subject, *self.prep_objects([subject], ("of",))]
            if any(h.lemma_.lower() in self.lex.military_nouns or h.lower_.rstrip("s") in self.lex.military_nouns
                   for h in heads):
                return True
            if weapons and subject.lemma_.lower() in self.lex.weapon_words and any(
                    c.i in subject.doc._.mentions for c in subject.children if c.dep_ in MODIFIER_DEPS):
                return True
            mention = subject.doc._.mentions.get(subject.i)
            if mention is not None and getattr(mention.entity, "sector", None) == "MIL":
                return True
        return False

    def _crowd(self, verb: Token) -> list[Arg]:
        """ "Thousands of protesters rallied outside ... in Amman": people of the place where it happens."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects:
            return []
        crowd = subjects[0]
        members = [crowd] + [g for p in crowd.children if p.dep_ == "prep" for g in p.children]
        if not {t.lemma_.lower() for t in members} & self.lex.crowd_nouns:
            return []
        return [self._crowd_of(crowd, [verb, crowd])]

    def _crowd_of(self, anchor: Token, places: list[Token]) -> Arg:
        """The crowd as a Group: of its nationality ("Polish farmers") or of where it gathers."""
        country = None
        nationals = [a for t in (anchor, *self.prep_objects([anchor], ("of",))) for a in self._owners(t, False)]
        if nationals and nationals[0].mention.entity.type == "Country":
            country = nationals[0].mention.entity.country
        for place in ([] if country else self.prep_objects(places, ("in", "across"))):
            mention = anchor.doc._.mentions.get(place.i)
            if mention and mention.entity.country:
                country = mention.entity.country
                break
        filed = None if country else dateline_country(anchor.doc, anchor.doc._.mentions, anchor.idx)
        if filed is not None:  # "ATHENS, Greece (AP) -- Thousands of demonstrators marched ..."
            country = filed.entity.id
        entity = Entity(f"protesters-{country.lower()}" if country else "protesters",
                        f"Protesters in {country}" if country else "Protesters", "Group", country)
        return Arg(Mention(entity, anchor.i, anchor.i + 1, "crowd", 0.7), 0.7)

    def _noun(self, noun: Token, triggers: list[NounTrigger]) -> list[Candidate]:
        words = _modifier_words(noun)
        clauses = [c for c in noun.children if c.dep_ in {"acl", "relcl"}] + \
            ([c for c in noun.head.children if c.dep_ == "advcl" and c.i > noun.i] if noun.dep_ == "dobj" else [])
        asks = any(any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in clauses) or \
            any(c.dep_ == "prep" and c.lower_ == "for" for c in noun.children)
        if asks and any(t.predicate == "urges" for t in triggers):
            # "calls from Seoul to resume talks", "US calls for new elections" ask
            triggers = [t for t in triggers if t.predicate == "urges"]
        head = noun.head
        governed = noun.dep_ in {"dobj", "nsubjpass"}
        negated = governed and head.lemma_ in self.lex.negating_light_verbs
        fallback: list[Candidate] = []
        for trig in triggers:
            if not set(trig.modifiers) <= words:
                continue
            undone = governed and trig.predicate in self.lex.reversals and head.lemma_.lower() in self.lex.reversing_verbs
            if undone:
                found = self._reversed_noun(noun, trig)
            elif trig.predicate == TRANSFER:
                found = self._transfer_noun(noun, trig)
                for cand in found:
                    cand.negated = negated
            elif trig.relational:
                found = self._relational_noun(noun, trig)
            else:
                found = self._event_noun(noun, trig, negated)
            together_only = not (undone or trig.relational or trig.predicate == TRANSFER) and \
                not any(c.predicate == trig.predicate for c in found)
            if found and together_only:
                # "a joint raid against X" read with "raid on": only the acting together; "against" may follow
                fallback = fallback or found
            elif found:
                return found + fallback + (self._severances(found, head) if negated and not undone else [])
        if fallback:
            return fallback
        mutual = next((t for t in triggers if set(t.modifiers) <= words and self._mutual(t.predicate)), None)
        sides = self._hyphenated_sides(noun) if mutual is not None else []
        if len(sides) >= 2:
            # "the India-Pakistan talks", "the U.S.-Japan security alliance"
            confidence = self.lex.rules[mutual.predicate].confidence * 0.9
            return self._pairs_among(mutual.predicate, sides, noun, confidence, negated)
        return []

    def _hyphenated_sides(self, noun: Token) -> list[Arg]:
        """The states a noun's modifier joins with a hyphen: "India-Pakistan", "U.S.-Japan"."""
        before = [t for t in noun.subtree if t.i < noun.i]
        hyphens = [t for t in before if t.text == "-"]
        if not hyphens:
            return []
        sides = [a for t in before for a in self.args_at(t, conjuncts=False)
                 if a.mention.entity.type == "Country" and any(abs(h.i - t.i) == 1 for h in hyphens)]
        return list({a.mention.entity.id: a for a in sides}.values())

    def _severances(self, cut: list[Candidate], verb: Token) -> list[Candidate]:
        """ "severed ties with Qatar", "cut off fuel supplies to the Taliban": cutting
        cooperation off is a sanction (CAMEO 16) by whoever cuts it, besides its denial."""
        out = []
        for cand in cut:
            if self.quad_class.get(cand.predicate) not in COOPERATION_CLASSES:
                continue
            agents = self.verb_agents(verb) or [cand.agent]
            out += self._pair("sanctions", agents, [cand.object], verb, cand.confidence * 0.9, False)
        unique = {(c.agent.mention.entity.id, c.object.mention.entity.id): c for c in out}
        return list(unique.values())

    def _event_noun(self, noun: Token, trig: NounTrigger, negated: bool) -> list[Candidate]:
        rules = self.lex.rules[trig.predicate]
        confidence = rules.confidence * 0.9
        preps = (trig.prep,) if trig.prep else rules.noun_preps
        mutual = tuple(p for p in ("between", "among") if p in preps)
        if mutual:
            between = self.prep_objects([noun], mutual)
            pair = [a for o in between for a in self.args_at(o)]
            if len(pair) >= 2:
                # "Norway's mediation between Colombia and the rebels": the mediator with each;
                # "talks between Seoul and Tokyo": the two with each other.
                third = self.noun_agents(noun, {a.mention.entity.id for a in pair})
                if third:
                    return self._pair(trig.predicate, third, pair, noun, confidence, negated)
                return self._pairs_among(trig.predicate, pair, noun, confidence, negated)
        other_preps = tuple(p for p in preps if p not in {"between", "among"})
        object_tokens = self.prep_objects([noun], other_preps)
        head = noun.head
        if not object_tokens and noun.dep_ in {"dobj", "nsubjpass"} and head.lemma_ in self.lex.light_verbs:
            object_tokens = self.prep_objects([head], other_preps)
            if not object_tokens and "to" in other_preps:
                # "gave Rabin a warm welcome": the light verb's indirect object is the noun's "to"
                object_tokens = [c for c in head.children if c.dep_ == "dative"]
        objects = self.objects_of(object_tokens, rules)
        if not objects and (rules.xcomp_object or trig.predicate == "rejects"):
            # "China's threat to invade Taiwan", "Saddam's refusal to cooperate with the
            # inspectors": the other party of the act threatened or refused
            acts = [c for c in noun.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"]
            objects = self.objects_of(self.prep_objects(acts, ("with", "to")), rules)
            objects = objects or self.objects_of([o for a in acts for o in self.direct_objects(a)], rules)
        receiver = self._receiving_verb(noun)
        if not objects and trig.predicate in self.transfer_predicates and receiver is not None:
            objects = self.verb_agents(receiver)  # "Cuba depends on Soviet aid": Cuba is given it
        reaction = not objects and noun.dep_ == "dobj" and \
            head.lemma_.lower() in self.lex.reaction_verbs | self.lex.response_verbs
        if reaction:
            # "..., prompting warnings from Pyongyang"; "India's strikes drew condemnation from ...";
            # "Pyongyang rejected demands by the IAEA": the author of the noun acts on the subject
            objects = self.verb_agents(head) or [a for c in head.children if c.dep_ == "nsubj"
                                                 for a in self.args_at(c, owner=True)]
        agents = self.noun_agents(noun, {a.mention.entity.id for a in objects})
        if reaction and not agents:
            agents = [a for t in self.prep_objects([head], ("from", "by")) for a in self.args_at(t)]
        act = self._reacted_act(head) if reaction and not objects and agents and rules.event_anaphora else None
        if act is not None:
            # "The expulsions drew a rebuke from Jakarta", "a decision that drew criticism from
            # Seoul": a reaction to whoever did the act told before
            return [Candidate(trig.predicate, a, Arg(a.mention, 0.0), noun, confidence * 0.8, stance_root=noun,
                              notes=["implicit-object", "response", "event-anaphor", _act_noun(act)])
                    for a in agents]
        if not agents and rules.adjunct_agent:
            slot = noun  # "after months of talks with Italy": the adjunct is the span of time
            while slot.dep_ == "pobj" and slot.head.lower_ == "of" and slot.head.head.lemma_.lower() in \
                    self.lex.measure_nouns:
                slot = slot.head.head
            if slot.dep_ == "pobj" and slot.head.head.pos_ in {"VERB", "AUX"}:
                agents = self.verb_agents(slot.head.head)  # "praised ... during a visit to Moscow"
            elif slot.dep_ == "pobj" and slot.head.lower_ in {"on", "during"} and slot.head.head.dep_ in SUBJECTS:
                agents = self.args_at(slot.head.head)  # "Kohl, on a state visit to Poland, said"
        if not agents and rules.crowd_agent and objects:
            agents = [self._crowd_of(noun, [noun, head])]  # "Protests against Moscow erupted in Yerevan"
        participle = head.tag_ == "VBG" and head.dep_ in {"advcl", "acl", "xcomp"} and \
            not any(c.dep_ in SUBJECTS for c in head.children)
        if participle and not objects and len(agents) >= 2:
            return []  # "seven states joined NATO, extending the alliance": no pact among the seven
        found = self._pair(trig.predicate, agents, objects, noun, confidence, negated)
        if reaction:
            for cand in found:  # the answer's own stance and voice are not the noun's
                cand.stance_root = noun
                cand.notes.append("response")
        if len(agents) >= 2 and _modifier_words(noun) & self.lex.joint_modifiers:
            # "US and Iraqi forces carried out a joint raid": acting together is cooperating
            together = "cooperatesMilitarilyWith" if trig.predicate in MILITARY else "cooperatesWith"
            found += self._pairs_among(together, agents, noun, confidence * 0.9, negated)
        if noun.dep_ == "dobj" and head.lemma_ in self.lex.joining_verbs:
            # "Serbia refused to join EU sanctions": the joiner's stance is its own; the EU's is not.
            for cand in found:
                cand.stance_root = noun
            joiners = [a for a in self.verb_agents(head) if a.mention.entity.id not in {x.mention.entity.id for x in agents}]
            found += self._pair(trig.predicate, joiners, objects, noun, confidence, negated)
        return found

    def _reversed_noun(self, noun: Token, trig: NounTrigger) -> list[Candidate]:
        """ "Egypt eased the blockade of Gaza", "lifted its embargo on Cuba": undoing a hostile act.

        The one who lifts it concedes to (or retreats from) whom the act was aimed at.
        """
        rules = self.lex.rules[trig.predicate]
        preps = (trig.prep,) if trig.prep else rules.noun_preps
        objects = self.objects_of(self.prep_objects([noun, noun.head], preps), rules)
        agents = self.verb_agents(noun.head)
        predicate = self.lex.reversals[trig.predicate]
        return self._pair(predicate, agents, objects, noun.head, self.lex.rules[predicate].confidence * 0.9, False)

    def _adjective(self, adj: Token, triggers: list[NounTrigger]) -> list[Candidate]:
        """ "Japan is concerned about China's drills": copula subject, prepositional object."""
        for trig in triggers:
            rules = self.lex.rules[trig.predicate]
            objects = self.objects_of(self.prep_objects([adj], (trig.prep,) if trig.prep else rules.noun_preps), rules)
            if adj.head.lemma_ in COPULAS | {"become", "grow", "feel"}:
                agents = self.verb_agents(adj.head)
            else:  # "it was appalled at ...", read as a passive participle
                agents = [a for c in adj.children if c.dep_ == "nsubjpass" for a in self.args_at(c)] \
                    if any(c.dep_ == "auxpass" for c in adj.children) else []
            found = self._pair(trig.predicate, agents, objects, adj, rules.confidence * 0.9, False)
            if found:
                return found
        return []

    def _labelling(self, verb: Token) -> list[Candidate]:
        """ "Ankara called Stockholm's decision a provocation": calling X's act a wrong criticises X."""
        complements = [c for c in verb.children if c.dep_ in {"dobj", "oprd"}]
        if len(complements) >= 2:
            # "branded the expulsion an insult", "called the shelling a crime": the parser reads two
            # objects (or two predicates); the last is the label, the ones before it are labelled
            labels, labelled = complements[-1:], complements[:-1]
        else:
            labels, labelled = [c for c in verb.children if c.dep_ in {"oprd", "xcomp", "attr", "ccomp"} or (
                c.dep_ == "prep" and c.lower_ == "as")], self.direct_objects(verb)
            if not labels:  # "called the shelling a crime" read as a gerund with its own object
                labels = [o for t in labelled if t.tag_ == "VBG" and self._names_an_act(t)
                          for o in t.children if o.dep_ in {"dobj", "oprd"}]
            if not labels:  # 'called the verdict "absurd"': a quoted label read as the noun's modifier
                labels = [a for t in labelled for a in t.children if a.dep_ == "amod" and a.i > t.i]
            if not labels:  # "called the move economic blackmail" read as one noun phrase
                split = [(t, m) for t in labelled for m in t.children if m.dep_ in {"nmod", "compound"}
                         and _act_noun(m) in self.lex.anaphoric_nouns
                         and any(d.dep_ == "det" and d.lower_ in {"the", "this", "that"} for d in t.children)]
                labels, labelled = [t for t, _ in split], [m for _, m in split] or labelled
        labels = [g for c in labels for g in ([c] if c.dep_ != "prep" else
                                              [p for p in c.children if p.dep_ in {"pobj", "amod", "acomp"}])]
        labels += [c for t in labels for c in t.conjuncts if c not in labels]  # "a liar and a warmonger"
        # "a provocation"; "a racist government" (of an actor, a slur says it; of an act, only
        # the head does: "what it called a provocative landing" may be the speaker's own act)
        words = labels + [m for t in labels if t.lemma_.lower() in self.lex.actor_nouns
                          for m in t.children if m.dep_ in {"amod", "compound"}] + \
            self.prep_objects(labels, ("of",))  # "an act of war", "a declaration of war"
        # "a blatant attempt to intimidate voters": a wrong the label says the act is meant to do
        aims = [v for t in labels for v in t.children
                if v.dep_ == "acl" and v.lemma_.lower() in self.lex.wrongdoing_verbs]
        if not aims and not any(t.lemma_.lower() in self.lex.pejoratives for t in words):
            return []
        rules = self.lex.rules["criticizes"]
        # "described the incident as a provocation by Ecuador": the wrong's doer, named in the label
        objects = self.objects_of(labelled, rules) or self.objects_of(self.prep_objects(labels, ("by",)), rules)
        agents = self.verb_agents(verb)
        conditions = [c for c in verb.children if c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in {"if", "unless", "should"} for m in c.children)]
        if conditions and _future(verb):
            # "If Washington redeploys nuclear weapons, Pyongyang will regard it as a declaration
            # of war": a warning to whoever the condition is about
            threatened = self.objects_of([s for c in conditions for s in c.children if s.dep_ in SUBJECTS],
                                         rules) or objects
            return self._pair("threatens", agents, threatened, verb, rules.confidence * 0.8, False)
        if not objects and agents and any(self._names_an_act(t) or t.lower_ in {"it", "what", "this"}
                                          or t.dep_ in {"nmod", "compound"} for t in labelled):
            # "calling the raid an act of war", "in what it called a cowardly attack", "called it a
            # provocation": a wrong done by whoever did the act told before
            act = _act_noun(labelled[0]) if labelled[0].pos_ != "PRON" else "move"
            return [Candidate("criticizes", a, Arg(a.mention, 0.0), verb, rules.confidence * 0.7,
                              notes=["implicit-object", "event-anaphor", act]) for a in agents]
        return self._pair("criticizes", agents, objects, verb, rules.confidence * 0.8, False)

    def _judgement(self, copula: Token) -> list[Candidate]:
        """ "Germany said Russia's actions were illegal", "Beijing said the sales were a provocation":
        a speaker calling someone's act a wrong criticises its author."""
        said = [c for c in copula.children if c.dep_ in {"acomp", "attr"}]
        said += [c for s in said for c in s.conjuncts]
        # "said Uganda was responsible for the raids", "said Cameroon was to blame"
        blamed = any(t.lower_ in BLAME for t in said) or any(
            c.dep_ == "xcomp" and c.lemma_.lower() == "blame" for c in copula.children)
        if not blamed and not any(t.lemma_.lower() in self.lex.pejoratives or t.lower_ in self.lex.pejoratives
                                  for t in said):
            return []
        rules = self.lex.rules["criticizes"]
        subjects = [c for c in copula.children if c.dep_ == "nsubj" and (c.pos_ == "NOUN" or blamed)]
        objects = self.objects_of(subjects, rules)
        found = self._pair("criticizes", self.verb_agents(copula.head), objects, copula, rules.confidence * 0.7, False)
        for cand in found:
            cand.notes.append("response")  # the speech is the act, not a report of it
        return found

    def _wrong_said(self, verb: Token) -> list[Candidate]:
        """ "Kenya said Uganda had violated its airspace", "Peru charged that Chile bore
        responsibility for the attack": a speaker saying someone did wrong criticises them."""
        rules = self.lex.rules["criticizes"]
        doers = self.objects_of([c for c in verb.children if c.dep_ == "nsubj"], rules)
        found = self._pair("criticizes", self.verb_agents(verb.head), doers, verb, rules.confidence * 0.7, False)
        for cand in found:
            cand.notes.append("response")  # the speech is the act, not a report of it
        return found

    def _behest(self, noun: Token) -> list[Candidate]:
        """ "Argentina seized the plane at the request of the United States": the US urged Argentina."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in {"at", "on", "upon"} or prep.head.pos_ not in {"VERB", "AUX"}:
            return []
        askers = [a for c in noun.children if c.dep_ == "poss" for a in self.args_at(c)]
        askers += [a for t in self.prep_objects([noun], ("of", "from")) for a in self.args_at(t)]
        rules = self.lex.rules["urges"]
        found = self._pair("urges", askers, self.verb_agents(prep.head), noun, rules.confidence * 0.8, False)
        for cand in found:
            cand.stance_root = noun  # the asking happened, whatever became of the act
        return found

    def _patron(self, participle: Token) -> list[Candidate]:
        """ "Rwandan-backed M23 rebels": Rwanda supports M23; "Iranian-armed militias": Iran arms them."""
        doc = participle.doc
        patron = doc._.mentions.get(participle.i - 2)
        clients = self.args_at(participle.head)
        if patron is None or not patron.is_actor:
            return []
        predicate = self.lex.patrons[participle.lower_]
        return self._pair(predicate, [Arg(patron, patron.confidence)], clients, participle,
                          self.lex.rules[predicate].confidence * 0.8, False)

    def _defied(self, noun: Token) -> list[Candidate]:
        """ "Russia went ahead with the sale despite objections from Turkey", "despite American
        objections": the objection's author criticizes (or the appeal's author urges) the actor."""
        # the act may hang low: "pressed ahead with building the plant despite ..."
        actors = next((found for verb in noun.head.ancestors if verb.pos_ in {"VERB", "AUX"}
                       for found in [self.verb_agents(verb)] if found), [])
        authors = self.noun_agents(noun, {a.mention.entity.id for a in actors})
        predicate = self.lex.defied[noun.lemma_.lower()]
        return self._pair(predicate, authors, actors, noun, self.lex.rules[predicate].confidence * 0.8, False)

    def _fighting_together(self, found: list[Candidate]) -> list[Candidate]:
        """ "U.S. and British forces launched air strikes on ...": armed forces of several states
        acting on one target in one act cooperate militarily."""
        out: list[Candidate] = []
        by_act: dict[tuple[int, str], list[Candidate]] = {}
        for cand in found:
            if cand.predicate in {"attacks", "mobilizesAgainst"} and cand.trigger.pos_ == "VERB":
                by_act.setdefault((cand.trigger.i, cand.object.mention.entity.id), []).append(cand)
        for cands in by_act.values():
            agents = list({(c.agent.mention.entity.country or c.agent.mention.entity.id): c.agent
                           for c in cands}.values())
            verb = cands[0].trigger
            if len(agents) >= 2 and self._armed_subject(verb):
                out += self._pairs_among("cooperatesMilitarilyWith", agents, verb,
                                         self.lex.rules["cooperatesMilitarilyWith"].confidence * 0.8, False)
        return out

    def _joint(self, verb: Token) -> list[Candidate]:
        """ "Germany and France will jointly develop a tank", "Kenyan and Somali police launched a joint
        investigation": acting together is cooperating."""
        agents = self.verb_agents(verb)
        if len(agents) < 2:
            return []
        return self._pairs_among("cooperatesWith", agents, verb, 0.7, False)

    def _relational_noun(self, noun: Token, trig: NounTrigger) -> list[Candidate]:
        """ "China, North Korea's main ally", "allies Russia and North Korea", "X is a NATO member"."""
        rules = self.lex.rules[trig.predicate]
        confidence = rules.confidence * 0.9
        doc = noun.doc
        objects: list[Arg] = []
        # "a NATO member", "an EU member state" (the body modifies "member", which modifies "state")
        modifiers = [*noun.children] + [g for c in noun.children if c.dep_ == "compound" and any(
            t.relational for t in self.lex.nouns.get(c.lemma_.lower(), ())) for g in c.children]
        for child in modifiers:
            if child.dep_ == "poss" or (child.dep_ in MODIFIER_DEPS and child.i in doc._.mentions):
                objects += self.args_at(child)
        objects += [a for o in self.prep_objects([noun], ("of", "to", "with")) for a in self.args_at(o)]
        if trig.predicate == "memberOf":  # "an EU state" is a member; "a Gulf state" or "Russia's state" is not
            objects = [o for o in objects if o.mention.entity.type in {"Organization", "Group"}]
        appositives = [c for c in noun.children if c.dep_ == "appos"]
        anchors = [a for c in appositives for a in self.args_at(c)] or self.anchor_agents(noun)
        if not objects and trig.predicate in self.symmetric and len(anchors) >= 2:
            return self._pairs_among(trig.predicate, anchors, noun, confidence, False)
        return self._pair(trig.predicate, anchors, objects, noun, confidence, False)

    # -- transfers -----------------------------------------------------------------

    def _transfer_verb(self, verb: Token, trig: VerbTrigger) -> list[Candidate]:
        themes = self.direct_objects(verb)
        recipients: list[Token] = [c for c in verb.children if c.dep_ == "dative"]
        # "sent Ukraine tanks", "supplied Kyiv with drones": an entity in object position is the recipient.
        entity_objects = [t for t in themes if self.args_at(t, conjuncts=False) and t.i in verb.doc._.mentions]
        if entity_objects:
            recipients += entity_objects
            themes = [t for t in themes if t not in entity_objects]
            themes += self.prep_objects([verb], ("with",))
            themes += [c for c in verb.children if c.dep_ in {"dobj", "npadvmod", "oprd"} and c not in entity_objects]
        predicates_found = self._theme_predicates(themes)
        if not predicates_found:
            return []
        if not recipients and not trig.converse:
            recipients += self._fronted_recipients(themes)
        holders = [verb, *themes, *self._contents(themes)]  # "most of its tanks from Russia"
        if trig.converse:
            givers = self.prep_objects(holders, self.lex.source_preps)
            agents = [a for g in givers for a in self.args_at(g)] or self._maker(themes)
            receivers = self.verb_agents(verb)
        else:
            agents = self.verb_agents(verb)
            found = self.prep_objects(holders, self.lex.recipient_preps)
            recipients += [t for t in found if t not in recipients]
            receivers = [a for r in recipients for a in self.args_at(r, owner=True)] or self._barter(verb, themes)
            if not agents and any(c.dep_ == "auxpass" for c in verb.children):
                # "Russian-made air defences have been delivered to Turkey": by their maker
                agents = [a for a in self._maker(themes) if all(not same_side(a, r) for r in receivers)]
        out = []
        for predicate in predicates_found:
            to = receivers
            if predicate == "providesWeaponsTo" and recipients and not trig.converse:
                # "sent warships to Taiwanese waters", "guns to the border": arms brought near, given to nobody
                to = [a for r in recipients if r.lemma_.lower() not in self.lex.approach_nouns | self.lex.boundary_nouns
                      for a in self.args_at(r, owner=True)]
            out += self._pair(predicate, agents, to, verb, self._transfer_confidence(predicate), False)
        return out

    def _barter(self, verb: Token, themes: list[Token]) -> list[Arg]:
        """ "providing weapons in exchange for Russian technology": the other side of a barter receives."""
        for holder in self.prep_objects([verb, *themes], ("in",)):
            if holder.lemma_.lower() in {"exchange", "return"}:
                paid_with = self.prep_objects([holder], ("for",))
                return [Arg(a.mention, 0.7 * a.confidence) for t in paid_with for a in self.args_at(t, owner=True)]
        return []

    def _maker(self, themes: list[Token]) -> list[Arg]:
        """ "bought Chinese J-10 jets": without a "from", the goods' nationality is the seller's."""
        found = []
        for theme in self._contents(themes):
            makers = [c for c in theme.children if c.dep_ in MODIFIER_DEPS]
            # "Israeli-made batteries": the maker hangs on "made"
            makers += [g for c in theme.children if c.lemma_.lower() in MADE for g in c.children]
            for child in makers:
                mention = theme.doc._.mentions.get(child.i)
                if mention and mention.entity.type == "Country":
                    found.append(Arg(mention, 0.7))
        return found

    def _contents(self, themes: list[Token]) -> list[Token]:
        """The goods themselves: "a convoy of 50,000 tonnes of Kazakh wheat" → wheat."""
        out = []
        for theme in themes:
            while theme.lemma_.lower() in self.lex.containers:
                inner = self.prep_objects([theme], ("of", "in"))
                if not inner:
                    break
                theme = inner[0]
            out.append(theme)
        return out

    def _fronted_recipients(self, themes: list[Token]) -> list[Token]:
        """ "sent Armenia armoured vehicles" parsed as one noun phrase: a leading country name."""
        found = []
        for theme in themes:
            lefts = [c for c in theme.lefts if c.dep_ not in {"det", "punct"}]
            if lefts and lefts[0].dep_ in {"nmod", "compound", "dative"}:
                mention = theme.doc._.mentions.get(lefts[0].i)
                if mention and mention.kind in {"name", "capital"} and mention.entity.type == "Country":
                    found.append(lefts[0])
        return found

    def _transfer_noun(self, noun: Token, trig: NounTrigger) -> list[Candidate]:
        themes = self.prep_objects([noun], ("of",))
        theme_words = _modifier_words(noun) if not themes else set()
        if trig.agentive:
            theme_words |= _modifier_words(noun)
        predicates_found = self._theme_predicates(themes, theme_words)
        if not predicates_found:
            return []
        holders = [noun, *themes] + ([noun.head] if noun.dep_ == "dobj" else [])
        recipient_tokens = self.prep_objects(holders, self.lex.recipient_preps)
        recipients = [a for r in recipient_tokens for a in self.args_at(r, owner=True)]
        givers: list[Arg] = []
        receiver = self._receiving_verb(noun)
        if receiver is not None:
            # "Hezbollah took delivery of rockets from Iran", "Cuba received billions in Soviet aid",
            # "depends on Soviet aid": the subject receives.
            recipients = self.verb_agents(receiver)
            givers = [a for g in self.prep_objects(holders, ("from",)) for a in self.args_at(g)] or \
                self._maker(themes) or self.noun_agents(noun, {a.mention.entity.id for a in recipients})
        elif trig.agentive:
            anchors = self.anchor_agents(noun)
            poss = [a for c in noun.children if c.dep_ == "poss" for a in self.args_at(c)]
            if trig.converse:
                recipients, givers = anchors, [a for g in self.prep_objects([noun, *themes], ("from",)) for a in self.args_at(g)]
            else:
                # "Pakistan's largest arms supplier", "the main arms supplier of India"
                named = [a for t in themes if t.i in noun.doc._.mentions for a in self.args_at(t)]
                givers, recipients = anchors, recipients or poss or named
        elif trig.converse:
            recipients = self.noun_agents(noun, set())
            givers = [a for g in self.prep_objects([noun, *themes], ("from",)) for a in self.args_at(g)]
        else:
            givers = self.noun_agents(noun, {a.mention.entity.id for a in recipients})
            if not givers:
                # "the delivery of rockets from Iran"; "the delivery of Chinese frigates to Thailand"
                givers = [a for g in self.prep_objects([noun, *themes], ("from",)) for a in self.args_at(g)] or \
                    [a for a in self._maker(themes) if all(not same_side(a, r) for r in recipients)]
        out = []
        for predicate in predicates_found:
            out += self._pair(predicate, givers, recipients, noun, self._transfer_confidence(predicate) * 0.9, False)
        return out

    def _receiving_verb(self, noun: Token) -> Token | None:
        """The verb whose subject receives what `noun` names: "received Soviet aid", "received
        billions in Soviet aid", "depends on Soviet aid"."""
        verb = noun.head if noun.dep_ == "dobj" else \
            noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in {"in", "on", "upon"} else None
        return verb if verb is not None and verb.lemma_.lower() in self.lex.receiving_verbs else None

    def _theme_predicates(self, themes: list[Token], extra: set[str] | None = None) -> list[str]:
        """One predicate per coordinated theme: "technology and support" → technology, aid."""
        found: list[str] = []
        heads = self._contents([c for t in themes for c in (t, *t.conjuncts)])
        groups = [(_forms(h), self._theme_modifiers(h)) for h in heads]
        for head_words, words in groups or [(set(), set())]:
            predicate = self.lex.theme_predicate(head_words, words | (extra or set()))
            if predicate and predicate not in found:
                found.append(predicate)
        return found

    def _theme_modifiers(self, head: Token) -> set[str]:
        """Modifiers speak for the theme only when its head is generic: "missile systems",
        "military equipment" — but a "21-gun salute" is no gun."""
        lemma = head.lemma_.lower()
        generic = lemma in self.lex.hardware or lemma in self.lex.containers
        if generic or self.lex.theme_predicate({lemma, head.lower_}) is not None:
            return _theme_words(head, self.lex.containers)
        return set()

    def _transfer_confidence(self, predicate: str) -> float:
        rules = self.lex.rules.get(predicate)
        return rules.confidence if rules else 0.8

    # -- assembly ------------------------------------------------------------------

    def _pair(self, predicate: str, agents: list[Arg], objects: list[Arg], trigger: Token,
              confidence: float, negated: bool) -> list[Candidate]:
        rules = self.lex.rules.get(predicate)
        if not objects and len(agents) >= 2 and (predicate in self.symmetric or (rules and rules.reciprocal)):
            if _described(trigger):
                return []  # "Britain, France and Germany, which also signed the deal, ...": no pact among them
            if trigger.dep_ == "acl" and predicate not in self.symmetric:
                return []  # "an accord signed by A and B" binds them; "a deal brokered by A and B" does not
            pairs = self._pairs_among(predicate, agents, trigger, confidence, negated)
            if predicate not in self.symmetric:
                pairs += self._pairs_among(predicate, agents[::-1], trigger, confidence, negated)
            return pairs
        if not agents:
            return []
        if not objects:
            if rules and rules.implicit_object:
                return [Candidate(predicate, a, Arg(a.mention, 0.0), trigger, confidence * 0.8, negated,
                                  notes=["implicit-object"]) for a in agents]
            return []
        return [Candidate(predicate, a, o, trigger, confidence, negated)
                for a in agents for o in objects if a.mention.entity.id != o.mention.entity.id]

    def _pairs_among(self, predicate: str, args: list[Arg], trigger: Token,
                     confidence: float, negated: bool) -> list[Candidate]:
        return [Candidate(predicate, a, b, trigger, confidence, negated)
                for a, b in combinations(args, 2) if a.mention.entity.id != b.mention.entity.id]

    def _fill_event_anaphors(self, found: list[Candidate]) -> None:
        """ "... Georgian police arrested four Russian officers. Lavrov denounced the arrests":
        the object is the agent of the act the noun takes up, told at most two sentences before.
        An act named by the same noun or of the noun's own predicate is preferred."""
        sentences = {c.trigger.sent.start: i for i, c in enumerate(
            sorted({c.trigger.sent.start: c for c in found}.values(), key=lambda c: c.trigger.i))}
        for cand in found:
            if "event-anaphor" not in cand.notes or cand.object.confidence > 0:
                continue
            noun = cand.notes[-1]
            wanted = {t.predicate for t in self.lex.nouns.get(noun, ())}
            if noun in CLAIM_NOUNS:
                wanted = {"criticizes", "urges"}  # "rejected the charge": whoever made it
            # Putin does not condemn what Russia's forces did, nor Britain and France what each did
            speakers = [c.agent.mention.entity for c in found if c.trigger.i == cand.trigger.i]
            sides = {side for e in speakers for side in (e.id, e.country)} - {None}
            here = cand.trigger.sent.start
            earlier = [c for c in found if c.trigger.i < cand.trigger.i and "implicit-object" not in c.notes
                       and c.predicate not in NEVER_COMMITTED
                       and not {c.agent.mention.entity.id, c.agent.mention.entity.country} & sides
                       and c.trigger.sent.start <= here
                       and sentences.get(here, 0) - sentences.get(c.trigger.sent.start, 0) <= 2]
            if wanted:  # "the arrests" take up an arrest; "the move" takes up whatever came last
                earlier = [c for c in earlier if c.predicate in wanted or c.trigger.lemma_.lower() == noun]
            elif noun not in SAID_NOUNS:  # ... that was done, not said: "the law", not a condemnation
                earlier = [c for c in earlier if not str(self.quad_class.get(c.predicate)).startswith("verbal")]
            if not earlier:
                continue
            earlier.sort(key=lambda c: c.trigger.i)
            act = earlier[-1].trigger
            doers = {c.agent.mention.entity.id: c.agent for c in earlier if c.trigger.i == act.i}
            cand.object = Arg(earlier[-1].agent.mention, 0.7 * earlier[-1].agent.confidence)
            cand.notes.remove("implicit-object")
            for other in list(doers.values())[:-1]:  # "U.S. and British warplanes struck ...": both
                found.append(replace(cand, object=Arg(other.mention, 0.7 * other.confidence), notes=list(cand.notes)))

    def _fill_implicit_objects(self, found: list[Candidate]) -> None:
        """ "it has real influence" after "China has a relationship with North Korea": over the partner."""
        for index, cand in enumerate(found):
            if "implicit-object" not in cand.notes or cand.object.confidence > 0 or "event-anaphor" in cand.notes:
                continue
            agent = cand.agent.mention.entity.id
            for earlier in reversed(found[:index]):
                if earlier.predicate not in PARTNER_PREDICATES:
                    continue
                ids = (earlier.agent.mention.entity.id, earlier.object.mention.entity.id)
                if agent in ids:
                    partner = earlier.object if ids[0] == agent else earlier.agent
                    cand.object = Arg(partner.mention, 0.7)
                    cand.notes.remove("implicit-object")
                    break


def same_side(a: Arg, b: Arg) -> bool:
    """The same entity, or two of one country ("Tunis" and "Tunisian diplomats")."""
    x, y = a.mention.entity, b.mention.entity
    return x.id == y.id or bool(x.country and x.country == y.country)


def _wrongdoing(verb: Token, wrongs: frozenset[str]) -> bool:
    """A clause telling of a wrong: "had violated the truce", "bore responsibility for the attack"."""
    lemma = verb.lemma_.lower()
    if lemma in wrongs:
        return True
    return lemma in {"bear", "carry", "have"} and any(
        c.dep_ == "dobj" and c.lemma_.lower() in {"responsibility", "blame"} for c in verb.children)


def _act_noun(token: Token) -> str:
    """The noun an act anaphor is written with: its lemma, or the -ing form a gerund is read as a verb in."""
    return token.lower_ if token.tag_ == "VBG" else token.lemma_.lower()


def _described(trigger: Token) -> bool:
    """A trigger in a relative clause about its coordinated antecedents: a description of them."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    return verb.dep_ == "relcl" and any(c.lower_ in RELATIVE_PRONOUNS for c in verb.children)


def _future(verb: Token) -> bool:
    """Whether a verb (or the verb it is coordinated with) speaks of a future or possible act."""
    while verb.dep_ == "conj" and not any(c.dep_ == "aux" for c in verb.children):
        verb = verb.head
    return any(c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll", "shall", "could", "may", "might", "wo"}
               for c in verb.children) or any(c.lower_ in {"ready", "prepared"} for c in verb.ancestors) or \
        (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PROMISING_VERBS)  # "vowed to hit back"


def _modifier_words(token: Token) -> set[str]:
    """Lemmas and forms of a noun's modifiers, through compounds ("military aid package")."""
    words = set()
    for child in token.children:
        if child.dep_ in MODIFIER_DEPS:
            words |= _forms(child)
            if child.dep_ == "compound":
                words |= _modifier_words(child)
    return words


def _forms(token: Token) -> set[str]:
    """A token's lower-case form and lemma, the singular of a plural code name ("F-16s"), and the
    hyphenated word it ends ("know-how", which the tokenizer splits)."""
    lower = token.lower_
    forms = {lower, token.lemma_.lower()}
    if lower.endswith("s") and any(c.isdigit() for c in lower):
        forms.add(lower[:-1])
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_ \
            and not doc[token.i - 1].whitespace_:
        forms.add(f"{doc[token.i - 2].lower_}-{lower}")
    return forms


def _theme_words(token: Token, containers: frozenset[str]) -> set[str]:
    """What a transferred noun says it is: "S-300 missile systems", "a package of air defence systems"."""
    words = _forms(token) | _modifier_words(token)
    if token.lemma_.lower() in containers:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        words |= _theme_words(obj, containers)
    return words


def drop_incomplete(candidates: list[Candidate]) -> list[Candidate]:
    """Candidates whose object could not be found, even implicitly, say nothing."""
    return [c for c in candidates if "implicit-object" not in c.notes]


@Language.factory("geokg_relations")
def make_relations(nlp: Language, name: str):
    finder = RelationFinder(load_lexicon())
    if not Doc.has_extension("candidates"):
        Doc.set_extension("candidates", default=None)

    def component(doc: Doc) -> Doc:
        mend_visiting_guests(doc)
        mend_fronted_labels(doc)
        mend_closing_speakers(doc)
        skip = doc.user_data.get("geokg_boilerplate", ())
        sentences = [s for s in doc.sents if not _in_ranges(s.start_char, skip)]
        candidates = drop_incomplete(finder.find(sentences))
        candidates = candidates + dateline_visits(doc, candidates)
        candidates += venue_visits([c for c in candidates if "dateline" not in c.notes])
        candidates += visiting_guests(candidates)
        doc._.candidates = [state_acts(c, finder) for c in candidates]
        return doc

    return component


MEETINGS = frozenset({"meetsWith", "consults", "signsAgreementWith"})
REMOTE = frozenset({"call", "phone", "telephone", "ring", "videoconference", "teleconference", "video", "letter",
                    "message"})
"""Words of a consultation held from afar: "agreed in a telephone call" under a dateline is no visit."""


def _in_person(cand: Candidate) -> bool:
    """A meeting the two sides attend in one place (not a call or a letter)."""
    if cand.predicate not in MEETINGS:
        return False
    trigger = cand.trigger
    words = {t.lemma_.lower() for t in trigger.subtree} | \
        {d.lemma_.lower() for t in trigger.head.children if t.dep_ == "prep" for d in t.subtree}
    return not words & REMOTE


def dateline_visits(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """ "DAMASCUS, Syria (Reuters) - Iran's foreign minister arrived for talks with President
    Assad": a meeting in the paragraph under a dateline takes place there, so the side that
    is not of the dateline's country visits it (the host being the other side)."""
    out: list[Candidate] = []
    for news_start in doc.user_data.get("geokg_datelines", {}):
        host = dateline_country(doc, doc._.mentions, news_start)
        if host is None:
            continue
        paragraph_end = doc.text.find("\n", news_start)
        paragraph_end = len(doc.text) if paragraph_end < 0 else paragraph_end
        told = [c for c in candidates if news_start <= c.trigger.idx < paragraph_end]
        if any(c.predicate == "visits" and (c.object.mention.entity.country or c.object.mention.entity.id)
               != host.entity.id for c in told):
            continue  # "SEOUL (AP) -- Kim flew to Pyongyang ... and was welcomed": the meeting is elsewhere
        seen: set[str] = set()
        for cand in told:
            # "WASHINGTON - ... agreed to meet in Reykjavik": not held under the dateline
            if _in_person(cand) and _venue(cand.trigger) in (None, host):
                out += _guest_visits(cand, host, seen, "dateline")
    return out


def venue_visits(candidates: list[Candidate]) -> list[Candidate]:
    """ "Boluarte and Boric held talks in Santiago", "Egypt hosted Qatari negotiators in Cairo": a
    meeting in one side's country is a visit by the other."""
    out: list[Candidate] = []
    seen: set[str] = set()
    for cand in candidates:
        host = _venue(cand.trigger) if _in_person(cand) else None
        if host is not None:
            out += _guest_visits(cand, host, seen, "venue")
    return out


def visiting_guests(candidates: list[Candidate]) -> list[Candidate]:
    """ "Mubarak received visiting Israeli Prime Minister Peres": a guest named as visiting, met by
    someone of another country, visits that country."""
    out: list[Candidate] = []
    seen: set[str] = set()
    for cand in (c for c in candidates if _in_person(c)):
        doc = cand.trigger.doc
        for guest, host in ((cand.agent, cand.object), (cand.object, cand.agent)):
            visiting = any(c.lower_ in VISITING for t in doc[guest.mention.start:guest.mention.end] for c in t.children)
            country = _country_mention(host.mention) if visiting else None
            if country is not None:
                out += _guest_visits(cand, country, seen, "visiting")
    return out


def _guest_visits(cand: Candidate, host: Mention, seen: set[str], note: str) -> list[Candidate]:
    """The visit of the side of a meeting that is not of the host's country, if exactly one is."""
    sides = (cand.agent, cand.object)
    countries = [a.mention.entity.country for a in sides]
    if countries.count(host.entity.id) != 1:
        return []
    guest = sides[0] if countries[1] == host.entity.id else sides[1]
    if not guest.mention.entity.country or guest.mention.entity.id in seen:
        return []
    seen.add(guest.mention.entity.id)
    return [Candidate("visits", guest, Arg(host, 0.8), cand.trigger, cand.confidence * 0.7, notes=[note])]


def _venue(trigger: Token) -> Mention | None:
    """The country of the place a meeting is said to be held in ("met in Nairobi", "held talks in
    Athens", "met at the White House"), as a mention of that country."""
    doc = trigger.doc
    holders = [trigger] + ([trigger.head] if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" else [])
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in {"in", "at"}):
        for place in (c for c in prep.children if c.dep_ == "pobj"):
            mention = doc._.mentions.get(place.i)
            if mention is None or mention.entity.type not in {"Location", "Country"}:
                continue
            if prep.lower_ == "at" and mention.entity.type != "Country":
                continue  # "at the White House", "at the Kremlin": a seat of government
            country = _country_mention(mention)
            if country is not None:
                return country
    return None


def _country_mention(mention: Mention) -> Mention | None:
    """The country an entity belongs to (or is), as a mention at the same place."""
    country = load_gazetteer().get(mention.entity.country or mention.entity.id)
    return Mention(country, mention.start, mention.end, "coref") if country and country.type == "Country" else None


def _in_ranges(offset: int, ranges) -> bool:
    return any(start <= offset < end for start, end in ranges)
