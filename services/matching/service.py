"""Matching rules: keep the indexes fresh from the change feeds, rank, authorise, explain.

The engine holds one hybrid ranker per kind of text: challenges, startup profiles (public
data only) and proposals (confidential: only ever ranked for the owning department). Before
answering, a ranking request catches up on the feeds, so a write acknowledged before the
request is part of its answer; writes themselves never touch the model.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import uuid
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, TypeVar

import numpy as np
from prometheus_client import Gauge
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.core.auth import Principal, Role
from services.core.db import WRITE_OPTION, utcnow
from services.core.pagination import decode_cursor, encode_cursor
from services.matching.embedder import EmbedderHolder
from services.matching.errors import RankingNotFound
from services.matching.index import Doc
from services.matching.pgvector import namespace_for
from services.matching.ranker import HybridRanker, Method
from services.matching.readers import FEEDS, Feed, FeedReader
from services.matching.repository import EmbeddingRepository
from services.matching.schemas import (
    Explanation,
    RankedChallenge,
    RankedProposal,
    RankedStartup,
    Ranking,
)
from services.matching.textnorm import is_unaccented_vietnamese

log = logging.getLogger("oip.matching")
INDEXED = Gauge("oip_matching_indexed_documents", "Documents in the matching index", ["kind"])

T = TypeVar("T")
RANKABLE_PROPOSALS = {"submitted", "shortlisted", "not_selected", "selected"}
FEED_PAGE = 500
VECTOR_WRITE_BATCH = 32  # stored vectors per write transaction
QUERY_VECTOR_CACHE = 4096
SEARCH_VECTOR_CACHE = 1024  # free-text search vectors (queries are ≤ 200 characters)
_ZERO_ID = uuid.UUID(int=0)
_FEED_KIND: dict[Feed, str] = {
    "challenges": "challenge",
    "profiles": "profile",
    "proposals": "proposal",
}
_KIND_FEED: dict[str, Feed] = {kind: feed for feed, kind in _FEED_KIND.items()}
# Every ranking reads the challenges, and proposals are the feed most often embedded in bulk.
_LOCK_ORDER: tuple[Feed, ...] = ("proposals", "profiles", "challenges")
_SEARCH_FEED: dict[str, Feed] = {
    "challenges": "challenges",
    "startups": "profiles",
    "proposals": "proposals",
}


def content_hash(text: str) -> str:
    """Identify a text (sha256 hex)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def challenge_text(item: dict[str, Any]) -> tuple[str, str]:
    """Title and body of a challenge as matching sees it."""
    parts = [item["summary"], item["problem_statement"], *item.get("expected_outcomes", [])]
    if item.get("tags"):
        parts.append(", ".join(item["tags"]))
    return item["title"], "\n\n".join(p for p in parts if p)


def profile_text(item: dict[str, Any]) -> tuple[str, str]:
    """Name and body of a startup's public profile."""
    parts = [item["description"]]
    if item.get("capabilities"):
        parts.append(", ".join(item["capabilities"]))
    if item.get("technologies"):
        parts.append(", ".join(item["technologies"]))
    return item["name"], "\n\n".join(parts)


def proposal_text(item: dict[str, Any]) -> tuple[str, str]:
    """Title and body of a proposal."""
    return item["title"], f"{item['summary']}\n\n{item['approach']}"


@dataclass
class Entry:
    """What the engine remembers of one indexed entity besides its vectors."""

    id: uuid.UUID
    title: str
    text: str
    hash: str
    meta: dict[str, Any]

    @property
    def full_text(self) -> str:
        """Title and body together."""
        return f"{self.title}\n\n{self.text}"


@dataclass
class Corpus:
    """One ranker and the entries it holds."""

    kind: str
    ranker: HybridRanker
    entries: dict[uuid.UUID, Entry] = field(default_factory=dict)


