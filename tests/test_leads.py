import gc
import pickle
import weakref
from pathlib import Path
from urllib.parse import urljoin

import pytest
from parsel import Selector

from collector.leads import (
    ANCHOR_WEIGHT,
    below_article,
    build_queries,
    case_form_queries,
    feed_links,
    link_score,
    other_language_score,
    outlinks,
    plan_queries,
    reads_as_lead,
    refuse_reason,
    retitled,
    score_lead,
    score_link,
    section_links,
    url_words,
    written_as,
)
from collector.relevance import build_profile, compose_profile, fold
from collector.seeds import load_seeds, seed_profile
from collector.urls import canonicalize_url


@pytest.fixture
def seeds(seeds_dir: Path):
    return load_seeds(seeds_dir).seeds


@pytest.fixture
def profile(seeds):
    return build_profile([f"{s.title}\n{s.text}" for s in seeds], names=("haiti", "kenya"))


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://news.example/world/kenya-sends-more-police-to-haiti", None),
        ("https://news.example/2024/10/03/kenya-haiti-mission", None),
        ("ftp://news.example/file", "scheme"),
        ("https://news.example/images/photo.jpg", "non-article"),
        ("https://news.example/feed.xml", "non-article"),
        ("https://news.example/files/report.pdf", "non-article"),
        ("https://news.example/tag/haiti", "navigation"),
        ("https://news.example/category/world", "navigation"),
        ("https://news.example/login", "navigation"),
        ("https://noticias.example/temas/valdeluna", "navigation"),
        ("https://noticias.example/etiqueta/incendios/", "navigation"),
        ("https://journal.example/sujet/inondations", "navigation"),
        ("https://zeitung.example/thema/hochwasser/", "navigation"),
        ("https://morgon.example/amne/farjebranden-i-kattegatt", "navigation"),
        ("https://avis.example/emne/faergebranden/", "navigation"),
        ("https://noticias.example/sociedad/temas-de-la-semana-el-incendio", None),
        ("https://journal.example/mot-cle/chimirea/", "navigation"),
        ("https://agence.example/fr/theme/belgique", "navigation"),
        ("https://journal.example/categorie/isere/", "navigation"),
        ("https://gundem.example/etiket/deniz-yildizi", "navigation"),
        ("https://gundem.example/muhabir/deniz-aksoy", "navigation"),
        ("https://kathimerini.example/etiketa/kalamonisi/", "navigation"),
        ("https://gazeta.example/autor/jan-kowalski", "navigation"),
        ("https://gundem.example/gundem/etiket-tartismasi-meclise-tasindi-1702", None),
        # a section page (one or two short segments ending in "/"), not an article
        ("https://journal.example/isere/", "navigation"),
        ("https://journal.example/news/africa/", "navigation"),
        ("https://journal.example/story/12345/", None),
        ("https://journal.example/isere/un-incendie-ravage-une-usine/", None),
        ("https://news.example/", "navigation"),
        # social networks' share forms, from share buttons
        (
            "https://twitter.com/intent/tweet?url=https://news.example/live/blast%23block-8a",
            "navigation",
        ),
        (
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fnews.example%2Fa",
            "navigation",
        ),
        (
            "https://www.linkedin.com/shareArticle?mini=true&url=https://news.example/a",
            "navigation",
        ),
        ("https://www.reddit.com/submit?url=https://news.example/a&title=Blast", "navigation"),
        ("https://wa.me/?text=Blast%20https://news.example/a", "navigation"),
        ("https://news.example/2026/11/17/share-prices-fall-after-gas-blast", None),
        ("https://news.example/news/send-us-your-pictures-of-the-blast-4471", None),
        ("https://news.example/archive/2024/10/", "trap"),
        ("https://news.example/world?page=7", "trap"),
        ("https://news.example/world/page/12", "trap"),
        ("https://news.example/a?sid=abc", "trap"),
        ("https://news.example/a/b/a/b/a/b", "trap"),
        ("https://news.example/1/2/3/4/5/6/7/8/9/10", "trap"),
    ],
)
def test_refuse_reason(url: str, reason: str | None) -> None:
    assert refuse_reason(url) == reason


