"""The story's core names: learned from the seeds, and how a page names them."""

import re
from pathlib import Path

import pytest

from collector.names import (
    MISSING,
    NAMED,
    OTHER_LANGUAGE,
    PASSING,
    by_story_names,
    common_compound,
    core_names,
    lines_naming,
    name_keys,
    names_across,
    naming,
    naming_from_counts,
    part_of_longer_name,
    proper_nouns,
    same_name,
    skeleton,
    sounded_names,
    story_names,
    translations,
    unique_names,
    unique_names_repeated,
)
from collector.relevance import TopicProfile
from collector.seeds import load_seeds

CORE = ("haiti", "kenya")


def test_the_shipped_seeds_agree_on_kenya_and_haiti(seeds_dir: Path) -> None:
    seeds = load_seeds(seeds_dir).seeds
    assert set(core_names([(s.title, s.text) for s in seeds])) == set(CORE)


def test_a_lower_share_admits_names_fewer_seeds_give(seeds_dir: Path) -> None:
    seeds = [(s.title, s.text) for s in load_seeds(seeds_dir).seeds]
    assert "port-au-prince" in core_names(seeds, min_share=0.6)
    assert len(core_names(seeds, min_share=0.2, limit=2)) == 2


@pytest.mark.parametrize(
    ("token", "keys"),
    [
        ("Kenya-led", ["kenya"]),
        ("Kenya's", ["kenya"]),
        ("Port-au-Prince", ["port-au-prince"]),
        ("Haïti", ["haiti"]),
        ("anti-gang", ["anti-gang", "anti", "gang"]),
        ("d'Haïti", ["haiti"]),
        ("l’Artibonite", ["artibonite"]),
        ("dell'Italia", ["italia"]),
        ("O'Brien", ["o'brien"]),
        # a Turkish name's case ending after its apostrophe
        ("Kamışada'dan", ["kamisada"]),
        ("Aydoğdu'nun", ["aydogdu"]),
        ("İzmir'e", ["izmir"]),
        ("Sant'Anna", ["sant'anna"]),
    ],
)
def test_name_keys(token: str, keys: list[str]) -> None:
    assert name_keys(token) == keys


@pytest.mark.parametrize(
    ("form", "name", "same"),
    [
        ("kenyan", "kenya", True),
        ("haitians", "haiti", True),
        ("mexican", "mexico", True),
        ("kenya", "kenya", True),
        ("iraq", "iran", False),
        ("kenyatta-road", "kenya", False),
        ("hai", "haiti", False),
        # the seeds may give a name only in an inflected case (Polish locative)
        ("zabrzany", "zabrzanach", True),
        ("zabrzan", "zabrzanach", True),
        ("zabrzanach", "zabrzany", True),
        # a short everyday word that begins like a longer name is not a form of it
        ("latte", "latterie", False),
        ("espera", "esperanca", False),
        # two cases of one name, neither the other's stem (genitive, locative)
        ("krasnoboru", "krasnoborze", True),
        ("olszanki", "olszance", True),
        ("krasnystaw", "krasnoborze", False),
        ("hradce", "hradec", False),  # too short to tell from another word
        # a case form that drops the vowel before the last letter (Serbian, Croatian)
        ("lipovca", "lipovac", True),
        ("lipovcu", "lipovac", True),
        ("lipovac", "lipovca", True),
        ("kragujevcem", "kragujevac", True),
        ("lipovci", "lipovac", True),
        ("lipovcanski", "lipovac", False),  # an adjective: four letters more
        ("kraśnika", "kraśnik", True),  # no vowel to drop: the stem rule
        ("krasnystaw", "krasnobor", False),
        ("tormisaarella", "tormisaari", True),  # Finnish: another stem vowel and "-lla"
        # Finnish and Estonian consonant gradation: Kuutar, Kuuttaren, Kuuttarella
        ("kuuttaren", "kuutar", True),
        ("kuutar", "kuuttaren", True),
        ("kuuttarella", "kuutar", True),
        ("kuutarist", "kuuttaren", True),  # an Estonian case of the Finnish genitive's name
        ("lehtosen", "lehtonen", True),
        ("lehtoselle", "lehtonen", True),
        ("kato", "katto", False),  # too short to tell from another word
        ("tormisaare", "tormis", False),  # no gradation: a compound, not an ending
        ("kuuttaren", "kuusamo", False),
        # a name of Arabic origin with its article, as the Maghreb's French press writes it
        ("ezzahra", "al-zahra", True),
        ("ez-zahra", "al-zahra", True),
        ("zahra", "al-zahra", True),
        ("al-zahra", "ezzahra", True),
        ("ennahda", "al-nahda", True),
        ("ezzahra", "al-zahrawi", False),
        ("essen", "sen", False),  # no article shown: no name of Arabic origin
        ("essen", "es-sen", False),  # what is left is too short to tell
    ],
)
def test_same_name(form: str, name: str, same: bool) -> None:
    assert same_name(form, name) is same


