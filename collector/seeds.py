"""Seed loading: the articles a corpus grows from.

A seed is a plain-text article (``.txt``: first line the headline, then the body) or a
list of article URLs (``.urls``: one per line, ``#`` comments allowed). Text seeds are
cleaned of the boilerplate their pages leaked. A bad seed file never stops the others:
it is reported as a :class:`SeedError` naming the file and what to do.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from collector.cleaning import clean_text
from collector.dates import line_date
from collector.language import main_language
from collector.names import core_names, story_names
from collector.relevance import TopicProfile, build_profile, seed_scale
from collector.words import word_count

SEED_SUFFIXES = (".txt", ".urls")
MAX_SEED_BYTES = 5 * 1024 * 1024
TEXT_SEED_PREFIX = "seed:"  # a text seed's URL in the corpus: seed:FILE_NAME
_HEADLINE_MAX_WORDS = 30


@dataclass(frozen=True)
class Seed:
    """One text seed, cleaned."""

    path: Path
    title: str
    text: str
    removed: tuple[tuple[str, str], ...] = ()

    @property
    def url(self) -> str:
        """A stable pseudo-URL that identifies the seed in the corpus."""
        return f"{TEXT_SEED_PREFIX}{self.path.name}"


@dataclass(frozen=True)
class SeedError:
    """A seed file that could not be used, with the reason and the remedy."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class SeedSet:
    """Everything loaded from a seed path."""

    seeds: tuple[Seed, ...] = ()
    urls: tuple[str, ...] = ()
    errors: tuple[SeedError, ...] = field(default_factory=tuple)


def load_seeds(path: Path) -> SeedSet:
    """Load every seed file under ``path`` (a file or a folder, not recursive).

    Args:
        path: A ``.txt`` or ``.urls`` file, or a folder holding such files.

    Returns:
        The loaded seeds, the seed URLs, and one error per unusable file.
    """
    if not path.exists():
        error = SeedError(path, "no such file or folder; pass --seeds with a seed folder or file")
        return SeedSet(errors=(error,))
    files = (
        sorted(p for p in path.iterdir() if p.suffix in SEED_SUFFIXES) if path.is_dir() else [path]
    )
    if not files:
        error = SeedError(path, "holds no .txt or .urls seed files")
        return SeedSet(errors=(error,))
    seeds: list[Seed] = []
    urls: list[str] = []
    errors: list[SeedError] = []
    for file in files:
        content = _read_text(file)
        if isinstance(content, SeedError):
            errors.append(content)
        elif file.suffix == ".urls":
            found = parse_url_lines(content.splitlines())
            if not found:
                errors.append(SeedError(file, "lists no http(s) URL"))
            urls.extend(found)
        else:
            seed = parse_text_seed(file, content)
            if isinstance(seed, SeedError):
                errors.append(seed)
            else:
                seeds.append(seed)
    return SeedSet(tuple(seeds), tuple(dict.fromkeys(urls)), tuple(errors))


def _read_text(file: Path) -> str | SeedError:
    try:
        data = file.read_bytes()
    except OSError as exc:
        return SeedError(file, f"cannot be read ({exc.strerror}); check its permissions")
    if len(data) > MAX_SEED_BYTES:
        return SeedError(file, "is larger than 5 MB; a seed is one article")
    if b"\x00" in data:
        return SeedError(file, "is binary, not text; a seed is a UTF-8 text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return SeedError(file, "is not UTF-8 text; save it as UTF-8")
    if not text.strip():
        return SeedError(file, "is empty; write the headline on the first line, then the body")
    return text


def parse_url_lines(lines: Iterable[str]) -> list[str]:
    """Return the http(s) URLs of a ``.urls`` file, skipping blanks and ``#`` comments."""
    stripped = (line.strip() for line in lines)
    return [line for line in stripped if line.startswith(("http://", "https://"))]


def parse_text_seed(file: Path, content: str) -> Seed | SeedError:
    """Split a text seed into headline and body and clean both.

    The first line is the headline unless it is boilerplate (removed by cleaning) or too
    long to be one; a seed without a headline is titled by its first sentence.
    """
    lines = [line.strip() for line in content.splitlines()]
    first, *rest = [line for line in lines if line] or [""]
    if word_count(first) <= _HEADLINE_MAX_WORDS and clean_text(first).text.strip():
        title, body = first, "\n".join(rest)
    else:
        title, body = "", content
    cleaned = clean_text(body, title=title or None)
    if word_count(cleaned.text) < 20:
        return SeedError(file, "has fewer than 20 words of article text after cleaning")
    return Seed(file, title or first_sentence(cleaned.text), cleaned.text, cleaned.removed)


def first_sentence(text: str, max_words: int = 20) -> str:
    """Return the first sentence of ``text``, cut to ``max_words`` words."""
    sentence = re.split(r"\. |[。！？]", text.strip().split("\n", 1)[0], maxsplit=1)[0]
    return " ".join(sentence.split()[:max_words])


def story_start(seeds: Iterable[Seed], now: datetime) -> datetime | None:
    """The earliest date the seeds' pages showed: the date lines and dated bylines their
    cleaning took out ("ma 7.12.2026 klo 11:45", "Von Sandra Wellnitz | Mo., 07.12.2026,
    09:45 Uhr"), read in the seeds' language and English; a relative one ("11 hours ago")
    says nothing of when the seed was copied. None when no seed shows a date."""
    seeds = list(seeds)
    languages = (main_language([s.text for s in seeds]), "en")
    dates = (
        line_date(line, now, languages)
        for seed in seeds for line, reason in seed.removed if reason in _DATED_LINES
    )  # fmt: skip
    return min(filter(None, dates), default=None)


_DATED_LINES = frozenset({"dateline", "byline"})


def seed_profile(
    seeds: Sequence[tuple[str, str]],
    min_share: float = 0.8,
    max_names: int = 3,
    reference: float = 0.0,
) -> TopicProfile:
    """The story as the seeds tell it: the topic profile of their headlines and texts,
    weighed in the language most of them are in, with the core names they agree on (see
    :func:`collector.names.core_names`; ``min_share`` and ``max_names`` are its), the
    names other languages share (:func:`collector.names.story_names`) and the scale of its
    scores (:func:`collector.relevance.seed_scale` with ``reference``; 0: none)."""
    texts = [f"{title}\n{text}" for title, text in seeds]
    language = main_language(texts)
    names = core_names(seeds, min_share, max_names, language)
    profile = build_profile(texts, names=names, language=language)
    found = story_names(profile.weights, (text for _, text in seeds), language)
    scale = seed_scale(texts, reference, language)
    return dataclasses.replace(profile, story_names=found, scale=scale)
