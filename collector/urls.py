"""URL identity: canonical forms, outlet names and the hosts a crawl may visit.

Pure functions. ``canonicalize_url`` folds the many addresses one article is published
under (tracking parameters, AMP and mobile variants, case, default ports, fragments) into
one key, so that an article is stored once and never fetched twice.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import extract_domain
from w3lib.url import canonicalize_url as w3_canonicalize

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "ocid", "mc_cid", "mc_eid", "igshid",
        "_ga", "_gl", "yclid", "cmpid", "ncid", "sr_share", "smid", "ito", "amp",
        "outputtype", "utm",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "at_", "pk_", "hsa_")
# Session ids, in the query or as a path parameter (``/story.html;jsessionid=7F3A...``).
_SESSION_PARAMS = frozenset({"jsessionid", "phpsessid", "sessionid", "session_id"})
_SESSION_PATH = re.compile(r";(?:jsessionid|phpsessid|sessionid)=[^/;]*", re.IGNORECASE)
_AMP_PATH = re.compile(r"(/amp)(?=/|$)|(\.amp)(?=\.html?$|$)", re.IGNORECASE)
_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return (
        lowered in TRACKING_PARAMS
        or lowered in _SESSION_PARAMS
        or lowered.startswith(_TRACKING_PREFIXES)
    )


@lru_cache(maxsize=65_536)
def canonicalize_url(url: str) -> str:
    """Return the canonical form of an article URL.

    Lower-cases scheme and host, drops default ports, fragments, tracking parameters
    (``utm_*``, ``fbclid``, ``gclid``, ``ocid``...) and session ids (``;jsessionid=``,
    ``PHPSESSID``), sorts the query, and folds AMP
    (``/amp/``, ``.amp``, ``?amp``, ``amp.`` hosts) and mobile (``m.``, ``mobile.``) variants
    into the desktop address.

    Args:
        url: An absolute http(s) URL.

    Returns:
        The canonical URL; the input unchanged if it is not an http(s) URL.

    Cached (bounded): a crawl meets the same links on page after page.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return url
    scheme = parts.scheme.lower()
    host = _fold_host(parts.hostname.lower())
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _AMP_PATH.sub("", _SESSION_PATH.sub("", parts.path)) or "/"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = urlencode([(k, v) for k, v in pairs if not _is_tracking(k)])
    return w3_canonicalize(urlunsplit((scheme, netloc, path, query, "")))


def without_session(url: str) -> str:
    """The URL without the session ids it carries (see :func:`canonicalize_url`), to be
    fetched as it is otherwise: the page is the same, and a session id in a request
    hands the site a session to track, or a fresh one in every link back."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not _SESSION_PATH.search(parts.path) and not any(
        k.lower() in _SESSION_PARAMS for k, _ in pairs
    ):
        return url
    query = urlencode([(k, v) for k, v in pairs if k.lower() not in _SESSION_PARAMS])
    return urlunsplit(parts._replace(path=_SESSION_PATH.sub("", parts.path), query=query))


def _fold_host(host: str) -> str:
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix) :]
    return host


def outlet_of(url: str) -> str:
    """Return the outlet key of a URL: its host without ``www.``/mobile prefixes, plus a
    non-default port (outlets on one machine differ only by port)."""
    canonical = canonicalize_url(url)
    return urlsplit(canonical).netloc


def same_publisher(url: str, other: str) -> bool:
    """Whether two URLs are one publisher's: one outlet (:func:`outlet_of`: a mobile or
    ``www.`` host of it too) or one registered domain (``edition.cnn.com`` and
    ``cnn.com``). A page whose canonical URL is another publisher's is a syndicated copy
    naming its original, not another address of itself."""
    if outlet_of(url) == outlet_of(other):
        return True
    domain = extract_domain(url)
    return domain is not None and domain == extract_domain(other)


def is_private_host(url: str) -> bool:
    """Tell whether a URL points at a loopback, private, link-local or reserved address.

    Host names are not resolved; ``localhost`` and names under ``.localhost`` count as
    loopback. A crawl refuses such URLs unless private hosts are explicitly allowed.
    """
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return bool(
        address.is_private or address.is_loopback or address.is_link_local
        or address.is_reserved or address.is_unspecified or address.is_multicast
    )  # fmt: skip


def looks_like_listing(url: str) -> bool:
    """Whether a URL names a home or section page rather than an article.

    The site's root, or one or two path segments of at most two words each that end in
    "/", without a query: ``/``, ``/dailyherald/``, ``/news/africa/``. An article's slug
    has more words (``/kenyan-police-land-in-haiti/``) or no closing "/".
    """
    parts = urlsplit(url)
    if parts.query:
        return False
    if parts.path in ("", "/"):
        return True
    if not parts.path.endswith("/"):
        return False
    segments = [s for s in parts.path.split("/") if s]
    return len(segments) <= 2 and all(len(re.split(r"[-_.]", s)) <= 2 for s in segments)