def test_queries_are_deduplicated_and_specific(seeds, profile) -> None:
    queries = build_queries([s.title for s in seeds], profile)
    assert len(queries) == len(set(queries)) >= 3
    for query in queries:
        words = query.split()
        assert 2 <= len(words) <= 4
        assert not {"the", "to", "and", "of"} & set(words)
    assert any("haiti" in q for q in queries)


def test_one_query_is_made_of_the_story_names_alone() -> None:
    # Coverage in another language shares the story's names, not its headlines' words:
    # "barragem" is no "dam", but Esperança and Vista Alegre are written alike.
    texts = [
        ("Tailings dam collapse buries village",
         "The Esperança tailings dam failed on Wednesday and buried Vista Alegre. The miner "
         "Rocha Branca said the Esperança tailings dam had passed inspection. Residents of "
         "Vista Alegre were evacuated as tailings reached the river."),
        ("Miner faces questions over tailings dam failure",
         "Rocha Branca faces questions after the Esperança tailings dam failure near Vista "
         "Alegre. Engineers said the tailings dam showed warning signs. Rocha Branca shares "
         "fell sharply as the tailings spread beyond Vista Alegre towards the river."),
    ]  # fmt: skip
    profile = seed_profile(texts)
    queries = build_queries([title for title, _ in texts], profile)
    alone = [q for q in queries if set(q.split()) <= profile.story_names and " " in q]
    assert len(alone) == 1
    assert {"esperanca", "alegre"} <= set(alone[0].split())


def test_a_name_all_but_unknown_is_a_query_alone() -> None:
    # English seeds about a bridge that fell under a Czech coach in Poland agree on
    # "czech" and "poland", which a Czech report translates: the town is what it writes
    # as the seeds do, and a provider ANDs every word of a query.
    from collector.relevance import TopicProfile

    weights = {"czech": 12.0, "bridge": 11.0, "krasnobor": 10.0, "poland": 9.0, "vltavia": 8.0}
    names = frozenset({"czech", "krasnobor", "poland", "vltavia"})
    profile = TopicProfile(weights, names=("czech", "poland"), story_names=names)
    queries = build_queries([], profile)
    assert "krasnobor vltavia" in queries  # no country's name in the names query
    assert "krasnobor" in queries
    # a core name all but unknown is the query alone, before any other such name
    profile = TopicProfile(weights, names=("vltavia", "krasnobor"), story_names=names)
    assert "vltavia" in build_queries([], profile)
    assert "krasnobor" not in build_queries([], profile)


def test_the_heaviest_two_word_story_name_is_a_phrase_query() -> None:
    # Finnish seeds about a ferry stuck in the ice: their places are Finnish words
    # ("merenkurkku", "uumajan": Kvarken, Umeå), the ship's name is the one a Swedish or an
    # English report writes alike.
    from collector.relevance import TopicProfile

    weights = {
        "polar bothnia": 13.7,
        "merenkurkku": 12.0,
        "bothnia": 11.6,
        "uumajan": 10.6,
        "polar": 8.2,
        "ahto ii": 5.9,
        "jaanmurtaja ahto": 5.9,
        "ahto": 4.9,
    }
    names = frozenset(
        {"polar bothnia", "merenkurkku", "bothnia", "uumajan", "polar", "ahto ii", "ahto"}
    )
    profile = TopicProfile(weights, language="fi", story_names=names)
    queries = build_queries([], profile)
    assert '"polar bothnia"' in queries
    assert not [q for q in queries if "ahto ii" in q]  # the heaviest one only
    # a phrase the seeds share that is no name ("jaanmurtaja ahto") is never one
    unnamed = TopicProfile(weights, language="fi", story_names=names - {"polar bothnia"})
    assert '"ahto ii"' in build_queries([], unnamed)
    assert not [q for q in build_queries([], unnamed) if '"' in q and "jaanmurtaja" in q]


