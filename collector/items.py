"""The item that flows through the pipelines: one fetched page or seed, then one article."""

import scrapy


class ArticleItem(scrapy.Item):
    """A page on its way to the corpus.

    The spider fills the fetch fields; the extract pipeline fills the article fields;
    the gate adds ``relevance`` (from the extract stage's ``terms``) and takes away
    ``terms``, ``links`` and ``feeds``; the dedup pipeline adds ``id``, ``content_hash``,
    ``signature`` and, for a rewrite, ``rewrite_of``; for an earlier (or longer) copy of a stored
    article, ``replaced`` (the copy it takes the place and id of).
    """

    def __repr__(self) -> str:
        """The page's URL and headline: Scrapy logs a dropped item whole, a page's HTML
        and text with it."""
        return f"ArticleItem(url={self.get('url')!r}, title={self.get('title')!r})"

    # Fetch
    url = scrapy.Field()  # canonical URL
    seen_urls = scrapy.Field()  # every URL the page was reached at (aliases)
    original_url = scrapy.Field()  # another publisher's URL the page names as its canonical
    html = scrapy.Field()
    more_pages = scrapy.Field()  # [(url, html)]: the article's later pages, if it is split
    html_zlib = scrapy.Field()  # the page compressed for the pages table (by the extract stage)
    fetched_at = scrapy.Field()
    lead = scrapy.Field()  # dict: origin, detail, score
    depth = scrapy.Field()
    is_seed = scrapy.Field()
    refresh = scrapy.Field()  # the id of the stored article this page may update
    refreshed = scrapy.Field()  # True: the page's text replaces its stored article's
    run_id = scrapy.Field()  # the run that first stored the article (refreshed ones)
    # Article
    title = scrapy.Field()
    text = scrapy.Field()
    published_at = scrapy.Field()
    date_source = scrapy.Field()
    modified_at = scrapy.Field()
    authors = scrapy.Field()
    outlet = scrapy.Field()
    source = scrapy.Field()
    language = scrapy.Field()
    description = scrapy.Field()
    tags = scrapy.Field()
    removed = scrapy.Field()
    # Gate and dedup
    relevance = scrapy.Field()
    id = scrapy.Field()
    content_hash = scrapy.Field()
    signature = scrapy.Field()
    dedup_features = scrapy.Field()  # collector.dedup.Features, if computed before the dedup stage
    rewrite_of = scrapy.Field()
    rewrite_similarity = scrapy.Field()
    replaced = scrapy.Field()  # dict: url, similarity, method of the stored copy it replaces
    # From the extract stage's workers to the gate, which removes them
    terms = scrapy.Field()  # the weighed terms of title and text (collector.relevance.weigh)
    links = scrapy.Field()  # the scored outlinks of a page at or above the threshold
    feeds = scrapy.Field()  # the feeds it announces
    name_lines = scrapy.Field()  # lines naming each core name, and lines (names.name_lines)