def test_proper_nouns_are_capitalised_where_no_sentence_starts() -> None:
    texts = [
        "Police in Haiti said the mission grew. The Police said more. Officers of the MSS "
        "mission met police chiefs and police unions.\nMission statements came later."
    ]
    found = proper_nouns(texts)
    assert {"haiti", "mss"} <= found
    assert not {"police", "mission", "officers"} & found


@pytest.mark.parametrize(
    ("texts", "language", "names", "no_names"),
    [
        # a weekday, a month or a time zone is no name, capitalised as Indonesian writes them
        (
            [
                "Kapal itu terbalik di perairan Mamuju pada Senin dini hari pukul 02.30 WITA.",
                "Tim SAR dari Mamuju mencari korban sejak Senin pagi, 4 Agustus, kata Basarnas.",
            ],
            "id",
            {"mamuju", "basarnas"},
            {"senin", "wita", "agustus"},
        ),
        # so is one with a possessive or a case ending
        (
            [
                "The hotel in Kuşadası collapsed in Monday's earthquake, AFAD said.",
                "Guests of the hotel in Kuşadası left on Monday's first ferry.",
            ],
            "en",
            {"kusadasi", "afad"},
            {"monday"},
        ),
        (
            ["Otel Pazartesi'den beri kapalı, dedi Kemal Aydın'da."],
            "tr",
            {"kemal", "aydin"},
            {"pazartesi"},
        ),
        # a name in quotes of its own is one; a quoted sentence's first word is not
        (
            [
                "Авария произошла на руднике «Северная», сообщили в «Иртышмеди».",
                "«Северная» – крупная шахта. «Тут каждый знает горняков», – говорит Ерлан.",
            ],
            "ru",
            {"severnaja", "irtysmedi"},
            {"tut"},
        ),
    ],
)
def test_what_a_capital_says_of_a_name(
    texts: list[str], language: str, names: set[str], no_names: set[str]
) -> None:
    found = proper_nouns(texts, language)
    assert names <= found
    assert not found & no_names


def test_a_word_after_an_opening_quote_or_a_time_starts_a_sentence() -> None:
    # Polish "most" (bridge) is no name, written capitalised where a headline is quoted
    # or a list entry starts; "Olszanka" is one.
    texts = [
        "Czytaj także: Media o katastrofie. „Most zawalił się pod autokarem”\n"
        "11:10 Most na Wisłoce zamknięty\nTak wygląda zawalony most na Olszance.\n"
        "« Pont fermé » près de la Olszanka, et le most tient.",
    ]
    found = proper_nouns(texts)
    assert "olszance" in found
    assert "most" not in found


def test_a_common_word_written_without_its_accents_is_no_rarer() -> None:
    # Names are compared folded: "Śląskim" (Silesian) folds to "slaskim", a form that
    # looks all but unknown, of a common adjective; "Krasnoborze", the town's, is one.
    assert unique_names(["slaskim", "krasnoborze", "olszance"], "pl") == [
        "krasnoborze",
        "olszance",
    ]


def test_seeds_must_agree_and_common_words_are_no_names() -> None:
    seeds = [
        ("President visits Kenya", "The President of Kenya met officials in Nairobi.\nMore."),
        ("Kenya budget", "Kenya's Treasury said the President agreed.\nMore text."),
        ("Storm hits coast", "A storm hit the coast of Kenya on Friday.\nNairobi was spared."),
    ]
    assert core_names(seeds) == ("kenya",)  # "President" is capitalised but too common
    assert core_names(seeds[:1]) == ()  # one seed cannot agree with itself


def test_a_name_the_seeds_write_in_graded_cases_is_one_core_name() -> None:
    # Finnish writes the ferry Kuutar's other cases with a doubled t: Kuuttaren, Kuuttarella.
    seeds = [
        ("Kuutar ajoi karille", "Matkustaja-alus Kuutar ajoi karille Tormisaaren edustalla."),
        ("Kuuttaren sähkökatko", "Miksi Kuuttaren sähköt katkesivat? Kuuttarella on kaksi."),
        ("Kuuttaren matkustajat", "Ensimmäiset Kuuttaren matkustajat ovat Tallinnassa."),
    ]  # fmt: skip
    assert core_names(seeds, language="fi") == ("kuutar",)


