import dataclasses
import json
from pathlib import Path

import pytest
import stopwordsiso

from collector.relevance import (
    MAX_SCALE,
    TopicProfile,
    _words,
    build_profile,
    case_forms,
    compose_profile,
    cosine,
    fold,
    grow_terms,
    merge_grown,
    more_stop_words,
    normalize_term,
    seed_scale,
    specificity,
    terms,
    topical_words,
    unprefixed,
    weigh,
    wordlist_language,
)
from collector.seeds import load_seeds, seed_profile
from collector.settings import COLLECTOR_MIN_LEAD_SCORE, COLLECTOR_MIN_RELEVANCE

FIXTURES = Path(__file__).parent / "fixtures"

ON_TOPIC = (
    "UN Security Council renews mandate of Kenya-led mission in Haiti. The council voted to "
    "extend the Multinational Security Support mission for another year, as Kenyan police "
    "officers keep fighting gangs in Port-au-Prince. President William Ruto welcomed the vote."
)
HARD_NEGATIVES = {
    "finance bill": (
        "Kenya's finance bill sparks protests in Nairobi. President William Ruto defended the tax "
        "increases as police fired tear gas at protesters outside parliament. The bill would raise "
        "taxes on bread, mobile money and fuel, and young protesters organised online."
    ),
    "cholera": (
        "Haiti cholera outbreak spreads in Port-au-Prince. Health officials reported new cholera "
        "cases in the capital, where clean water is scarce. Doctors warned that hospitals lack "
        "supplies and aid groups called for vaccines and chlorine tablets."
    ),
    "marathon": (
        "Kenyan runners sweep the Chicago marathon. Kenya's athletes took the first three places "
        "in the men's race, and the winner said he dedicated the victory to his coach in Eldoret."
    ),
}


@pytest.fixture
def profile(seeds_dir: Path):
    seeds = load_seeds(seeds_dir).seeds
    return build_profile([f"{s.title}\n{s.text}" for s in seeds])


def test_profile_holds_the_story(profile) -> None:
    top = {t for t, _ in profile.top_terms(30)}
    assert {"haiti", "ruto", "gangs", "mss"} <= top
    assert not top & {"the", "said", "and"}


@pytest.mark.parametrize("name", sorted(HARD_NEGATIVES))
def test_hard_negatives_score_below_the_story(profile, name: str) -> None:
    assert profile.score(HARD_NEGATIVES[name]) < 0.5 * profile.score(ON_TOPIC)


def test_excluded_terms_zero_the_score(seeds_dir: Path) -> None:
    seeds = load_seeds(seeds_dir).seeds
    profile = build_profile([s.text for s in seeds], excluded=["Mandate"])
    assert profile.score(ON_TOPIC) == 0.0


def test_extra_terms_join_the_profile(seeds_dir: Path) -> None:
    seeds = load_seeds(seeds_dir).seeds
    profile = build_profile([s.text for s in seeds], extra_terms=["Pont-Sondé"])
    assert "pont-sonde" in profile.weights
    assert profile.coverage("Pont-Sondé") > 0


def test_accents_fold_across_languages(seeds_dir: Path) -> None:
    seeds = load_seeds(seeds_dir).seeds
    profile = build_profile([s.text for s in seeds])
    french = (
        "Le Kenya enverra 600 policiers supplémentaires en Haïti pour renforcer la mission "
        "multinationale contre les gangs de Port-au-Prince, a annoncé le président William Ruto."
    )
    assert profile.score(french, "fr") > profile.score(HARD_NEGATIVES["cholera"])


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Kamışada'dan acı haber", "kamisada"),
        ("Yusuf Aydoğdu'nun ailesi", "aydogdu"),
        ("Alsancak'taki şirket merkezi", "alsancak"),
        ("Deniz Yıldızı'nda yangın", "yildizi"),
        ("DENİZCİLİK'İN AÇIKLAMASI", "denizcilik"),
    ],
)
def test_a_turkish_name_is_one_term_whatever_its_case_ending(text: str, word: str) -> None:
    # Turkish writes a name's case ending after an apostrophe
    assert word in topical_words(text, "tr")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("اندلع الحريق فجر الثلاثاء", "حريق"),  # the fire
        ("إصابات بالحريق", "حريق"),  # in the fire
        ("والحريق مستمر", "حريق"),  # and the fire
        ("شركة الزهراء للأسمدة", "اسمدة"),  # for the fertilisers
        ("حريق في مصنع", "حريق"),  # no article: as written
    ],
)
def test_an_arabic_word_is_one_term_with_its_article_or_without(text: str, word: str) -> None:
    assert word in topical_words(text, "ar")