def test_the_story_names_query_writes_a_name_as_its_core_name() -> None:
    # Polish seeds hold the town as "Zabrzanach" (in Zabrzany); a provider matching word
    # forms finds the other languages' reports by "Zabrzany" only.
    from collector.relevance import TopicProfile

    profile = TopicProfile(
        {"dachu": 12.0, "hali": 11.0, "remontem": 10.0, "zabrzanach": 9.0, "kestrel": 8.0,
         "dachmont": 7.0}, names=("zabrzany",),
        language="pl", story_names=frozenset({"zabrzanach", "kestrel", "dachmont"}),
    )  # fmt: skip
    queries = build_queries([], profile)
    assert "zabrzany kestrel dachmont" in queries
    assert not [q for q in queries if set(q.split()) == {"zabrzanach", "kestrel", "dachmont"}]


POLISH_PROFILE = {
    "weights": {"dachu": 12.0, "hali": 11.0, "remontem": 10.0, "zabrzanach": 9.0,
                "kestrel": 8.0, "dachmont": 7.0},
    "names": ("zabrzany",),
    "story_names": frozenset({"zabrzanach", "kestrel", "dachmont"}),
}  # fmt: skip


@pytest.mark.parametrize(("language", "expected"), [("pl", ["zabrzany", "zabrzanach"]),
                                                     ("en", [])])  # fmt: skip
def test_a_case_language_searches_each_form_of_its_core_names_alone(
    language: str, expected: list[str]
) -> None:
    from collector.relevance import TopicProfile

    assert case_form_queries(TopicProfile(**POLISH_PROFILE, language=language)) == expected


def test_the_forms_of_a_core_name_searched_alone_include_the_seeds_own() -> None:
    """The profile counts the seeds' forms of a word as one term (the shortest), so the
    forms a provider that does not stem needs are read from the seeds."""
    profile = build_profile(
        ["Dramat w Zabrzanach. Hala runęła.", "Zabrzany w żałobie. Hala runęła na ludzi."],
        names=("zabrzany",),
        language="pl",
    )
    assert "zabrzanach" not in profile.weights
    texts = ["Dramat w Zabrzanach", "Mieszkańcy Zabrzan czekają"]
    assert case_form_queries(profile, texts) == ["zabrzany", "zabrzanach", "zabrzan"]


def test_a_foreign_headline_is_scored_without_reading_its_languages_word_list(seeds) -> None:
    # Feeds and sitemaps hold thousands of headlines, and a language detector misreads short
    # ones: each language's word list read for them would stay in memory (30 MB or more).
    import wordfreq

    from collector.language import detect_language

    profile = seed_profile([(seed.title, seed.text) for seed in seeds])
    headline = "Haiti: Kenya sender flere politifolk til oppdraget i Port-au-Prince"
    assert detect_language(headline) not in (None, profile.language)
    loaded = wordfreq.get_frequency_dict.cache_info().currsize
    assert other_language_score(profile, headline) > 0
    assert wordfreq.get_frequency_dict.cache_info().currsize == loaded


