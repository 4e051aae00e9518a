"""Polarity and modality: is the claim denied, requested, planned or only imagined?

Cues are read on the path from the trigger up to the verb that reports it,
so "Seoul said Pyongyang will not ..." is judged by "will not", while the
reporting verb's own tense does not leak in:

* negative: "not"/"never" on the path, "no proof/evidence that", denial verbs
  ("denied sending", "rejected claims that"), "refused/failed to", "without";
* requested: the trigger is what someone is urged, called on or asked to do;
* intended: "will", "plans/pledged/agreed to", "said it would";
* requested also: "must"/"should" ("Israel must withdraw, the council said");
* hypothetical: "would" (not in reported speech), "could/might/may", "if/unless",
  "threatened to", "has not ruled out".
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from graph.extract.lexicon import load_lexicon
from graph.extract.relations import AVENGING_VERBS, COOPERATION_CLASSES, Candidate
from graph.ontology import predicates

WARNING_VERBS = frozenset({"warn", "threaten", "vow", "caution", "signal", "declare"})
THREAT_VERBS = frozenset({"threaten", "vow"})
CONTINUATION_VERBS = frozenset({"continue", "keep", "resume", "press", "maintain", "pursue", "persist", "sustain"})
HOSTILE = frozenset({"attacks", "sanctions", "coerces", "mobilizesAgainst"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
LIKELIHOOD_ADJECTIVES = frozenset({"likely", "unlikely", "poised", "due", "bound", "certain", "sure"})
"""Adjectives that guess at an act to come: "was unlikely to expel Hamas leaders"."""
HEARSAY_VERBS = frozenset({"believe", "think", "suspect", "say", "rumour", "rumor", "presume", "allege"})
"""Passive raising verbs that leave an act unasserted: "is believed to have struck", "is said to have"."""
BACKGROUND_MARKS = frozenset({"after", "before", "since"})
"""What opens a clause of time (`background_clause`)."""
EVIDENCE_NOUNS = frozenset({"proof", "evidence", "sign", "indication", "basis", "truth", "plan", "intention"})
DENIAL_VERBS = frozenset({"deny", "refute", "dismiss", "disprove", "rebut"})
REJECTING = frozenset({"reject", "brush", "scoff", "ridicule"})
POSSIBILITY_NOUNS = frozenset({"threat", "fear", "risk", "danger", "prospect", "possibility", "spectre", "specter",
                               "likelihood", "chance", "option", "eve", "brink", "verge", "warning", "scenario"})
"""Nouns that leave the act after their "of" unrealised: "on the brink of war", "the threat of strikes"."""
CLAIM_NOUNS = frozenset({"claim", "report", "allegation", "accusation", "charge", "suggestion", "rumour", "rumor", "speculation", "idea", "notion", "assertion"})
REFUSAL_VERBS = frozenset({"refuse", "fail", "decline", "stop", "cease", "halt", "avoid", "abandon", "forgo", "reject", "hesitate",
                           "avert", "forestall", "preempt", "deter", "stave", "ward",
                           "block", "veto", "prevent", "thwart", "obstruct", "bar"})
REQUEST_VERBS = frozenset({"urge", "call", "ask", "demand", "insist", "press", "appeal", "encourage", "request", "implore", "exhort", "push", "pressure", "lobby", "invite", "beg", "want", "look", "tell", "advise", "persuade", "convince", "order", "instruct"})
DEMAND_VERBS = frozenset({"urge", "demand", "ask", "request", "insist", "press", "implore"})
INTENT_VERBS = frozenset({"plan", "intend", "pledge", "promise", "vow", "agree", "decide", "prepare", "aim", "offer", "expect", "propose", "commit", "resolve", "announce", "set", "move", "schedule"})
REFUSAL_NOUNS = frozenset({"refusal", "failure", "reluctance", "unwillingness", "inability"})
"""Nouns that deny the act their infinitive names: "Saddam's refusal to cooperate"."""
INTENT_NOUNS = frozenset({"decision", "plan", "intention", "pledge", "promise", "commitment", "offer",
                          "proposal", "agreement", "readiness", "willingness"})
"""Nouns whose infinitive is an act to come: "its decision to sell jets to Taiwan"."""
TRYING_NOUNS = frozenset({"bid", "attempt", "effort", "push", "drive", "quest", "hope", "ambition", "aspiration"})
"""Nouns of trying and wishing, like HYPOTHETICAL_VERBS: "Georgia's bid to join the bloc"."""
PROMISE_VERBS = frozenset({"pledge", "promise", "offer"})
"""Verbs that give by promising: "pledged $2 billion in aid to Kenya" is a transfer not yet made."""
HYPOTHETICAL_VERBS = frozenset({"threaten", "consider", "mull", "weigh", "contemplate", "explore", "discuss", "could", "risk",
                                "seek", "hope", "try", "attempt", "apply", "bid", "aspire", "campaign", "strive", "want", "wish"})
"""Verbs of trying and wishing are no plan: "applied to join the EU" is no membership to come."""
SPEECH_LIKE = frozenset({"say", "tell", "announce", "state", "add", "warn", "claim", "insist", "confirm", "declare", "report"})
OCCURRENCE_VERBS = frozenset({
    "be", "happen", "occur", "take", "begin", "start", "materialize", "materialise", "come", "exist",
    "proceed", "go", "resume", "arrive", "emerge", "follow", "continue", "reach", "get", "include",
    "involve", "amount", "total", "remain",
})
"""Verbs whose negation denies their nominal subject: "arms deliveries have not begun"."""
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
CONDITIONS = frozenset({"if", "unless", "whether", "should"})
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
CONDITIONAL_AUX = frozenset({"would", "'d"})
POSSIBLE_AUX = frozenset({"could", "might", "may"})
OBLIGATION_AUX = frozenset({"must", "should", "ought"})


def _path(cand: Candidate, stop: Token | None) -> list[Token]:
    """The tokens whose cues apply: from the trigger up to the reporting verb (excluded).

    A nominal trigger that is the subject of a verb other than one of occurrence is
    presupposed too ("support has not wavered"), and so is one a verb judges
    ("would have deplored the invasion"). A nominal trigger inside a
    prepositional adjunct is presupposed, not asserted, by its clause ("would not take sides in the
    rivalry between ..."), so its path ends at the preposition, unless that hangs on "no evidence
    of" or "reports of", or is what a request asks for ("called for talks with ...").
    """
    trigger = cand.trigger
    path = [trigger]
    if cand.stance_root is not None and cand.stance_root.i == trigger.i:
        return path
    child = trigger
    for ancestor in trigger.ancestors:
        if stop is not None and ancestor.i == stop.i:
            break
        if _independent_conjunct(child, ancestor) or background_clause(child):
            return path  # "denied sending troops and accused Poland": a clause of its own
        child = ancestor
        if trigger.pos_ in {"NOUN", "PROPN"} and ancestor.dep_ == "prep" and \
                ancestor.head.lemma_.lower() not in EVIDENCE_NOUNS | CLAIM_NOUNS | POSSIBILITY_NOUNS and \
                not (ancestor.lower_ == "for" and ancestor.head.lemma_.lower() in REQUEST_VERBS):
            break  # but "called for talks with X" asks for them
        if len(path) == 1 and trigger.dep_ == "nsubj" and trigger.pos_ in {"NOUN", "PROPN"} and \
                ancestor.lemma_.lower() not in OCCURRENCE_VERBS:
            break  # "Washington's support for Kyiv has not wavered": said of the support, not denying it
        if len(path) == 1 and trigger.dep_ == "dobj" and trigger.pos_ == "NOUN" and \
                ancestor.lemma_.lower() in _judging_verbs() | AVENGING_VERBS:
            break  # "a resolution that would have deplored the U.S. invasion of Panama", "vowed to avenge
            # the killing": the invasion and the killing happened
        path.append(ancestor)
        if cand.stance_root is not None and ancestor.i == cand.stance_root.i:
            break
    return path


def _independent_conjunct(child: Token, head: Token) -> bool:
    """A finite verb parsed as the conjunct of a non-finite one really coordinates higher up; and
    "X accused Y of Z, a charge Y denied", parsed as if "accused" were what is denied, stands
    on its own: the denial is of the charge."""
    return (child.dep_ == "conj" and child.tag_ in FINITE and head.tag_ not in FINITE) or \
        denied_by_apposition(child, head)


def background_clause(clause: Token) -> bool:
    """ "Chad said it would close the border, hours after Sudan bombed its villages": a past
    event told in a clause of time is the reporter's background, outside the claim and its
    modality (the parser may hang it on the claim's verb, as a conjunct or an adverbial)."""
    return clause.dep_ in {"advcl", "conj"} and clause.pos_ in {"VERB", "AUX"} and any(
        c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in clause.children) and (
        clause.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in clause.children))


def denied_by_apposition(child: Token, head: Token) -> bool:
    """ "X accused Y of Z, a charge Y denied": `child` is the accusation the parser hung on the
    denial verb `head`, which denies the claim noun after it."""
    return child.dep_ == "ccomp" and head.lemma_.lower() in DENIAL_VERBS | REJECTING and any(
        c.dep_ in {"dobj", "nsubj"} and c.lemma_.lower() in CLAIM_NOUNS | {"charge"} and child.i < c.i < head.i
        for c in head.children)


def judge(cand: Candidate, stop: Token | None) -> tuple[str, str]:
    """(polarity, modality) of a candidate, reading cues up to `stop` (its reporting verb)."""
    path = _path(cand, stop)
    if stop is not None and any(_independent_conjunct(c, c.head) for c in (cand.trigger, *path)):
        stop = None  # the reporting verb does not govern this clause
    flips = 1 if cand.negated else 0
    modality = "asserted"
    ruled_out_negated = False
    for position, token in enumerate(path):
        lemma = token.lemma_.lower()
        if position > 0 and path[position - 1].dep_ == "conj":
            continue  # "denied shelling villages and accused Yerevan": each conjunct has its own stance
        negated_here = any(c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in {"advmod", "det", "neg"})
                           for c in token.children)
        if position > 0 and lemma == "rule" and any(c.lower_ == "out" for c in token.children):
            if negated_here:
                ruled_out_negated = True
                continue
            flips += 1
            continue
        if negated_here:
            flips += 1
        if token.pos_ == "NOUN" and lemma in EVIDENCE_NOUNS and any(c.lower_ == "no" for c in token.children):
            flips += 1 if not negated_here else 0
        if token.pos_ == "NOUN" and lemma in POSSIBILITY_NOUNS and path[position - 1].dep_ == "prep":
            modality = "hypothetical"  # "the threat of a U.S. invasion", "fears of new strikes"
        if position == 0:
            modality = _aux_modality(token) or modality
            if modality == "asserted" and lemma in PROMISE_VERBS and _transfers(cand.predicate):
                modality = "intended"
            if token.pos_ in {"VERB", "AUX"} and any(
                    c.dep_ == "dobj" and any(d.lower_ == "no" for d in c.children) for c in token.children):
                flips += 1  # "has no relations with", "sent no weapons to"
            continue
        child = path[position - 1]
        if lemma in DENIAL_VERBS and _neither_confirmed_nor_denied(token):
            modality = "hypothetical"
        elif lemma in DENIAL_VERBS:
            flips += 1
        elif lemma in REFUSAL_VERBS and child.dep_ in {"xcomp", "dobj", "pcomp", "prep"}:
            flips += 1 if (lemma != "reject" or _under_claim(path, position)) else 0
        elif token.pos_ == "NOUN" and child.dep_ == "acl" and child is path[0]:
            # the infinitive the trigger is, on a noun that says what becomes of it (not an act told
            # deeper inside it: "efforts to smooth over the row caused by Lee's visit")
            if lemma in REFUSAL_NOUNS:
                flips += 1  # "Saddam's refusal to cooperate with the inspectors"
            elif lemma in INTENT_NOUNS and modality == "asserted":
                modality = "intended"  # "its decision to sell F-16s to Taiwan", "Iran's plan to build"
            elif lemma in TRYING_NOUNS:
                modality = "hypothetical"  # "Georgia's bid to join the EU" is no membership to come
        elif lemma == "without" or (token.dep_ == "prep" and token.lower_ == "without"):
            flips += 1
        if token.pos_ in {"VERB", "AUX"} and child.dep_ in {"xcomp", "ccomp", "advcl", "prep", "pcomp"}:
            if _requests(token, child):
                return ("negative" if flips % 2 else "positive"), "requested"
            forms = _forms(token)
            if forms & HYPOTHETICAL_VERBS and child.dep_ == "xcomp" or _hearsay(token, child):
                modality = "hypothetical"  # "considered sending", "is widely believed to have struck"
            elif forms & INTENT_VERBS and child.dep_ == "xcomp" and modality == "asserted":
                modality = "intended"
        elif token.pos_ == "ADJ" and child.dep_ == "xcomp" and \
                token.lower_ in _commitment_adjectives() | LIKELIHOOD_ADJECTIVES:
            # "is ready to meet Putin": a willingness, not yet a plan; "was unlikely to expel": a guess
            modality = "hypothetical"
        if _conditional(token):
            modality = "hypothetical"
        if token.pos_ in {"VERB", "AUX"} and modality == "asserted":
            aux = _aux_modality(token)
            if aux and aux != "asserted":
                modality = aux
    if _condition_clause(cand.trigger) or (_conditional(cand.trigger) and cand.predicate != "threatens"):
        modality = "hypothetical"  # a threat is made now, whatever its condition
    if ruled_out_negated or (stop is not None and _hearsay(stop, path[-1])):
        modality = "hypothetical"
    if stop is not None and _requests(stop, path[-1]):
        modality = "requested"  # "urged China to stop ...": the urger reports a wish, not a fact
    if stop is not None and stop.lemma_.lower() in DENIAL_VERBS and _neither_confirmed_nor_denied(stop):
        modality = "hypothetical"
    elif stop is not None and (stop.lemma_.lower() in DENIAL_VERBS
                               or (stop.lemma_.lower() == "reject" and _under_claim(path, len(path)))):
        flips += 1
    if cand.predicate == "threatens" and ("demand" in cand.notes or modality == "intended"):
        modality = "asserted"  # "would pay a price", "vowed to avenge": the threat is made as it is said
    return ("negative" if flips % 2 else "positive"), modality