class MatchingEngine:
    """The in-memory indexes of one matching process, fed from the change feeds."""

    def __init__(
        self,
        holder: EmbedderHolder,
        reader: FeedReader,
        sessionmaker: async_sessionmaker[AsyncSession],
        dense_kind: Literal["exact", "hnsw", "pgvector"] = "exact",
        overlap_seconds: float = 10.0,
        dense_options: dict[str, Any] | None = None,
    ) -> None:
        self.holder = holder
        self.reader = reader
        self.sessionmaker = sessionmaker
        self.dense_kind = dense_kind
        self.dense_options = dense_options or {}
        self.overlap = timedelta(seconds=overlap_seconds)
        # One lock per feed and its corpus: a catch-up takes those of the feeds it reads, a
        # ranking that of the corpus it searches, so a ranking waits only for changes it
        # depends on. Locks are always taken in _LOCK_ORDER, so no two holders deadlock.
        self.locks: dict[Feed, asyncio.Lock] = {feed: asyncio.Lock() for feed in FEEDS}
        self._corpora_lock = asyncio.Lock()
        self.corpora: dict[str, Corpus] = {}
        self.high_water: dict[Feed, tuple[datetime, uuid.UUID] | None] = dict.fromkeys(FEEDS)
        # When the last complete read of each feed began (see _since).
        self.read_started: dict[Feed, datetime | None] = dict.fromkeys(FEEDS)
        self.proposals_by_challenge: dict[uuid.UUID, set[str]] = defaultdict(set)
        self.last_sync: datetime | None = None
        # Query-side vectors by (kind, entity): the stored ones, valid while hash and model match.
        self._query_vectors: dict[tuple[str, uuid.UUID], tuple[str, str, np.ndarray]] = {}
        # Free-text search vectors by (model, text), most recently used last.
        self._search_vectors: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()

    def close(self) -> None:
        """Release the indexes' outside resources (pgvector connections) at shutdown."""
        for corpus in self.corpora.values():
            corpus.ranker.close()

    async def reset(self) -> None:
        """Forget the in-memory indexes; the next catch-up rebuilds them from the feeds and stored vectors."""
        async with contextlib.AsyncExitStack() as stack:
            for feed in _LOCK_ORDER:
                await stack.enter_async_context(self.locks[feed])
            for corpus in self.corpora.values():
                await asyncio.to_thread(corpus.ranker.close)
            self.corpora = {}
            self.high_water = dict.fromkeys(FEEDS)
            self.read_started = dict.fromkeys(FEEDS)
            self.proposals_by_challenge = defaultdict(set)
            self.last_sync = None

    # --- freshness ----------------------------------------------------------------------------

    async def _ensure_corpora(self) -> None:
        async with self._corpora_lock:
            if self.corpora:
                return
            embedder = await self.holder.get()
            corpora = {}
            for kind in ("challenge", "profile", "proposal"):
                options = dict(self.dense_options)
                if self.dense_kind == "pgvector":
                    options["namespace"] = namespace_for(kind, embedder.model_id)
                ranker = await asyncio.to_thread(HybridRanker, embedder, self.dense_kind, **options)
                corpora[kind] = Corpus(kind, ranker)
            self.corpora = corpora

    def _since(self, feed: Feed) -> str | None:
        mark = self.high_water[feed]
        if mark is None:
            return None
        # A change can be missing from the last read only if it committed after that read
        # began; its timestamp is then at most `overlap` older than that start (the longest
        # write transaction, plus clock skew between services). Re-read from there, or from the
        # mark itself once that window has passed, so an old bulk import is not read again.
        started = self.read_started[feed] or mark[0]
        floor = started - self.overlap
        if floor >= mark[0]:
            return encode_cursor(*mark)
        return encode_cursor(floor, _ZERO_ID)

    async def catch_up(self, feeds: Iterable[Feed] = FEEDS) -> int:
        """Apply every change these feeds hold that the indexes have not seen; returns how many.

        The feeds are read together (one snapshot in one process), then applied challenges
        first, each feed's lock released once it is applied. The locks are taken proposals
        first, so a catch-up waiting for another one's proposals holds no other lock: a ranking
        that does not read the proposals never waits while new proposals are being embedded.
        """
        chosen = set(feeds)
        wanted = [feed for feed in FEEDS if feed in chosen]
        held: list[Feed] = []
        try:
            for feed in _LOCK_ORDER:
                if feed in wanted:
                    await self.locks[feed].acquire()
                    held.append(feed)
            await self._ensure_corpora()
            applied = 0
            started = utcnow()
            first = await self.reader.read_many({f: self._since(f) for f in wanted}, FEED_PAGE)
            for feed in wanted:
                applied += await self._follow(feed, *first[feed], started)
                held.remove(feed)
                self.locks[feed].release()
        finally:
            for feed in held:
                self.locks[feed].release()
        if len(wanted) == len(FEEDS):
            self.last_sync = utcnow()
        for kind, corpus in self.corpora.items():
            INDEXED.labels(kind).set(len(corpus.entries))
        return applied

    async def _follow(
        self, feed: Feed, items: list[dict[str, Any]], next_cursor: str | None, started: datetime
    ) -> int:
        """Apply a feed's first page and the pages after it; returns how many changes."""
        changed = 0
        while True:
            if items:
                changed += await self._apply(feed, items)
                self.high_water[feed] = decode_cursor(next_cursor) if next_cursor else None
            if len(items) < FEED_PAGE or not next_cursor:
                break
            items, next_cursor = await self.reader.read(feed, next_cursor, FEED_PAGE)
        self.read_started[feed] = started
        if changed:
            # Build the lexical segments now (at start-up: the whole BM25 index), not in the
            # first ranking that follows.
            await asyncio.to_thread(self.corpora[_FEED_KIND[feed]].ranker.prepare)
        return changed

    async def _apply(self, feed: Feed, items: list[dict[str, Any]]) -> int:
        if feed == "challenges":
            return await self._apply_kind(
                "challenge", items, challenge_text, _challenge_meta, lambda _: True
            )
        if feed == "profiles":
            return await self._apply_kind(
                "profile", items, profile_text, _profile_meta, lambda _: True
            )
        return await self._apply_kind(
            "proposal",
            items,
            proposal_text,
            _proposal_meta,
            lambda it: it["status"] in RANKABLE_PROPOSALS,
        )

    async def _apply_kind(
        self,
        kind: str,
        items: list[dict[str, Any]],
        to_text: Any,
        to_meta: Any,
        keep: Any,
    ) -> int:
        corpus = self.corpora[kind]
        changed: list[Entry] = []
        removed: list[uuid.UUID] = []
        for item in items:
            entity_id = uuid.UUID(item["id"])
            if not keep(item):
                if entity_id in corpus.entries:
                    removed.append(entity_id)
                continue
            title, text = to_text(item)
            entry = Entry(entity_id, title, text, content_hash(f"{title}\n\n{text}"), to_meta(item))
            known = corpus.entries.get(entity_id)
            if known is not None and known.hash == entry.hash:
                known.meta = entry.meta
                self._track(kind, entry)
                continue
            changed.append(entry)
        for entity_id in removed:
            self._untrack(kind, corpus.entries.pop(entity_id))
        if removed:
            # Off the event loop: with pgvector the dense index writes to PostgreSQL.
            await asyncio.to_thread(corpus.ranker.remove, [str(i) for i in removed])
        if changed:
            vectors = await self._vectors(kind, corpus.ranker, changed, query=False)
            docs = [
                Doc(id=str(e.id), title=e.title, text=e.text, fields=_index_fields(kind, e))
                for e in changed
            ]
            await asyncio.to_thread(corpus.ranker.upsert, docs, vectors)
            for entry in changed:
                corpus.entries[entry.id] = entry
                self._track(kind, entry)
        return len(changed) + len(removed)

    def _track(self, kind: str, entry: Entry) -> None:
        if kind == "proposal":
            self.proposals_by_challenge[entry.meta["challenge_id"]].add(str(entry.id))

    def _untrack(self, kind: str, entry: Entry) -> None:
        if kind == "proposal":
            self.proposals_by_challenge[entry.meta["challenge_id"]].discard(str(entry.id))

    async def _vectors(
        self, kind: str, ranker: HybridRanker, entries: list[Entry], query: bool
    ) -> list[np.ndarray]:
        """Stored chunk vectors where the text is unchanged; embed (and store) the rest."""
        embedder = await self.holder.get()
        model_id = embedder.model_id
        wanted = {e.id: e.hash for e in entries}
        async with self.sessionmaker() as session:
            found = await EmbeddingRepository(session).find(kind, model_id, wanted)
        missing = [e for e in entries if e.id not in found]
        if missing:
            texts = [e.full_text for e in missing]
            pieces, owners = await asyncio.to_thread(ranker.split, texts)
            fresh = ranker.regroup(
                await self.holder.encode(pieces, query=query), owners, len(texts)
            )
            # Short write transactions: the statements run on the event loop (SQLite) and hold
            # the write queue, so a 500-row flush would stall every request behind it.
            for start in range(0, len(missing), VECTOR_WRITE_BATCH):
                part = missing[start : start + VECTOR_WRITE_BATCH]
                async with self.sessionmaker() as session:
                    await session.connection(execution_options={WRITE_OPTION: True})
                    await EmbeddingRepository(session).save(
                        kind,
                        model_id,
                        [(e.id, e.hash) for e in part],
                        fresh[start : start + VECTOR_WRITE_BATCH],
                    )
                    await session.commit()
            for matrix, entry in zip(fresh, missing, strict=True):
                found[entry.id] = matrix
        return [found[e.id] for e in entries]

    async def query_vector(self, kind: str, entry: Entry) -> np.ndarray:
        """The query-side chunk vectors of an entry (e5 embeds queries with their own prefix).

        Kept in memory once read or embedded (a ranking is often asked for again), keyed by
        the entry's content hash and the model, so an edit or a model change misses.
        """
        model_id = (await self.holder.get()).model_id
        cached = self._query_vectors.get((kind, entry.id))
        if cached is not None and cached[0] == entry.hash and cached[1] == model_id:
            return cached[2]
        ranker = self.corpora[kind].ranker
        vector = (await self._vectors(f"{kind}_query", ranker, [entry], query=True))[0]
        if len(self._query_vectors) >= QUERY_VECTOR_CACHE:
            del self._query_vectors[next(iter(self._query_vectors))]  # the oldest
        self._query_vectors[(kind, entry.id)] = (entry.hash, model_id, vector)
        return vector

    async def search_vector(self, text: str) -> np.ndarray:
        """The query vector of a free-text search, remembered by text for a repeated search."""
        key = ((await self.holder.get()).model_id, text)
        cached = self._search_vectors.get(key)
        if cached is not None:
            self._search_vectors.move_to_end(key)
            return cached
        vector: np.ndarray = (await self.holder.encode([text], query=True))[0]
        self._search_vectors[key] = vector
        if len(self._search_vectors) > SEARCH_VECTOR_CACHE:
            self._search_vectors.popitem(last=False)  # the least recently used
        return vector

    # --- ranking -------------------------------------------------------------------------------

    async def rank(
        self,
        kind: str,
        query: Entry,
        query_kind: str,
        top_k: int,
        allowed: set[uuid.UUID] | set[str] | None,
        method: Method = "hybrid",
        where: dict[str, Any] | None = None,
    ) -> list[tuple[Entry, Any]]:
        """Rank the allowed entries of a corpus (ids, or index fields ``where``) against an entry."""
        if allowed is not None and not allowed:
            return []
        qvec = None if method == "lexical" else await self.query_vector(query_kind, query)
        return await self.rank_text(kind, query.full_text, qvec, top_k, allowed, method, where)

    async def rank_text(
        self,
        kind: str,
        text: str,
        qvec: np.ndarray | None,
        top_k: int,
        allowed: set[uuid.UUID] | set[str] | None,
        method: Method = "hybrid",
        where: dict[str, Any] | None = None,
    ) -> list[tuple[Entry, Any]]:
        """Rank the allowed entries (ids as UUIDs or strings, and/or index fields) against a query.

        At least one of ``allowed`` and ``where`` must be given: nothing is ranked unfiltered.
        """
        if (allowed is not None and not allowed) or (allowed is None and not where):
            return []
        corpus = self.corpora[kind]
        later: list[Callable[[], None]] = []
        async with self.locks[_KIND_FEED[kind]]:
            hits = await asyncio.to_thread(
                corpus.ranker.search,
                text,
                top_k,
                method=method,
                allowed=None if allowed is None else _as_ids(allowed),
                query_vector=qvec,
                where=where,
                later=later,
            )
            ranked = [
                (corpus.entries[uuid.UUID(h.id)], h)
                for h in hits
                if uuid.UUID(h.id) in corpus.entries
            ]
        for finish in later:
            # Passages of a text in another language are chosen by cosine, which may embed
            # them: done after the lock is released, so other rankings need not wait for it.
            await asyncio.to_thread(finish)
        return ranked

    def stats(self) -> dict[str, Any]:
        """Whether the index has synced, for /readyz (no counts: readyz is public)."""
        return {
            "synced": self.last_sync is not None,
            "last_sync": self.last_sync.isoformat() if self.last_sync else None,
        }


