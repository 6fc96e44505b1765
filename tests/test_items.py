"""The item's log form."""

from scrapy import Spider
from scrapy.exceptions import DropItem
from scrapy.logformatter import LogFormatter

from collector.items import ArticleItem


def test_a_dropped_page_is_logged_by_its_url_and_headline() -> None:
    html = "<html><body>" + "<p>A paragraph of the page.</p>" * 5000 + "</body></html>"
    item = ArticleItem(url="https://a.test/story", title="Headline", html=html, text="Text " * 9)
    drop = DropItem("undecided", log_level="WARNING")
    logged = LogFormatter().dropped(item, drop, None, Spider("grow"))
    line = logged["msg"] % logged["args"]
    assert "https://a.test/story" in line and "Headline" in line
    assert "paragraph" not in line and len(line) < 200