def test_an_arabic_words_own_letters_stay() -> None:
    # a word that is two letters once its article is gone keeps it: "الحج", not "حج"
    assert {"الحج", "عمرة"} <= topical_words("موسم الحج والعمرة", "ar").keys()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Липовац", "Lipovac"),
        ("Ђорђевић", "Djordjevic"),
        ("Đorđević", "Djordjevic"),
        ("ЖИВКОВИЋ", "Živković"),
        ("Костелево", "Kostelevo"),
        ("Καραμανλής", "Karamanlis"),
        ("ΠΑΠΑΔΟΠΟΥΛΟΥ", "Papadopoulou"),
        ("Işıklar", "IŞIKLAR"),
        ("Işıklar", "Isiklar"),
        ("İzmir", "IZMIR"),
    ],
)
def test_a_name_folds_alike_in_either_script(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_a_serbian_page_in_latin_letters_matches_seeds_in_cyrillic() -> None:
    seeds = [
        "Брана јаловишта рудника бакра Црни врх код Златова пробијена је јутрос. Талас муља "
        "поплавио је село Липовац, а тројица рудара се воде као нестали.",
        "Мештани Липовца кажу да је брана јаловишта годинама цурила. Рудник Црни врх је у "
        "власништву компаније Тимок Копер.",
    ]
    profile = build_profile(seeds, language="sr")
    latin = (
        "Meštani Lipovca optužuju rudnik Crni vrh: brana jalovišta je godinama curila, a "
        "talas mulja je poplavio selo. Kompanija Timok Koper ćuti."
    )
    cyrillic = (
        "Мештани Липовца оптужују рудник Црни врх: брана јаловишта је годинама цурила, а "
        "талас муља је поплавио село. Компанија Тимок Копер ћути."
    )
    assert profile.score(latin, "bs") == pytest.approx(profile.score(cyrillic, "sr"))
    assert profile.score(latin, "bs") > COLLECTOR_MIN_RELEVANCE


def test_an_english_report_matches_greek_seeds_by_the_names_they_share() -> None:
    # The names are the words a Greek and an English report share, in other letters.
    seeds = [
        "Φωτιά σε τουρκικό φορτηγό πλοίο με λίπασμα προσάραξε στο Καλαμονήσι. Ο δήμαρχος "
        "Γιώργος Ζαχαρίου ζήτησε την απομάκρυνση του πλοίου από τον Άγιο Στέφανο.",
        "Στο Καλαμονήσι συνεχίζεται η κατάσβεση. Ο υπουργός Σταύρος Παπαδημητρίου μίλησε "
        "για ελλείψεις στο σύστημα πυρόσβεσης του πλοίου.",
    ]
    profile = build_profile(seeds, language="el")
    report = (
        "The mayor of Kalamonisi, Giorgos Zachariou, asked for the burning ship to be towed "
        "away from Agios Stefanos. Minister Stavros Papadimitriou spoke of deficiencies."
    )
    other = (
        "The mayor of Chios asked for the ferry to be towed away from the harbour. The "
        "minister spoke of deficiencies in the port's fire system."
    )
    assert profile.score(report, "en") > COLLECTOR_MIN_RELEVANCE > profile.score(other, "en")


def test_common_words_carry_no_topic() -> None:
    assert specificity("the") == 0.0
    assert specificity("peacekeeping") > specificity("police") > 0


def test_terms_include_phrases() -> None:
    assert terms("Kenyan police officers arrived")["police officers"] == 1


def test_cosine_bounds() -> None:
    assert cosine({"a": 1.0}, {"a": 2.0}) == pytest.approx(1.0)
    assert cosine({"a": 1.0}, {"b": 1.0}) == 0.0
    assert cosine({}, {"a": 1.0}) == 0.0


def test_empty_profile_scores_nothing() -> None:
    assert build_profile([]).score(ON_TOPIC) == 0.0


def _norm2(weights: dict[str, float]) -> float:
    return sum(w * w for w in weights.values())


def test_composed_profile_keeps_the_core_and_caps_grown_terms(profile) -> None:
    grown = {"pont-sonde": 50.0, "massacre": 40.0, "artibonite": 30.0, "haiti": 1.0}
    composed = compose_profile(profile, grown, max_grown_share=0.2)
    for term, weight in profile.weights.items():
        assert composed.weights[term] == weight
        assert composed.sources[term] == "seed"
    new = {t: w for t, w in composed.weights.items() if composed.sources[t] == "grown"}
    assert set(new) == {"pont-sonde", "massacre", "artibonite"}
    share = _norm2(new) / _norm2(dict(composed.weights))
    assert share == pytest.approx(0.2, abs=1e-9)
    assert new["pont-sonde"] > new["massacre"] > new["artibonite"]


def test_a_core_only_page_keeps_most_of_its_score_after_growth(profile) -> None:
    grown = {f"term{i}": 100.0 for i in range(30)}
    composed = compose_profile(profile, grown, max_grown_share=0.25)
    assert composed.score(ON_TOPIC) >= 0.86 * profile.score(ON_TOPIC)


def test_user_terms_and_exclusions_in_the_composed_profile(profile) -> None:
    composed = compose_profile(profile, {"massacre": 3.0}, ["Pont-Sondé"], ["Massacre", "gangs"])
    assert composed.sources["pont-sonde"] == "user"
    assert composed.weights["pont-sonde"] == max(profile.weights.values())
    assert "massacre" not in composed.weights and "gangs" not in composed.weights
    assert composed.score(ON_TOPIC + " Gangs attacked.") == 0.0


def test_grown_terms_come_from_several_relevant_documents(profile) -> None:
    documents = [
        "Gunmen killed dozens in Pont-Sondé; the massacre drew Kenyan police to the Artibonite.",
        "After the Pont-Sondé massacre, Haitian police and the Kenyan mission sent patrols.",
        "Survivors of the massacre in Pont-Sondé fled to Saint-Marc, police officers said.",
        "A zeppelin landed in one document only.",
    ]
    grown = grow_terms(profile, documents, limit=5, min_docs=2)
    assert "pont-sonde" in grown and "massacre" in grown
    assert "zeppelin" not in grown  # in one document only
    assert not grown.keys() & profile.weights.keys()
    median = sorted(profile.weights.values())[len(profile.weights) // 2]
    assert max(grown.values()) <= median
    assert len(grown) <= 5


def test_common_words_never_grow_the_profile(profile) -> None:
    documents = ["Officials said on Monday that months of talks continued."] * 3
    assert grow_terms(profile, documents, min_docs=2) == {}


def test_merge_grown_keeps_the_heaviest() -> None:
    merged = merge_grown({"a": 1.0, "b": 5.0}, {"a": 3.0, "c": 2.0}, limit=2)
    assert merged == {"b": 5.0, "a": 3.0}


@pytest.mark.parametrize(
    ("raw", "term"), [("Pont-Sondé ", "pont-sonde"), ("  Police   Officers", "police officers")]
)
def test_normalize_term(raw: str, term: str) -> None:
    assert normalize_term(raw) == term


@pytest.mark.parametrize("language", ["en", "fr"])
def test_topical_words_are_the_texts_words_as_terms(language: str) -> None:
    # The words coverage weighs: each topical word as a term (relevance._word), in
    # first-seen order, with the specificity of its last spelling ("Haïti" and "Haiti"
    # fold alike and differ in it).
    texts = [ON_TOPIC, *HARD_NEGATIVES.values(), "Haïti, Haiti and HAITI’s Kenya-led police",
             "Le Kenya enverra 600 policiers en Haïti", "", "2024 - 10 -- _x_"]  # fmt: skip
    for text in texts:
        expected = dict((k, sp) for k, sp in _words(text, language) if sp > 0)
        assert list(topical_words(text, language).items()) == list(expected.items())


# A story told in Spanish: a flood in a made-up town.
SPANISH_SEEDS = [
    (
        "Inundaciones en Villarreta obligan a evacuar a 2.000 vecinos",
        "Las lluvias torrenciales desbordaron el río Arbejo en Villarreta durante la madrugada "
        "y obligaron a evacuar a unos 2.000 vecinos de los barrios bajos, informó Protección "
        "Civil.\nEl alcalde de Villarreta, Tomás Ezcurra, pidió a la población que no se "
        "acerque a la ribera del Arbejo. Los bomberos rescataron a doce personas que habían "
        "quedado atrapadas en sus casas.",
    ),
    (
        "El río Arbejo sigue creciendo y Villarreta pide ayuda al Gobierno",
        "El nivel del río Arbejo volvió a subir este martes en Villarreta, donde más de 2.000 "
        "personas pasaron la noche en albergues. Protección Civil mantiene la alerta roja.\n"
        "El alcalde Tomás Ezcurra solicitó al Gobierno que declare la zona catastrófica para "
        "acceder a fondos de emergencia. Los bomberos siguen rescatando a vecinos atrapados.",
    ),
]
SPANISH_ON_TOPIC = (
    "Villarreta empieza a limpiar el barro tras la crecida del Arbejo. Los vecinos evacuados "
    "por las inundaciones regresan a sus casas mientras Protección Civil levanta la alerta. "
    "El alcalde Ezcurra calcula que los daños superan los diez millones."
)
SPANISH_OFF_TOPIC = (
    "El Gobierno presenta los presupuestos del próximo año. El ministro de Hacienda explicó "
    "que el gasto en sanidad y educación crecerá, y que la deuda se reducirá en los próximos "
    "años, según el proyecto que se debatirá en el Congreso."
)


def test_a_story_told_in_spanish_is_weighed_in_spanish() -> None:
    from collector.seeds import seed_profile

    profile = seed_profile(SPANISH_SEEDS)
    assert profile.language == "es"
    terms = dict(profile.weights)
    assert not {"de", "la", "el", "en", "que", "los", "las"} & terms.keys()
    assert {"villarreta", "arbejo"} <= terms.keys()
    assert "villarreta" in profile.names
    assert profile.score(SPANISH_ON_TOPIC, "es") >= 0.3
    assert profile.score(SPANISH_OFF_TOPIC, "es") < 0.1
    assert profile.coverage("Villarreta limpia el barro de las inundaciones del Arbejo") > 0.3
    # function words shared with the seeds say nothing
    assert profile.coverage("La selección de fútbol gana en la final de los mundiales") == 0.0
    from collector.leads import build_queries

    queries = build_queries([title for title, _ in SPANISH_SEEDS], profile)
    words = {word for query in queries for word in query.split()}
    assert "villarreta" in words and not words & {"de", "la", "el", "en", "a", "y", "sigue"}


def test_english_seeds_keep_their_english_profile(seeds_dir: Path) -> None:
    from collector.seeds import seed_profile

    seeds = load_seeds(seeds_dir).seeds
    profile = seed_profile([(s.title, s.text) for s in seeds])
    assert profile.language == "en"
    assert profile.weights == build_profile([f"{s.title}\n{s.text}" for s in seeds]).weights


def test_a_language_without_a_word_list_falls_back_to_english() -> None:
    from collector.relevance import specificity, wordlist_language

    assert wordlist_language("es") == "es"
    assert wordlist_language("zz") == "en"
    assert specificity("the", "zz") == 0.0


@pytest.mark.parametrize(("alias", "language"), [("en-US", "en"), ("pcm", "en"), ("no", "nb")])
def test_an_alias_of_a_language_reads_the_word_list_already_loaded(
    alias: str, language: str
) -> None:
    # A language detector answers many codes for short headlines; each code wordfreq is
    # asked with loads its own copy of the list it maps to (30 MB for English).
    import wordfreq

    from collector.relevance import specificity

    specificity("harbour", language)
    loaded = wordfreq.get_frequency_dict.cache_info().currsize
    assert specificity("harbour", alias) == specificity("harbour", language)
    assert specificity("quay", alias) > 0
    assert wordfreq.get_frequency_dict.cache_info().currsize == loaded


# Two reports of one story in different words: they share its names and little else.
PORTUGUESE_SEEDS = [
    (
        "Barragem de rejeitos se rompe em Conceição da Serra e lama atinge Vista Alegre",
        "A barragem Esperança, da mineradora Rocha Branca, se rompeu na tarde desta quarta-feira "
        "em Conceição da Serra. A lama atingiu o distrito de Vista Alegre, onde moradores "
        "deixaram as casas às pressas. A Defesa Civil de Minas Gerais confirmou sete mortos e "
        "dezenas de desaparecidos.\nO Corpo de Bombeiros usa helicópteros nas buscas. A "
        "mineradora disse que colabora com as autoridades.",
    ),
    (
        "Sirenes não tocaram: o que se sabe sobre o alarme da barragem Esperança",
        "Dois dias depois do rompimento, sobreviventes de Vista Alegre perguntam por que as "
        "sirenes instaladas pela Rocha Branca não dispararam. A legislação exige sistemas "
        "sonoros de alerta na zona de autossalvamento.\nEspecialistas contestam a explicação "
        "da empresa, e o Ministério Público incluiu o tema no inquérito sobre o rompimento.",
    ),
]


def test_seeds_that_share_few_terms_scale_the_scores_to_the_reference() -> None:
    texts = [f"{title}\n{text}" for title, text in PORTUGUESE_SEEDS]
    scale = seed_scale(texts, 0.25, "pt")
    assert 1.0 < scale < MAX_SCALE
    # scaled, a seed scores the reference on average against the profile of the other
    scores = [
        dataclasses.replace(build_profile([other], language="pt"), scale=scale).score(text, "pt")
        for text, other in zip(texts, texts[::-1], strict=True)
    ]
    assert sum(scores) / len(scores) == pytest.approx(0.25)
    assert seed_scale(texts, 0.5, "pt") == MAX_SCALE
    assert seed_scale(texts, 0.0, "pt") == 1.0


def test_seeds_that_share_many_terms_keep_their_scores(seeds_dir: Path) -> None:
    texts = [f"{s.title}\n{s.text}" for s in load_seeds(seeds_dir).seeds]
    assert seed_scale(texts, 0.25) == 1.0
    assert seed_scale(texts[:1], 0.5) == 1.0  # one seed: nothing to compare it with
    unrelated = ["Kenyan police officers land in Haiti", "Copper prices climb on Chinese demand"]
    assert seed_scale(unrelated, 0.25) == 1.0  # no story shared: nothing to scale


def test_the_seed_profile_carries_its_scale() -> None:
    from collector.seeds import seed_profile

    assert seed_profile(PORTUGUESE_SEEDS).scale == 1.0
    scaled = seed_profile(PORTUGUESE_SEEDS, reference=0.25)
    assert scaled.scale > 1.0
    assert compose_profile(scaled, {"inquerito": 1.0}, ["sirenes"]).scale == scaled.scale


def test_a_scaled_profile_scales_scores_and_coverage_up_to_one(profile) -> None:
    scaled = dataclasses.replace(profile, scale=1.5)
    headline = "Kenyan police officers land in Haiti"
    assert 0 < profile.score(ON_TOPIC) < 0.6
    assert scaled.score(ON_TOPIC) == pytest.approx(1.5 * profile.score(ON_TOPIC))
    assert scaled.coverage(headline) == pytest.approx(min(1.0, 1.5 * profile.coverage(headline)))
    assert dataclasses.replace(profile, scale=100.0).score(ON_TOPIC) == 1.0


# A Polish story's terms as two Polish seeds write them: inflected, one form each.
POLISH_TERMS = {"zabrzany": 7.5, "dachu": 5.1, "hali": 5.6, "kestrel": 9.0}


@pytest.mark.parametrize(
    ("word", "counts"),
    [
        ("zabrzanach", True),  # in Zabrzany (locative)
        ("zabrzan", True),  # of Zabrzany (genitive)
        ("dach", True),  # the roof, where the seeds wrote "dachu"
        ("zabrze", False),  # another town
        ("hala", False),  # the hall: a short term's forms keep its first four letters
        ("kestrels", True),
    ],
)
def test_a_case_language_profile_counts_other_forms_of_its_terms(word: str, counts: bool) -> None:
    profile = TopicProfile(POLISH_TERMS, language="pl")
    assert (profile.word_coverage({word: 3.0}) > 0) is counts


@pytest.mark.parametrize("word", ["zabrzanach", "dach"])
def test_other_languages_count_a_terms_own_form_only(word: str) -> None:
    """In English a word sharing a term's first letters is often another word: "story"
    and "storm", "floor" and "flood"."""
    assert TopicProfile(POLISH_TERMS, language="en").word_coverage({word: 3.0}) == 0.0
    storm = TopicProfile({"storm": 6.0, "flood": 6.0}, language="en")
    assert storm.coverage("A story from the floor") == 0.0


def test_a_headline_in_other_forms_reaches_the_lead_threshold() -> None:
    profile = TopicProfile(POLISH_TERMS, language="pl")
    headline = "Dramat w Zabrzanach! Dach runął na ludzi, nie żyje sześć osób"
    assert profile.coverage(headline) >= COLLECTOR_MIN_LEAD_SCORE
    assert dataclasses.replace(profile, language="en").coverage(headline, "pl") < (
        COLLECTOR_MIN_LEAD_SCORE
    )
    assert profile.coverage("Zabrze: nowy stadion otwarty dla kibiców") == 0.0


# Two German seeds: the workers "werden vermisst" (are missing), then "vermissten Arbeitern".
GERMAN_SEEDS = [
    "Großbrand in Recyclingwerk: Zwei Arbeiter werden vermisst. In einem Werk für "
    "Altbatterien an der Oder brennt seit der Nacht eine Lagerhalle, die Feuerwehr kämpft "
    "gegen giftigen Rauch.",
    "Nach dem Brand im Batteriewerk: Suche nach vermissten Arbeitern geht weiter. Die "
    "Feuerwehr kühlt die Halle, Anwohner sollen Fenster geschlossen halten.",
]


# Two Swedish seeds: "the icebreaker" and "the passengers", their definite forms.
SWEDISH_SEEDS = [
    "Färjan sitter fast i isen i Kvarken. Isbrytaren är på väg men passagerarna får "
    "tillbringa natten ombord på färjan.",
    "Passagerarna på den fastfrusna färjan väntar på isbrytaren. Rederiet säger att färjan "
    "har mat och värme.",
]


@pytest.mark.parametrize(
    ("seeds", "language", "headline", "other"),
    [
        (GERMAN_SEEDS, "de", "Vermisste Arbeiter tot aufgefunden", "Fußball: Werder gewinnt"),
        (SWEDISH_SEEDS, "sv", "Passagerare på fast färja väntar på isbrytare",
         "Fotboll: Umeå vann mot Luleå"),
    ],
)  # fmt: skip
def test_a_headline_in_other_forms_of_german_or_swedish_reaches_the_lead_threshold(
    seeds: list[str], language: str, headline: str, other: str
) -> None:
    profile = build_profile(seeds, language=language)
    assert profile.coverage(headline) >= COLLECTOR_MIN_LEAD_SCORE
    unkeyed = dataclasses.replace(profile, language="en")  # its terms, no other forms
    assert unkeyed.coverage(headline, language) < COLLECTOR_MIN_LEAD_SCORE
    assert profile.coverage(other) == 0.0


@pytest.mark.parametrize(
    ("words", "forms"),
    [
        (["marosba", "maros", "maroson"], ["maros", "maros", "maros"]),
        (["makonal", "makon", "makoi"], ["makoi", "makoi", "makoi"]),  # shortest, then first
        (["lipovca", "lipovac", "lipovcu"], ["lipovac", "lipovac", "lipovac"]),
        (["hala", "hali", "halas"], ["hala", "hali", "hala"]),  # "hali" keeps its own letters
        (["cian", "cianszennyezes"], ["cian", "cianszennyezes"]),  # a compound is a word
        (["autor", "autokar", "autokarem"], ["autor", "autokar", "autokar"]),  # author, coach
        (["kuutar", "kuuttaren", "kuuttarella"], ["kuutar", "kuutar", "kuutar"]),  # gradation
        (["tormis", "tormisaare"], ["tormis", "tormisaare"]),  # in a storm; storm island's
    ],
)
def test_case_forms_name_each_word_by_the_shortest_it_is_a_form_of(
    words: list[str], forms: list[str]
) -> None:
    assert [case_forms(words)[w] for w in words] == forms


def test_weigh_counts_the_words_a_key_joins_as_one_term() -> None:
    weighed = weigh("Maros Maroson Marosba Szeged", "hu", lambda t: t[:5])
    assert set(weighed) == {"maros", "szege"}
    assert weighed["maros"] > weighed["szege"] == weigh("Szeged", "hu")["szeged"]


# Three Hungarian seeds: each writes the river and the poison in its own cases.
HUNGARIAN_SEEDS = [
    "Ciánszennyezés a Maroson: Makónál leállították a vízkivételt. Ciánnal szennyezett víz "
    "érkezett hétfőn a Maroson Magyarországra egy erdélyi aranybánya zagytározójából.",
    "Makón palackos vizet osztanak. A vízmű leállította a vízkivételt a Marosból, mert a "
    "ciános víz a bánya zagytározójából a Marosba jutott.",
    "Bekérették a román nagykövetet. A cián a bánya zagytározójának gátján át jutott a "
    "folyóba, a Maros makói szakaszán döglött halak úsznak.",
]


def test_seeds_in_a_case_language_share_a_word_they_write_in_other_forms() -> None:
    profile = build_profile(HUNGARIAN_SEEDS, language="hu")
    assert {"maros", "cian"} <= profile.weights.keys()
    assert not {"maroson", "marosba", "cianos"} & profile.weights.keys()
    assert "maros" not in build_profile(HUNGARIAN_SEEDS, language="en").weights


def test_a_page_in_other_forms_of_the_seeds_words_reaches_the_threshold() -> None:
    profile = build_profile(HUNGARIAN_SEEDS, language="hu")
    page = (
        "Elérte Szegedet a ciánhullám. A Marosnál mért ciántartalom miatt a szegedi vízmű is "
        "leállt, a vízkivételek szünetelnek, a bányák zagytározói továbbra is szivárognak. "
        "Makón a marosi vízkivétel is szünetel."
    )
    assert profile.score(page, "hu") > COLLECTOR_MIN_RELEVANCE
    unkeyed = dataclasses.replace(profile, language="en")  # its terms, no other forms
    assert unkeyed.score(page, "hu") < COLLECTOR_MIN_RELEVANCE


@pytest.mark.parametrize(
    ("language", "keyed"),
    [("hu", True), ("bs", True), ("en", False)],  # Serbian in Latin letters often reads as bs
)
def test_a_pages_words_count_as_forms_of_the_terms_in_case_languages_only(
    language: str, keyed: bool
) -> None:
    profile = TopicProfile({"rudnik": 5.0, "roman": 3.0}, language="hu")
    vector = profile.vector("rudnika romanian", language)
    assert ("rudnik" in vector) is keyed
    assert ("rudnika" in vector) is not keyed


HEBREW_SEEDS = [
    "דליפת אמוניה במפרץ חיפה. דליפת האמוניה ממיכל במסוף של קישון מסופים כימיים במפרץ "
    "הובילה לסגירת בתי הספר בקריית אתא.",
    'הרופאה מרמב"ם: אמוניה היא גז מגרה. נפגעי הדליפה מהמפרץ הגיעו לרמב"ם. מפרץ חיפה '
    "עדיין במוקד מאבק התושבים נגד מיכל האמוניה.",
]


def test_hebrew_seeds_share_a_word_they_write_with_letters_before_it() -> None:
    # "במפרץ" (in the bay), "מהמפרץ" (from the bay), "האמוניה" (the ammonia): the word
    # the seeds also write bare
    profile = build_profile(HEBREW_SEEDS, language="he")
    assert {"מפרץ", "אמוניה"} <= profile.weights.keys()
    assert not {"במפרץ", "מהמפרץ", "האמוניה"} & profile.weights.keys()


@pytest.mark.parametrize(
    ("language", "word", "term"),
    [
        ("he", "במפרץ", "מפרץ"),  # in the bay: the term, without "in"
        ("he", "ובמפרץ", "מפרץ"),  # and in the bay
        ("he", "אמוניה", "האמוניה"),  # ammonia: a term with "the"
        ("he", "מסוף", "מסוף"),  # a terminal: "from the end" only where "end" is a term
        ("he", "כבאות", "כבאות"),  # fire services, not "as (they) come"
        ("ar", "بحيفا", "حيفا"),  # in Haifa
        ("ar", "مسيرة", "مسيرة"),
    ],
)
def test_hebrew_and_arabic_words_count_as_terms_with_or_without_letters_before(
    language: str, word: str, term: str
) -> None:
    weights = {"מפרץ": 8.0, "האמוניה": 6.0, "حيفا": 7.0, "مسيرة": 4.0}
    profile = TopicProfile(weights, language=language)
    assert set(profile.vector(word, language)) == {term}
    assert (profile.coverage(word) > 0) is (term in weights)


def test_letters_before_are_read_so_in_hebrew_and_arabic_only() -> None:
    assert unprefixed("ובמפרץ", "הבלמושכ") == ("במפרץ", "מפרץ")
    assert unprefixed("במה", "הבלמושכ") == ()  # three letters must be left
    profile = TopicProfile({"מפרץ": 8.0}, language="en")
    assert set(profile.vector("במפרץ", "en")) == {"במפרץ"}


def test_bengali_case_endings_are_forms_of_the_word() -> None:
    # Bengali writes its case endings on the word: "বাগমতীতে" (in the Bagmati), "সেতুর" (the
    # bridge's)
    profile = TopicProfile({fold("বাগমতী"): 8.0, fold("ইনফ্রাকন"): 5.0}, language="bn")
    assert set(profile.vector("উত্তাল বাগমতীতে ডুবুরি", "bn")) >= {fold("বাগমতী")}
    assert profile.coverage("উত্তাল বাগমতীতে ডুবুরি নামিয়ে উদ্ধার") > 0


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Maros-torkolatot", "maros"),  # the Maros's mouth: a part that is a term
        ("Szeged-Tápé", "szegedi"),  # the first part that is a form of one
        ("Tisza-part", "tisza-part"),  # no part is
    ],
)
def test_a_hyphenated_word_counts_as_its_part_that_is_a_term(word: str, key: str) -> None:
    profile = TopicProfile({"maros": 8.0, "tape": 3.0, "szegedi": 2.0}, language="hu")
    assert set(profile.vector(word, "hu")) == {key}