def _challenge_meta(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "department_id": uuid.UUID(item["department_id"]),
        "status": item["status"],
        "published": item.get("published_at") is not None,
        "deadline": datetime.fromisoformat(item["deadline"]),
        "sectors": item["sectors"],
        "language": item["language"],
    }


def _profile_meta(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "sectors": item["sectors"],
        "languages": item["languages"],
        "stage": item["stage"],
        "name": item["name"],
    }


def _proposal_meta(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "challenge_id": uuid.UUID(item["challenge_id"]),
        "startup_id": uuid.UUID(item["startup_id"]),
        "department_id": uuid.UUID(item["department_id"]),
        "status": item["status"],
    }


def _index_fields(kind: str, entry: Entry) -> dict[str, Any]:
    """Fields the ranker filters on without an id set: a proposal's challenge (never changes)."""
    if kind == "proposal":
        return {"challenge_id": str(entry.meta["challenge_id"])}
    return {}


def _as_ids(allowed: set[uuid.UUID] | set[str]) -> set[str]:
    """The ranker's string ids; string sets pass through uncopied (they can be large)."""
    if any(isinstance(i, str) for i in allowed):
        return allowed  # type: ignore[return-value]
    return {str(i) for i in allowed}


def challenge_status(entry: Entry, now: datetime | None = None) -> str:
    """Effective status: published past its deadline reads as closed."""
    status = str(entry.meta["status"])
    if status == "published" and entry.meta["deadline"] <= (now or utcnow()):
        return "closed"
    return status