def test_lead_scores_rank_story_links_first(profile) -> None:
    story = score_lead(profile, "https://x.example/world/un-renews-haiti-mission",
                       ["Kenya-led mission in Haiti gets UN mandate renewal"])  # fmt: skip
    other = score_lead(profile, "https://x.example/business/kenya-finance-bill",
                       ["Kenya finance bill protests turn deadly"])  # fmt: skip
    nav = score_lead(profile, "https://x.example/about-us", ["About us"])
    assert story > 2 * other
    assert nav == 0.0


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "Kenyan troops repel attack near Baidoa",
            "Kenya Defence Forces soldiers serving with the African Union mission in Somalia "
            "repelled an attack by militants on Tuesday, officials said.",
        ),
        (
            "Cholera cases rise in camps",
            "Health officials in Haiti reported a rise in cholera cases in camps for "
            "displaced people in Port-au-Prince on Monday, aid groups said.",
        ),
    ],
)
def test_a_lead_paragraph_leaving_core_names_unnamed_damps_the_lead(
    profile, title: str, summary: str
) -> None:
    story = score_lead(
        profile,
        "https://x.example/a",
        ["Kenyan police reinforce Haiti mission"],
        "A further 200 Kenyan police officers arrived in Haiti on Monday to "
        "strengthen the Kenya-led mission against the gangs of Port-au-Prince.",
    )
    damped = score_lead(profile, "https://x.example/b", [title], summary)
    undamped = score_lead(profile, "https://x.example/b", [title, summary])
    assert damped < 0.7 * undamped
    assert story > 2 * damped


def test_a_teaser_that_repeats_the_headline_is_no_lead_paragraph() -> None:
    title = "Kenyan police reinforce Haiti mission"
    assert not reads_as_lead([title], f"{title} Caribbean Wire")
    assert reads_as_lead(
        [title],
        "A further 200 officers arrived on Monday to strengthen "
        "the mission against the gangs of the capital, officials said.",
    )


def test_a_link_is_judged_by_its_anchor_more_than_by_the_paragraph_around_it(profile) -> None:
    paragraph = (
        "Kenyan police officers of the Haiti mission patrolled Port-au-Prince as gangs "
        "attacked; earlier, Kenyan runners sweep the Chicago marathon podium."
    )
    runners = score_link(
        profile,
        "https://x.example/sport/kenyan-runners-sweep-podium",
        "Kenyan runners sweep the Chicago marathon podium",
        paragraph,
    )
    mission = score_link(
        profile,
        "https://x.example/world/more-kenyan-police-reach-haiti",
        "More Kenyan police reach Haiti for the mission",
        paragraph,
    )
    bare = score_link(
        profile, "https://x.example/world/more-kenyan-police-reach-haiti", "Read more", paragraph
    )
    together = score_lead(
        profile,
        "https://x.example/sport/kenyan-runners-sweep-podium",
        ["Kenyan runners sweep the Chicago marathon podium", paragraph],
    )
    assert runners < 0.5 * together  # the story's paragraph no longer carries the link
    assert runners < 0.3 * mission
    assert bare > 0.15  # a bare anchor still draws on its URL and context


def plain_score_link(profile, url: str, anchor: str, context: str) -> float:
    """score_link as first written: two score_lead calls on the joined texts."""
    own = score_lead(profile, url, [anchor])
    around = score_lead(profile, url, [anchor, context]) if context else own
    return ANCHOR_WEIGHT * own + (1 - ANCHOR_WEIGHT) * around


LINK_URLS = [
    "https://x.example/world/kenyan-police-reach-haiti",
    "https://x.example/sport/kenyan-runners-sweep-podium",
    "https://x.example/2024/10/03/ha%C3%AFti-gangs-port-au-prince",
    "https://x.example/story?id=7",
    "https://x.example/",
]
ANCHORS = [
    "More Kenyan police reach Haiti for the mission",
    "Haïti: Kenya-led mission, Port-au-Prince gangs",
    "Read more",
    "",
    "  Kenyan\n   police ",
    "Cup final tonight",
    "Cholera in Haiti, says Haiti's health ministry",
]
CONTEXTS = [
    "",
    "Kenyan police officers of the Haiti mission patrolled Port-au-Prince as gangs attacked.",
    "Earlier: Haiti police and Haïti gangs, Kenyan-trained, Kenya-led and well-armed.",
    "A further 200 officers arrived on Monday to strengthen the mission against the gangs of "
    "the capital, officials said, and cholera cases rose in the hospitals of Port-au-Prince.",
    "Cup final tonight",
]


