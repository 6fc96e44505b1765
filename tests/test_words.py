"""Words in any script: Chinese, Japanese, Korean and Thai cut into words, other text left
alone."""

from __future__ import annotations

import pytest

from collector.words import is_unspaced, romanize, segment, word_count


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan police arrive in Port-au-Prince.",
        "Zawalił się dach hali targowej w Zabrzanach",
        "Обрушилась крыша торгового зала",
        "",
    ],
)
def test_text_in_spaced_scripts_is_left_as_it_is(text: str) -> None:
    assert segment(text) == text
    assert word_count(text) == len(text.split())
    assert not is_unspaced(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("上海市浦东新区一家化工厂发生爆炸", "化工厂"),
        ("臺北市的學生在立法院外抗議", "學生"),
        ("東京都江東区の物流倉庫で火災が発生した", "火災"),
        ("東京消防庁は出火原因を調べている", "出火"),
    ],
)
def test_chinese_and_japanese_are_cut_into_their_words(text: str, word: str) -> None:
    words = segment(text).split()
    assert word in words
    assert "".join(words) == text  # nothing lost or changed
    assert word_count(text) == len(words) > 4
    assert is_unspaced(text)


def test_thai_is_cut_into_its_words() -> None:
    text = "ชาวบ้านต้องอพยพกลางดึก หลังเขื่อนในลาวปล่อยน้ำ"  # villagers evacuate at night...
    words = segment(text).split()
    assert {"ชาวบ้าน", "อพยพ", "เขื่อน", "ลาว"} <= set(words)
    assert "".join(words) == text.replace(" ", "")
    assert word_count(text) == len(words) > 8
    assert segment("Mekong ที่ลาว 2 เมตร").split() == ["Mekong", "ที่", "ลาว", "2", "เมตร"]


def test_only_the_runs_of_those_scripts_are_cut() -> None:
    text = "据Reuters报道，3人死亡。Officials said so."
    assert segment(text).endswith("Officials said so.")
    assert {"Reuters", "报道", "死亡"} <= set(segment(text).split())


def test_korean_words_are_cut_from_their_particles_only_when_asked() -> None:
    text = "인천 물류창고에서 화재가 발생했다"
    assert segment(text, hangul=False) == text
    assert word_count(text) == 4
    words = segment(text).split()
    assert "화재" in words and "화재가" not in words


def test_the_language_given_picks_the_tokenizer_for_ideographs() -> None:
    # Ideographs alone read as Chinese unless the text is said to be Japanese.
    text = "東京都内"
    assert segment(text, "ja").split() != segment(text, "zh").split()


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        # Serbian: its own Latin alphabet, letter for letter
        (
            "Градоначелник Златова Ненад Живковић прогласио је ванредну ситуацију.",
            "Gradonačelnik Zlatova Nenad Živković proglasio je vanrednu situaciju.",
        ),
        ("Ђорђе, Љубица и Његош из Џепа", "Đorđe, Ljubica i Njegoš iz Džepa"),
        # Bulgarian, Russian and Ukrainian: the scholarly transliteration
        ("Костелево, Сърбия", "Kostelevo, Sǎrbija"),
        ("Щука, Юрий, Харків, Україна", "Ščuka, Jurij, Harkiv, Ukrajina"),
        # Greek as the press writes it: ου, αυ and ευ as pairs, a word's first μπ as b
        ("Γιώργος Παπαδόπουλος, Ευάγγελος Ευθυμίου", "Giorgos Papadopoulos, Evangelos Efthymiou"),
        ("Κυριάκος Μητσοτάκης, η Ντόρα Μπακογιάννη", "Kyriakos Mitsotakis, i Dora Bakogianni"),
        ("ΘΕΣΣΑΛΟΝΙΚΗ, Χίος: αύριο", "THESSALONIKI, Chios: avrio"),
        # a diaeresis keeps two vowels apart, as the first two letters of a word
        ("Ταΰγετος, Χρυσοχοΐδης, Ευρώπη", "Taygetos, Chrysochoidis, Evropi"),
        # Kazakh's own letters, as ISO 9 writes them
        ("Нұртазин, Қазақстан, Шығыс, Өскемен", "Nūrtazin, Ķazaķstan, Šyġys, Ôskemen"),
        # other scripts as they were
        ("Crni Vrh, 上海", "Crni Vrh, 上海"),
    ],
)
def test_cyrillic_and_greek_are_written_in_latin_letters(cyrillic: str, latin: str) -> None:
    assert romanize(cyrillic) == latin