def explanation(hit: Any) -> Explanation:
    """Render a ranker hit's explanation."""
    return Explanation(
        semantic=round(float(hit.semantic), 4),
        lexical=round(float(hit.lexical), 4),
        matched_terms=list(hit.matched_terms),
        passages=list(hit.passages),
    )


def _is_department_staff(principal: Principal, department_id: uuid.UUID) -> bool:
    return principal.role in (Role.department, Role.reviewer) and principal.belongs_to(
        department_id
    )


def challenge_for(engine: MatchingEngine, principal: Principal, challenge_id: uuid.UUID) -> Entry:
    """A challenge the caller may see (drafts: its department and admins), or 404."""
    entry = engine.corpora["challenge"].entries.get(challenge_id)
    if entry is None:
        raise RankingNotFound("challenge not found")
    if not entry.meta["published"] and not (
        principal.is_admin or _is_department_staff(principal, entry.meta["department_id"])
    ):
        raise RankingNotFound("challenge not found")
    return entry


def owned_challenge(engine: MatchingEngine, principal: Principal, challenge_id: uuid.UUID) -> Entry:
    """A challenge whose rankings the caller may see: its department's staff and admins."""
    entry = challenge_for(engine, principal, challenge_id)
    if principal.is_admin or _is_department_staff(principal, entry.meta["department_id"]):
        return entry
    raise RankingNotFound("challenge not found")