@pytest.mark.parametrize("excluded", [(), ("cholera",), ("kenya-led",)])
def test_link_scores_equal_the_plain_formula(profile, excluded: tuple[str, ...]) -> None:
    # Each text's words are read once and merged; the scores must not move by one bit,
    # whatever repeats across the anchor, the context and the URL (accented and plain
    # spellings of one word, hyphenated words, excluded terms, empty texts).
    composed = compose_profile(profile, {"pont-sonde": 1.0}, ["Kenya-led"], excluded)
    for scored in (profile, composed):
        for url in LINK_URLS:
            for anchor in ANCHORS:
                for context in CONTEXTS:
                    expected = plain_score_link(scored, url, anchor, context)
                    assert score_link(scored, url, anchor, context) == expected
    assert composed.names and 0 < score_link(composed, LINK_URLS[0], ANCHORS[0], CONTEXTS[1])


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://x.example/world/kenya-police-haiti-2024?id=3", "world kenya police haiti"),
        # a search provider's redirect: its id is no words
        ("https://news.example/rss/articles/CBMiZGFrLXh1LXRyby12ZQ?oc=5", "rss articles"),
        ("https://news.example/rss/articles/CBMiqAFBVV95cUxQ-kLmRzQ?oc=5", "rss articles"),
        # a slug's capitals are words, once inside a word too
        ("https://x.example/News/Lao-Dam-Gate-Failure", "News Lao Dam Gate Failure"),
        ("https://x.example/iPhone-maker-McDonald-deal", "iPhone maker McDonald deal"),
    ],
)
def test_url_words(url: str, words: str) -> None:
    assert url_words(url) == words


def test_broader_queries_go_first_and_narrower_ones_wait() -> None:
    queries = ["haiti kenya police", "haiti kenya", "kenya haiti", "gangs haiti kenya",
               '"pont sonde" haiti', "mission mss"]  # fmt: skip
    first, held = plan_queries(queries)
    assert first == ["haiti kenya", '"pont sonde" haiti', "mission mss"]
    assert sorted(held["haiti kenya"]) == ["gangs haiti kenya", "haiti kenya police"]


def test_grown_and_user_terms_become_queries(seeds, profile) -> None:
    composed = compose_profile(profile, {"pont-sonde": 1.0, "massacre artibonite": 1.0},
                               ["Conille"])  # fmt: skip
    queries = build_queries([s.title for s in seeds], composed)
    top = profile.top_terms(1)[0][0]
    assert f"conille {top}" in queries
    assert f"pont-sonde {top}" in queries
    assert f'"massacre artibonite" {top}' in queries
    assert len(queries) == len(set(queries))


@pytest.mark.parametrize(
    ("url", "below"),
    [
        ("https://n.example/world/kenya-haiti/more/", True),
        ("https://n.example/world/kenya-haiti/more/more/", True),
        ("https://n.example/2024/10/01/story/x", True),
        ("https://n.example/world/kenya-haiti", False),
        ("https://n.example/world/other-story", False),
        ("https://m.example/world/kenya-haiti/more/", False),
        ("https://n.example/world/kenya-haiti/more?page=2", True),
        ("https://n.example/world?next=/world/kenya-haiti/more", False),
        ("https://n.example", False),
        # the article again, in another view
        ("https://n.example/2024/10/01/story/?share=twitter", True),
        ("https://n.example/world/kenya-haiti?replytocom=12", True),
        ("https://n.example/world/story.php?id=2", False),
        ("https://n.example/world/?share=twitter", False),
    ],
)
def test_paths_below_an_article_are_traps(url: str, below: bool) -> None:
    articles = {"https://n.example/world/kenya-haiti", "https://n.example/2024/10/01/story/",
                "https://n.example/world/story.php?id=1"}  # fmt: skip
    assert below_article(url, articles) is below