@pytest.mark.parametrize("language", ["ja", "ko", "th"])
def test_a_story_in_japanese_korean_or_thai_is_told_from_its_words(language: str) -> None:
    """Japanese and Thai write no spaces and Korean glues particles to its words: the
    profile and the scores read the words the tokenizers cut (wordfreq's; PyThaiNLP's)."""
    texts = json.loads((FIXTURES / "cjk" / f"{language}.json").read_text("utf-8"))
    seeds = [tuple(text.split("\n", 1)) for text in texts["story"]]
    profile = seed_profile(seeds)
    assert profile.language == language
    follow_up, off_topic = profile.score(texts["follow_up"]), profile.score(texts["off_topic"])
    assert follow_up >= COLLECTOR_MIN_RELEVANCE > off_topic
    assert follow_up > 3 * off_topic


def test_function_words_of_a_language_without_a_word_list_say_nothing() -> None:
    # Swahili reads English's word list, which knows none of its words: its stop words
    # (stopwords-iso) say nothing, its other words are as rare as they are in English
    assert specificity("katika", "sw") == specificity("kwa", "sw") == 0.0  # in, for
    assert specificity("hospitali", "sw") > 5 and specificity("boti", "sw") > 5
    swahili = build_profile(
        ["Boti yawaka moto katika Ziwa Victoria, abiria kwa hospitali"], language="sw"
    )
    assert "katika" not in swahili.weights and "boti" in swahili.weights
    # a language with a list of its own reads its function words from it, as before
    assert specificity("katika", "en") > 0 and specificity("the", "en") == 0.0