def test_german_nouns_are_no_names() -> None:
    # German capitalises every noun: "Werk" (plant) and "Chemie" are words, not names.
    seeds = [
        ("Großbrand im Werk von Ostmann in Lindenau",
         "Im Werk von Ostmann in Lindenau brannte eine Halle. Die Chemie floss in die Wessel."),
        ("Ostmann: Löschwasser erreicht die Wessel",
         "Das Werk in Lindenau liegt an der Wessel. Die Chemie des Wassers ändert sich."),
    ]  # fmt: skip
    assert set(core_names(seeds, language="de")) == {"ostmann", "lindenau", "wessel"}
    profile_words = ["werk", "chemie", "ostmann", "lindenau", "wessel"]
    found = story_names(profile_words, (body for _, body in seeds), "de")
    assert found == {"ostmann", "lindenau", "wessel"}


def test_german_compounds_of_everyday_words_are_no_names() -> None:
    # "Cyberangriff" and "Dammbruch" are rare as wholes, but nouns; "NordCheck" is written
    # as a name, and "Lindenau" and "Ostmann" end as German names of places and people do.
    seeds = [
        ("Cyberangriff auf NordCheck legt Flughafen Lindenau lahm",
         "Nach dem Cyberangriff auf NordCheck steht der Check-in in Lindenau still."),
        ("Cyberangriff: NordCheck entschuldigt sich in Lindenau",
         "Der Cyberangriff auf den Dienstleister NordCheck trifft Lindenau seit Montag."),
    ]  # fmt: skip
    assert set(core_names(seeds, language="de")) == {"nordcheck", "lindenau"}
    found = story_names(["cyberangriff", "nordcheck", "lindenau"], [b for _, b in seeds], "de")
    assert found == {"nordcheck", "lindenau"}


@pytest.mark.parametrize(
    ("word", "noun"),
    [
        ("Cyberangriff", True), ("Dammbruch", True), ("Verkehrsunfall", True),
        ("NordCheck", False), ("Lindenau", False), ("Ostmann", False), ("Kastrup", False),
    ],
)  # fmt: skip
def test_common_compound(word: str, noun: bool) -> None:
    assert common_compound(word, "de") is noun
    assert not common_compound(word, "da")  # a language that capitalises names only


def test_two_words_of_one_name_are_one_core_name() -> None:
    seeds = [
        (
            "Latterie Valdrena recalls Primalatte",
            "Latterie Valdrena said Primalatte cans were recalled.",
        ),
        ("Primalatte recall widens", "Latterie Valdrena now recalls every Primalatte can."),
    ]
    assert set(core_names(seeds)) == {"primalatte", "valdrena"}  # "Latterie" always beside


def test_a_part_of_a_longer_name_the_seeds_agree_on_less_is_no_core_name() -> None:
    # "Val" is only ever the valley's "Val Ganzina", whose rarer part the limit of three
    # core names leaves out: a page about the valley writes "the Ganzina valley".
    seeds = [
        (
            f"Incendio nel traforo del Carvone: {n} morti",
            f"Mattinata drammatica in Val Ganzina. Il Pizzo Carvone brucia vicino a Sorvadino "
            f"e Lizzaro, dice {n}.",
        )
        for n in ("due", "tre", "quattro")
    ]
    assert core_names(seeds, language="it") == ("carvone",)


@pytest.mark.parametrize(
    ("texts", "part"),
    [
        (["Giorgio Ferrante spoke.", "Giorgio Ferrante left."], True),  # only ever beside
        (["Giorgio Ferrante spoke.", "Ferrante left, said Giorgio."], False),  # once alone
        (["Giorgio, Ferrante and Rossi met."], False),  # a comma parts two names
    ],
)
def test_a_part_of_a_longer_name(texts: list[str], part: bool) -> None:
    assert part_of_longer_name("giorgio", ["giorgio", "ferrante"], texts, "en") is part


def test_of_two_parts_always_together_the_rarer_stays() -> None:
    texts = ["The Valdrena Dairies statement.", "Valdrena Dairies closed."]
    assert part_of_longer_name("dairies", ["dairies", "valdrena"], texts, "en")
    assert not part_of_longer_name("valdrena", ["dairies", "valdrena"], texts, "en")


@pytest.mark.parametrize(
    ("title", "text", "verdict"),
    [
        (
            "Kenyan police reinforce Haiti mission",
            "The Kenya-led mission in Haiti grew.\nMore officers reached Port-au-Prince.",
            NAMED,
        ),
        (
            "Ruto signs trade deals in Seoul",
            "Kenya's president signed deals.\nKenya exports tea.\n"
            "Separately, Kenya leads a police mission in Haiti.",
            PASSING,
        ),
        ("Peacekeepers in Lebanon face attacks", "The UN mission said troops were hurt.", MISSING),
        ("Kenya and Haiti", "", NAMED),  # a one-line page needs its one line
    ],
)
def test_naming(title: str, text: str, verdict: str) -> None:
    assert naming(CORE, title, text, min_lines=2) == verdict


