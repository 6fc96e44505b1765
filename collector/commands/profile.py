"""``collector profile``: show, extend or trim the topic profile the next run will use.

The profile is learned from the seeds at every run; on top of it the corpus keeps the terms
grown from relevant articles (snowball growth) and the user's edits (terms added or
excluded). This command composes them exactly as ``collector grow`` will.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from collector.commands._common import CliError, add_db, db_path
from collector.store import Store

MAX_TERM_LENGTH = 80


def register(sub: Any) -> None:
    parser = sub.add_parser("profile", help="show or edit the topic profile")
    add_db(parser)
    parser.add_argument("--seeds", help="seed folder or file (default: seeds/)")
    parser.add_argument(
        "--add", action="append", default=[], metavar="TERM",
        help="a word or phrase that belongs to the story (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--exclude", action="append", default=[], metavar="TERM",
        help="a word or phrase whose presence makes a page off-topic (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--reset", action="store_true",
        help="forget grown terms and earlier edits (before applying --add/--exclude)",
    )  # fmt: skip
    parser.add_argument("--top", type=int, default=40, help="how many terms to list")
    parser.add_argument("--json", action="store_true", help="print the profile as JSON")
    parser.set_defaults(func=run)


def clean_terms(values: list[str], flag: str) -> list[str]:
    """Fold the terms of ``--add``/``--exclude``; refuse terms without letters.

    Raises:
        CliError: a term is empty, has no letters or is too long.
    """
    from collector.relevance import normalize_term

    terms = []
    for value in values:
        term = normalize_term(value)
        if not any(c.isalpha() for c in term) or len(term) > MAX_TERM_LENGTH:
            raise CliError(
                f"{flag} {value!r}: give a word or phrase of at most {MAX_TERM_LENGTH} "
                "characters with letters in it"
            )
        terms.append(term)
    return terms


def run(args: argparse.Namespace) -> int:
    from scrapy.settings import Settings

    from collector.leads import build_queries, written_as
    from collector.paths import resolve_path
    from collector.relevance import compose_profile
    from collector.seeds import load_seeds, seed_profile, story_start
    from collector.urls import canonicalize_url

    added, excluded = clean_terms(args.add, "--add"), clean_terms(args.exclude, "--exclude")
    if both := set(added) & set(excluded):
        raise CliError(f"{', '.join(sorted(both))}: both added and excluded; pick one")
    settings = Settings()
    settings.setmodule("collector.settings")
    store = Store(db_path(args))
    if added or excluded or args.reset:
        store.edit_profile(added, excluded, args.reset)
    seeds_path = (
        Path(args.seeds).expanduser().resolve()
        if args.seeds
        else resolve_path(settings.get("COLLECTOR_SEEDS"))
    )
    seedset = load_seeds(seeds_path)
    seeds = [(s.title, s.text) for s in seedset.seeds]
    if not seeds and seedset.urls:  # URL seeds: the pages an earlier run stored
        seeds = store.headlines_and_texts([canonicalize_url(url) for url in seedset.urls])
    if not seeds:
        raise CliError(
            f"{seeds_path}: no text seeds here, nor stored pages of its seed URLs; point "
            "--seeds at the seed folder (URL seeds are read by the first `collector grow`)"
        )
    state = store.load_profile()
    core = seed_profile(
        seeds,
        settings.getfloat("COLLECTOR_CORE_SEED_SHARE"),
        settings.getint("COLLECTOR_CORE_MAX_NAMES"),
        settings.getfloat("COLLECTOR_SEED_RELEVANCE"),
    )
    profile = compose_profile(
        core,
        state.grown,
        state.added,
        state.excluded,
        settings.getfloat("COLLECTOR_PROFILE_GROWTH_SHARE"),
    )
    queries = written_as(
        build_queries(
            [title for title, _ in seeds], profile, settings.getint("COLLECTOR_QUERIES_PER_SEED")
        ),
        [f"{title}\n{text}" for title, text in seeds],
    )
    top = profile.top_terms(max(args.top, 0))
    start = story_start(seedset.seeds, datetime.now(UTC))
    if args.json:
        print(json.dumps({
            "terms": [{"term": t, "weight": round(w, 4), "source": profile.sources.get(t, "seed")}
                      for t, w in top],
            "excluded": sorted(profile.excluded), "names": list(profile.names),
            "language": profile.language, "queries": queries, "scale": round(profile.scale, 4),
            "story_start": start.isoformat() if start else None,
        }, ensure_ascii=False, indent=1))  # fmt: skip
        return 0
    print_profile(profile.sources, top, sorted(profile.excluded), queries, seeds_path,
                  profile.language)  # fmt: skip
    print_names(profile.names, settings.getint("COLLECTOR_CORE_MIN_LINES"))
    print_start(start, settings.getfloat("COLLECTOR_STORY_MAX_DAYS_BEFORE_SEEDS"))
    if profile.scale > 1:
        print(f"Scores scaled by {profile.scale:.2f}: the seeds share few terms, so articles "
              "about their story score lower against them than usual "
              "(COLLECTOR_SEED_RELEVANCE)")  # fmt: skip
    return 0


def print_names(names: tuple[str, ...], min_lines: int) -> None:
    """Print the story's core names and what the gate asks of them."""
    if not names or min_lines <= 0:
        print("Core names: none (pages are judged by their score alone)")
        return
    print(f"Core names: {', '.join(names)} (a page is about the story only if it names each "
          f"in {min_lines} of its lines; named once, relevance feedback decides)")  # fmt: skip


def print_start(start: datetime | None, days: float) -> None:
    """Print the story's date and how far before it the gate keeps pages."""
    if start is None or days <= 0:
        shown = "the seeds show no date" if start is None else f"{start:%Y-%m-%d}"
        print(f"Story's date: {shown} (pages of any date are judged)")
        return
    print(f"Story's date: {start:%Y-%m-%d}, the earliest the seeds show (a page published "
          f"more than {days:g} days before it is an older story's)")  # fmt: skip


def print_profile(
    sources: Any,
    top: list[tuple[str, float]],
    excluded: list[str],
    queries: list[str],
    seeds: Path,
    language: str = "en",
) -> None:
    """Print the profile the next run will use."""
    from collections import Counter

    counts = Counter(sources.values())
    print(f"Topic profile for the next run (seeds: {seeds}; language: {language})")
    print(
        f"  {counts['seed']} terms from the seeds, {counts['grown']} grown from stored "
        f"articles, {counts['user']} added by you; excluded: {', '.join(excluded) or 'none'}"
    )
    print("  weight  source  term")
    for term, weight in top:
        print(f"  {weight:6.2f}  {sources.get(term, 'seed'):6s}  {term}")
    print("Queries sent to every search provider:")
    for query in queries:
        print(f"  {query}")
    print("Edit: collector profile --add TERM | --exclude TERM | --reset")
