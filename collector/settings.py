"""Scrapy settings: the single source of configuration.

The project's own settings carry the ``COLLECTOR_`` prefix. Override any of them with
``-s NAME=VALUE`` (``scrapy crawl``), the ``collector grow`` flags, or scrapyd's ``setting=``.
Relative paths resolve against the folder that holds ``scrapy.cfg``.
"""

BOT_NAME = "collector"
SPIDER_MODULES = ["collector.spiders"]
NEWSPIDER_MODULE = "collector.spiders"

# Where the corpus lives and what it grows from.
COLLECTOR_DB = "data/corpus.duckdb"
COLLECTOR_SEEDS = "seeds"
# Search providers: "format=URL template" entries; {query} is filled with URL-encoded queries,
# {hl}, {gl} and {ceid} with the Google News edition of the seeds' language.
COLLECTOR_SEARCH = [
    "gdelt=https://api.gdeltproject.org/api/v2/doc/doc?query={query}&mode=artlist&format=json"
    "&maxrecords=250&sort=datedesc",
    "rss=https://news.google.com/rss/search?q={query}&hl={hl}&gl={gl}&ceid={ceid}",
]
COLLECTOR_START_URLS: list[str] = []
COLLECTOR_QUERIES_PER_SEED = 2
# Relevance gate on extracted text (cosine similarity to the seeds' topic profile, 0..1).
COLLECTOR_MIN_RELEVANCE = 0.2
# A page rejected as off-topic in one run, by a margin (a score of at least this share of
# COLLECTOR_MIN_RELEVANCE), is judged once more in a later run when the profile has grown
# since; 0 turns this off.
COLLECTOR_REJUDGE_SHARE = 0.75
# Seeds that score each other (each against the profile of the others) below this on
# average have every score scaled up to it (at most twice): two seeds, or a language that
# inflects or compounds its words, share fewer terms. 0 turns this off.
COLLECTOR_SEED_RELEVANCE = 0.25
# Relevance feedback: a page less than this above the threshold is rejected when it is closer
# to what the crawl rejected than to what it kept (once it rejected a few); 0 turns it off.
COLLECTOR_RELEVANCE_FEEDBACK_BAND = 0.06
COLLECTOR_RELEVANCE_FEEDBACK_MIN_REJECTED = 3
# ... and a page this little below the threshold that names every core name throughout is
# kept when it is closer to what the crawl kept; 0 turns this off.
COLLECTOR_RELEVANCE_FEEDBACK_BELOW = 0.05
# A page that names a core name only in passing waits for feedback to have MIN_REJECTED
# rejections while pages keep arriving (3 s without a response end it), at most this many
# seconds; then the threshold decides.
COLLECTOR_RELEVANCE_FEEDBACK_WAIT = 60.0
# The story's core names: the names (proper nouns) the headline or first paragraph of at
# least SEED_SHARE of the seeds give (at most MAX_NAMES of them: Kenya and Haiti for the
# shipped seeds). A page that does not name each of them in at least MIN_LINES of its lines
# (headline included) is off the story whatever its score; MIN_LINES = 0 turns this off.
COLLECTOR_CORE_SEED_SHARE = 0.8
COLLECTOR_CORE_MAX_NAMES = 3
COLLECTOR_CORE_MIN_LINES = 2
# A page that uses this many of the story's names (two of them in two lines or more) is
# kept in another language than the seeds', and judged by feedback, not rejected, when it
# leaves out a core name (0: neither).
COLLECTOR_STORY_MIN_NAMES = 3
# A page published more than this many days before the earliest date the seeds show (the
# date lines copied with them: "Published 7 December 2026 11:45") is about an older story:
# a ferry stuck in the same strait two winters before. 0: no limit (a story that began long
# before its seeds were written).
COLLECTOR_STORY_MAX_DAYS_BEFORE_SEEDS = 30
# A page in the seeds' language matching the profile mostly by the story's names is
# off-topic: under this share of its match from other terms (0: no such check).
COLLECTOR_MIN_TOPIC_SHARE = 0.15
# Leads (links, feed and sitemap entries, search hits) whose announcing text covers the
# profile less than this are not fetched.
COLLECTOR_MIN_LEAD_SCORE = 0.15
COLLECTOR_MAX_DEPTH = 3
# Ask again a stored article its outlet's feed or sitemap says changed since the last run
# began (sitemap <lastmod>, feed <updated>): a changed text replaces the stored one.
COLLECTOR_REFRESH_UPDATED = True
# Ask again, once, a stored article first fetched at least RECHECK_AFTER_HOURS before the run
# and published within RECHECK_WITHIN_HOURS of it: a story updated (a later toll, a new
# paragraph) without its feed or sitemap saying so. 0 turns it off.
COLLECTOR_RECHECK_AFTER_HOURS = 12.0
COLLECTOR_RECHECK_WITHIN_HOURS = 72.0
# An article split over pages (rel="next" to its own URL with a page number) is fetched
# and stored whole, up to this many pages; 1 keeps the first page alone.
COLLECTOR_MAX_ARTICLE_PAGES = 10
COLLECTOR_MAX_PAGES_PER_OUTLET = 200
# Outlet discovery: child sitemaps read per sitemap index (news sitemaps first), and section
# pages read from the home page of an outlet that offers neither feeds nor sitemaps.
COLLECTOR_SITEMAPS_PER_OUTLET = 3
COLLECTOR_SECTION_PAGES = 4
# Search providers: GDELT allows one request every 5 seconds (its own download slot); a
# provider that fails or rate-limits (429, 5xx) is retried later with exponential back-off
# (or its Retry-After), never stopping the crawl.
COLLECTOR_GDELT_INTERVAL = 5.0
COLLECTOR_SEARCH_RETRIES = 3
COLLECTOR_SEARCH_RETRY_DELAY = 30.0
# The search index is rebuilt when a crawl ends, at 1-3 ms of CPU per article of the whole
# corpus (DuckDB's fts rebuilds, it does not add): always while the corpus holds at most
# COLLECTOR_SEARCH_REINDEX_MAX_ARTICLES (0: always), beyond that once the articles it misses
# reach COLLECTOR_SEARCH_REINDEX_SHARE of the corpus. `collector search --reindex` any time.
COLLECTOR_SEARCH_REINDEX_MAX_ARTICLES = 100_000
COLLECTOR_SEARCH_REINDEX_SHARE = 0.1
# An RSS search answer with this many items is taken as truncated (Google News returns at
# most 100): the narrower queries held back under its query are sent too.
COLLECTOR_RSS_MAX_RESULTS = 100
# Snowball growth: new terms of a run's relevant articles join the next run's profile.
COLLECTOR_PROFILE_GROWTH_ENABLED = True
COLLECTOR_PROFILE_GROWTH_TERMS = 10  # new terms per run
COLLECTOR_PROFILE_GROWTH_MAX_TERMS = 40  # grown terms kept in all
COLLECTOR_PROFILE_GROWTH_SHARE = 0.25  # largest share of the profile's norm they may hold
COLLECTOR_PROFILE_GROWTH_MIN_DOCS = 2  # articles a new term must occur in
COLLECTOR_PROFILE_GROWTH_MIN_RELEVANCE = 0.3  # articles that may teach the profile
COLLECTOR_PROFILE_GROWTH_SAMPLE = 500  # the run's most relevant articles that teach it (0: all)
COLLECTOR_ALLOW_PRIVATE_HOSTS = False
# Private hosts allowed anyway ("host" or "host:port"), e.g. an intranet news mirror.
COLLECTOR_PRIVATE_HOSTS_ALLOWED: list[str] = []
COLLECTOR_STORE_BATCH = 200
# Buffered rows are written at least this often (seconds): what a killed run can lose
# and the next run fetches again.
COLLECTOR_STORE_INTERVAL = 30.0
# How long a run waits for another run on the same corpus (or a process holding the file).
COLLECTOR_LOCK_TIMEOUT = 60.0
# Longest Retry-After a run waits for; a longer one leaves the lead for the next run.
COLLECTOR_RETRY_AFTER_MAX = 120.0
# Longest robots.txt Crawl-delay obeyed as given (longer ones are capped to this).
COLLECTOR_MAX_CRAWL_DELAY = 30.0
# Extraction, signatures and page compression run in worker processes: "auto" is one per
# core, 0 runs them in a thread of the crawl's process instead.
COLLECTOR_EXTRACT_PROCESSES = "auto"
# Back-pressure: Scrapy stops downloading while the pages waiting in the pipelines (for a
# worker, say) add up to more than this many bytes, so memory stays bounded.
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 5_000_000
# What one response yields (an article and a few requests, or a feed's links) goes through
# the pipelines this many at a time. Scrapy starts that many tasks for every response, so
# its default of 100 costs the crawl's process about 1 ms a page, 8 about 0.1 ms
# (bench/concurrent_items.py).
CONCURRENT_ITEMS = 8
# Site-level boilerplate: a block (line of extracted text) an outlet repeats on at least
# MIN_PAGES of its pages and MIN_SHARE of them is its template and removed from its pages;
# a block that reads as prose must also be seen on MIN_OFFTOPIC off-story pages.
COLLECTOR_TEMPLATES_ENABLED = True
COLLECTOR_TEMPLATE_MIN_PAGES = 3
COLLECTOR_TEMPLATE_MIN_SHARE = 0.3
COLLECTOR_TEMPLATE_MIN_OFFTOPIC = 1

