"""A small corpus whose every number is known by hand, for the store, export, search and
report tests.

Articles (``rewrite_of`` 5 -> 2; 7 has no date; 1 is a seed; pages for 2-6):

    id source     published   relevance language
    1  seed       -           -         en
    2  a.example  2024-10-01  0.80      en
    3  a.example  2024-10-02  0.50      en
    4  b.example  2024-10-02  0.30      en
    5  b.example  2024-10-03  0.70      en   rewrite of 2
    6  c.example  2024-10-05  0.25      fr
    7  c.example  -           0.40      en

Duplicates: two copies of 2 on d.example, one of 5 on e.example, and a URL duplicate that is
article 3's own URL. Leads: two distinct URLs rejected (one twice), three stored.
Runs: 1 (articles 1-4), 2 (articles 5-7).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from collector.store import MIGRATIONS, Batch, Store, compress_html

TITLES = {
    1: "Kenyan police to deploy in Haiti",
    2: "Kenyan police arrive in Haiti",
    3: "Haiti mission funding falls short",
    4: "Police chief says deployment on track",
    5: "Kenyan officers land in Haiti",
    6: "Haïti : la mission kényane / 中文 <script>alert(1)</script>",
    7: "../../etc/passwd",
}
TEXTS = {
    1: "Kenya will send police officers to Haiti to fight the gangs.",
    2: "Kenyan police officers arrived in Port-au-Prince. The Kenyan police mission in Haiti "
    "begins. Police patrols start on Monday, the Kenyan commander said.",
    3: "Donors pledged less than promised for the Haiti mission, officials said.",
    4: "The police chief said the deployment is on track despite delays.",
    5: "Officers from Kenya landed in Haiti. The mission of the police from Kenya starts now.",
    6: "La mission kényane en Haïti commence, selon la police.",
    7: "A story without a date about gangs and the mission.",
}
ROWS = [
    # id, source, outlet, published, relevance, language, rewrite_of, run
    (1, "seed", None, None, None, "en", None, 1),
    (2, "a.example", "A Times", datetime(2024, 10, 1, 9), 0.8, "en", None, 1),
    (3, "a.example", "A Times", datetime(2024, 10, 2, 9), 0.5, "en", None, 1),
    (4, "b.example", "B Post", datetime(2024, 10, 2, 23, 59), 0.3, "en", None, 1),
    (5, "b.example", "B Post", datetime(2024, 10, 3, 9), 0.7, "en", 2, 2),
    (6, "c.example", "C Herald", datetime(2024, 10, 5, 9), 0.25, "fr", None, 2),
    (7, "c.example", "C Herald", None, 0.4, "en", None, 2),
]
DUPLICATES = [
    ("https://d.example/copy-of-2", 2, 1.0, "hash", 1),
    ("https://d.example/amp/copy-of-2", 2, 0.95, "jaccard", 1),
    ("https://e.example/copy-of-5", 5, 0.9, "containment", 2),
    ("https://a.example/3", 3, 1.0, "url", 2),
]
LEADS = [
    ("https://x.example/sport", "rejected", 0.1, 1),
    ("https://x.example/sport", "rejected", 0.12, 2),
    ("https://y.example/weather", "rejected", 0.05, 2),
    ("https://a.example/2", "stored", 0.8, 1),
    ("https://a.example/3", "stored", 0.5, 1),
    ("https://b.example/4", "stored", 0.3, 1),
]
NOW = datetime(2024, 10, 6, 12, tzinfo=UTC)


def url_of(article_id: int, source: str) -> str:
    return f"seed:{article_id:03d}.txt" if source == "seed" else f"https://{source}/{article_id}"


def article_rows() -> list[dict]:
    rows = []
    for article_id, source, outlet, published, relevance, language, rewrite_of, run in ROWS:
        rows.append(
            {"id": article_id, "url": url_of(article_id, source), "title": TITLES[article_id],
             "text": TEXTS[article_id], "published_at": published, "source": source,
             "outlet": outlet, "language": language, "authors": ["Reporter"], "tags": ["haiti"],
             "fetched_at": NOW, "relevance": relevance, "is_seed": source == "seed",
             "content_hash": f"h{article_id}", "signature": b"sig", "rewrite_of": rewrite_of,
             "rewrite_similarity": 0.6 if rewrite_of else None, "run_id": run}
        )  # fmt: skip
    return rows


def build_corpus(path: Path, migrations: Sequence[str] = MIGRATIONS) -> Store:
    """Write the corpus described in the module docstring to ``path``."""
    store = Store(path, migrations=migrations)
    store.start_run(1, {"seeds": "seeds"})
    store.start_run(2, {"seeds": "seeds"})
    batch = Batch()
    for row in article_rows():
        batch.add("articles", row)
        batch.add("aliases", {"url": row["url"], "article_id": row["id"]})
        if 2 <= row["id"] <= 6:
            html = f"<html><body><h1>{row['title']}</h1><p>{row['text']}</p></body></html>"
            batch.add("pages", {"article_id": row["id"], "url": row["url"],
                                "fetched_at": NOW, "html_zlib": compress_html(html)})  # fmt: skip
    for url, article_id, similarity, method, run in DUPLICATES:
        batch.add("duplicates", {"url": url, "article_id": article_id, "similarity": similarity,
                                 "method": method, "run_id": run, "found_at": NOW})  # fmt: skip
    for url, status, score, run in LEADS:
        lead = {"url": url, "origin": "search:gdelt:haiti", "detail": "a headline",
                "score": score, "status": status, "run_id": run, "seen_at": NOW}  # fmt: skip
        batch.add("leads", lead)
    store.write(batch)
    store.finish_run(1, "finished", {"pages_fetched": 10, "articles_added": 4})
    store.finish_run(2, "finished", {"pages_fetched": 6, "articles_added": 3})
    return store


ELSEWHERE = """
import sys
from pathlib import Path
from collector.store import Store, StoreError
store = Store(Path(sys.argv[1]), lock_timeout=1, read_timeout=1)
try:
    if sys.argv[2] == "read":
        print(store.query("SELECT count(*) FROM articles")[1])
    else:
        with store.connect():
            print("written")
except StoreError as exc:
    print(exc)
"""


def from_another_process(path: Path, action: str) -> str:
    """What another process gets when it reads the corpus, or opens it for writing."""
    return subprocess.run(
        [sys.executable, "-c", ELSEWHERE, str(path), action], capture_output=True, text=True
    ).stdout


HOLDER = """
import sys, time, duckdb
while True:
    try:
        con = duckdb.connect(sys.argv[1])
        break
    except duckdb.IOException:
        time.sleep(0.05)
print("held", flush=True)
sys.stdin.read()
"""


def hold(db: Path) -> subprocess.Popen[str]:
    """Another process that opens the corpus read-write and keeps it until stdin closes."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    return holder


def release(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.close()
    holder.wait(timeout=30)
