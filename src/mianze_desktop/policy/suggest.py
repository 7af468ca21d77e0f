"""Rank a pack's items for a free-text case description (主要事实及理由).

Purely lexical and offline. Two signals, both weighted by how distinctive a term
is within the pack (inverse document frequency over its items):
- curated keywords and synonyms from the pack that occur in the text;
- overlapping character bigrams between the text and the item's own words
  (title, verbatim text, fact questions, keywords), BM25-weighted, which also
  catches paraphrases that share words with the policy.
Chinese needs no segmenter for this: bigrams cover most two-character words.
Everyday wording is bridged to the policies' wording by a domain lexicon of
synonym groups (resources/lexicon/*.yaml, data like the packs): a text that
says 人走了 also counts, at a lower weight, as saying 死亡 and 去世.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from .schema import Item, Pack

# Function words and boilerplate that appear everywhere and carry no signal.
_STOP_CHARS = set("的了和与或及在对因为是有被将其等之把向由于也而并但就都这那")
_PUNCT_RE = re.compile(r"[\s\W_]+", re.UNICODE)

KEYWORD_WEIGHT = 1.0
BIGRAM_WEIGHT = 0.6
EXPANSION_WEIGHT = 0.0  # terms added by the lexicon count for less than the user's own words
CONCEPT_WEIGHT = 0.5
BM25_K1 = 1.2
BM25_B = 0.5


def normalize(text: str) -> str:
    # NFKC folds full-width digits and letters; lower-case for Latin words.
    return unicodedata.normalize("NFKC", text or "").lower()


def _chunks(text: str) -> list[str]:
    return [c for c in _PUNCT_RE.split(normalize(text)) if c]


def bigrams(text: str) -> list[str]:
    out: list[str] = []
    for chunk in _chunks(text):
        for a, b in zip(chunk, chunk[1:]):
            if a in _STOP_CHARS or b in _STOP_CHARS or (a.isdigit() and b.isdigit()):
                continue
            out.append(a + b)
    return out


@dataclass
class _ItemIndex:
    item: Item
    terms: Counter
    length: int
    keywords: list[str]
    concepts: frozenset


class _PackIndex:
    def __init__(self, pack: Pack):
        self.items: list[_ItemIndex] = []
        for item in pack.items:
            facts_text = " ".join(pack.fact(f).question for f in item.facts)
            curated = [normalize(k) for k in item.keywords + item.synonyms if k.strip()]
            terms = Counter(bigrams(item.text))
            terms.update(bigrams(item.title) * 2)
            terms.update(bigrams(facts_text))
            for kw in curated:
                terms.update(bigrams(kw) * 2)
            own_words = normalize(" ".join([item.title, item.text, facts_text, *curated]))
            self.items.append(_ItemIndex(item, terms, sum(terms.values()), sorted(set(curated), key=len, reverse=True),
                                         concepts_in(own_words)))
        n = len(self.items)
        df: Counter = Counter()
        kw_df: Counter = Counter()
        concept_df: Counter = Counter()
        for ix in self.items:
            df.update(ix.terms.keys())
            kw_df.update(ix.keywords)
            concept_df.update(ix.concepts)
        self.concept_idf = {g: math.log(1 + n / c) for g, c in concept_df.items()}
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self.kw_idf = {k: math.log(1 + n / c) for k, c in kw_df.items()}
        self.avg_len = sum(ix.length for ix in self.items) / max(n, 1)


_INDEX_CACHE: dict[int, tuple[Pack, _PackIndex]] = {}
_LEXICON: Optional[list[list[str]]] = None


def lexicon() -> list[list[str]]:
    """Synonym groups from resources/lexicon/*.yaml (loaded once)."""
    global _LEXICON
    if _LEXICON is None:
        import yaml

        from .. import paths

        groups: list[list[str]] = []
        folder = paths.resources_dir() / "lexicon"
        for f in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
            for group in data.get("groups", []):
                terms = [normalize(str(t)) for t in group if len(str(t).strip()) >= 2]
                if len(terms) >= 2:
                    groups.append(terms)
        _LEXICON = groups
    return _LEXICON


def concepts_in(text: str) -> frozenset:
    """Indexes of the lexicon groups with a member in the (normalised) text."""
    return frozenset(i for i, group in enumerate(lexicon()) if any(t in text for t in group))


def expand(text: str) -> list[str]:
    """Synonyms of the lexicon groups whose members occur in the (normalised) text."""
    extra: list[str] = []
    for group in lexicon():
        if any(t in text for t in group):
            extra += [t for t in group if t not in text and t not in extra]
    return extra


def _index(pack: Pack) -> _PackIndex:
    cached = _INDEX_CACHE.get(id(pack))
    if cached is None or cached[0] is not pack:
        cached = (pack, _PackIndex(pack))
        _INDEX_CACHE[id(pack)] = cached
    return cached[1]


def _keyword_hits(text: str, keywords: list[str]) -> list[str]:
    """Keywords found in the text; a keyword inside a longer hit is not counted twice."""
    hits: list[str] = []
    for kw in keywords:  # longest first
        if kw in text and not any(kw in h for h in hits):
            hits.append(kw)
    return hits


def suggest(pack: Pack, text: str, top: Optional[int] = None) -> list[dict]:
    """Every item of the pack, best first: {"item","kind","score","title","citation","matched_terms"}."""
    index = _index(pack)
    query = normalize(text)
    extra = expand(query)
    extra_text = "|".join(extra)
    q_weights: dict[str, float] = {t: EXPANSION_WEIGHT for t in bigrams(extra_text)}
    q_weights.update({t: 1.0 for t in bigrams(text)})
    q_concepts = concepts_in(query)
    raw: list[tuple[float, _ItemIndex, list[str]]] = []
    for ix in index.items:
        concept_score = sum(index.concept_idf[g] for g in q_concepts & ix.concepts)
        hits = _keyword_hits(query, ix.keywords)
        kw_score = sum(index.kw_idf[k] * (1 + 0.25 * (len(k) - 2)) for k in hits)
        if extra:
            via_lexicon = [k for k in _keyword_hits(extra_text, ix.keywords) if not any(k in h for h in hits)]
            kw_score += EXPANSION_WEIGHT * sum(index.kw_idf[k] * (1 + 0.25 * (len(k) - 2)) for k in via_lexicon)
        bm25 = 0.0
        norm = BM25_K1 * (1 - BM25_B + BM25_B * ix.length / index.avg_len)
        for term, weight in q_weights.items():
            tf = ix.terms.get(term)
            if tf:
                bm25 += weight * index.idf[term] * tf * (BM25_K1 + 1) / (tf + norm)
        raw.append((KEYWORD_WEIGHT * kw_score + BIGRAM_WEIGHT * bm25 + CONCEPT_WEIGHT * concept_score, ix, hits))
    best = max((r[0] for r in raw), default=0.0)
    results = []
    for score, ix, hits in raw:
        # Scale to 0..1: relative to the best item, damped so a weak best match stays low.
        confidence = (score / best) * (best / (best + 4.0)) if best > 0 else 0.0
        results.append({
            "item": ix.item.id,
            "kind": ix.item.kind,
            "score": round(confidence, 4),
            "title": ix.item.title,
            "citation": ix.item.citation,
            "matched_terms": hits,
            "_raw": score,
        })
    results.sort(key=lambda r: (-r["_raw"], r["item"]))
    for r in results:
        del r["_raw"]
    return results[:top] if top else results