def test_naming_without_core_names_or_lines_asks_nothing() -> None:
    assert naming((), "Anything", "at all") == NAMED
    assert naming(CORE, "Nothing of it", "here", min_lines=0) == NAMED


def _naming_forms(line: str) -> set[str]:
    """Every form a line's tokens stand for: what ``lines_naming`` compares, spelled out."""
    forms = set()
    for token in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", line):
        forms.update(name_keys(token))
        if "-" in token:
            forms.update(k.lower().removesuffix("'s") for k in token.split("-"))
    return forms


LINES = [
    "Kenyan police reinforce Haiti mission",
    "The Kenya-led mission in Haïti grew; Kenya's officers landed.",
    "Port-au-Prince and Mexico City",
    "HAITIAN gangs and kenyans",
    "Nothing here at all",
    "Kenyatta Avenue is not Kenya",
    "",
]


@pytest.mark.parametrize("names", [CORE, ("kenya",), ("port-au-prince", "mexico"), ()])
def test_lines_naming_counts_the_lines_with_a_form_of_each_name(names: tuple[str, ...]) -> None:
    expected = {
        n: sum(any(same_name(f, n) for f in _naming_forms(line)) for line in LINES) for n in names
    }
    assert lines_naming(names, LINES) == expected
    assert lines_naming(names, LINES * 2) == {n: 2 * c for n, c in expected.items()}


def test_story_names_are_the_profiles_rare_names(seeds_dir: Path) -> None:
    seeds = load_seeds(seeds_dir).seeds
    terms = ["haiti", "haitian", "kenya", "ruto", "security", "police", "wednesday", "mss",
             "gangs", "kenya haiti"]  # fmt: skip
    found = story_names(terms, (s.text for s in seeds), "en")
    # "Haitian" is a form of Haiti; "Security" is capitalised but common; "police" and
    # "gangs" are not written as names; a phrase is not a word.
    assert found == {"haiti", "kenya", "ruto", "mss"}


NAMES = frozenset({"haiti", "kenya", "ruto", "premier", "mss"})


@pytest.mark.parametrize(
    ("title", "text", "language", "counts"),
    [
        ("Le Kenya en Haïti", "Des policiers kényans sont arrivés.\nLe président Ruto et Haïti.",
         "fr", (3, 2)),
        ("Kenia schickt Polizisten nach Haiti", "Die kenianische Polizei in Haiti.", "de", (1, 1)),
        ("Le premier ministre", "Le premier jour, le premier bilan.", "fr", (0, 0)),
        ("The premier", "The premier met Ruto.", "en", (1, 0)),
        ("Kenya-led mission", "The MSS of Kenya's police.", "en", (2, 1)),
    ],
)  # fmt: skip
def test_names_across_counts_the_names_a_page_uses_and_repeats(
    title: str, text: str, language: str, counts: tuple[int, int]
) -> None:
    # "premier" is common in French (and English), so no evidence; "Kenia" is no form of
    # Kenya that the names know.
    assert names_across(NAMES, title, text, language) == counts


@pytest.mark.parametrize(
    ("word", "sound"),
    [
        ("Badulla", "ptl"), ("bdull", "ptl"), ("ptulai", "ptl"),  # anyascii of Sinhala, Tamil
        ("Glenalla", "klnl"), ("kilenlla", "klnl"), ("Demodara", "tmtr"), ("temotr", "tmtr"),
        ("Dhanushi", "tns"), ("Bagmati", "pkmt"),
    ],
)  # fmt: skip
def test_skeleton(word: str, sound: str) -> None:
    assert skeleton(word) == sound


LANKA = ("badulla", "glenalla", "demodara", "ella", "essalem")


@pytest.mark.parametrize(
    ("token", "named"),
    [
        ("බදුල්ල", {"badulla"}),  # Sinhala
        ("බදුල්ලට", {"badulla"}),  # to Badulla: a case ending after the name
        ("பதுளையில்", {"badulla"}),  # Tamil, in Badulla: p for b, t for d
        ("கிளெனல்லா", {"glenalla"}),  # Tamil writes a vowel inside "gl"
        ("दमोदरा", {"demodara"}),  # Devanagari
        ("எல்ல", set()),  # "Ella": one consonant is no name's sound
        ("சென்னையில்", set()),  # in Chennai: no name of these
        ("سلامة", set()),  # Arabic "safety", three consonants as "Essalem": too few there
        ("Badulla", set()),  # a script with capitals is read as written
        ("Бадулла", set()),
    ],
)
def test_a_word_in_a_script_without_capitals_names_what_it_sounds_like(
    token: str, named: set[str]
) -> None:
    assert sounded_names(token, LANKA) == named


