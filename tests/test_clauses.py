"""Tests of the clause reader (dashboard.claims.suggest.clauses): the looser second reading of a sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.claims.suggest import suggest
from dashboard.sources.model import SourceMeta
from dashboard.sources.reader import build_article


def _suggest(body: str, published: dt.date | None = dt.date(2024, 5, 1)):
    text = f"A report\n\n{body}\n"
    article = build_article("t.txt", text, SourceMeta(title="A report", publisher="T", published=published))
    return article, suggest(article)


def _values(body: str, **kw) -> dict[tuple[str, str], str]:
    return {(s.unit, s.field): s.value for s in _suggest(body, **kw)[1]}


@pytest.mark.parametrize(
    ("body", "want"),
    [
        # a colon hands the unit on to the clause after it, where "it" stands for it
        (
            "Sumy region is a quiet front: Russian soldiers occupy almost all of it near the border, officials say.",
            {("UA-59", "control"): "most"},
        ),
        ("- Kherson: the whole region is under Russian occupation.", {("UA-65", "control"): "all"}),
        ("- Kherson: nearly the whole region is under Russian occupation.", {("UA-65", "control"): "most"}),
        ("- Kherson: the greater part of the region is held by Russian troops.", {("UA-65", "control"): "most"}),
        # "all but" is no clause break; an aside between commas; a share ending a relative clause on the unit
        ("Ukraine's forces control all but a sliver of the Sumy region.", {("UA-59", "control"): "part"}),
        (
            "Roughly four fifths of the Luhansk region, on the eastern side, is under Russian occupation.",
            {("UA-09", "control"): "most"},
        ),
        ("The hardest hit is Luhansk, of which Russia holds all but a few villages.", {("UA-09", "control"): "most"}),
        # "respectively": each unit its percentage, in order; a year after the share's own part says nothing of it
        (
            "In Zaporizhzhia and Kherson, Russia holds about 75 and 40 percent respectively.",
            {("UA-23", "control"): "most", ("UA-65", "control"): "part"},
        ),
        (
            "Russian forces hold two thirds of the Donetsk region, including Mariupol, destroyed in the 2022 siege.",
            {("UA-14", "control"): "most"},
        ),
        # a share bound to the stand-in right after it
        ("Luhansk was shelled again. Russia still occupies nearly all of that region.", {("UA-09", "control"): "most"}),
        # a Ukrainian share turned into Russia's
        ("In Luhansk the balance is plain: Kyiv's forces hold roughly a tenth of it.", {("UA-09", "control"): "most"}),
        ("In Zaporizhzhia, the rebels control about half of its territory.", {("UA-23", "control"): "parts"}),
        # a piece in a clause naming one unit
        (
            "Near Kupiansk in Kharkiv, where Russia clings to a thin wedge along the river, shelling goes on.",
            {("UA-63", "control"): "part"},
        ),
        # no troops left, in each unit of a list handed on by a colon
        (
            "Poltava, Cherkasy and Vinnytsia regions: no Russian troops remain in any of the three.",
            {("UA-53", "control"): "none", ("UA-71", "control"): "none", ("UA-05", "control"): "none"},
        ),
        # cleared, with an exception
        (
            "The governor said Mykolaiv region has been cleared of Russian troops, except for a spit of sand.",
            {("UA-48", "control"): "part"},
        ),
        # a declared claim in other words, and in a relative clause
        (
            "Odesa is far from Kherson, one of four regions that the Kremlin proclaimed part of Russia in 2022.",
            {("UA-65", "claim"): "annexation-declared-2022"},
        ),
        (
            "Putin on Friday declared Zaporizhzhia and Luhansk to be Russian territory.",
            {("UA-23", "claim"): "annexation-declared-2022", ("UA-09", "claim"): "annexation-declared-2022"},
        ),
        # a claim whose units are listed after a colon (only the part of the clause holding the cue is read)
        (
            "Leaving Crimea aside, Moscow declared four regions annexed in September 2022: Donetsk, Luhansk, "
            "Zaporizhzhia and Kherson.",
            {(u, "claim"): "annexation-declared-2022" for u in ("UA-14", "UA-09", "UA-23", "UA-65")},
        ),
        (
            "Kremlin spokesman Dmitry Peskov said the Kherson region is a subject of the Russian Federation.",
            {("UA-65", "claim"): "annexation-declared-2022"},
        ),
        # claims denied, before the four were claimed
        (
            "Neither Donetsk nor Luhansk has been absorbed by Russia, the Kremlin says.",
            {("UA-14", "claim"): "none", ("UA-09", "claim"): "none"},
        ),
        ("Moscow has never laid claim to Poltava.", {("UA-53", "claim"): "none"}),
    ],
)
def test_forms_the_clause_reader_reads(body, want):
    published = dt.date(2015, 3, 1) if "Neither" in body else dt.date(2024, 5, 1)
    assert _values(body, published=published) == want


@pytest.mark.parametrize(
    "body",
    [
        "Kherson region is contested: Russian troops could hold almost all of it by spring.",  # hypothetical
        "Kherson region was contested: Russian troops previously held almost all of it.",  # past
        "Kherson region in 2022: Russian troops held almost all of it.",  # a year before the article's
        "Sumy region is calm: Russian troops do not hold any of it, and never held most of it.",  # negation
        "Crimea voted in a referendum held under the watch of Russian soldiers.",  # a participle, not a holding
        "Russian forces occupy the Kinburn Spit, most of the Mykolaiv region.",  # an apposition, not the object
        "Russian forces hold part of the region around Kyiv.",  # a region word never stands for a city unit
        "Russian troops hold the larger, eastern part of Kherson region.",  # "larger" turns the share round
        "Is Donetsk region lost? Russian troops hold most of it.",  # the question says nothing; "it" is not carried
        "The Sumy region has not been annexed by Ukraine's allies, of course.",  # whose claim: not Russia's
        "Russia has not annexed Kharkiv — yet.",
        "Crimea is not Russian territory, the minister said.",  # Crimea and Sevastopol are never claim none
        "Zaporizhzhia is not Russian territory, Kyiv says.",  # nor the four, after 30 September 2022
        "If Putin declared Kharkiv part of Russia, talks would end.",  # hypothetical claim
        "Putin declared Kharkiv part of Russia.",  # a unit outside 2014 and 2022: no claim value to give
    ],
)
def test_guards_of_the_clause_reader(body):
    assert _values(body) == {}


def test_a_bare_annexed_is_left_to_the_rules():
    # the rules give Crimea its claim from "the peninsula"; the clause reader does not pass it to Sevastopol
    assert ("UA-40", "claim") not in _values("Sevastopol lies on the peninsula that Moscow annexed in 2014.")


def test_a_clause_reader_suggestion_cites_its_own_sentence_and_cue():
    body = "Officials met in Lviv. - Kherson: the whole region is under Russian occupation."
    article, found = _suggest(body)
    (s,) = found
    assert (s.unit, s.field, s.value) == ("UA-65", "control", "all")
    assert article.text[s.excerpt.start : s.excerpt.end] == s.excerpt.text
    assert "Kherson" in s.excerpt.text and "Lviv" not in s.excerpt.text
    assert s.cue == "the whole … under Russian occupation"
    assert all(s.excerpt.start <= a < b <= s.excerpt.end for a, b in s.cue_spans)


def test_the_rules_win_over_the_clause_reader():
    # the rules bind "most of" to Donetsk; the clause reader would read the same, and never adds a second one
    found = _suggest("Russian forces hold most of Donetsk region.")[1]
    assert [(s.unit, s.field, s.value) for s in found] == [("UA-14", "control", "most")]


def test_attribution_is_kept_by_the_clause_reader():
    found = _suggest("- Kherson: the whole region is under Russian occupation, the ministry said.")[1]
    assert [(s.unit, s.value, s.attributed_to) for s in found] == [("UA-65", "all", "the ministry")]