@pytest.mark.parametrize(
    ("language", "function_words", "word"),
    [
        ("si", ("සහ", "අතර"), "දුම්රිය"),  # and, between; train
        ("te", ("మరియు", "కూడా"), "రైలు"),  # and, also; train
        ("ne", ("अनि", "पनि"), "रेल"),  # and, also; train
        ("am", ("ሁሉ", "ሆኖም"), "ባቡር"),  # all, however; train
    ],
)
def test_function_words_of_languages_stopwords_iso_lacks_say_nothing(
    language: str, function_words: tuple[str, ...], word: str
) -> None:
    # Neither wordfreq nor stopwords-iso has these languages: their function words come
    # from spaCy's lists, and the rest are as rare as they are in English
    assert [specificity(w, language) for w in function_words] == [0.0, 0.0]
    assert specificity(word, language) == 7.5


def test_a_sinhala_profile_is_made_of_its_story_words() -> None:
    text = "ඇල්ල සහ දෙමෝදර අතර නායයෑමක් හේතුවෙන් රාත්‍රී තැපැල් දුම්රිය පීලි පැන ඇත."
    sinhala = build_profile([text], language="si")
    assert {fold("දුම්රිය"), fold("දෙමෝදර")} <= sinhala.weights.keys()
    assert not {fold("සහ"), fold("අතර")} & sinhala.weights.keys()


