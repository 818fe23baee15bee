"""Cues after a mention: the patterns :meth:`_Reader._backward` tries where a unit's status follows its name.

Passives ("X was annexed", "X is back under Ukrainian control"), relative clauses ("X, which Russia annexed",
"X, large parts of which remain occupied", "X, where Russia holds three quarters of each"), a unit fronted as a
topic ("In X region, Russian forces hold …"), "X became a subject of the Russian Federation", "X, one of the four
regions Moscow claims to have annexed", and the rest. A mixin of :class:`dashboard.claims.suggest.reading._Reader`,
whose ``_bind`` each match calls; apart from it so that each module reads one direction of the sentence.
"""

from __future__ import annotations

import re

from dashboard.claims.suggest.matching import _needs
from dashboard.claims.suggest.model import _MAX_WALK
from dashboard.claims.suggest.patterns import (
    _APPOSITION,
    _BARE_REL_ANNEX,
    _BECAME_RUSSIAN,
    _CLAIM_VERB,
    _CLAIMED_AS,
    _FRONTED_IN,
    _FRONTED_LEAD,
    _INTO_RUSSIA,
    _INTO_VERB,
    _KEEP_VERB,
    _KEPT_UNDER,
    _MAKE_VERB,
    _NEGATION,
    _NO_FORCES_IN,
    _ONE_OF_ANNEXED,
    _PART_OF_RUSSIA,
    _PASSIVE,
    _PASSIVE_NOCLAIM,
    _PASSIVE_RETAKEN,
    _REL_ACTOR,
    _REL_NOCLAIM,
    _REL_SHARE,
    _REL_USED_TO_CLAIM,
    _REL_WHERE,
    _RUN_WORDS,
    _TOPIC,
    _TOPIC_LEAD,
    _UA_HANDS,
)
from dashboard.claims.suggest.sentence import (
    _actor,
    _allowed,
    _clause_before,
    _quantity_class,
    _resolve,
    _Span,
)
from dashboard.claims.suggest.words import _ADV_QUANTITY, ACTOR, QUANTITY
from dashboard.sources.model import Excerpt

_NEGATION_BEFORE = re.compile(
    r"\b(?P<neg>(?:has|have|had)\s+(?:not|never)|(?:hasn|haven|hadn)['’]t|never)\s+(?:(?:formally|officially|ever)\s+)?$",
    re.IGNORECASE,
)
"""A negation in the perfect right before a verb ("has never declared …"; "did not make X part of Russia", an odd
statement of the past, is left alone)."""
_SMALL_PLACES = frozenset(
    {"strip", "band", "slice", "sliver", "wedge", "pocket", "pockets", "corner", "foothold", "bridgehead", "toehold",
     "of", "villages", "settlements"}
)  # fmt: skip
"""A topic's share ending in one of these words is a small part ("a narrow band", "scattered pockets")."""
_THE_REST_OF = re.compile(r"\bthe\s+rest\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_AFTER_PATTERNS = (_FRONTED_IN, _TOPIC, _NO_FORCES_IN, _BECAME_RUSSIAN, _INTO_RUSSIA, _ONE_OF_ANNEXED,
                   _PART_OF_RUSSIA, _REL_USED_TO_CLAIM, _REL_NOCLAIM, _PASSIVE_NOCLAIM,
                   _REL_SHARE, _REL_WHERE, _CLAIMED_AS, _UA_HANDS, _PASSIVE_RETAKEN, _REL_ACTOR, _BARE_REL_ANNEX,
                   _KEPT_UNDER, _PASSIVE)  # fmt: skip
_AFTER_NEEDS = tuple(_needs(p) for p in _AFTER_PATTERNS)
"""What each of those patterns needs: :meth:`_Reader._backward` binds a cue after a mention only after a match of
one of them (every pattern it tries is in this list; a test turns the skip off and finds the same)."""