def startup_for(engine: MatchingEngine, principal: Principal, startup_id: uuid.UUID) -> Entry:
    """The startup's profile when the caller is its member or an admin, or 404."""
    if not (
        principal.is_admin or (principal.role is Role.startup and principal.belongs_to(startup_id))
    ):
        raise RankingNotFound("startup not found")
    entry = engine.corpora["profile"].entries.get(startup_id)
    if entry is None:
        raise RankingNotFound("this startup has no profile yet")
    return entry


def unaccented(entry: Entry) -> bool:
    """Whether a query text looks like Vietnamese typed without diacritics."""
    return is_unaccented_vietnamese(entry.full_text)


# --- use cases -------------------------------------------------------------------------------


def _ranking(engine: MatchingEngine, query: Entry, method: Method, items: list[T]) -> Ranking[T]:
    model = engine.holder.describe().get("model", engine.holder.settings.embedding_model)
    return Ranking(items=items, model=str(model), method=method, unaccented_query=unaccented(query))


async def rank_proposals(
    engine: MatchingEngine,
    principal: Principal,
    challenge_id: uuid.UUID,
    top_k: int,
    statuses: list[str],
    method: Method,
) -> Ranking[RankedProposal]:
    """Submitted proposals to the challenge, best first (its department and admins only)."""
    challenge = owned_challenge(engine, principal, challenge_id)
    corpus = engine.corpora["proposal"]
    wanted = set(statuses) & RANKABLE_PROPOSALS if statuses else RANKABLE_PROPOSALS
    allowed: set[str] | None = engine.proposals_by_challenge.get(challenge_id, set())
    where = None
    if not allowed:
        return _ranking(engine, challenge, method, [])
    if wanted == RANKABLE_PROPOSALS:
        # Only rankable proposals are indexed, so the default filter is the challenge alone,
        # which the ranker applies vectorised (no id set to walk at 100k proposals).
        allowed, where = None, {"challenge_id": str(challenge_id)}
    else:
        allowed = {
            pid for pid in allowed if corpus.entries[uuid.UUID(pid)].meta["status"] in wanted
        }
    ranked = await engine.rank(
        "proposal", challenge, "challenge", top_k, allowed, method, where=where
    )
    items = [_proposal_item(entry, hit) for entry, hit in ranked]
    return _ranking(engine, challenge, method, items)