def _hearsay(verb: Token, complement: Token) -> bool:
    """ "Israel is believed to have struck", "is said to have sent": a passive raising verb of
    hearsay leaves the act in its complement unasserted."""
    return verb.pos_ == "VERB" and complement.dep_ == "xcomp" and complement.head.i == verb.i and \
        verb.lemma_.lower() in HEARSAY_VERBS and any(c.dep_ == "auxpass" for c in verb.children)


def _neither_confirmed_nor_denied(denial: Token) -> bool:
    """ "neither confirmed nor denied that it had sent troops", "would not confirm or deny": no
    denial, and no claim either."""
    confirm = denial.head if denial.dep_ == "conj" else None
    return confirm is not None and confirm.lemma_.lower() == "confirm" and any(
        c.lower_ in {"neither", "not", "n't", "nor"} for c in (*confirm.children, *denial.children))


@cache
def _transfers(predicate: str) -> bool:
    """Whether a predicate is one of the lexicon's transfer themes (aid, weapons, technology)."""
    return predicate in dict(load_lexicon().themes)


@cache
def _judging_verbs() -> frozenset[str]:
    """Verbs that judge an act named as their object, and so presuppose it: "condemned the
    invasion", "welcomed the withdrawal". Read from the lexicon's bare verbs of verbal reactions."""
    lexicon = load_lexicon()
    reactions = {"criticizes", "supports", "protestsAgainst", "rejects"}
    return frozenset(lemma for lemma, triggers in lexicon.verbs.items()
                     if any(t.predicate in reactions and t.noun is None and t.prep is None for t in triggers)
                     and lemma not in REFUSAL_VERBS | DENIAL_VERBS)