class _AfterMention:
    """The reader's half that looks after a mention (see the module docstring)."""

    text: str

    # a cue after the mention --------------------------------------------------------------------------------
    def _backward(self, sentence: str, base: int, toks: list[_Span], i: int, hit, excerpt: Excerpt) -> None:
        k = i
        while k + 1 < len(toks) and k - i < _MAX_WALK:
            t = toks[k + 1]
            joins = t.kind == "word" and t.word.casefold() in _RUN_WORDS
            next_hit = t.kind == "punct" and t.word == "," and k + 2 < len(toks) and toks[k + 2].kind == "hit"
            if t.kind == "hit" or joins or next_hit:
                k += 1
            else:
                break
        pos = toks[k].end
        # the quantity right before the mention ("most of the Donetsk region is under Russian control")
        qty_tok = None
        j = i - 1
        while j >= 0 and i - j < 12:
            t = toks[j]
            if t.kind == "qty":
                qty_tok = t
                break
            if t.kind == "cue" or not _allowed(t):
                break
            j -= 1
        m = _FRONTED_IN.match(sentence, pos)
        if m and _FRONTED_LEAD.fullmatch(sentence, 0, hit.start - base):
            cue = _Span(m.start("cue"), m.end("cue"), "cue", "state", m.group("cue"))
            value = "most" if m.group("most") else "part"
            qty = _Span(m.start("qty"), m.end("qty"), "qty", value, m.group("qty"))
            self._bind(sentence, base, hit, excerpt, "state", cue, qty, after=m.end(), side="ru", actor_known=True,
                       clause_from=pos)  # fmt: skip
            return
        m = _NO_FORCES_IN.search(sentence, 0, hit.start - base)
        if m:  # "no Russian ground forces are present anywhere in X"
            cue = _Span(m.start(), m.start() + len(m.group().rstrip()), "cue", None, m.group().rstrip())
            whole = _Span(m.start(), m.start() + 2, "qty", "all", m.group()[:2])
            self._bind(sentence, base, hit, excerpt, "free", cue, whole, after=hit.end - base, side="ru",
                       actor_known=True, clause_from=m.start())  # fmt: skip
            return
        m = _TOPIC.match(sentence, pos)
        if m and k == i and _TOPIC_LEAD.fullmatch(sentence, 0, hit.start - base):  # one unit, the topic
            am = ACTOR.fullmatch(m.group("actor"))
            fronted = bool(sentence[: hit.start - base].strip(" -–—•*"))  # "In X, …" (else "X: …" opening a line)
            colon = sentence[pos : m.start("actor")].strip().startswith(":")
            q = QUANTITY.search(m.group("qty"))
            value = _quantity_class(q) if q else None
            if m.group("qty").casefold().split()[-1] in _SMALL_PLACES:
                value = "part"
            if am and not am.group("pro") and (fronted or colon) and value in ("all", "most", "parts", "part"):
                side = "ru" if am.group("ru") else "ua"
                cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
                qty = _Span(m.start("qty"), m.end("qty"), "qty", value, m.group("qty"))
                self._bind(sentence, base, hit, excerpt, "state", cue, qty, after=m.end(), side=side,
                           actor_known=True, clause_from=m.start("actor"))  # fmt: skip
                return
        m = _BECAME_RUSSIAN.match(sentence, pos)
        if m:
            cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
            self._bind(sentence, base, hit, excerpt, "annex", cue, None, after=m.end(), clause_from=pos)
            return
        m = _INTO_RUSSIA.match(sentence, pos)
        if m and _INTO_VERB.search(sentence, 0, hit.start - base):
            cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
            self._bind(sentence, base, hit, excerpt, "annex", cue, None, after=m.end(), clause_from=pos)
            return
        m = _ONE_OF_ANNEXED.match(sentence, pos)
        if m:
            cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
            self._bind(sentence, base, hit, excerpt, "annex", cue, None, after=m.end(), clause_from=pos)
            return
        m = _PART_OF_RUSSIA.match(sentence, pos)
        if m:
            v = _MAKE_VERB.search(sentence, 0, hit.start - base)
            lead = sentence[: v.start()] if v else ""
            neg = _NEGATION_BEFORE.search(lead) if v else None
            if neg:
                # "Moscow has never declared the Kharkiv region part of Russia": a claim denied
                cue = _Span(neg.start("neg"), v.start() + len(v.group().split()[0]), "cue", None,
                            sentence[neg.start("neg") : v.start() + len(v.group().split()[0])])  # fmt: skip
                self._bind(sentence, base, hit, excerpt, "noclaim", cue, None, after=m.end(),
                           clause_from=neg.start() - len(_clause_before(sentence, neg.start())))  # fmt: skip
                return
            if v and not _NEGATION.search(" ".join(lead.split()[-4:])):
                cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
                self._bind(sentence, base, hit, excerpt, "annex", cue, None, after=m.end(),
                           clause_from=v.start() - len(_clause_before(sentence, v.start())))  # fmt: skip
            return
        m = _REL_USED_TO_CLAIM.match(sentence, pos)
        if m:
            cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
            self._bind(sentence, base, hit, excerpt, "annex", cue, None, after=m.end(), clause_from=pos)
            return
        m = _REL_NOCLAIM.match(sentence, pos)
        if m:
            cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
            self._bind(sentence, base, hit, excerpt, "noclaim", cue, None, after=m.end(), side="ru",
                       clause_from=pos)  # fmt: skip
            return
        m = _PASSIVE_NOCLAIM.match(sentence, pos)
        if m:
            am = ACTOR.fullmatch(m.group("actor")) if m.group("actor") else None
            if m.group("actor") is None or (am is not None and am.group("ru")):
                cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
                self._bind(sentence, base, hit, excerpt, "noclaim", cue, None, after=m.end(), side="ru",
                           clause_from=pos)  # fmt: skip
            return
        m = _REL_SHARE.match(sentence, pos)
        if m:
            q = QUANTITY.fullmatch(m.group("qty") + " of")
            value = _quantity_class(q) if q else None
            if value in ("all", "most", "parts", "part"):
                cue_group = "cue" if m.group("cue") else "cue2"
                cue = _Span(m.start(cue_group), m.end(cue_group), "cue", None, m.group(cue_group))
                qty = _Span(m.start("qty"), m.end("qty"), "qty", value, m.group("qty"))
                self._bind(sentence, base, hit, excerpt, "passive", cue, qty, after=m.end(), side="ru",
                           actor_known=True, clause_from=pos)  # fmt: skip
            return
        m = _REL_WHERE.match(sentence, pos)
        if m:
            q = QUANTITY.fullmatch(m.group("qty") + ("" if m.group("qty").casefold().endswith(" of") else " of"))
            am = ACTOR.fullmatch(m.group("actor"))
            value = _quantity_class(q) if q else None
            if am and value in ("all", "most", "parts", "part"):
                side = "ru" if am.group("ru") else "ua"
                cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
                qty = _Span(m.start("qty"), m.end("qty"), "qty", value, m.group("qty"))
                self._bind(sentence, base, hit, excerpt, "state", cue, qty, after=m.end(), side=side,
                           actor_known=True, clause_from=pos)  # fmt: skip
            return
        m = _CLAIMED_AS.match(sentence, pos)
        if m and _CLAIM_VERB.search(sentence, 0, hit.start - base):
            side, _span = _actor(self.text, sentence, base, hit.start - base)
            if side == "ru":
                cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
                self._bind(sentence, base, hit, excerpt, "annex", cue, None, after=m.end())
            return
        m = _UA_HANDS.match(sentence, pos)
        if m:
            adv = _adv(m.group("adv"), m.start("adv"))
            back = m.group("cue").casefold().startswith("back")
            if adv is not None or back or (qty_tok is not None and qty_tok.ref == "all"):
                cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
                self._bind(sentence, base, hit, excerpt, "free", cue, adv or qty_tok, after=m.end(), side="ru",
                           actor_known=True, clause_from=pos)  # fmt: skip
            return
        m = _PASSIVE_RETAKEN.match(sentence, pos)
        if m:
            adv = _adv(m.group("adv"), m.start("adv"))
            whole = next((q for q in (adv, qty_tok) if q is not None and q.ref == "all"), None)
            if whole is not None:
                cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
                self._bind(sentence, base, hit, excerpt, "free", cue, whole, after=m.end(), side="ru",
                           actor_known=True, clause_from=pos)  # fmt: skip
            return
        m = _REL_ACTOR.match(sentence, pos) or _BARE_REL_ANNEX.match(sentence, pos)
        if m:
            actor = m.group("actor")
            am = ACTOR.fullmatch(actor)
            side = None
            if am:
                side = "ru" if am.group("ru") else "ua" if am.group("ua") else _resolve(self.text, base + m.start())
            cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
            word = m.group("cue").casefold()
            kind = "annex" if word in ("annexed", "absorbed", "incorporated") else (
                "take" if word in ("seized", "captured", "took") else "state")  # fmt: skip
            if kind != "annex" and (am is None or am.group("pro")):
                return  # "… that it still holds": whose "it" is, a relative clause does not say clearly enough
            adv = _adv(m.group("adv"), m.start("adv"))
            self._bind(sentence, base, hit, excerpt, kind, cue, adv or qty_tok, after=m.end(), side=side,
                       actor_known=True, clause_from=pos)  # fmt: skip
            return
        m = _KEPT_UNDER.match(sentence, pos)
        if m:
            side, span = _actor(self.text, sentence, base, hit.start - base)
            verb = sentence[span[1] - base : hit.start - base] if span else ""
            if side and _KEEP_VERB.search(verb):
                cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
                self._bind(sentence, base, hit, excerpt, "state", cue, qty_tok, after=m.end(), side=side,
                           actor_known=True, clause_from=span[1] - base)  # fmt: skip
            return
        m = _PASSIVE.match(sentence, pos)
        if not m or m.end() == pos:
            # an apposition before a passive verb: "Sevastopol, home of the fleet, was annexed …"
            app = _APPOSITION.match(sentence, pos)
            m = _PASSIVE.match(sentence, app.end()) if app else None
            if not m:
                return
        pos = m.start()
        if m.group("poss"):
            cue = _Span(m.start("poss"), m.end("poss"), "cue", None, m.group("poss"))
            self._bind(sentence, base, hit, excerpt, "annex", cue, None, after=m.end(), clause_from=pos)
            return
        cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
        adv = _adv(m.group("adv"), m.start("adv"))
        if m.group("annex"):
            self._bind(sentence, base, hit, excerpt, "annex", cue, None, after=m.end(), clause_from=pos)
        elif m.group("ctl"):
            self._bind(sentence, base, hit, excerpt, "passive", cue, adv or qty_tok, after=m.end(), side="ru",
                       actor_known=True, clause_from=pos)  # fmt: skip
        elif m.group("bare_occ"):
            # "About three quarters of the region is occupied": a linking verb and a share or adverb, no agent
            linked = re.search(r"\b(?:is|are|was|were|remains?|remained|stays?)\b", sentence[pos : m.start("cue")])
            if linked and (adv or qty_tok is not None):
                self._bind(sentence, base, hit, excerpt, "passive", cue, adv or qty_tok, after=m.end(), side="ru",
                           actor_known=True, clause_from=pos)  # fmt: skip
        elif (m.group("free") or m.group("bare_free")) and _THE_REST_OF.search(sentence, 0, hit.start - base):
            # "The rest of Mykolaiv region has been free of Russian forces since …": Russia holds a part of it
            rest = _THE_REST_OF.search(sentence, 0, hit.start - base)
            part = _Span(rest.start(), rest.start() + len(rest.group().rstrip()), "qty", "part", rest.group().strip())
            self._bind(sentence, base, hit, excerpt, "passive", cue, part, after=m.end(), side="ru",
                       actor_known=True, clause_from=pos)  # fmt: skip
        elif m.group("free") or m.group("bare_free"):
            self._bind(sentence, base, hit, excerpt, "free", cue, adv or qty_tok, after=m.end(), side="ru",
                       actor_known=True, clause_from=pos)  # fmt: skip


def _adv(text: str | None, start: int) -> _Span | None:
    """The first quantity adverb of ``text`` (at ``start`` in the sentence), as a span ("almost (nearly) fully":
    ``most``)."""
    if not text:
        return None
    for m in re.finditer(r"(?:(?:almost|nearly|virtually|practically)\s+)?\w+", text):
        q = _ADV_QUANTITY.get(m.group().split()[-1].casefold())
        if q:
            q = "most" if q == "all" and len(m.group().split()) > 1 else q
            return _Span(start + m.start(), start + m.end(), "qty", q, m.group())
    return None