# Distributed mode (README, "Running on several machines"): when COLLECTOR_DISTRIBUTED is on
# (`collector grow --redis URL`), this process is one worker of the crawl COLLECTOR_CRAWL on the
# Redis at REDIS_URL: scrapy-redis's scheduler and seen-request filter are shared by every
# worker, and articles go to the one writer, `collector store-worker`, instead of the corpus.
COLLECTOR_DISTRIBUTED = False
REDIS_URL = "redis://127.0.0.1:6379/0"
COLLECTOR_CRAWL = "grow"  # names the crawl's Redis keys (collector:<name>:...)
# A worker silent for this many seconds is taken for dead: its leased requests are requeued.
COLLECTOR_WORKER_TIMEOUT = 30.0
COLLECTOR_HEARTBEAT = 1.0  # seconds between a worker's heartbeats
COLLECTOR_WAIT_FOR_WRITER = 600.0  # how long a worker waits for the writer to get ready
COLLECTOR_WRITER_INTERVAL = 5.0  # seconds between the writer's commits (and batch-size commits)

ITEM_PIPELINES = {
    "pipelines.extract.ExtractPipeline": 100,
    "pipelines.gate.GatePipeline": 200,
    "pipelines.dedup.DedupPipeline": 300,
    "pipelines.store.StorePipeline": 400,
}
EXTENSIONS = {
    "collector.closing.CloseWhileStarting": 500,
    # Scrapy's memory limit on the resident size, not the peak, which outlives a restart
    "scrapy.extensions.memusage.MemoryUsage": None,
    "collector.memusage.MemoryUsage": 0,
}
DOWNLOADER_MIDDLEWARES = {
    "collector.middlewares.PrivateHostMiddleware": 60,
    # Scrapy's redirect middlewares, stopping a redirect to a known article (at their places)
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "collector.middlewares.MetaRefreshToKnownMiddleware": 580,
    "collector.middlewares.RedirectToKnownMiddleware": 600,
    "collector.crawl_delay.CrawlDelayMiddleware": 120,
    "collector.retry_after.RetryAfterMiddleware": 560,
}

# Search answers, feeds and sitemaps are revalidated on later runs (ETag, Last-Modified);
# articles are not cached. The cache sits beside the corpus: <COLLECTOR_DB>.httpcache/.
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "collector.httpcache.ConditionalPolicy"
HTTPCACHE_STORAGE = "collector.httpcache.CorpusCacheStorage"
HTTPCACHE_GZIP = True

# Politeness: robots.txt obeyed, per-outlet concurrency, AutoThrottle, an honest User-Agent.
COLLECTOR_CONTACT_URL = "https://github.com/news-corpus-collector"
USER_AGENT = f"news-corpus-collector/0.1 (+{COLLECTOR_CONTACT_URL})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.25
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy's code-running HTTP server: a crawl that runs unattended has no one to use it, and a
# killed crawl would leave its access token behind in ~/.local/state/scrapy/job_files.
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