def _commitment_adjectives() -> frozenset[str]:
    return load_lexicon().commitment_adjectives


def _requests(verb: Token, complement: Token) -> bool:
    """ "told Iran to stop", "demanded that Niger reinstate" and "called for talks" ask; "told
    reporters that" reports."""
    lemma = verb.lemma_.lower()
    if lemma not in REQUEST_VERBS:
        return False
    if complement.dep_ == "prep" and complement.lower_ == "for":
        return True
    if lemma == "insist" and complement.tag_ != "VB":
        return False  # "insisted that Argentina withdraw" asks; "insisted it has no influence" asserts
    return complement.dep_ == "xcomp" or (complement.dep_ == "ccomp" and lemma in DEMAND_VERBS)


def _conditional(token: Token) -> bool:
    """ "... would target cities if the army pushed deeper": an if/unless clause hangs on it."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)
               for c in token.children)


def _forms(verb: Token) -> set[str]:
    """A verb's lemma and its own lower-case stems, for the lemmatiser's slips ("hopes" → "hop")."""
    lower = verb.lower_
    return {verb.lemma_.lower(), lower, lower[:-1] if lower.endswith("s") else lower,
            lower[:-1] if lower.endswith("d") else lower, lower[:-2] if lower.endswith("ed") else lower}


def _condition_clause(verb: Token) -> bool:
    """ "if Moscow withdrew", "until Israel withdraws", "only after Russian troops had left"."""
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if marks & {"if", "unless", "until"}:
        return True
    return bool(marks & {"after", "once", "when", "before"}) and any(c.lower_ == "only" for c in verb.children)


def _threatened_by_agent(cand: Candidate) -> bool:
    """ "Trump threatened to slap tariffs on Canada", "threatened to launch strikes": a threat verb
    governs the act, through light verbs only ("vowed to avenge the killing" threatens no killing)."""
    light = load_lexicon().light_verbs
    for ancestor in cand.trigger.ancestors:
        lemma = ancestor.lemma_.lower()
        if lemma in THREAT_VERBS:
            return True
        if ancestor.pos_ == "VERB" and lemma not in light:
            return False
    return False


def _conditional_anywhere(cand: Candidate) -> bool:
    """Whether an if/unless clause governs the trigger: "would strike ... if Tehran fired"."""
    return any(_conditional(t) for t in (cand.trigger, *cand.trigger.ancestors))


def _under_claim(path: list[Token], position: int) -> bool:
    """ "rejected claims that X ...": a rejection of a claim negates its content."""
    return any(t.lemma_.lower() in CLAIM_NOUNS for t in path[:position])


def _aux_modality(verb: Token) -> str | None:
    if verb.dep_ == "conj" and not any(c.dep_ in {"aux", "auxpass", "nsubj"} for c in verb.children):
        verb = verb.head  # "must first renounce violence and recognize Israel": the modal is shared
    for child in verb.children:
        if child.dep_ not in {"aux", "auxpass"}:
            continue
        word = child.lower_
        if word in FUTURE_AUX:
            return "intended"
        if word in CONDITIONAL_AUX:
            reported = any(t.lemma_.lower() in SPEECH_LIKE | INTENT_VERBS for t in verb.ancestors)
            return "intended" if reported else "hypothetical"
        if word in POSSIBLE_AUX:
            return "hypothetical"
        if word in OBLIGATION_AUX:
            return "requested"  # "Israel should withdraw ..., the council said": a demand, not a fact
    if verb.lemma_ == "go" and any(c.dep_ == "xcomp" for c in verb.children) and verb.tag_ == "VBG":
        return "intended"
    return None


def judge_all(doc: Doc) -> None:
    for cand in doc._.candidates:
        cand.polarity, cand.modality = judge(cand, cand.reporter)
    doc._.candidates += announced_threats(doc._.candidates) + announced_refusals(doc._.candidates)


def announced_threats(candidates: list[Candidate]) -> list[Candidate]:
    """Hostile acts that are threatened rather than done also yield `threatens`.

    "Trump threatened to slap tariffs on Canada" and "Hezbollah warned it would
    target cities in Israel if ..." are (agent threatens target); the hostile act
    itself stays hypothetical or intended, never a fact. The threat is observed,
    so it is the document's own statement unless someone else reports it.
    """
    threats = []
    for cand in candidates:
        if cand.predicate not in HOSTILE or cand.polarity != "positive":
            continue
        if _threatened_by_agent(cand):
            threats.append(replace(cand, predicate="threatens", modality="asserted",
                                   confidence=cand.confidence * 0.8, notes=["announced"]))
        elif cand.modality in {"intended", "hypothetical"} and _announced_by_own_side(cand) \
                and not _continued(cand.trigger):
            # "Hezbollah warned it would target ...": a warning is the threat itself, observed;
            # "Moscow said it would respond to ...", "Baku said it could strike ...": the side's
            # own word that it may use force, in its own voice.
            warned = cand.reporter.lemma_.lower() in WARNING_VERBS or _conditional_anywhere(cand)
            threats.append(replace(cand, predicate="threatens", modality="asserted",
                                   source=None if warned else cand.source,
                                   confidence=cand.confidence * (0.8 if warned else 0.7), notes=["announced"]))
    return threats


def announced_refusals(candidates: list[Candidate]) -> list[Candidate]:
    """ "Iran said it would not negotiate with Washington": a side's own word that it will not
    cooperate is a rejection (PLOVER REJECT), observed, besides the cooperation it denies."""
    out = []
    for cand in candidates:
        denial = cand.reporter is not None and cand.reporter.lemma_.lower() in DENIAL_VERBS
        if cand.polarity == "negative" and cand.modality == "intended" and _announced_by_own_side(cand) and \
                cand.predicate in _cooperation_predicates() and not denial:  # "denied having plans to" is no refusal
            out.append(replace(cand, predicate="rejects", polarity="positive", modality="asserted",
                               confidence=cand.confidence * 0.7, notes=["announced"]))
    return out


@cache
def _cooperation_predicates() -> frozenset[str]:
    return frozenset(name for name, info in predicates().items()
                     if info.quad_class in COOPERATION_CLASSES - {"structural"})


def _continued(trigger: Token) -> bool:
    """ "would continue its offensive": an act going on, announced to go on, is no new threat."""
    verbs = [trigger, *trigger.ancestors][:3]
    return any(v.lemma_.lower() in CONTINUATION_VERBS for v in verbs)


def _announced_by_own_side(cand: Candidate) -> bool:
    if cand.source is None or cand.reporter is None:
        return False
    speaker, agent = cand.source.mention.entity, cand.agent.mention.entity
    return speaker.id == agent.id or bool(speaker.country and speaker.country == agent.country)


@Language.component("geokg_stance")
def stance_component(doc: Doc) -> Doc:
    judge_all(doc)
    return doc
