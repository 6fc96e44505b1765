"""Stored articles extracted again from their raw pages.

``collector reextract`` runs the current extractor over the corpus; a crawl, as it closes,
runs it over the articles that still hold lines their outlet's template was found to have
after they were stored (see ``pipelines.extract``). Both go through :func:`reextract`:

1. the raw pages of a batch of articles are read (``Store.stored_pages``);
2. each is extracted with its outlet's template blocks, later pages included;
3. a date its outlet's feed gave stays;
4. the articles whose columns changed are rewritten, one transaction per batch.

An article whose page yields no text now keeps what it had.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from collector.boilerplate import TemplateLearner
from collector.cleaning import normalise_line
from collector.dates import announced_time
from collector.store import REEXTRACT_SCHEMA, Store, utc_naive

if TYPE_CHECKING:
    from collector.extraction import Article

__all__ = [
    "changed_fields", "holding_new_template_lines", "holds_template_line", "new_values",
    "reextract", "reextract_new_template_lines", "reextracted",
]  # fmt: skip

logger = logging.getLogger(__name__)

# What counts as a change: any column, the content hash and signature too, which follow the
# text and also the way its words are cut (an article stored before Hindi words kept their
# vowel signs gets the signature a copy of it is compared by now).
COMPARED = tuple(name for name in REEXTRACT_SCHEMA.names if name != "id")


def new_values(article: Article) -> dict[str, Any]:
    """The stored form of an extracted article's rewritable columns (except ``id``)."""
    from collector.dedup import content_hash, signature

    return {
        "title": article.title, "text": article.text,
        "published_at": utc_naive(article.published_at), "date_source": article.date_source,
        "modified_at": utc_naive(article.modified_at), "outlet": article.outlet,
        "language": article.language, "authors": list(article.authors),
        "description": article.description, "tags": list(article.tags),
        "content_hash": content_hash(article.text), "signature": signature(article.text),
    }  # fmt: skip


def changed_fields(stored: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Names of the compared columns whose value differs (None and [] count as equal)."""
    return [name for name in COMPARED if (stored.get(name) or None) != (new.get(name) or None)]


def holds_template_line(text: str, templates: Iterable[str]) -> bool:
    """Whether a line of a stored text is one of the (normalised) template blocks."""
    keys = frozenset(templates)
    return any(normalise_line(line) in keys for line in text.splitlines())


def holding_new_template_lines(
    store: Store, learner: TemplateLearner, before: Mapping[str, frozenset[str]]
) -> list[int]:
    """Ids of the stored articles, of the outlets in ``before``, holding a line that is one
    of their outlet's template blocks now and was not in ``before`` (its blocks when the
    learner loaded its counts).

    Raises:
        StoreError: the corpus could not be read.
    """
    ids = []
    for source, known in before.items():
        if grown := learner.templates(source) - known:
            held = store.articles_holding(source, learner.block_texts(source, grown))
            ids += [article_id for article_id, text in held if holds_template_line(text, grown)]
    return ids


def reextracted(row: Mapping[str, Any], templates: frozenset[str]) -> dict[str, Any] | None:
    """The new column values of a stored article (a row of ``Store.stored_pages``), or
    None when its page yields no article text now."""
    from collector.extraction import extract_article, with_later_pages
    from collector.pagination import split_html

    fetched = row["fetched_at"].replace(tzinfo=UTC) if row["fetched_at"] else datetime.now(UTC)
    first, more = split_html(row["html"])  # an article over several pages
    article = extract_article(first, row["page_url"], fetched, templates)
    if article is not None:
        article = with_later_pages(article, more, fetched, templates)
    if article is None:
        return None
    if row["date_source"] == "feed" and row["published_at"]:  # the feed's time stays
        published, source = announced_time(
            article.published_at,
            article.date_source,
            row["published_at"].replace(tzinfo=UTC),
            fetched_at=fetched,
        )
        article = dataclasses.replace(article, published_at=published, date_source=source)
    if _update_of_first_version(row, article):
        article = dataclasses.replace(
            article, published_at=row["published_at"].replace(tzinfo=UTC),
            date_source=row["date_source"], modified_at=row["modified_at"].replace(tzinfo=UTC),
        )  # fmt: skip
    return new_values(article)


def _update_of_first_version(row: Mapping[str, Any], article: Article) -> bool:
    """Whether a stored article is an outlet's update that took its first version's place
    and date (see :mod:`pipelines.dedup`): its page's date is the stored ``modified_at``,
    later than the stored date, which stays."""
    stored, modified = row["published_at"], row["modified_at"]
    return (
        stored is not None and modified is not None and stored < modified
        and utc_naive(article.published_at) == modified
    )  # fmt: skip


def reextract(
    store: Store,
    ids: Sequence[int],
    templates: Callable[[str], frozenset[str]],
    batch_size: int,
    write: bool = True,
    changed: Callable[[str, list[str]], None] | None = None,
) -> Counter[str]:
    """Extract stored articles again and rewrite those that changed.

    Args:
        store: The corpus.
        ids: The articles, all with a stored page (``Store.reextract_ids``).
        templates: An outlet (source) -> its template blocks.
        batch_size: Articles read and written per transaction.
        write: False counts the changes and writes none.
        changed: Called with the page URL and the changed columns of each changed article.

    Returns:
        Counts of ``changed``, ``unchanged`` and ``empty`` (no text now, left as it was).

    Raises:
        StoreError: a batch could not be written (it is rolled back; earlier ones stay).
    """
    counts: Counter[str] = Counter()
    size = max(1, batch_size)
    for start in range(0, len(ids), size):
        updates = []
        for row in store.stored_pages(ids[start : start + size]):
            new = reextracted(row, templates(row["source"]))
            if new is None:
                counts["empty"] += 1
                continue
            fields = changed_fields(row, new)
            counts["changed" if fields else "unchanged"] += 1
            if fields:
                updates.append({"id": row["id"], **new})
                if changed is not None:
                    changed(row["page_url"], fields)
        if write:
            store.update_articles(updates)
    return counts


def reextract_new_template_lines(
    store: Store, learner: TemplateLearner, before: Mapping[str, frozenset[str]], batch_size: int
) -> int:
    """Extract again the stored articles :func:`holding_new_template_lines` finds, with the
    learner's template blocks; return how many changed.

    Raises:
        StoreError: the corpus could not be read, or a batch not written (earlier ones stay).
    """
    ids = holding_new_template_lines(store, learner, before)
    counts = reextract(store, ids, learner.templates, batch_size)
    if ids:
        logger.info(
            "%d stored articles held lines found to be template during the run: "
            "re-extracted, %d changed", len(ids), counts["changed"],
        )  # fmt: skip
    return counts["changed"]