def test_spacys_lists_are_kept_only_for_languages_without_another() -> None:
    for language in more_stop_words():
        assert not stopwordsiso.has_lang(language), language
        assert wordlist_language(language) != language, language


def test_thai_function_words_say_nothing_and_its_rare_words_do() -> None:
    # Thai's word frequencies come from PyThaiNLP's list, as wordfreq has none
    assert specificity("ที่", "th") == specificity("และ", "th") == 0.0  # that, and
    assert 0.0 < specificity("ชาวบ้าน", "th") < specificity("เขื่อน", "th")  # villagers, dam
    assert specificity("โขงเจียม", "th") == 7.5  # a district, not in the list


def test_words_of_indic_scripts_keep_their_vowel_signs() -> None:
    # Python's re cuts a Devanagari word at each vowel sign: "पढ़ें" would be three words.
    text = "दिल्ली के एक गोदाम में भीषण आग लगने से तीन मजदूरों की मौत हो गई।"
    written = {fold(word) for word in text.rstrip("।").split()}
    found = {t for t in terms(text, "hi") if " " not in t}
    assert {fold("गोदाम"), fold("मजदूरों")} <= found <= written


@pytest.mark.parametrize(
    ("text", "language", "whole", "joiner"),
    [
        # Sinhala writes a conjunct with a zero-width joiner: "ප්‍රවාහන" (transport)
        ("ප්\u200dරවාහන අමාත්\u200dයවරයා බදුල්ලට ගියේය", "si", "ප්\u200dරවාහන", "\u200d"),
        # Persian joins a plural ending with a non-joiner: "ایستگاه‌های" (stations)
        ("ایستگاه\u200cهای قطار تهران", "fa", "ایستگاه\u200cهای", "\u200c"),
    ],
)
def test_a_word_with_a_zero_width_joiner_is_one_word(
    text: str, language: str, whole: str, joiner: str
) -> None:
    words = {t for t in terms(text, language) if " " not in t}
    assert fold(whole) in words
    assert not {fold(part) for part in whole.split(joiner)} & words
    assert fold(whole) == fold(whole.replace(joiner, ""))  # written with it or without


