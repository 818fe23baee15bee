"""``suggest(article)``: the statuses an article states of the units it names, by rule."""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.claims.roles import mention_role
from dashboard.claims.suggest.anaphora import _add_anaphors
from dashboard.claims.suggest.clauses import clause_candidates
from dashboard.claims.suggest.lists import list_claims
from dashboard.claims.suggest.model import _BLOCK_RANK, Suggestion
from dashboard.claims.suggest.reading import _Reader
from dashboard.claims.suggest.sentence import _Candidate
from dashboard.places.mentions import find_hits
from dashboard.sources.model import Article, Excerpt


def suggest(article: Article, hits: Iterable | None = None) -> tuple[Suggestion, ...]:
    """The statuses ``article`` states of the units it names, by rule.

    Parameters
    ----------
    article : Article
        The source.
    hits : iterable of MentionHit, optional
        Its mentions (default :func:`dashboard.places.mentions.find_hits`); a capital named for its government or in a
        dateline is left out here in any case.

    Returns
    -------
    tuple of Suggestion
        At most one per (unit, field), the best-supported one (see the module's "Choice"), in text order.
    """
    all_hits = find_hits(article) if hits is None else list(hits)
    places = [h for h in all_hits if mention_role(article.text, h.start, h.end, h.unit) == "place"]  # once each
    by_sentence: dict[tuple[int, int], tuple[Excerpt, list]] = {}
    for h in places:
        if getattr(h, "block", "body") not in _BLOCK_RANK:
            continue
        ex = h.excerpt
        if ex.text != article.text[ex.start : ex.end]:
            continue
        by_sentence.setdefault((ex.start, ex.end), (ex, []))[1].append(h)
    _add_anaphors(article, places, by_sentence)
    reader = _Reader(article)
    for ex, sentence_hits in by_sentence.values():
        sentence_hits.sort(key=lambda h: (h.start, h.end, h.unit))
        reader.sentence(ex, sentence_hits)
    places: dict[int, tuple[tuple[int, str], ...]] = {}  # tuples of numbers and text: left alone by the GC
    for (start, _end), (_ex, sentence_hits) in by_sentence.items():
        places[start] = tuple((h.start, h.unit) for h in sentence_hits)
    published = article.meta.published.year if article.meta.published else None
    best: dict[tuple[str, str], _Candidate] = {}
    for c in [*reader.found, *list_claims(article, places, published)]:
        if c.only is not None and c.only != (c.field, c.value):
            continue
        key = (c.unit, c.field)
        if key not in best or c.rank < best[key].rank:
            best[key] = c
    looser: dict[tuple[str, str], _Candidate] = {}
    for c in clause_candidates(article, by_sentence):  # only where the rules stated nothing
        key = (c.unit, c.field)
        if c.only is not None and c.only != (c.field, c.value):
            continue
        if key not in best and (key not in looser or c.rank < looser[key].rank):
            looser[key] = c
    best.update(looser)
    chosen = sorted(best.values(), key=lambda c: (c.excerpt.start, c.unit, c.field))
    return tuple(
        Suggestion(
            unit=c.unit,
            field=c.field,
            value=c.value,
            excerpt=c.excerpt,
            cue=" … ".join(article.text[s:e] for s, e in c.cue_spans),
            cue_spans=c.cue_spans,
            attributed_to=c.attributed_to,
        )
        for c in chosen
    )