def test_section_links_skip_service_pages_and_rank_topical_ones(profile) -> None:
    links = [("/", "Home"), ("/sport/", "Sport"), ("/about/", "About us"),
             ("/haiti/", "Haiti and the Kenyan police mission"), ("/login", "Log in"),
             ("https://other.example/news/", "News"), ("/world/", "World"),
             ("/privacy/", "Privacy"), ("/a/b/c/", "Deep"), ("/feed.xml", "RSS"),
             ("/world/?page=2", "More")]  # fmt: skip
    sections = [url for url, _ in section_links(links, "https://n.example/", profile)]
    assert sections == [
        "https://n.example/haiti/",
        "https://n.example/sport/",
        "https://n.example/world/",
    ]


PAGE = """<html><head>
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="alternate" type="APPLICATION/ATOM+XML" href="https://news.example/atom">
<link rel="alternate" hreflang="fr" href="/fr/story">
<link rel="stylesheet" type="text/css" href="/site.css">
</head><body>
<nav><a href="/tag/haiti">Haiti</a> <a href="mailto:desk@news.example">Mail us</a></nav>
<p>Earlier: <a href="/world/kenyan-police-arrive-in-haiti?utm_source=x#top">Kenyan
 <b>police</b> arrive</a> in Port-au-Prince to fight the gangs.</p>
<ul><li><a href="https://other.example/sport/cup-final">Cup final</a> tonight</li></ul>
<a href="/world/story">This page again</a><a>no href</a>
</body></html>"""


def test_outlinks_are_resolved_canonical_scored_and_checked(profile) -> None:
    base = "https://news.example/world/story"
    links = outlinks(Selector(text=PAGE).root, base, profile)
    assert [link.canonical for link in links] == [
        "https://news.example/tag/haiti",
        "https://news.example/world/kenyan-police-arrive-in-haiti",
        "https://other.example/sport/cup-final",
    ]
    tag, story, sport = links
    assert tag.refused == "navigation" and story.refused is None and sport.refused is None
    assert story.url == "https://news.example/world/kenyan-police-arrive-in-haiti?utm_source=x#top"
    assert story.anchor == "Kenyan police arrive"
    # Scored from the anchor, the paragraph (or list item) around the link and the URL.
    paragraph = "Earlier: Kenyan police arrive in Port-au-Prince to fight the gangs."
    assert story.score == score_link(profile, story.url, "Kenyan police arrive", paragraph)
    assert story.score > 0.5 > sport.score
    assert sport.score == score_link(profile, sport.url, "Cup final", "Cup final tonight")


def test_links_left_unscored_score_later_as_outlinks_would(profile) -> None:
    base = "https://news.example/world/story"
    scored = outlinks(Selector(text=PAGE).root, base, profile)
    unscored = outlinks(Selector(text=PAGE).root, base, None)
    assert [link.score for link in unscored] == [None] * len(scored)
    assert [(x.url, x.canonical, x.anchor, x.refused) for x in unscored] == [
        (x.url, x.canonical, x.anchor, x.refused) for x in scored
    ]
    memo: dict[tuple[str, str, str], float] = {}
    assert [link_score(x, profile, memo) for x in unscored] == [x.score for x in scored]
    assert len(memo) == len(scored)
    # Scored links keep their score; unscored ones met again are taken from the memo.
    memo = {key: -1.0 for key in memo}
    assert [link_score(x, profile, memo) for x in scored] == [x.score for x in scored]
    assert [link_score(x, profile, memo) for x in unscored] == [-1.0] * len(scored)


def test_links_cross_processes_unchanged(profile) -> None:
    for scorer in (profile, None):  # scored (with refusals) and left unscored (with context)
        links = outlinks(Selector(text=PAGE).root, "https://news.example/world/story", scorer)
        assert pickle.loads(pickle.dumps(links, protocol=pickle.HIGHEST_PROTOCOL)) == links