def test_a_sinhala_page_names_the_english_seeds_places() -> None:
    title = "බදුලු මාර්ගයේ දුම්රිය අනතුර: ග්ලෙනල්ලා වත්තේ කම්කරුවන් උදව් කළහ"
    text = (
        "ඇල්ල සහ දෙමෝදර අතර නායයෑමක් හේතුවෙන් රාත්‍රී තැපැල් දුම්රිය පීලි පැන ඇත.\n"
        "ග්ලෙනල්ලා වත්තේ කම්කරුවන් තුවාලකරුවන් බදුල්ල රෝහලට ගෙන ගියහ."
    )
    assert names_across(frozenset(LANKA), title, text, "si") == (3, 2)


STORY = TopicProfile({"haiti": 1.0}, names=CORE, language="en", story_names=NAMES)
FRENCH = ("Le Kenya en Haïti", "Des policiers kényans sont arrivés.\nLe président Ruto et Haïti.")
LOCAL = ("The MSS in Port-au-Prince", "Haiti's police and the MSS met.\nRuto's officers, Haiti.")
VAGUE = ("A morning in Port-au-Prince", "Haiti's capital woke to rain.")
ONCE = ("Le Kenya en Haïti", "Le président Ruto a parlé aux policiers.")


@pytest.mark.parametrize(
    ("counts", "named", "language", "page", "min_names", "judged"),
    [
        ({"haiti": 3, "kenya": 2}, NAMED, "fr", FRENCH, 3, OTHER_LANGUAGE),
        ({"haiti": 3, "kenya": 2}, NAMED, "fr", FRENCH, 4, NAMED),  # too few names
        ({"haiti": 3, "kenya": 2}, NAMED, "fr", FRENCH, 0, NAMED),  # turned off
        ({"haiti": 3, "kenya": 0}, MISSING, "fr", FRENCH, 3, MISSING),  # leaves Kenya out
        # each name once, but both core names are rare ones: as good as names repeated
        ({"haiti": 1, "kenya": 1}, PASSING, "fr", ONCE, 3, OTHER_LANGUAGE),
        ({"haiti": 1}, PASSING, "fr", ONCE, 3, PASSING),  # one core name is not enough
        # "German" is no story name (common in English): a French page says "allemand"
        ({"haiti": 3, "kenya": 2, "german": 0}, MISSING, "fr", FRENCH, 3, OTHER_LANGUAGE),
        ({"haiti": 3, "kenya": 0}, MISSING, "en", LOCAL, 3, PASSING),  # a local report
        ({"haiti": 0, "kenya": 0}, MISSING, "en", LOCAL, 3, MISSING),  # leaves both out
        ({"haiti": 2, "kenya": 0}, MISSING, "en", VAGUE, 3, MISSING),  # names little else
        ({"haiti": 3, "kenya": 2}, NAMED, "en", LOCAL, 3, NAMED),  # nothing to change
    ],
)  # fmt: skip
def test_by_story_names(
    counts: dict[str, int], named: str, language: str, page: tuple[str, str], min_names: int,
    judged: str,
) -> None:  # fmt: skip
    assert by_story_names(STORY, counts, named, language, page, min_names) == judged


PLACES = frozenset({"vista", "alegre", "vista alegre", "carrick", "esperanca"})


@pytest.mark.parametrize(
    ("title", "text", "language", "counts"),
    [
        # "vista" and "alegre" are everyday Portuguese: side by side and capitalised they
        # are the place, and count once; in lower case they are "a cheerful view".
        ("Buscas em Vista Alegre", "A Carrick disse que Vista Alegre espera.", "pt", (2, 1)),
        ("Buscas na serra", "Uma vista alegre da serra, disse a Carrick.", "pt", (1, 0)),
        # In English both words are rare names, and count as such, not as a third name.
        ("Search in Vista Alegre", "Carrick said Vista Alegre waits.", "en", (3, 2)),
    ],
)
def test_a_two_word_name_of_common_words_counts_where_both_are_written(
    title: str, text: str, language: str, counts: tuple[int, int]
) -> None:
    assert names_across(PLACES, title, text, language) == counts


def test_the_seeds_two_word_names_join_the_story_names() -> None:
    bodies = [
        "Mud buried Vista Alegre on Wednesday. The miner Carrick owns the Esperança dam.",
        "Families in Vista Alegre waited, and Carrick said the Esperança dam was safe.",
    ]
    terms = ["vista", "alegre", "vista alegre", "carrick", "esperanca", "esperanca dam"]
    found = story_names(terms, bodies, "en")
    # "Esperança dam" is no name: "dam" is not written as one.
    assert found == {"vista", "alegre", "vista alegre", "carrick", "esperanca"}