async def rank_startups(
    engine: MatchingEngine,
    principal: Principal,
    challenge_id: uuid.UUID,
    top_k: int,
    sector: str | None,
    language: str | None,
    method: Method,
) -> Ranking[RankedStartup]:
    """Startups ranked for the challenge from their public profiles only."""
    challenge = owned_challenge(engine, principal, challenge_id)
    allowed = _profile_filter(engine, sector, language)
    ranked = await engine.rank("profile", challenge, "challenge", top_k, allowed, method)
    items = [_startup_item(entry, hit) for entry, hit in ranked]
    return _ranking(engine, challenge, method, items)


def _proposal_item(entry: Entry, hit: Any) -> RankedProposal:
    return RankedProposal(
        proposal_id=entry.id,
        startup_id=entry.meta["startup_id"],
        title=entry.title,
        status=entry.meta["status"],
        score=round(float(hit.score), 4),
        explanation=explanation(hit),
    )


def _startup_item(entry: Entry, hit: Any) -> RankedStartup:
    return RankedStartup(
        startup_id=entry.id,
        name=entry.meta["name"],
        sectors=entry.meta["sectors"],
        stage=entry.meta["stage"],
        score=round(float(hit.score), 4),
        explanation=explanation(hit),
    )


def _challenge_items(ranked: list[tuple[Entry, Any]], now: datetime) -> list[Any]:
    return [
        RankedChallenge(
            challenge_id=entry.id,
            department_id=entry.meta["department_id"],
            title=entry.title,
            status=challenge_status(entry, now),
            deadline=entry.meta["deadline"],
            sectors=entry.meta["sectors"],
            language=entry.meta["language"],
            score=round(float(hit.score), 4),
            explanation=explanation(hit),
        )
        for entry, hit in ranked
    ]