def test_a_chinese_headline_matches_the_seeds_compounds_cut_otherwise() -> None:
    """The seeds say "浦东新区" and "上海浦东", kept whole by jieba's dictionary; a headline
    on the blast's victims says "浦东" alone. It must outscore a marathon in the district."""
    seeds = load_seeds(FIXTURES / "cjk" / "seeds_zh").seeds
    profile = seed_profile([(seed.title, seed.text) for seed in seeds])
    victims = profile.coverage("浦东化工厂爆炸遇难者家属要求赔偿")
    marathon = profile.coverage("上海浦东新区举行马拉松比赛")
    assert victims > 1.5 * marathon
    assert victims >= 2 * COLLECTOR_MIN_LEAD_SCORE


@pytest.mark.parametrize(
    ("vector", "share"),
    [
        ({"kenyan": 2.0, "haiti": 1.0}, 0.0),  # the names alone, in any form
        ({"gangs": 1.0, "mission": 1.0}, 1.0),  # none of them
        ({}, 1.0),  # nothing to match
    ],
)
def test_topic_share(vector: dict[str, float], share: float) -> None:
    profile = TopicProfile(
        {"haiti": 3.0, "kenya": 3.0, "gangs": 2.0, "mission": 1.0, "kenyan officers": 2.0},
        names=("haiti", "kenya"),
        story_names=frozenset({"haiti", "kenya"}),
    )
    assert profile.topic_share(vector) == pytest.approx(share)
    both = {**vector, "gangs": 1.0}  # a name and the story's words: somewhere between
    assert 0 < profile.topic_share(both) <= 1
    assert TopicProfile({"haiti": 1.0}).topic_share({"haiti": 1.0}) == 1.0  # no names