def test_a_name_the_seeds_write_after_an_elided_article_is_a_story_name() -> None:
    bodies = [
        "L'usine d'Ezzahra à Ghannouch a brûlé. Les habitants de Ghannouch ont fui.",
        "Les ouvriers d'Ezzahra ont été évacués, selon O'Brien et le préfet de Ghannouch.",
    ]
    bodies.append("Le groupe L'Oréal et Massimo D'Alema ont réagi, comme L'Oréal hier.")
    terms = ["d'ezzahra", "ghannouch", "l'usine", "o'brien", "l'oreal", "d'alema"]
    found = story_names(terms, bodies, "fr")
    assert {"ezzahra", "ghannouch", "o'brien", "l'oreal", "d'alema"} <= found
    assert not found & {"d'ezzahra", "usine", "l'usine", "brien", "oreal", "alema"}


BRAZIL = TopicProfile(
    {"dam": 1.0}, names=("brazil",), language="en",
    story_names=frozenset({"esperanca", "carrick", "conceicao", "mariana", "vista alegre"}),
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "judged"),
    [
        # Four of the story's names, once each: a short report, not a passing mention.
        ("A Carrick e a Esperança.\nConceição e Mariana choram as vítimas.", OTHER_LANGUAGE),
        ("A Carrick e a barragem Esperança.\nConceição chora as vítimas.", NAMED),
        # Three, two of them twice: as before.
        ("A Carrick e a barragem Esperança.\nConceição e Esperança, e a Carrick.", OTHER_LANGUAGE),
    ],
)  # fmt: skip
def test_in_another_language_one_name_more_stands_for_names_repeated(
    text: str, judged: str
) -> None:
    page = ("Rompimento de barragem", text)
    assert by_story_names(BRAZIL, {"brazil": 0}, NAMED, "pt", page, 3) == judged


@pytest.mark.parametrize(
    ("name", "language", "written"),
    [
        ("polish", "de", ("polen", "polnisch")),  # a demonym: the country and the language
        ("poland", "de", ("polen",)),
        ("kenyan", "pl", ("kenia",)),
        ("kenya", "fr", ()),  # written alike: nothing more to look for
        ("polish", "pl", None),  # the country's own press seldom names it
        ("zabrzany", "pl", ()),  # no country's or language's name
        # Serbian in Latin letters, which detectors mostly call Croatian or Bosnian
        ("serbia", "bs", None),
        ("serbia", "hr", None),
        ("serbia", "bg", ("sarbija",)),  # Bulgarian "Сърбия", in Latin letters
    ],
)
def test_translations_of_a_countrys_or_a_languages_name(
    name: str, language: str, written: tuple[str, ...] | None
) -> None:
    assert translations(name, "en", language) == written


@pytest.mark.parametrize(
    ("name", "seeds_language", "language", "written"),
    [
        ("copenhagen", "en", "de", ("kopenhagen",)),
        ("copenhagen", "en", "da", ("københavn",)),
        ("kopenhagen", "de", "en", ("copenhagen",)),
        ("warsaw", "en", "pl", ("warszawa",)),
        ("prague", "en", "fr", ()),  # written alike
        ("almaty", "en", "ru", ()),  # "Алматы" reads "almaty" in Latin letters
        ("casablanca", "en", "ar", ()),  # "الدار البيضاء": two words
        ("kastrup", "da", "en", ()),  # no city of a time zone
    ],
)
def test_translations_of_a_city_that_names_a_time_zone(
    name: str, seeds_language: str, language: str, written: tuple[str, ...]
) -> None:
    assert translations(name, seeds_language, language) == written


# A German report on the supplier's home, "Kopenhagen", and its country, "dänisch".
COPENHAGEN_DE = (
    "Dänischer Dienstleister NordCheck gehackt",
    "Der Angriff auf NordCheck traf Kopenhagen, Hamburg und Amsterdam.\n"
    "NordCheck sitzt in Aarhus.\nIn Kopenhagen stehen die Schalter still.",
)
WITHOUT_CITY_DE = (COPENHAGEN_DE[0], COPENHAGEN_DE[1].replace("Kopenhagen", "Billund"))


@pytest.mark.parametrize(
    ("page", "judged"), [(COPENHAGEN_DE, OTHER_LANGUAGE), (WITHOUT_CITY_DE, MISSING)]
)
def test_a_core_name_that_is_a_city_is_read_in_the_pages_language(
    page: tuple[str, str], judged: str
) -> None:
    counts = {"danish": 1, "nordcheck": 3, "copenhagen": 0}
    assert by_story_names(SUPPLIER, counts, MISSING, "de", page, 3) == judged


