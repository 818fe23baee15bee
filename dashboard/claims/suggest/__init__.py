"""Suggest a unit's claim and control statuses from an article's own sentences, by rule (precision first).

A suggestion is made only where a cue clearly binds to a unit named in the same sentence; anything unclear
gives no suggestion (a field without one is *not stated*). Nothing here guesses from outside knowledge.

Sentences
    Only the sentences holding a mention (headline, caption and body; never boilerplate: the hits carry no
    boilerplate mention) are read, each on its own; a sentence ending in a question mark is skipped. A capital
    named for its government or in a dateline (:func:`mention_role`) is not a mention of the place. A mention
    of a city that is not itself a unit ("the city of Kherson") says nothing about the region around it.

Binding
    A cue binds to a unit when the words between them are only articles, region words, compass adjectives,
    numbers, quantity phrases and other mentions joined by commas, "and", "or", dashes or colons
    ("annexation of four Ukrainian regions — Donetsk, Luhansk, Zaporizhzhia and Kherson"; "control most of the
    Donetsk and Luhansk regions but only parts of Zaporizhzhia"; "all four regions — …").
    A cue may also follow the mention (and the mentions coordinated with it): passive or relative ("Crimea,
    which Russia annexed in 2014", "the Sumy region is free of Russian troops", "Donetsk, which Ukraine still
    largely holds").

Quantity
    The quantity closest before the mention binds to it: all / whole / entire / fully → ``all``; most / the bulk
    of / nearly all / largely / two thirds / more than 50% → ``most``; parts / swathes / areas of → ``parts``;
    part / a third / a sliver / partially / under 50% / a foothold (bridgehead) in / a strip (pocket) of villages
    in → ``part``. "Much of" is unclear: nothing ("half" is ``parts``). A quantity in brackets right after a
    mention is its own ("Donetsk (about 70%), Luhansk (nearly all)"), and one in another mention's brackets is not.

Actor
    Control cues need an actor: a Russian one (Russia, Russian forces, Moscow, the Kremlin, pro-Russian
    separatists, "its forces" after one of these) gives that quantity; a Ukrainian one holding "most" of a unit
    gives Russian ``part``, holding "all" of it gives ``none``, holding well under half (a third, a quarter,
    under 45%) gives Russian ``most``; an unknown actor gives nothing. "Russian and separatist forces" and
    "separatist fighters" are Russian; "they <verb> … and now hold …" keeps the pronoun's subject.
    "In (northern) X Oblast, Russian forces occupy all but a few villages" → ``most``; "… hold a strip of
    border settlements" → ``part``. "Pushed (advanced) into a small part of X" is a taking (explicit share only).
    "Occupied" used as an adjective ("partially occupied Donetsk region") counts as Russian but needs an
    explicit quantity; "they occupy" with a pronoun that resolves to no actor gives nothing.
    Without a quantity, only a present-tense holding of Crimea or Sevastopol ("Russia has controlled Crimea
    since 2014", "Russian-occupied Crimea") gives ``all``. An actor right after a preposition ("seized Crimea
    from Ukraine and has held …") is not the holder. "Russia has kept X under (tight) control" is a holding.

Withdrawal
    Russian forces withdrawn from / driven out of a unit, a unit free of Russian troops or liberated from them,
    a unit "fully (completely, entirely) liberated", or Ukraine retaking all of it → ``none`` ("largely
    liberated", Ukraine retaking most of it, most of it free of Russian troops → ``part``); only when no
    partial quantity is given, and (without "entire", "all of", "whole") only for a mention with a region word in
    a sentence not about a city, town or river bank.
    Negated control of "any part of" a unit → ``none``. A list ending in a region word ("the Kyiv, Chernihiv and
    Sumy regions") names each of its units as a region.

Claim
    Annexed, annexation (of), incorporated, absorbed: Crimea and Sevastopol → ``annexed-2014``; Donetsk,
    Luhansk, Zaporizhzhia, Kherson → ``annexation-declared-2022``; any other unit → nothing. A year written next
    to the mention (else the publication year) that contradicts this (Crimea other than 2014, the four before
    2022) gives nothing; "X, one of the four regions Moscow claims to have annexed" / "…, the four provinces Moscow
    says it annexed" / "purported to annex" / "…, which Moscow used to claim them as Russian territory" /
    "a treaty making Crimea and Sevastopol part of Russia" / "declared X, along with three others, to be part of
    Russia" / present "annexes" / "annexed … along with the rest of Crimea" count too. "Moscow does not
    claim X" / "Russia has made no (formal) claim to X" / "has not (never) claimed X" / "X, which Moscow has not
    claimed" → ``none`` (each unit of a list), but not before "yet" ("has not claimed Kharkiv — yet") nor when
    limited in time ("did not claim Kherson until …", "at first", "initially", "before").

Negation and hypotheticals
    A cue after not / never / no (other than the claim-``none`` and "any part" forms) gives nothing, and so does
    one in a clause with if / would / could / may / might / will / plans / threatened / possible / failed / …
    (a non-restrictive relative clause, ", which …", is read on its own).

Attribution
    "X said (that) …", "…, X said", "according to X", "X claims …": the suggestion keeps the speaker phrase as
    written in ``attributed_to``.

Choice
    Of several candidates for one (unit, field), the first of: direct over attributed, then body over caption
    over headline, then an explicit quantity over an implied one, then the earliest in the text.

Stand-ins
    "The region" stands for a unit only where that is unambiguous: the one unit named before it in its
    sentence, else (none named before it) the one unit named in the sentence before ("the entire/whole region"
    likewise); never a city unit, and
    not with a mention after it in its clause ("the region around Kyiv"). "The peninsula" stands for Crimea in
    an article naming Crimea or Sevastopol, and for Sevastopol too (an article naming it) for ``control all``
    only ("Russia has held the whole of the peninsula since 2014"). A named place in apposition to a part of a
    unit carries the cue before it ("occupy the Kinburn Spit, a small part of the Mykolaiv region" → ``part``).
    "Either region", "both regions", "the two (three, four) regions" stand for exactly that many units named
    before them in their sentence (not an apposition to the list) or in the last sentence naming a unit.

More forms (added after the blind4 set's first run)
    Claim ``none``: "has not (never) annexed X", "has never declared X part of Russia", "X has never been
    claimed (annexed) by Moscow", "… and has never claimed it" (``it``: the one unit named before it in the
    clause); "did not make X part of Russia" is left alone. Claims: "Moscow claims X as its own territory",
    "attempted annexation of" (the declared one), "X, which Russia declared annexed". Shares: three fifths
    (``most``), two fifths (``part``), about half (``parts``), "all but a handful of villages in" (``most``),
    "several villages in", "a pocket of several border villages in the north of", "gained (kept) a foothold"
    (``part``); "X, large parts of which remain occupied …", "X, most of which Russia now controls" and "X, where
    Russia holds roughly three quarters of each" bind the share to X. "X is back (entirely) under Ukrainian
    control" → ``none`` (largely: ``part``; plain "in Ukrainian hands" says nothing); "the whole X region had been
    recaptured" → ``none``. "Do not fully control any of" is not ``none``. A correction note ("An earlier version
    of this article said …") gives nothing up to its next ";".

More forms (added after the blind5 set's first run)
    A unit fronted as a topic ("In Donetsk region, Russian forces now hold about four-fifths of the territory";
    a line "- Luhansk: Russian forces occupy almost all of it"; "cling to a narrow band") gives the share held.
    "No Russian ground forces are present anywhere in X" → ``none``. "X … became (remains) 'a subject (part) of
    the Russian Federation'", "decrees 'admitting' X into Russia", "declared X part of its territory" are claims
    (negated: ``none``). "One hundred percent", "a small share of", "occupy Izium and large stretches of … X",
    a mention in quotes before its passive. "Pushed Russian troops out of most of X" → ``part`` (not when dated
    to an earlier time: "… last September"). A timeline's dated entry ("July 3: …", "Sept. 6-12: …") says
    nothing of control now (its claims stand).

More forms (added after the blind6 set's first run)
    "The Luhansk People's Republic has been completely liberated" (the name and the word Moscow uses) is Russian
    control; "the Ukrainian-held part of X" is no Russian cue; "the greater (larger) part of" → ``most``; "… hold
    almost all of it" ("it": the one unit named before it); "the rest of X has been free of Russian forces" →
    ``part``; "no Russian troops left anywhere in X" → ``none``; "carved out a foothold in the eastern tip of";
    "In X region the separatists hold under a third of the territory", "scattered pockets"; "that region" stands in
    as "the region" does; "pushing out of Kursk" is a movement, only "pushing to (for)" a hypothetical.

The clause reader (:mod:`.clauses`)
    Where the rules above state nothing of a (unit, field), a second, looser reading takes each sentence clause
    by clause: a holding, a side and one share bound to the unit ("Luhansk region is lost to Kyiv: Russian
    troops hold almost all of it"), a declared claim in other words ("one of four regions that Moscow proclaimed
    part of Russia"), a claim denied ("neither Donetsk nor Luhansk has been absorbed by Russia", before 2022).
    Its guards are those of the rules (question, hypothetical, negation, an earlier year, a city); its
    suggestions rank after theirs. Added after the blind6 set, before blind7 and blind8 were written.

Limits
    Pronouns are not followed across sentences except "its/their forces" and "it" back to the nearest actor in
    the 300 characters before; "the region" only as above; a claim written only in a sentence not naming the
    unit is missed.
"""

from __future__ import annotations

from dashboard.claims.roles import CAPITAL_UNITS, mention_role
from dashboard.claims.suggest.model import (
    CITY_UNITS,
    CRIMEA_UNITS,
    DECLARED_2022_UNITS,
    Suggestion,
)
from dashboard.claims.suggest.run import suggest

__all__ = [
    "CAPITAL_UNITS",
    "CITY_UNITS",
    "CRIMEA_UNITS",
    "DECLARED_2022_UNITS",
    "Suggestion",
    "mention_role",
    "suggest",
]