def _profile_filter(
    engine: MatchingEngine, sector: str | None, language: str | None
) -> set[uuid.UUID]:
    return {
        sid
        for sid, entry in engine.corpora["profile"].entries.items()
        if (sector is None or sector in entry.meta["sectors"])
        and (language is None or language in entry.meta["languages"])
    }


def _challenge_filter(
    engine: MatchingEngine,
    now: datetime,
    statuses: set[str],
    sector: str | None,
    language: str | None,
    exclude: uuid.UUID | None = None,
) -> set[uuid.UUID]:
    return {
        cid
        for cid, entry in engine.corpora["challenge"].entries.items()
        if cid != exclude
        and entry.meta["published"]
        and challenge_status(entry, now) in statuses
        and (sector is None or sector in entry.meta["sectors"])
        and (language is None or entry.meta["language"] == language)
    }


async def recommend_challenges(
    engine: MatchingEngine,
    principal: Principal,
    startup_id: uuid.UUID,
    top_k: int,
    sector: str | None,
    language: str | None,
    method: Method,
) -> Ranking[RankedChallenge]:
    """Open challenges (published, before the deadline) that fit the startup's profile."""
    profile = startup_for(engine, principal, startup_id)
    now = utcnow()
    allowed = _challenge_filter(engine, now, {"published"}, sector, language)
    ranked = await engine.rank("challenge", profile, "profile", top_k, allowed, method)
    return _ranking(engine, profile, method, _challenge_items(ranked, now))


VISIBLE_TO_ALL = {"published", "closed", "evaluating", "awarded", "cancelled", "archived"}


async def similar_challenges(
    engine: MatchingEngine,
    principal: Principal,
    challenge_id: uuid.UUID,
    top_k: int,
    statuses: list[str],
    sector: str | None,
    language: str | None,
    method: Method,
) -> Ranking[RankedChallenge]:
    """Published and later challenges of every department that resemble this one."""
    challenge = challenge_for(engine, principal, challenge_id)
    now = utcnow()
    wanted = (set(statuses) & VISIBLE_TO_ALL) if statuses else VISIBLE_TO_ALL
    allowed = _challenge_filter(engine, now, wanted, sector, language, exclude=challenge_id)
    ranked = await engine.rank("challenge", challenge, "challenge", top_k, allowed, method)
    return _ranking(engine, challenge, method, _challenge_items(ranked, now))


def _visible_proposals(engine: MatchingEngine, principal: Principal) -> set[uuid.UUID]:
    entries = engine.corpora["proposal"].entries
    if principal.is_admin:
        return set(entries)
    if principal.role is Role.startup:
        return {pid for pid, e in entries.items() if principal.belongs_to(e.meta["startup_id"])}
    if principal.role in (Role.department, Role.reviewer):
        return {pid for pid, e in entries.items() if principal.belongs_to(e.meta["department_id"])}
    return set()


async def search(
    engine: MatchingEngine,
    principal: Principal,
    text: str,
    target: str,
    top_k: int,
    sector: str | None,
    language: str | None,
    method: Method,
) -> Ranking[Any]:
    """Free-text search: open challenges, public profiles, or the proposals the caller may see."""
    await engine.catch_up([_SEARCH_FEED[target]])
    now = utcnow()
    query = Entry(id=_ZERO_ID, title="", text=text, hash=content_hash(text), meta={})
    qvec = None if method == "lexical" else await engine.search_vector(text)
    if target == "challenges":
        allowed = _challenge_filter(engine, now, {"published"}, sector, language)
        ranked = await engine.rank_text("challenge", text, qvec, top_k, allowed, method)
        items: list[Any] = _challenge_items(ranked, now)
    elif target == "startups":
        allowed = _profile_filter(engine, sector, language)
        ranked = await engine.rank_text("profile", text, qvec, top_k, allowed, method)
        items = [_startup_item(entry, hit) for entry, hit in ranked]
    else:
        ranked = await engine.rank_text(
            "proposal", text, qvec, top_k, _visible_proposals(engine, principal), method
        )
        items = [_proposal_item(entry, hit) for entry, hit in ranked]
    return _ranking(engine, query, method, items)