POLISH_STORY = TopicProfile(
    {"zabrzany": 1.0}, names=("polish",), language="en",
    story_names=frozenset({"polish", "zabrzany", "kestrel", "agroexpo"}),
)  # fmt: skip
POLISH_REPORT = (
    "Zawalił się dach hali w Zabrzanach",
    "Dach hali targów AgroExpo runął w Zabrzanach.\nHalą zarządza spółka Kestrel Events.\n"
    "Kestrel nie komentuje.",
)
GERMAN_REPORT = (
    "Hallendach in Zabrzany eingestürzt",
    "In Polen ist bei der Messe AgroExpo das Dach eingestürzt.\nBetreiber ist Kestrel.\n"
    "Die polnische Staatsanwaltschaft ermittelt gegen Kestrel in Zabrzany.",
)
# the town in two lines, the fair and the company once: one name repeated is enough in
# another language; named once each, three names are not
POLISH_SHORT = (
    "Zawalił się dach hali w Zabrzanach",
    "Dach hali targów AgroExpo runął w Zabrzanach.\nHalą zarządza spółka Kestrel Events.",
)
POLISH_ONCE = ("Dach hali runął", "Targi AgroExpo.\nSpółka Kestrel.\nMiasto Zabrzany.")
GERMAN_VAGUE = (
    "Hallendach in Zabrzany eingestürzt",
    "Bei der Messe AgroExpo ist das Dach eingestürzt.\nBetreiber ist Kestrel in Zabrzany.\n"
    "Kestrel schweigt.",
)

# the town, the fair and the company, each in two lines: the story without "Polen"
GERMAN_NAMES_ONLY = (
    "Hallendach in Zabrzany eingestürzt",
    "Bei der AgroExpo ist das Dach eingestürzt.\nBetreiber ist Kestrel in Zabrzany.\n"
    "Kestrel schweigt, die AgroExpo bleibt geschlossen.",
)


@pytest.mark.parametrize(
    ("language", "page", "judged"),
    [
        # A Polish report on a Polish town does not say "Polish" (nor "Polska"): its
        # story names decide.
        ("pl", POLISH_REPORT, OTHER_LANGUAGE),
        # A German one says "Polen" and "polnische": the core name, in German.
        ("de", GERMAN_REPORT, OTHER_LANGUAGE),
        ("de", GERMAN_VAGUE, MISSING),
        ("de", GERMAN_NAMES_ONLY, OTHER_LANGUAGE),
        ("pl", POLISH_SHORT, OTHER_LANGUAGE),
        ("pl", POLISH_ONCE, MISSING),
    ],
)
def test_a_core_name_that_is_a_countrys_is_read_in_the_pages_language(
    language: str, page: tuple[str, str], judged: str
) -> None:
    counts = {"polish": 0}
    assert by_story_names(POLISH_STORY, counts, MISSING, language, page, 3) == judged


DERAILMENT = TopicProfile(
    {"train": 1.0}, names=(), language="en",
    story_names=frozenset({"ferlux", "vireux-sur-lesse", "namur", "belgium"}),
)  # fmt: skip
OPERATOR = (
    "Ferlux, l'opérateur de fret sous le feu des critiques",
    "Ferlux assure que ses wagons étaient contrôlés.\nÀ Vireux-sur-Lesse, on doute.\n"
    "Les syndicats accusent Ferlux.\nLe bourgmestre de Vireux-sur-Lesse attend l'enquête.",
)
RESULTS = (
    "Ferlux : un chiffre d'affaires en hausse de 4 %",
    "Ferlux a publié ses résultats.\nLe fret de Ferlux progresse à Anvers et à Namur.",
)


@pytest.mark.parametrize(
    ("page", "judged"),
    [
        (OPERATOR, OTHER_LANGUAGE),  # two names all but unknown in French, each repeated
        (RESULTS, NAMED),  # one of them, and "Namur" (a city of many stories) once
    ],
)
def test_two_unique_names_repeated_name_the_story_in_another_language(
    page: tuple[str, str], judged: str
) -> None:
    assert unique_names_repeated(DERAILMENT.story_names, OPERATOR, "fr") == 2
    assert by_story_names(DERAILMENT, {}, NAMED, "fr", page, 3) == judged


FERRY = TopicProfile(
    {"frejborg": 1.0}, names=("frejborg", "kattegatt"), language="sv",
    story_names=frozenset({"frejborg", "kattegatt", "hallvik", "ravnsby"}),
)  # fmt: skip
# A Danish report on the inquiry names the ferry and its ports, never the sea.
INQUIRY = (
    "Havarikommissionen om bord på Frejborg",
    "Havarikommissionen gik i dag om bord på Frejborg i Ravnsby.\n"
    "Frejborg sejlede mellem Hallvik og Ravnsby.\nTo danskere omkom.",
)
# Another ferry's breakdown in the same sea, beside the same ports.
BREAKDOWN = (
    "Færgen Sjællandsodde drev uden motor i Kattegat",
    "Sjællandsodde drev i to timer i Kattegat.\nFærgen skulle til Ravnsby.\n"
    "Passagererne kom i land i Ravnsby.",
)