HREFS = ["/world/a", "/world/../b/./c?x=1#top", "/", "//other.example/x", "http://news.example/d",
         "https://news.example:8443/e", "HTTP://news.example/f", "https://news.example/g;p?q",
         "http:h", "i/j", "../k", "./", "", "?page=2", "#top", "/l;m", " /n ", "mailto:a@b.c",
         "javascript:void(0)", "/world/story"]  # fmt: skip


@pytest.mark.parametrize(
    "base",
    [
        "https://news.example/world/story",
        "https://news.example/a/b/c/?q=1#f",
        "http://news.example:8080/x",
        "https://user@news.example/world/story",
    ],
)
def test_outlinks_resolve_as_urljoin_does(profile, base: str) -> None:
    # Hrefs from the root or with a scheme resolve against the base's origin, cached
    # across pages: every page of the site must get what urljoin gives it.
    page = "<html><body>" + "".join(f"<a href='{h}'>x</a>" for h in HREFS) + "</body></html>"
    for other in ("https://news.example/other/page", base):
        outlinks(Selector(text=page).root, other, profile)  # fills the caches
    links = outlinks(Selector(text=page).root, base, profile)
    expected = [urljoin(base, h) for h in HREFS]
    expected = [u for u in expected if u.startswith(("http://", "https://"))]
    assert [link.url for link in links] == [u for u in expected if canonicalize_url(u) != base]


def test_outlinks_keep_no_part_of_the_page(profile) -> None:
    # A worker reads thousands of pages: nothing of one may outlive it (an element held
    # by a cache keeps its whole parsed document in memory).
    root = Selector(text=PAGE).root
    elements = list(root.iter())
    alive = [weakref.ref(element) for element in elements]
    assert outlinks(root, "https://news.example/world/story", profile)
    del root, elements
    gc.collect()
    assert not [ref for ref in alive if ref() is not None]


@pytest.mark.parametrize(
    ("declared", "resolve_from"),
    [
        ("https://news.example/actu/", "https://news.example/actu/"),
        ("/actu/", "https://news.example/actu/"),
        ("//cdn.example/actu/", "https://cdn.example/actu/"),
        ("javascript:void(0)", "https://news.example/world/story"),
    ],
)
def test_outlinks_resolve_against_the_pages_base_href(
    profile, declared: str, resolve_from: str
) -> None:
    page = (
        f"<html><head><base href='{declared}'><link rel='alternate' type='application/rss+xml'"
        " href='rss.xml'></head><body><a href='../societe/article-12.html'>x</a>"
        "<a href='article-13.html'>y</a><a href='/top.html'>z</a></body></html>"
    )
    links = outlinks(Selector(text=page).root, "https://news.example/world/story", profile)
    assert [link.url for link in links] == [
        urljoin(resolve_from, "../societe/article-12.html"),
        urljoin(resolve_from, "article-13.html"),
        urljoin(resolve_from, "/top.html"),
    ]
    feeds = feed_links(Selector(text=page).root, "https://news.example/world/story")
    assert feeds == [urljoin(resolve_from, "rss.xml")]


def test_a_teaser_cards_summary_is_its_links_context() -> None:
    summary = "Kenyan police officers reached Port-au-Prince to fight the gangs in Haiti."
    body = " ".join([summary] * 12)
    page = (
        "<html><body><article><h2><a href='/world/back-in-business'>Back in business</a></h2>"
        f"<div class='summary'><p>{summary}</p></div></article>"
        "<article><header><a href='/author/jane'>Jane Roe</a></header>"
        f"<p>{body}</p></article></body></html>"
    )
    card, author = outlinks(Selector(text=page).root, "https://news.example/", None)
    assert card.context == f"Back in business {summary}"
    assert author.context == ""  # an article's own <article> is no teaser card