@pytest.mark.parametrize(
    ("page", "counts", "judged"),
    [
        # a core name all but unknown, and one more such name, each repeated
        (INQUIRY, {"frejborg": 3, "kattegatt": 0}, OTHER_LANGUAGE),
        (BREAKDOWN, {"frejborg": 0, "kattegatt": 2}, MISSING),
        # the core name named once: three such names needed, as before
        (INQUIRY, {"frejborg": 1, "kattegatt": 0}, MISSING),
    ],
)
def test_a_unique_core_name_repeated_stands_for_a_core_name_left_out(
    page: tuple[str, str], counts: dict[str, int], judged: str
) -> None:
    assert by_story_names(FERRY, counts, MISSING, "da", page, 3) == judged


# English seeds about a ransomware attack on a Danish supplier of airports' check-in.
SUPPLIER = TopicProfile(
    {"nordcheck": 1.0}, names=("danish", "nordcheck", "copenhagen"), language="en",
    story_names=frozenset({"nordcheck", "copenhagen", "danish", "schiphol", "voltkey"}),
)  # fmt: skip
CLAIM = (
    "Criminal hacking group claims attack on NordCheck",
    "A group calling itself VoltKey said it attacked NordCheck.\n"
    "NordCheck's systems at Schiphol were still down on Tuesday.",
)


@pytest.mark.parametrize(
    ("counts", "judged"),
    [
        # the supplier named in two lines, its country and city left out: for feedback
        ({"nordcheck": 3, "danish": 0, "copenhagen": 0}, PASSING),
        ({"nordcheck": 1, "danish": 0, "copenhagen": 0}, MISSING),  # named once
        # only common core names: a report on Copenhagen, not on the supplier
        ({"nordcheck": 0, "danish": 2, "copenhagen": 3}, MISSING),
    ],
)
def test_a_unique_core_name_repeated_has_a_page_in_the_seeds_language_judged(
    counts: dict[str, int], judged: str
) -> None:
    assert by_story_names(SUPPLIER, counts, MISSING, "en", CLAIM, 3) == judged


# German seeds about that attack agree on the supplier alone; Danish seeds on the airport.
SUPPLIER_DE = TopicProfile(
    {"nordcheck": 1.0}, names=("nordcheck",), language="de",
    story_names=frozenset({"nordcheck"}),
)  # fmt: skip
AIRPORT_DA = TopicProfile(
    {"kastrup": 1.0}, names=("kastrup",), language="da",
    story_names=frozenset({"kastrup", "nordcheck", "jonas friis"}),
)  # fmt: skip
SHARES = (
    "NordCheck shares plunge as chief executive apologises",
    "Shares in NordCheck fell 18% in Copenhagen on Tuesday.\n"
    "Check-in desks at Kastrup, Schiphol and Hamburg were still working by hand.\n"
    "NordCheck's chief executive said the company was deeply sorry.",
)
IN_TWO_LINES = (SHARES[0], SHARES[1].replace("NordCheck's chief executive", "Its chief"))
WITHOUT_AIRPORT = (SHARES[0], SHARES[1].replace("Kastrup, ", ""))


@pytest.mark.parametrize(
    ("profile", "page", "counts", "min_names", "judged"),
    [
        # the one name the story has, in three lines
        (SUPPLIER_DE, SHARES, {"nordcheck": 3}, 3, OTHER_LANGUAGE),
        (SUPPLIER_DE, IN_TWO_LINES, {"nordcheck": 2}, 3, NAMED),
        (SUPPLIER_DE, SHARES, {"nordcheck": 3}, 0, NAMED),  # other languages not asked for
        # the airport named once, the supplier in three lines
        (AIRPORT_DA, SHARES, {"kastrup": 1}, 3, OTHER_LANGUAGE),
        (AIRPORT_DA, WITHOUT_AIRPORT, {"kastrup": 0}, 3, MISSING),
    ],
)
def test_a_unique_name_in_three_lines_names_the_story_with_every_core_name(
    profile: TopicProfile,
    page: tuple[str, str],
    counts: dict[str, int],
    min_names: int,
    judged: str,
) -> None:
    named = naming_from_counts(counts, len(page[1].splitlines()) + 1)
    assert by_story_names(profile, counts, named, "en", page, min_names) == judged