def test_feed_links_are_the_announced_feeds() -> None:
    feeds = feed_links(Selector(text=PAGE).root, "https://news.example/world/story")
    assert feeds == ["https://news.example/atom", "https://news.example/feed.xml"]


STORED = "Polish prosecutors open manslaughter probe into hall roof collapse"


@pytest.mark.parametrize(
    ("announced", "new"),
    [
        ("Polish prosecutors widen probe into fatal hall roof collapse, seize records", True),
        ("Polish prosecutors open manslaughter probe into hall roof collapse", False),
        ("polish prosecutors open manslaughter probe into hall roof collapse!", False),
        (f"{STORED} | Transatlantic Press", False),  # the announcer's suffix
        ("Polish prosecutors open manslaughter probe into...", False),  # cut short
        ("", False),
    ],
)
def test_a_new_headline_for_a_stored_article(announced: str, new: bool) -> None:
    assert retitled(STORED, announced) is new


@pytest.mark.parametrize(
    ("announced", "new"),
    [
        ("上海化工厂爆炸：工厂负责人被警方控制", True),
        ("上海化工厂爆炸致12人死亡_东方日报", False),  # the announcer's suffix
        ("上海化工厂爆炸致12人死亡", False),
    ],
)
def test_a_new_chinese_headline_is_told_by_its_words(announced: str, new: bool) -> None:
    # Between spaces, each headline is one word or two.
    assert retitled("上海化工厂爆炸致12人死亡", announced) is new


def test_a_chinese_summary_reads_as_a_lead_paragraph_by_its_words() -> None:
    title = "上海化工厂爆炸致12人死亡"
    assert not reads_as_lead([title], f"{title} 东方日报")
    assert reads_as_lead(
        [title], "上海市浦东新区一家化工厂6日凌晨发生爆炸，当地消防部门出动了50多辆消防车。"
    )


def test_queries_are_written_in_the_seeds_script() -> None:
    texts = ["Пукла брана код Златова\nТалас муља поплавио је Липовац испод рудника „Црни врх“."]
    queries = ["zlatova brana", '"crni vrh" lipovac', "serbia dam"]
    assert written_as(queries, texts) == ["златова брана", '"црни врх" липовац', "serbia dam"]


def test_queries_are_written_in_the_seeds_greek_and_turkish_letters() -> None:
    # a Turkish name keeps its own letters ("ı"), without the case ending after its
    # apostrophe; Greek words are written in Greek again
    texts = [
        "Işıklar Denizcilik'in gemisi Kamışada'da karaya oturdu.\nKamışada açıklarında yangın.",
        "Φωτιά σε πλοίο στο Καλαμονήσι",
    ]
    queries = ["isiklar kamisada", "kalamonisi ploio", "fire ship"]
    assert written_as(queries, texts) == ["işıklar kamışada", "καλαμονήσι πλοίο", "fire ship"]


def test_queries_are_written_with_the_marks_folding_drops() -> None:
    # Folding drops Thai tone marks and Devanagari's virama and nukta as it drops accents:
    # "เขือน" and "सीतामढी" are no words a provider would find
    texts = ["เขื่อนในลาวปล่อยน้ำ น้ำโขงท่วมโขงเจียม", "सीतामढ़ी में बागमती पर बना पुल ढहा"]
    queries = [f"{fold('เขื่อน')} {fold('โขงเจียม')}", f"{fold('सीतामढ़ी')} {fold('बागमती')}"]
    assert queries != ["เขื่อน โขงเจียม", "सीतामढ़ी बागमती"]
    assert written_as(queries, texts) == ["เขื่อน โขงเจียม", "सीतामढ़ी बागमती"]


def test_queries_in_latin_letters_stay_as_they_are() -> None:
    texts = ["Zawalił się most nad Olszanką w Krasnoborze Śląskim"]
    assert written_as(["krasnoborze slaskim most"], texts) == ["krasnoborze slaskim most"]
