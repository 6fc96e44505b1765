"""Line-level cleaning of article text: promo blocks, widget labels and repeated captions.

Works on plain text whose paragraphs are separated by newlines, so the same rules
serve text seeds and the output of HTML extraction. Every removed line is reported
with the reason it was removed, so a caller can audit or learn outlet templates.

Rules, applied in order for each line:

1. lines listed in ``template_blocks`` (blocks learned as an outlet's template);
2. lines equal to the title (a repeated headline);
3. widget labels ("Audio By ...", "Advertisement", "Share this:", "Printer-friendly
   version | E-mail this story");
4. subscribe / newsletter / comment / cookie / share / reaction prompts, reporting
   credits, rights notices ("Copyright 2026 ... All rights reserved."), bylines ("By
   Martha Quill, Staff Writer");
5. promo headings ("Latest Stories", "READ MORE:", "Lire aussi") and the list of
   headlines and "4 minutes -" lines that follows them;
6. inline promo lead-ins ("Also Read | <headline>", "Soma pia: <headline>");
7. short lines repeated in the text (captions shown twice);
8. a trailing "Read More" or inline promo ("... evening. Related: <headline>") glued to
   the end of a paragraph is cut off;
9. then, over the kept lines: pull quotes (a line repeating part of a longer line beside
   it), an author's bio where the text ends, and a press release's closing block ("About
   Ostmann Chemie: ...", "Press contact: ...").

A line is only taken for a promo when it has the promo's shape (a heading alone on
its line, or a lead-in followed by a separator and a headline-like rest); a story
sentence that mentions "related" or starts with "Read" is kept.
"""

from __future__ import annotations

import functools
import importlib
import logging
import pkgutil
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from collector.words import CJK_LETTERS, WORD_CHARS, word_count

logger = logging.getLogger(__name__)

__all__ = [
    "CleanResult",
    "clean_text",
    "entry_stamps",
    "is_dateline",
    "normalise_line",
    "press_footer",
    "pull_quotes",
    "reads_as_prose",
    "without_list_mark",
]

# Each Greek vowel of a pattern as itself or accented: Greek capitals drop the accents
# ("ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ" is "Διαβάστε επίσης"), so the patterns write Greek without them.
_GREEK_VOWELS = str.maketrans(
    {"α": "[αά]", "ε": "[εέ]", "η": "[ηή]", "ι": "[ιίϊΐ]", "ο": "[οό]", "υ": "[υύϋΰ]", "ω": "[ωώ]"}
)


def _accent_free_re(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled case-blind, its Greek vowels matching with or without accents."""
    return re.compile(pattern.translate(_GREEK_VOWELS), re.IGNORECASE)


_ALSO_READ = (
    # "Read also" and "see also" in Polish, Dutch, Swedish, Danish and Norwegian,
    # Czech and Slovak, Romanian, Hungarian, Turkish, Indonesian and Malay, Finnish,
    # Estonian, Greek, Russian and Ukrainian, Serbian, Croatian and Bosnian (both
    # scripts), Bulgarian and Macedonian; "related news" in the South Slavic languages,
    # Finnish and Estonian
    r"(?:czytaj|przeczytaj|zobacz) (?:także|też|również|więcej)",
    r"lees (?:ook|meer|verder)",
    r"(?:bekijk|zie) ook",
    r"läs (?:också|mer|även)",
    r"se också",
    r"l[æe]s (?:også|mere|mer)",
    r"se også",
    r"(?:čtěte|přečtěte si) (?:také|též|i)",
    r"(?:čítajte|prečítajte si) (?:aj|tiež)",
    r"cite[șşs]te (?:[șşs]i|mai mult)",
    r"olvassa el ezt is",
    r"vezi [șş]i",
    r"kapcsolódó(?: cikk(?:ek)?)?",
    r"(?:ayrıca )?okuyun",
    r"(?:bunlar da |bu haberler de )?ilginizi çekebilir",
    r"ilgili haber(?:ler)?",
    r"baca (?:juga|selengkapnya)",
    r"lue (?:myös|lisää)|katso (?:myös|lisää)",
    r"loe (?:ka|lisaks|edasi)|vaata (?:ka|lisaks)",
    r"seotud (?:uudised|artiklid|lood)|aiheeseen liittyv(?:ät|iä)(?: uutiset| artikkelit)?",
    # Greek without accents, as capitals write it (see _accent_free_re)
    r"διαβαστε (?:επισης|ακομα|ακομη|περισσοτερα)|δειτε (?:επισης|ακομα|ακομη)",
    r"σχετικ(?:α αρθρα|ες ειδησεις|α θεματα)",
    r"читайте (?:также|тоже|також)",
    r"(?:смотрите|дивіться) (?:также|також)",
    r"сондай-ақ (?:оқыңыз|қараңыз)",  # Kazakh: read also, see also
    r"(?:pročitajte|procitajte|pročitaj|procitaj|pogledajte) (?:još|jos|i|više|vise|takođe"
    r"|također)",
    r"(?:прочитајте|прочитај|погледајте) (?:још|и|више|такође)",
    r"(?:прочетете|вижте) (?:още|също)|прочитај(?:те)? (?:повеќе|уште)",
    r"(?:povezane|vezane|slične|srodne) (?:vesti|vijesti|teme)|(?:повезане|сличне) (?:вести|теме)",
    r"(?:свързани|още) (?:новини|статии)|още по темата|поврзани вести",
    # Arabic, Persian, Hebrew, Hindi, Nepali, Urdu, Bengali, Vietnamese and Thai: "read
    # also", "related news"
    r"(?:اقرأ|إقرأ|شاهد) (?:أيضا|أيضاً|ايضا|المزيد)|(?:أخبار|مواضيع|مقالات) (?:ذات صلة|متعلقة)",
    r"(?:بیشتر )?بخوانید|مطالب مرتبط|خبرهای مرتبط",
    r"קראו (?:גם|עוד)|כתבות (?:נוספות|קשורות)",
    r"(?:यह|ये) भी पढ़ें|संबंधित (?:खबरें|ख़बरें|समाचार)|और पढ़ें|यो पनि पढ्नुहोस्",
    r"(?:مزید|یہ بھی) پڑھیں|متعلقہ خبریں|আরও পড়ুন|(?:সম্পর্কিত|সংশ্লিষ্ট) খবর",
    r"xem thêm|đọc thêm|tin liên quan|bài liên quan",
    r"อ่านเพิ่มเติม|(?:อ่าน)?ข่าวที่เกี่ยวข้อง|อ่านต่อ",
    r"basahin (?:din|rin|pa)|(?:mga )?kaugnay na (?:balita|artikulo|ulat)",  # Tagalog
    # Lithuanian and Latvian: read also, related articles, other articles on the subject
    r"(?:taip pat )?skaitykite(?: taip pat| daugiau)?|susiję straipsniai"
    r"|kiti straipsniai(?: šia tema)?",
    r"(?:lasi|lasiet) (?:arī|vairāk)|saistītie (?:raksti|materiāli)|citi raksti",
)
_CJK_ALSO_READ = (
    r"(?:相关|相關|延伸|推荐|推薦)(?:阅读|閱讀|新闻|新聞|报道|報導|文章)",
    r"(?:関連|関係)(?:記事|ニュース)|(?:あわせて|合わせて)読みたい",
    r"관련 ?(?:기사|뉴스)|함께 ?(?:보면 ?좋은|볼만한) ?(?:기사|뉴스)",
)
# Tag lists, alone on their line or with their tags: "Topics: Kestrel Events, Poland".
_TAG_LISTS = (
    r"topics?",
    r"tags?",
    r"filed under",
    r"tematy",
    r"tagi",
    r"themen",
    r"schlagwörter",
    r"sujets",
    r"mots-clés",
    r"etiquetas",
    r"argomenti",
    r"onderwerpen",
    r"tagovi",
    r"тагови",
    r"ključne (?:reči|riječi)",
    r"кључне речи",
    r"етикети",
    r"теги",
    r"тегтер",  # Kazakh
    r"topik",  # Malay, Indonesian
    r"мітки",  # Ukrainian
    r"ετικετες",
    r"etiketler",
    r"címkék",
    r"etichete",
    r"aiheet",
    r"avainsanat",
    r"teemad",
    r"sildid",
    r"märksõnad",
    r"टैग|ٹیگز|ট্যাগ",
    r"แท็ก(?:ที่เกี่ยวข้อง)?|từ khóa|từ khoá",
    r"תגיות|(?:ال)?وسوم|(?:ال)?كلمات (?:ال)?مفتاحية|مواضيع",  # Hebrew, Arabic
    r"temos|žymos|tēmas|birkas",  # Lithuanian, Latvian
)
_PROMO_HEADINGS = (
    r"latest(?: news| stories| articles| posts| headlines| updates)?",
    r"recent(?: news| stories| articles| posts)?",
    r"related(?: news| stories| articles| posts| content| coverage| topics| links| reading)?",
    r"(?:also |more )?read(?: more| also| next)?",
    r"also read",
    r"see also",
    r"trending(?: now| news| stories| articles)?",
    r"more (?:from|on|in|about|stories|news|articles|headlines)(?: [\w'’ .&-]{1,40})?",
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)",
    r"recommended(?: for you| stories| articles| reading)?",
    r"(?:most|top) (?:read|popular|viewed|shared|stories|news)(?: (?:in|on|from) [\w'’ &-]{1,30})?",
    r"more",
    r"көп оқылған(?:дар)?|соңғы жаңалықтар",  # Kazakh: most read, latest news
    # Indonesian and Malay: related news, most popular, latest
    r"(?:berita|artikel) (?:terkait|berkaitan|lainnya)|terpopuler|paling popular|terkini",
    r"see more stories",
    r"leggi anche",
    r"leia também",
    r"veja também",
    r"popular(?: now| posts| stories| news)?",
    r"editor'?s? picks?",
    r"don'?t miss",
    r"other (?:news|stories)",
    r"in other news",
    r"more stories",
    r"also (?:on|in|from) (?:the )?[\w'’ &-]{1,30}",
    r"(?:à )?lire (?:aussi|également|egalement)",
    r"(?:à )?voir aussi",
    r"sur le même sujet",
    r"les plus lus",
    r"leer (?:más|mas|también|tambien)",
    r"lea también",
    r"le[eé] (?:también|tambien)",
    r"(?:mir[aá]|ver) (?:también|tambien)",
    r"(?:también )?te (?:puede|podría) interesar",
    r"noticias relacionadas",
    r"soma (?:pia|zaidi|habari zaidi)",
    r"habari (?:zaidi|nyingine|zinazohusiana|mpya)|zinazovuma|zilizosomwa zaidi",
    r"leia (?:mais|também)",
    r"mehr zum thema",
    r"lesen sie auch",
    r"das könnte sie auch interessieren",
    r"weitere (?:artikel|nachrichten|meldungen|themen)(?: aus [\w'’ -]{1,30})?",
    r"meistgelesen(?:e artikel)?",
    r"ähnliche artikel",
    r"articoli correlati",
    r"potrebbe interessarti",
    r"continue reading",
    r"keep reading",
    r"read the full (?:story|article)",
    *_ALSO_READ,
    r"(?:powiązane|podobne) (?:artykuły|tematy)",
    r"najczęściej czytane",
    r"polecane",
    r"meest gelezen",
    r"gerelateerde artikelen",
    r"mest (?:lästa|læste|leste)",
    r"relaterade artiklar",
    r"relaterte artikler",
    r"související články",
    r"nejčtenější",
    r"súvisiace články",
    r"najčítanejšie",
    r"cele mai citite",
    r"legolvasottabb(?: cikkek)?|legfrissebb(?: hírek)?|friss hírek|cele mai (?:noi|recente)",
    r"(?:en )?çok okunan(?:lar| haberler)?|son haberler|son dakika|öne çıkanlar",
    r"berita terkait",
    r"terpopuler",
    r"luetuimmat|uusimmat(?: uutiset)?|tuoreimmat(?: uutiset)?",
    r"(?:viimased|värsked|uusimad) uudised|loetuimad|enim loetud",
    r"(?:τα )?πιο (?:δημοφιλη|διαβασμενα|προσφατα)|δημοφιλεστερα|δημοφιλη|τελευταια"
    r"|(?:τελευταιες|ολες οι) ειδησεις|ροη ειδησεων",
    r"популярное",
    r"najčitanij[ae](?: vesti| vijesti)?|najnovij[ae](?: vesti| vijesti)?",
    r"најчитаниј[ае](?: вести)?|најновиј[ае](?: вести)?",
    r"preporuka|preporučujemo|izdvajamo|препорука|препоручујемо|издвајамо",
    r"(?:još|više) (?:vesti|vijesti)|(?:још|више) вести",
    r"най-четени(?: новини| статии)?|най-нови(?: новини)?|последни новини|препоръчано",
    r"самое (?:читаемое|популярное)|последние новости|найпопулярніше|останні новини",
    # Chinese (simplified and traditional), Japanese and Korean: related, recommended,
    # most read, latest, more
    *_CJK_ALSO_READ,
    r"(?:热门|熱門|最新|更多|推荐|推薦)(?:新闻|新聞|文章|阅读|閱讀|资讯|資訊)",
    r"猜你喜欢|猜你喜歡|看更多|阅读更多|閱讀更多|閱讀排行|阅读排行",
    r"(?:人気|最新|おすすめ)(?:の)?(?:記事|ニュース)|アクセスランキング|こちらもおすすめ",
    r"많이 ?본 ?(?:뉴스|기사)|(?:인기|추천|최신) ?(?:기사|뉴스)",
    # "most read" and "latest news" in Arabic, Persian, Hebrew, Hindi and Vietnamese
    r"الأكثر (?:قراءة|مشاهدة)|(?:آخر|أحدث) الأخبار|پربازدیدترین(?: ها| خبرها)?|הנקראים ביותר",
    r"सबसे (?:ज\u093c?|\u095b)्यादा पढ़ी गई\u0902?(?: (?:खबरें|ख़बरें))?|ताज\u093c?ा (?:खबरें|ख़बरें)"
    r"|đọc nhiều(?: nhất)?|xem nhiều(?: nhất)?|tin (?:mới(?: nhất)?|khác|nổi bật|cùng chuyên mục)",
    r"ข่าว(?:ยอดนิยม|ล่าสุด|แนะนำ)|เรื่องที่เกี่ยวข้อง",
    # Urdu and Bengali: most read, latest, more news
    r"سب سے زیادہ پڑھی (?:گئی|جانے والی)(?: خبریں)?|تازہ ترین(?: خبریں)?|مزید خبریں",
    r"সর্বাধিক পঠিত|(?:সাম্প্রতিক|সর্বশেষ|তাজা) খবর|আরও খবর",
    # Hebrew and Tagalog: more on the subject, most read, latest news, flashes
    r"עוד בנושא|הכי נקראים|(?:חדשות|כתבות) אחרונות|מבזקים",
    r"pinakabinabasa|pinakasikat|pinakabagong (?:balita|ulat)|iba pang (?:balita|ulat)",
    # Lithuanian and Latvian: most read, most popular, latest
    r"skaitomiausi(?:os)?(?: naujienos)?|populiariausi(?:os)?|naujausi(?:os)?(?: naujienos)?",
    r"populārākie|visvairāk lasītie|lasītākie|jaunākie(?: raksti| ziņas)?",
    *_TAG_LISTS,
)
_HEADING_RE = _accent_free_re(
    r"^[\W_]*(?:" + "|".join(_PROMO_HEADINGS) + r")[\s:|»>•\-–—.…：｜】」]*$",
)
_LEAD_INS = (
    r"also read",
    r"read also",
    r"read more",
    r"read next",
    r"read",
    r"related",
    r"related (?:story|article|news|coverage)",
    r"see also",
    r"more",
    r"watch",
    r"listen",
    r"recommended",
    r"trending",
    r"(?:à )?lire (?:aussi|également|egalement)",
    r"voir aussi",
    r"leer (?:más|mas|también|tambien)",
    r"lea también",
    r"le[eé] (?:también|tambien)",
    r"(?:mir[aá]|ver) (?:también|tambien)",
    r"(?:también )?te (?:puede|podría) interesar",
    r"soma (?:pia|zaidi)",
    r"leia (?:mais|também)",
    r"lesen sie auch",
    r"mehr zum thema",
    r"thema",
    r"leggi anche",
    r"veja também",
    r"mais:",
    r"son dakika",  # a Turkish outlet's breaking-news ticker: "SON DAKİKA: <headline>"
    *_ALSO_READ,
    *_CJK_ALSO_READ,
    *_TAG_LISTS,  # "Topics: Kestrel Events Group, Poland, Equities"
)
_LEAD_IN_RE = _accent_free_re(
    r"^[\W_]*(?:" + "|".join(_LEAD_INS) + r")\s*(?:[:|»>•：｜】]|[-–—.]\s)\s*(?P<rest>\S.*)$",
)
_WIDGET_RE = _accent_free_re(
    r"^(?:audio by \w[\w ]{0,30}|listen(?: to (?:this|the) (?:article|story))?(?: \(\d+ min\))?"
    r"|-?\s*advertisement(?:\s*-|\s*[·•|]\s*scroll to continue)?|advert|sponsored(?: content)?"
    r"|scroll to continue(?: with content)?"
    # Hebrew and Arabic: advertisement; a share row's label and networks one a line (and
    # Tagalog's label); a newsletter box's button
    r"|פרסומת|إعلان|اعلان|x|reddit|messenger|viber|פייסבוק|וואטסאפ|טלגרם|טוויטר|מייל|הדפסה"
    r"|שתפו|שתף|شارك|ibahagi|sign up"
    # Lithuanian and Latvian: share, copy link, subscribe, by e-mail, send to a friend,
    # print, write a comment; advertisement
    r"|dalintis|kopijuoti nuorodą|užsisakyti|el\. paštu|siųsti draugui|spausdinti"
    r"|rašyti komentarą|dalīties|kopēt saiti|pieteikties|drukāt|reklāma"
    r"|pages?:?\s*(?:\d+\s*)+(?:next page)?\s*[»›>→]*"
    r"|-? ?tangazo ?-?|shiriki|nakili kiungo"  # Swahili: advertisement, share, copy link
    r"|(?:share(?: this(?: article| story)?)?(?: on \w+)?\s*)+|tweet|print|email|whatsapp|facebook"
    r"|โฆษณา|quảng cáo|in bài|sao chép link"  # Thai, Vietnamese: advertisement; print, copy link
    # Hindi, Urdu and Bengali: advertisement; share, with the networks in their letters
    r"|विज्ञापन|اشتہار|বিজ্ঞাপন|(?:शेयर करें|شیئر کریں|শেয়ার করুন)\s*:?(?:\s+\S+){0,6}"
    r"|twitter|linkedin|telegram|copy link|click to share on .*|story continues below"
    r"|article continues (?:below|after (?:this )?advertisement)|continue reading below"
    r"|skip (?:to|ad)\b.*|loading\W*|photo|image|video|\d+ comments?|comments?"
    # Hungarian and Romanian: loading, comments, advertisement
    r"|betöltés\W*|se încarcă\W*|\d+ (?:hozzászólás|komment|comentarii|comentariu)"
    r"|hozzászólások \(\d+\)|comentarii \(\d+\)|hirdetés|publicitate|reclamă"
    # Finnish and Estonian: comments, and "share on Facebook, on X" as Estonian inflects it
    r"|(?:kommentit|kommentaarid)(?: \(\d+\))?|\d+ (?:kommenttia|kommentaari)"
    r"|(?:jaga [\w-]+\s*)+"
    r"|[eé]couter cet article(?:\s*\(?\d+\s*min\)?)?"
    r"|publicité|publicidad|pubblicità|anzeige|werbung"
    r"|partager|imprimer|envoyer (?:à|a) un ami|envoyer par e-?mail|copier le lien|compartir"
    r"|imprimir|partilhar|compartilhar"
    r"|artikel (?:anhören|vorlesen(?: lassen)?)|(?:jetzt |artikel |beitrag )?teilen|drucken"
    r"|condividi|\d+ kommentare?|artikel empfehlen\b.{0,40}"
    r"|(?:share(?: this)?|podelite|podijelite|поделите|подели|сподели|споделете|partager"
    r"|compartir|teilen|condividi|dela|del|udostępnij|sdílet|поделиться|поширити|paylaş|бөлісу"
    r"|share this (?:article|story|page)|share via|deel dit artikel|bagikan|kongsi"
    r"|แชร์|แบ่งปัน|(?:in bài )?chia sẻ|שתפו|שתף|شارك|شاركوا|مشاركة|ibahagi|i-share"
    r"|dalintis|dalīties"
    r"|μοιραστειτε|κοινοποιηση|κοινοποιηστε|megosztás|distribuie(?: pe)?|jaa|jaga):?"
    r"(?:[\s·•|,/]+(?:x|twitter|facebook|linkedin|mastodon|whatsapp|e-?mail|reddit|bluesky"
    r"|threads|telegram|flipboard|viber|messenger|pinterest|instagram|vk|e-post|e-posti"
    r"|вконтакте|одноклассники|ok|дзен|max|line|zalo|sao chép link"
    r"|sähköposti|kopioi linkki|kopeeri link|copy link|print|פייסבוק|וואטסאפ|טלגרם|טוויטר"
    r"|מייל|הדפסה|فيسبوك|فيس بوك|واتساب|تلغرام|تيليجرام|تويتر|إكس|نسخ الرابط|طباعة"
    r"|draugiem|e-pasts|siųsti draugui|spausdinti|drukāt))+"
    r"|nächste seite|vorherige seite|page suivante|página siguiente|pagina successiva"
    r"|(?:หน้า|पृष्ठ)\s*:?[\s\d]*(?:หน้าถัดไป|अगला पेज)\W*"  # "หน้า: 1 2 หน้าถัดไป »"
    r"|reklama|udostępnij|advertentie|delen|annons|dela|annonse|annonce|reklame|del|sdílet"
    r"|zdieľať|dela artikeln|del artikkelen|del artiklen|jaa artikkeli"
    r"|reclam[ăa]|distribuie|hirdetés|megosztás|reklam|paylaş|iklan|bagikan|mainos|jaa"
    r"|reklaam|jaga|prindi"
    # a link to the article in the outlet's other language: "Читать на русском"
    r"|читать на (?:русском|казахском|английском|украинском)(?: языке)?|қазақша оқу"
    r"|читати (?:українською|російською)"
    r"|(?:[^\W\d_]{2,20}\s*:\s*)?(?:#[^\W_][\w-]*[\s,·]*)+"  # hashtags: "Тегтер: #шахта"
    r"|διαφημιση|κοινοποιηση|μοιραστειτε|εκτυπωση|реклама|поделиться|поширити|广告|廣告|広告"
    r"|광고|分享到?|シェア"
    r"|공유하기|打印|印刷"
    # Serbian, Croatian and Bosnian (both scripts), Bulgarian, Macedonian: share, print,
    # send to a friend, photo, video, gallery
    r"|podelite|podijelite|podeli|поделите|подели|сподели|споделете|štampaj"
    r"|odštampaj|штампај|отпечатай|печать|pošalji prijatelju|пошаљи пријатељу"
    r"|изпрати на приятел|фото|видео|снимка|galerija|галерија|галерия"
    r"|(?:(?:page|seite|página|pagina) \d+ (?:of|von|de|di|sur) \d+\W*)?(?:(?:continue|keep) "
    r"reading on (?:the )?(?:next )?page(?: \d+)?|next page|(?:read|go to) page \d+)\s*[»›>→]*"
    r"|(?:page|seite|página|pagina) \d+ (?:of|von|de|di|sur) \d+"
    # "Страна 1 од 2: 1", "Sledeća strana »", and a lone page number between bars
    r"|(?:страна|strana|stranica|страница) \d+ (?:од|od|от|из|iz) \d+(?::\s*\d+)?"
    r"|(?:следећа|sledeća|sljedeća|следваща|следующая|наступна|претходна|prethodna"
    r"|предишна|предыдущая|попередня) (?:страна|strana|stranica|страница)\s*[»›>→]*|\d{1,3}"
    r"|(?:επομενη|προηγουμενη) σελιδα\s*[»›>→]*|(?:sonraki|önceki) sayfa\s*[»›>→]*"
    r"|σελιδα \d+ απο \d+|sayfa \d+ ?(?:/|of|'?[td]an) ?\d+"
    r"|(?:\d{1,3}\s+)*(?:pagina (?:următoare|urmatoare|anterioară)|következő oldal|előző oldal)"
    r"\s*[»›>→]*"
    r"|printer[- ]friendly(?: version| page)?|print(?:able)? version|e-?mail (?:this|the) "
    r"(?:story|article|page)|(?:(?:reader |user )?comments?|komentari|komentara|коментари"
    r"|коментара|коментарі|комментарии|commentaires?|commenti|comentarios|komentarze|σχολια"
    r"|yorum(?:lar)?|תגובות|تعليقات|(?:mga )?komento|komentarai|komentāri) \(\d+\))"
    r"[\s:.…]*$",
)
# A weather widget's lowest and highest temperatures ("Sorvadino 2°/8°", "-6° / 1°C").
_TEMPERATURE_RE = re.compile(r"-?\d{1,2}\s*°\s*[CF]\b")
_MIN_MAX_RE = re.compile(r"-?\d{1,2}\s*°\s*[CF]?\s*/\s*-?\d{1,2}\s*°")
_PROMPT_RE = _accent_free_re(
    r"^(?:discover more from .{1,80}"
    r"|.{0,80}\bctrl ?\+ ?enter\b.{0,40}"  # "Found a typo? Select it and press Ctrl+Enter"
    r"|(?:подписывайтесь|підписуйтесь) на [^,.!?]{1,100}|[^,.!?]{0,60}\bжазылыңыз\b[^,.!?]{0,60}"
    r"|subscribe (?:to (?:get|receive|our)|now|today|for (?:free|only|just|\$))\b.*"
    r"|subscribe to (?:the )?[\w'’ ]{0,40}(?:newsletter|channel|podcast|youtube)\b.*"
    r"|sign up (?:for|to) (?:our|the)\b.*|get (?:our|the) (?:latest |daily |free )?newsletter.*"
    r"|sign up (?:for|to) (?:[\w'’&-]+ ?){1,4}\W*|our (?:free )?(?:\w+ )?newsletter\b.*"
    r"|start (?:your|the) day with .{0,60}\b(?:news|newsletter|briefing|headlines)\b.*"
    r"|comments (?:are|have been) (?:now )?(?:closed|disabled|turned off)\b.*"
    r"|we and our (?:\w+ )?(?:partners|vendors) .{0,60}\bcookies\b.*"
    r"|(?:join|follow) (?:us|our \w+(?: channel)?) on .{1,60}"
    r"|ติดตาม(?:เรา|ข่าวสาร)?(?:บน|ได้ที่|ทาง).{1,60}|รับข่าวสาร.{0,40}|เพิ่มเพื่อน.{1,60}"
    r"|leave a (?:comment|reply).*|share your thoughts.*|post a comment.*"
    r"|(?:what'?s|what is) your (?:reaction|opinion|take)\?.*"
    r"|how (?:do|did) you feel about (?:this|the) (?:article|story)\?.*"
    r"|we use cookies.*|this (?:web)?site uses cookies.*|accept (?:all )?cookies.*"
    r"|click here to (?:subscribe|read|join|download|follow)\b.*"
    r"|(?:download|get) (?:our|the) app\b.*"
    r"|abonnez-vous\b.*|inscrivez-vous à (?:notre|la) newsletter.*|suscr[ií]bete\b.*"
    r"|s'abonner|déjà abonné\s*\?.*|already a (?:subscriber|member)\?.*"
    r"|(?:skip past|after) (?:the )?newsletter (?:promotion|sign-?up)|privacy notice:.{0,200}"
    r"|our standards:.{0,80}"
    r"|abonnieren sie\b.{0,80}"
    # Comment sections' rules and log-in prompts, a newsroom's call for corrections
    r"|(?:les )?(?:réactions|commentaires) sont modéré(?:e)?s\b.*"
    r"|comments are (?:pre-?)?moderated\b.*"
    r"|you must be (?:logged|signed) in to (?:post a )?comment.*"
    r"|(?:connectez-vous|identifiez-vous)\b.{0,80}\b(?:commenter|réagir|participer|conversation)\b.*"
    r"|(?:log ?in|sign ?in|register)\b.{0,60}\bto (?:comment"
    r"|join the (?:conversation|discussion))\b.*"
    r"|(?:une remarque|une erreur|une coquille)\b.{0,40}\?\s*(?:écrivez|contactez|signalez)\b.*"
    r"|(?:spotted|found|see|noticed) (?:an? )?(?:error|mistake|typo)\b.{0,20}\?.*"
    r"|(?:recib[ae]|receba|recevez) .{0,80}\b(?:noticias|notícias|boletín|newsletter"
    r"|actualités|correo|e-?mail|courriel)\b.*"
    r"|jiunge nasi\b.*"
    r"|(?:follow|like) (?:us|@\w+|[\w'’ ]{1,40}) on (?:twitter|facebook|instagram|youtube|linkedin"
    r"|tiktok|telegram|whatsapp|x)\b.*"
    r"|(?:write to|reach|contact|email) .{1,80}(?:@\w+\.\w+|twitter\.com|\bat @\w+).*"
    r"|(?:click|tap) here\b.*|.{0,60}\bby clicking here\W*"
    r"|(?:get|download|receive) .{0,80}\b(?:app|newsletter|inbox|delivered)\b.*"
    r"|.{0,80}\b(?:delivered|sent|straight|direct(?:ly)?) (?:to|in|into) your (?:inbox|email)\b.*"
    r"|(?:like|liked|enjoy|enjoyed|love) this (?:story|article|post)\?.*"
    r"|this copy is for your personal, non-commercial use.*"
    r"|(?:order )?reprints?|print (?:this )?article|permissions"
    r"|an error (?:has )?occurred.*|thank you(?: for (?:reading|subscribing|signing up))?\W*"
    r"|this article has been sent to.*"
    r"|(?:tell us|let us know) what you think.*"
    r"|if you (?:buy|purchase|click|shop) .{0,80}(?:commission|share of the sale|may earn|earn a).*"
    r"|follow .{0,60}\b(?:coverage|updates)\b.{0,40} (?:at|on) .*"
    r"|(?:reading time|tempo de leitura|temps de lecture|tiempo de lectura|lesezeit)\s*:?.{0,20}"
    r"|\d+ min(?:\.|uten)? lesezeit"
    r"|(?:[\w-]+[ -])?newsletter (?:abonnieren|bestellen)\b.*|jetzt (?:abonnieren|anmelden)\b.*"
    r"|iscriviti (?:alla|alle|a) (?:nostra )?newsletter.*"
    r"|(?:assine|subscreva|inscreva-se)\b.{0,60}\bnewsletter\b.*"
    r"|(?:diese (?:web)?(?:site|seite) verwendet|wir verwenden) cookies.*"
    # a cookie notice in the Nordic languages: "... använder kakor (cookies) för att ..."
    r"|.{0,80}\b(?:använder|bruker|bruger) (?:kakor|cookies|informasjonskapsler|infokapsler)\b"
    r".{0,200}\b(?:webbplats\w*|nettsted\w*|hjemmeside\w*|annons\w*|annonse\w*|annonce\w*"
    r"|trafik\w*|trafikk\w*)\b.*"
    # "Follow us on ..." in Polish, Dutch, the Nordic languages, Czech and Slovak, Romanian,
    # Hungarian, Turkish, Indonesian, Finnish and Russian; newsletter prompts
    r"|obserwuj nas (?:w|na) .{1,60}|(?:volg|følg|följ) (?:ons|os|oss) (?:op|via|på|i) .{1,60}"
    r"|sledujte nás(?: na| v)? .{0,60}|urmăre[șş]te-ne .{1,60}|kövess(?:en)? minket.{0,60}"
    r"|bizi .{0,30}takip edin.*|ikuti kami (?:di|pada) .{1,60}|seuraa meitä.{0,60}"
    # "Simak berita lainnya di Google News", "Ikuti berita terbaru ... di Google News"
    r"|(?:simak|ikuti|baca|dapatkan|follow|get) (?:berita|update|informasi|kabar|us|the latest)"
    r"\b.{0,80}\b(?:google news|saluran whatsapp|whatsapp channel|telegram)\b.*"
    r"|thank(?:s| you) for reading\b.{0,40}(?:subscri|support|journalism)\w*\b.*"
    r"|подписывайтесь на (?:нас|наш).*|zapisz się (?:do|na) newsletter.*"
    r"|(?:abonneer|schrijf) (?:je|u) .{0,40}nieuwsbrief.*|prenumerera på .{0,40}nyhetsbrev.*"
    r"|(?:.{0,80}\?\s)?meld (?:je|u) (?:nu )?aan voor (?:de|onze) \w*\s?nieuwsbrief\b.*"
    # the same in Turkish and Greek (without accents, see _accent_free_re), "read on" behind a
    # button, a cookie or personal-data notice
    r"|(?:google news|twitter|x|facebook|instagram|youtube|telegram|whatsapp)(?:'?\w{1,3})? "
    r"(?:üzerinden |hesab\w{0,6} )?takip edin\b.*|(?:hemen |ücretsiz )?abone ol(?:un)?\W*"
    r"|.{0,80}\be-?posta kutunuzda\b.*|(?:haberin|yazının) devamı(?: için)?(?: tıklayın)?\W*"
    r"|(?:sitemizde|web sitemizde|bu sitede) çerez.*|kişisel verileriniz .{0,60}\bkvkk\b.*"
    r"|ακολουθηστε (?:μας )?(?:στο|στα|στην|στις) .{1,60}|εγγραφειτε (?:στο|στα|στην) .{1,60}"
    r"|(?:ο ιστοτοπος|η ιστοσελιδα|ο δικτυακος τοπος) (?:μας )?χρησιμοποιει cookies.*"
    r"|χρησιμοποιουμε cookies.*"
    # Hungarian and Romanian cookie notices and newsletter or app prompts
    r"|(?:weboldalunk|oldalunk|ez a weboldal) sütiket használ.*"
    r"|(?:acest site|site-ul nostru) folose[șş]te (?:cookie|module cookie).*"
    r"|abonea(?:z|ză)-te\b.*|iratkozzon fel\b.*|töltse le a\b.{0,60}\balkalmazás.*"
    # Finnish and Estonian cookie notices and newsletter prompts
    r"|.{0,80}\bevästeit\w*\b.{0,200}\b(?:jatkamalla|hyväksyt|hyväksy|evästeasetukset)\b.*"
    r"|(?:tämä sivusto|sivustomme|käytämme) .{0,40}\bevästeitä\b.*"
    r"|.{0,80}\bküpsis\w*\b.{0,200}\b(?:jätkates|nõustud|nõustu|küpsiste seaded)\b.*"
    r"|(?:see veebileht|meie veebileht|kasutame) .{0,40}\bküpsiseid\b.*"
    r"|tilaa (?:\w+ )?uutiskirje.*|.{0,60}\bsuoraan sähköpostiisi\b.*"
    r"|telli (?:tasuta )?uudiskiri.*|liitu (?:meie )?uudiskirjaga.*"
    r"|.{0,60}\buudiskiri\b.{0,80}\btelli\b.*|.{0,60}\buutiskirje\w*\b.{0,80}\btilaa\b.*"
    r"|\d+ min(?:ute)?s? read"
    r"|(?:newsletter )?e-?mail address\W*|by (?:signing up|subscribing|registering),? you "
    r"(?:agree|consent)\b.*"
    # Lithuanian and Latvian newsletter prompts ("subscribe", "sign up for ... news")
    r"|užsisakykite\b.*|piesakies\b.{0,80}\b(?:e-pastā|jaunumiem|ziņām)\b.*"
    # Tagalog "like and follow ... on Facebook"; a radio station's "listen to ... 1089 AM"
    r"|i-?like at i-?follow\b.*"
    r"|(?:listen to|makinig sa) .{1,60}\b\d{2,4}(?:\.\d)? ?(?:am|fm)\b.*)$",
)
# A subscription's offer, however long: "Subscribe to COURIER PLUS to get access to The
# Philippine Daily Courier & other 70+ titles, share up to 5 gadgets, ... Call 896 6000."
_OFFER_RE = re.compile(
    r"^subscribe to .{1,60}?\bto (?:get|gain|enjoy|unlock) (?:full |unlimited )?access\b.*",
    re.IGNORECASE,
)
# A paywall's notice, where the visible part of an article ends: "La suite de cet article
# est réservée aux abonnés", "Subscribe to continue reading".
_PAYWALL_RE = re.compile(
    r"^(?:(?:la suite de |le reste de )?cet article est réservé aux abonnés"
    r"|la suite (?:de cet article )?est réservée aux (?:abonnés|abonnées|membres)"
    r"|il vous reste \d+ ?% de cet article à lire|(?:article|contenu) réservé aux abonnés"
    r"|(?:the rest of )?this (?:article|story|content) is (?:only )?(?:(?:available|reserved"
    r"|exclusive) )?(?:to|for) (?:our )?(?:paying )?(?:subscribers|members)"
    r"|subscribe (?:now )?to (?:continue|keep) reading|subscriber[- ]only (?:content|article)"
    r"|(?:to )?continue reading,? (?:subscribe|sign in|log in|become a (?:subscriber|member))"
    r"|(?:dieser (?:artikel|beitrag|inhalt) ist )?(?:nur |exklusiv )?für abonnent(?:en|innen)"
    r"|(?:este (?:artículo|contenido) es )?exclusivo para (?:suscriptores|assinantes)"
    r"|(?:este (?:artigo|conteúdo|texto) é )?exclusivo para assinantes"
    r"|(?:conteúdo|matéria|reportagem) exclusiv[oa] para assinantes"
    r"|(?:questo articolo è )?riservato agli abbonati"
    r"|you(?:'ve| have) (?:read|reached|used) (?:\d+ of )?(?:your|all your|the) (?:\w+ )?free "
    r"(?:articles?|stor(?:y|ies))"
    r"|you(?:'ve| have) reached your (?:free )?(?:article |monthly )?limit"
    # the same in Swedish, Danish, Norwegian, Dutch, Polish, Czech and Finnish
    r"|du har (?:läst|lest|læst|brugt) (?:din|dine|dina|alla dina) (?:sista |siste )?"
    r"(?:gratis ?|fria )?artik(?:el|eln|lar|ler|len)"
    r"|denne artik(?:el|kelen) er (?:forbeholdt|kun for|eksklusiv for) abonnenter"
    r"|(?:denna|den här) artikel(?:n)? är (?:endast |bara )?för (?:prenumeranter|premiumkunder)"
    r"|dit (?:artikel|stuk) is (?:alleen |exclusief )?voor abonnees"
    r"|(?:ten |cały )?artykuł (?:jest )?dostępny (?:tylko |wyłącznie )?dla "
    r"(?:prenumeratorów|subskrybentów|abonentów)"
    r"|(?:tento )?článek je (?:dostupný )?(?:jen|pouze) pro předplatitele"
    r"|tämä (?:artikkeli|juttu) on (?:vain |ainoastaan )?tilaajille"
    # Hebrew and Arabic: the (full) article is for subscribers only; you have used up your
    # free articles
    r"|הכתבה (?:המלאה )?(?:זמינה|פתוחה) (?:למנויים|למנויי \S+)(?: בלבד)?|מיצית את מכסת"
    r"|(?:هذا )?(?:المقال|المحتوى) (?:متاح )?للمشتركين فقط)\b.{0,160}$",
    re.IGNORECASE,
)
# A wire desk's sign-off: its journalists' initials ("dp/mf/ib", "bur-jm/ib").
_SIGN_OFF_RE = re.compile(r"^\(?[a-z]{2,5}(?:-[a-z]{2,5})?(?:/[a-z]{2,5}(?:-[a-z]{2,5})?){1,5}\)?$")
# One role of a broadcast report's credits ("immagini di Marco Teldeschi", "Kamera: A. Roth").
_ROLE = (
    r"(?:servizio|immagini|montaggio|riprese|reportage|images|montage|video|camera|editing"
    r"|producer|kamera|schnitt|bericht|reportaje|imágenes|cámara|edición|reportagem|imagens"
    r"|edição)\s*(?::|\bdi\b|\bde\b|\bby\b|\bvon\b|\bpor\b)\s*[^\W\d][^,;|:]{1,50}"
)
_CREDIT_RE = re.compile(
    r"^\((?:(?:additional )?reporting|writing|editing|compiled|produced) by\b.*\)\W*$"
    r"|^(?:additional )?reporting by .{3,120}\bediting by\b.*"
    r"|^.{3,200}\bcontributed (?:to )?(?:this|the) (?:report|story|article)\W*$"
    # "Fonte: Continental Wire Service.", "Traduzione a cura della redazione."
    r"|^(?:source|fonte|fuente|quelle|sumber|bron|źródło|kilde|källa|lähde)\s*:.{1,160}$"
    # The source and editor lines of Chinese, Japanese and Korean news: "责任编辑：王明"
    r"|^[(（]?(?:来源|來源|出典|출처|(?:责任|責任)?(?:编辑|編輯)|原标题|原標題)\s*[:：].{1,80}$"
    r"|^(?:translated|traduzione|traduction|traducción|übersetzung)\b.{0,20}"
    r"\b(?:by|a cura|par|por|von)\b.{1,80}$"
    # Syndication credits: "This article originally appeared on WireNews.", WordPress
    # feeds' "The post <headline> appeared first on <site>."
    r"|^(?:this (?:article|story|post|piece|report) (?:was )?|it )?(?:originally|first) "
    r"(?:appeared|published|ran)(?: (?:on|in|at|by) [^,;]{1,120})?\W*$"
    r"|^this (?:article|story|post|piece|report) (?:appeared|was published|ran) "
    r"(?:originally|first) (?:on|in|at|by) .{1,120}$"
    r"|^the post .{1,200} appeared first on .{1,120}$"
    # "This article was translated from Polish. Read the original: <headline>"
    r"|^this (?:article|story|report) (?:was|has been) translated from \w+\b.{0,200}$"
    r"|^(?:republished|reprinted|reproduced) (?:here )?with (?:the )?(?:kind )?permission\b.*"
    # The agencies a report draws on: "mit Material von dpa und Reuters", "with AFP"
    r"|^(?:mit (?:material|informationen|agenturmaterial) (?:von|der|des) |with (?:material|"
    r"reporting|information) from )[\w .,&/-]{2,60}$"
    # A broadcast report's credits, two roles or more: "Servizio di A, immagini di B."
    rf"|^{_ROLE}(?:\s*[,;|]\s*{_ROLE})+\W*$",
    re.IGNORECASE,
)
# Rights notices: "Copyright 2026 WireNews. All rights reserved.", "© Thomson Reuters 2026",
# the wire services' "may not be published, broadcast, rewritten or redistributed".
_RIGHTS_RE = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|&copy;)|^copyright\s+(?:19|20)\d\d\b"
    r"|\ball rights reserved\b"
    r"|\bmay not be (?:re)?(?:published|reproduced|copied),? (?:or )?"
    r"(?:broadcast|rewritten|redistributed|distributed|reproduced|republished)\b",
    re.IGNORECASE,
)
# A publisher's legal imprint, which footers print and extraction may keep: its tax or
# company number, or the court registration Italian papers must give ("P.IVA 01388240162",
# "Aut. Trib. di Sorvadino n. 12/1952 – Direttore responsabile: Ermes Baldracchi",
# "USt-IdNr. DE123456789", "KRS 0000123456", "Registered in England No. 1234567").
_IMPRINT_RE = re.compile(
    r"\b(?:p\.\s?iva|partita iva|vat (?:no|number|reg(?:istration)?(?: no)?)|ust-?id(?:nr)?"
    r"|nip|krs|regon|siret|siren|ičo|dič)\b\.?:?\s*(?:[A-Z]{2}\s?)?\d[\d .-]{5,}"
    r"|\b(?:aut|reg)\.\s*trib\.|\bdirettore responsabile\s*:"
    r"|\bregistered in england(?: and wales)?(?: (?:no|number)\.?)?:?\s*\d"
    r"|\bcompany (?:no|number|registration(?: no)?)\.?:?\s*\d",
    re.IGNORECASE,
)
# An author's bio at the end of the text: "Owen Pritchard is a Gazette reporter covering
# business.", "Dana Whitfield covers world news for the Courier. Reach her at ...".
_NAME = r"(?:[A-Z][\w'’.-]+\s){1,3}"
_BIO_RE = re.compile(
    rf"^{_NAME}(?:is|was)\s(?:a|an|the)\s(?:[\w'’&.-]+\s){{0,6}}?(?:reporter|correspondent"
    r"|columnist|editor|writer|journalist|contributor|producer|analyst)\b"
    rf"|^{_NAME}(?:covers|writes about|reports on)\s.{{1,100}}\bfor\s(?:the\s)?[A-Z]"
    rf"|^{_NAME}(?:è|est|es|ist|é)\s(?:um[a]?\s|un[ae]?\s|une\s|eine?\s)?(?:\w+\s)?"
    r"(?:giornalista|cronista|corrispondente|journaliste|rédact(?:eur|rice)|correspondante?"
    r"|periodista|redactora?|corresponsal|journalistin|redakteurin|korrespondentin"
    r"|jornalista|colunista|repórter|correspondente)\b"
)
# A column's disclaimer, where the text ends: "The views expressed are the author's own and
# do not necessarily reflect ...", "Os artigos de opinião não traduzem necessariamente a
# opinião do ...": its first sentence says "necessarily", and "this article" or "the views
# expressed" (a sentence of the story that says "necessarily" names neither).
_DISCLAIMER_RE = re.compile(
    r"^(?=[^.!?]*\b(?:necessarily|necessariamente|necesariamente|nécessairement"
    r"|notwendigerweise|niekoniecznie|nutně)\b)"
    r"(?=[^.!?]*\b(?:(?:this|este|esta|cet|cette|questo|questa|dieser|diese) (?:article"
    r"|column|piece|post|artigo|texto|coluna|artículo|columna|chronique|tribune|articolo"
    r"|artikel|beitrag|kolumne)|(?:views|opinions) expressed|opiniões expressas"
    r"|opiniones expresadas|opinions exprimées|opinioni espresse|artigos de opinião"
    r"|artículos de opinión|opinion (?:pieces|articles|columns))\b)",
    re.IGNORECASE,
)
# A caption, told by the photo credit that ends it: "... withdrawn from sale. Photo: Stefano
# Rinaldi / Harbour Courier", "... in Cremona. (AP Photo/Luca Bruno)", "Foto: Ansa", a
# British tabloid's "... in Port-au-Prince (Image: Getty)", "(Picture: PA)".
_PHOTO = (
    r"(?:photo|foto|image|picture|bild|bildrechte|crédit photo|photograph|фото|снимка|снимак"
    r"|φωτογραφια|φωτο|fotoğraf|görsel|fotó|kuva|kuvat|сурет|फोटो|फ़ोटो|तस्वीर|ছবি|تصویر|عکس|ảnh|ภาพ|picha"
    r"|צילום|تصوير|صورة|الصورة|kuha n[gi]|larawan)s?"
)
_CAPTION_CREDIT_RE = _accent_free_re(
    # after the caption, the outlet's name before it or not ("... Monday. Courier Photo: ...")
    rf"(?:^|[.!?”\"’)।۔]\s+(?:(?-i:[A-Z])[\w'’-]*\s+){{0,2}}){_PHOTO}(?: credit)?\s*[:|]\s*"
    r"[^.!?:]{2,80}$"
    # the credit first: "Фото: Дневни преглед. Мештани Липовца на брду изнад села."
    rf"|^{_PHOTO}(?: credit)?\s*:\s*[^.!?:]{{2,60}}\.\s+\S.*$"
    rf"|\((?:[A-Z]{{2,10}} )?(?:(?:photo|foto|image|picture|pic)\b|{_PHOTO})[^()]{{0,80}}\)$"
    r"|\s[-–—|]\s*(?:photo|foto|bild)s?\b[^.!?:]{0,60}$"
    # Lithuanian: the photographer's or the outlet's name before "nuotr." (photo)
    r"|[.!?]\s+[\w .'’-]{1,60}\bnuotr\.$"
    # an Arabic caption's agency: AP, AFP, EPA, Reuters, Getty
    r"|\((?:أ\.\s?ب|أ\.\s?ف\.\s?ب|إ\.\s?ب\.\s?أ|رويترز|غيتي)\)$",
)
# A wire photo's credit ending a caption: "… January 12, 2027. REUTERS/Gleb Garanich".
_WIRE_CREDIT_RE = re.compile(
    r"(?:^|[.!?]\s+)[A-Z]{2,}(?:[ -][A-Z]{2,})?\s?/\s?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}$"
    # "... menuju lokasi kejadian, Senin pagi. (LONTARA POS/MUH. FADLI ARSYAD)"
    r"|\s\([A-Z]{2,}(?:[ -][A-Z]{2,}){0,2}/[A-Z][A-Z'’.-]*(?: [A-Z][A-Z'’.-]*){0,4}\)$"
)
_NON_WORD_RE = re.compile(r"\W+")
# A press release's closing block: "About Ostmann Chemie: ...", "Über ...", "Press contact:".
_PRESS_FOOTER_RE = re.compile(
    r"^(?:About|ABOUT|Über|ÜBER|À propos d(?:e |u |')|Acerca de|Sobre|Informazioni su)\s*"
    r"(?:[A-Z][\w&.,'’-]*\s?){1,5}(?::\s.+)?$"
    r"|^(?i:(?:press|media|news)\s+(?:contacts?|enquiries|inquiries)|presse-?kontakt"
    r"|medienkontakt|contacts?\s+(?:presse|médias?)|contatt[oi]\s+(?:per\s+la\s+)?stampa"
    r"|contactos?\s+(?:de\s+)?prensa|contatos?\s+(?:de\s+)?imprensa)\b"
)
# A section label over the headline: "CRONACA", "WORLD NEWS".
_KICKER_RE = re.compile(r"^[^\W\d_]{2,}(?:[ &/-]{1,3}[^\W\d_]{2,}){0,2}$")
_SHORTCODE_RE = re.compile(r"^\[\w+[^\]]*\].*\[/\w+\]$")
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july"
    "|august|september|october|november|december|janvier|février|fevrier|mars|avril|mai|juin"
    "|juillet|août|aout|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio"
    "|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio"
    "|junho|julho|setembro|outubro|dezembro|gennaio|febbraio|aprile|maggio|giugno|luglio"
    "|settembre|ottobre|dicembre|januari|februari|machi|aprili|juni|julai|agosti|oktoba|novemba"
    "|desemba|januar|februar|märz|oktober|dezember|maj|okt|des"
    # Dutch, Indonesian and Malay months that English words might hide (dateparser has them)
    "|maart|mei|juli|augustus|maret|agustus|desember|mac|ogos|disember"
)
# "By Martha Quill", "By Ron Pettibone, Gazette Staff Writer": a byline left in the text.
_NOT_A_DAY = r"(?!(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|" + _MONTHS + r")\b)"
_BYLINE_RE = re.compile(
    rf"^(?i:by|di|por|par|von|(?:ulat |isinulat )?ni)\s*:?\s+{_NOT_A_DAY}"
    r"(?:[A-Z][\w'’.-]*\s*){1,4}"
    r"(?:(?:and|&)\s+(?:[A-Z][\w'’.-]*\s*){1,4})?(?:[,|–—-]\s*[^.!?]{0,50})?$"
)
# Time zones written after a time: "09:05 GMT", Indonesia's "08:10 WITA", Malaysia's...
_TIME_ZONES = frozenset(
    "utc gmt edt est cet cest eat bst pst et ct pt wib wita wit myt sgt pht ict hkt jst kst ist"
    " pkt npt msk eet eest wet west aest aedt nzst nzdt".split()
)
_DATE_WORDS = (
    "published|updated|posted|modified|last|on|at|am|pm|a.m|p.m|"
    + "|".join(sorted(_TIME_ZONES))
    + "|stand"
    # "published" and "updated" in German, Italian, Polish, Czech, Slovak, Dutch, Swedish,
    # Danish, Norwegian, Finnish, Hungarian, Turkish and Russian; "o godz." (at ... o'clock)
    "|veröffentlicht|aktualisiert|pubblicato|opublikowano|zaktualizowano|aktualizacja"
    "|publikováno|aktualizováno|publikované|aktualizované|gepubliceerd|bijgewerkt|publicerad"
    "|uppdaterad|publiceret|opdateret"
    "|publisert|oppdatert|julkaistu|päivitetty|publikálva|frissítve|yayınlanma|güncelleme"
    "|опубликовано|обновлено|godz"
    # the same, "at", "hours" and "minutes" (ago), "today" and "yesterday" in Serbian,
    # Croatian and Bosnian (both scripts), Bulgarian, Russian and Ukrainian; their months
    # shortened ("18. јан 2027"), hours ("11:20 ч."), years ("2027 г.")
    "|објављено|objavljeno|ажурирано|ažurirano|измењено|izmenjeno|izmijenjeno|публикувано"
    "|актуализирано|обновено|оновлено|опубліковано|у|u|ч|г|пре|pre|prije|преди|сата|sata"
    "|sati|сати|часа|часов|години|минута|minuta|минути|данас|danas|днес|јуче|juče|jučer"
    "|вчера|сегодня|сьогодні|јан|феб|мар|апр|мај|јун|јул|авг|сеп|окт|нов|дец|avg|яну|фев"
    "|май|юни|юли|ное|дек|янв|июн|июл|сен|ноя"
    # the Nordic languages' "kl." (at ... o'clock), "i dag" and "i går" (today, yesterday),
    # "for 2 timer siden" and "för 3 timmar sedan" (hours ago), Finnish "klo"
    "|kl|klo|klockan|klokken|i|dag|idag|går|igår|siden|sedan|for|för|timer|timmar|timme|time"
    "|minutter|minuter|minutt|dager|dagar|dage"
    # Greek (without accents, see _accent_free_re) and Turkish: published, updated, last,
    # at, hour(s), minutes, today, yesterday, ago
    "|δημοσιευθηκε|δημοσιευση|ενημερωθηκε|ενημερωση|τελευταια|στις|ωρα|ωρες|λεπτα|σημερα|χθες"
    "|πριν|απο|yayınlandı|güncellendi|saat|dakika|gün|bugün|dün|önce"
    # Romanian and Hungarian: published, updated, at, hours, minutes, today, yesterday, ago
    "|publicat|actualizat|ora|ore|minute|azi|astăzi|ieri|acum|óra|perc|órája|perce|tegnap"
    "|et|ct|pt|cest|ore|ora|alle|uhr|um|am"
    "|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|lunedi|martedi|mercoledi"
    "|giovedi|venerdi|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    "|de|às|a|le|à|el|del|il|mis|à|jour|publié|actualizado|publicado|atualizado|aggiornato"
    "|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
    "|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes"
    "|sábado|domingo|segunda|terça|quarta|quinta|sexta|feira|h|hrs|min|ago|hours|minutes|days"
    # Arabic: morning and afternoon, "published", "updated", "last", "at ... o'clock"
    "|ص|م|نشر|نُشر|تحديث|آخر|الساعة|منذ|utc"
    # Hebrew: updated, published, ago, hours, minutes, today, yesterday
    "|עודכן|פורסם|לפני|שעות|שעה|דקות|היום|אתמול"
    # Lithuanian and Latvian: year and day ("2025 m. rugsėjo 18 d."), updated, published,
    # ago, hours, minutes
    "|m|d|val|atnaujinta|paskelbta|prieš|atjaunināts|publicēts|pirms|stundām|stundas|minūtēm"
    # Russian "в" (at ... o'clock); Kazakh year ("2025 ж."), hours, minutes, ago, today,
    # yesterday, published, updated
    "|в|ж|сағат|минут|бұрын|бүгін|кеше|жарияланды|жаңартылды"
    # Malay's morning and afternoon ("10:15 PG", "4:30 PTG"), Indonesian's morning, evening
    "|pg|ptg|pagi|petang|malam"
    # Hindi, Urdu and Bengali: published, updated, o'clock, morning, noon, evening, night;
    # the months of Nepal's Bikram Sambat calendar, printed beside the Gregorian date
    "|प्रकाशित|अपडेट|अपडेटेड|बजे|सुबह|दोपहर|शाम|रात|اشاعت|شائع|اپ ڈیٹ|بجے|صبح|دوپہر|شام|رات"
    "|প্রকাশিত|আপডেট|শেষ|সকাল|দুপুর|বিকেল|সন্ধ্যা|রাত|پیر|منگل|بدھ|جمعرات|جمعہ|ہفتہ|اتوار"
    "|baisakh|jestha|asar|ashadh|shrawan|bhadra|asoj|kartik|mangsir|poush|magh|falgun|chaitra"
    # Thai: shortened months ("14 ก.ค. 2568"), o'clock ("น."), the Buddhist era, "at", weekdays
    # ("วันจันทร์ที่", Monday the); Vietnamese: weekdays ("Thứ hai"), day, month, at, hour, ago
    "|ม.ค|ก.พ|มี.ค|เม.ย|พ.ค|มิ.ย|ก.ค|ส.ค|ก.ย|ต.ค|พ.ย|ธ.ค|น|พ.ศ|เวลา"
    "|(?:วัน)?(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์)(?:ที่)?"
    "|thứ|hai|ba|tư|năm|sáu|bảy|chủ|nhật|ngày|tháng|lúc|giờ|phút|trước|cập"
    # Swahili: hour (its clock counts from dawn), morning, afternoon, evening, night, ago
    "|saa|masaa|dakika|asubuhi|mchana|alasiri|jioni|usiku|yaliyopita|iliyopita|jana|leo"
    # Chinese, Japanese and Korean: the units after the numbers ("2025年11月6日 15時20分"),
    # weekdays ("（木）", "星期四"), morning and afternoon, "published" and "updated"
    "|年|月|日|時|时|分|秒|년|월|일|시|분|[火水木金土]|星期[一二三四五六日天]|周[一二三四五六日]"
    "|午前|午後|上午|下午|오전|오후|发布|發布|发布时间|發布時間|发表|發表|更新|更新时间|更新時間"
    "|更新日時|最終更新|配信|公開|掲載|入力|입력|수정|업데이트|기사입력|등록|송고|송고시간"
)
_FINAL_SIGMA_RE = re.compile(r"σ(?!\w)")
_CJK_DATE_UNIT_RE = re.compile(r"(?<=\d)([年月日時时分秒년월일시분])")
_GLUED_WORD_RE = re.compile(
    r"(?<=[a-z.])(?=[A-Z][a-z])|(?<=[A-Z]{2})(?=[A-Z][a-z])"
    rf"|(?<=[\uac00-\ud7a3])(?=\d)|(?<=\d)(?=[{CJK_LETTERS}])"
)
_DATE_TOKEN_RE = _accent_free_re(
    r"^(?:\d{1,4}(?:st|nd|rd|th|h\d\d)?|\d{1,2}\.\d{1,2}\.(?:\d\d)?\d\d|\d{4}\.\d\d?\.\d\d?"
    r"|\d{1,2}\.\d\d|" + _MONTHS + "|" + _DATE_WORDS + r")$"
)
# Every script's digits as ASCII ones, and a date line's tokens (a word's marks in: "सोमवार").
_ASCII_DIGITS = {
    code: str(unicodedata.digit(chr(code)))
    for code in range(0x660, 0x10000)
    if unicodedata.category(chr(code)) == "Nd"
}
_DATE_TOKENS_RE = re.compile(rf"(?:(?!_){WORD_CHARS})(?:\.{WORD_CHARS})*")
# A place's time after a time, in Arabic and Hebrew: "بتوقيت لندن", "שעון ישראל".
_LOCAL_TIME_RE = re.compile(r"(?:بتوقيت|שעון)\s+\S+")
_TIME_AGO_RE = re.compile(
    r"^(?:[-–—•]|\d+\s*(?:s|sec|secs|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?"
    r"|months?|years?)(?: ago)?\s*[-–—]?|il y a .{1,20}|hace .{1,20})$",
    re.IGNORECASE,
)
# A line that only says when, relatively: "Mis à jour il y a 14 heures", "Updated 3 hours ago".
_RELATIVE_DATELINE_RE = _accent_free_re(
    r"^(?:(?:published|updated|posted|publié|mis à jour|actualizado|publicado|atualizado"
    r"|aktualisiert|veröffentlicht|aggiornato|pubblicato|(?:τελευταια )?ενημερωση|ενημερωθηκε"
    r"|δημοσιευθηκε|güncelleme|güncellendi|yayınlandı)\s*(?:le|on|el|em|am|il)?\s*:?\s*)?"
    r"(?:(?:il y a|hace|há|vor|пре|pre|prije|преди|πριν(?: απο)?|acum)\s+(?:\d+|une?|an?|one|μια"
    r"|ενα)\s+\w+|(?:\d+|an?|one)\s+\S+\s+(?:ago|fa|temu|назад|önce|geleden|sedan|siden"
    r"|sitten|पहले|پہلے|আগে)|\d+\s+(?:órája|perce|napja)"
    r"|(?:masaa|saa|dakika|siku|wiki)\s+\d+\s+(?:yaliyopita|iliyopita|zilizopita)"
    # Hebrew, Arabic and Tagalog: "3 hours ago"
    r"|(?:לפני|منذ)\s+(?:\d+\s+)?\S+|\d+\s+\S+\s+ang\s+(?:nakaraan|nakalipas)"
    # Lithuanian and Latvian
    r"|(?:prieš|pirms)\s+\d+\s+\S+)\W*$",
)
# "By" before an author's name in a dated byline, in English, Romanian, French, Spanish,
# Italian, German, Dutch and the Nordic languages
_BY_RE = re.compile(r"^(?:by|de|par|por|di|von|door|av|af|oleh)\s+(?=[A-ZÀ-ÝĀ-Ž])", re.IGNORECASE)
_AUTHOR_LABEL_RE = re.compile(
    r"^(?:author|autor|autorka|аутор|автор|auteur|autore|napisao|написао|написала)\s*:\s*",
    re.IGNORECASE,
)
# An author's label inside a dated byline, and the page's view count ending it, in English,
# Russian, Ukrainian, Kazakh, Polish, Czech and German
_INNER_AUTHOR_RE = re.compile(r"\s(?=(?:author|autor|автор|auteur|autore)\s*:)", re.IGNORECASE)
_VIEWS_RE = re.compile(
    r"\s+(?:views|просмотр(?:ов|ы)|переглядів|қаралым|wyświetle(?:ń|nia)|zobrazení|aufrufe)"
    r"\s*:?\s*[\d\s.,]+$",
    re.IGNORECASE,
)
_BY_NAME_THEN_DATE_RE = re.compile(
    r"^((?i:by|door|von|par|por|di|oleh)\s+(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*)"
    r"(?:\s+(?=\d)|\s+[-–—,]\s+(?=\w))"
)
# A date, then "by" and a name: "18 September 2025, 13:30 by Daniel Hart"
_DATE_THEN_BY_RE = re.compile(r"(?<=\d)\s+(?=(?i:by|von|par|por|door|di)\s+[A-Z])")
# A live ticker's teaser on every page of an outlet: "УЖИВО: 10:30 – Градоначелник ..."
# cut short with an ellipsis (a live blog's own entries are whole).
_LIVE_TEASER_RE = re.compile(
    r"^(?:live|uživo|уживо|на живо|наживо|en direct|en vivo|ao vivo|in diretta|na żywo|živě"
    r"|онлайн|live-ticker|liveticker)\s*[:|–—-]\s*\d{1,2}[:.]\d\d\s*[-–—|:]\s*.{3,240}"
    r"(?:…|\.\.\.)$",
    re.IGNORECASE,
)
_WRITING_FROM_RE = re.compile(r"\s(?:in|à|en|aus)\s(?:[A-Z][\w'-]+\s?){1,3}$")
_DOMAIN_RE = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$")
_STAFF_WORDS = frozenset({"staff", "reporter", "reporters", "writer", "correspondent", "desk"})
_DOT_TIME_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d\d)\b(?!\.\d)")
_HOUR_MARK_RE = re.compile(r"(?<=\b\d)h(?=\d\d\b)|(?<=\b\d\d)h(?=\d\d\b)")
_GLUED_READ_MORE_RE = re.compile(
    r"(?<=[.!?…”\"’)])\s*(?:\.{3}\s*)?(?:Read More|Read more|READ MORE|Continue reading|"
    r"Lire la suite|Leer más|Soma zaidi)\s*[.…»>→]*\s*$"
)
# Where an inline promo ("Related: <headline>") starts after a paragraph's last sentence.
_GLUED_LEAD_IN_RE = _accent_free_re(
    r"(?<=[.!?…”\"’)])\s+(?=(?:" + "|".join(_LEAD_INS) + r")\s*(?:[:|»>•]|[-–—]\s))",
)
_SENTENCE_END_RE = re.compile(r"[.!?…:;。！？：；।؟۔]['\"”’»)\]」』）]*$")
# Where a sentence ends inside a line; not the period of an initial ("Andrzej K. said").
_SENTENCE_BREAK_RE = re.compile(r"(?<!\b[A-ZÀ-ÝĀ-Ž])[.!?।؟۔](?:\s|$)|[。！？]")
_PROSE_END_RE = re.compile(r"[.!?…。！？।؟۔]['\"”’»)\]」』）]*$")  # a sentence's end, not a colon's
_NOT_CAPTION_RE = re.compile(r"^[-–—•*\[(]")
# Runs of spaces, tabs and no-break spaces, as one space (a lone space is left as it is).
_BLANKS_RE = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")
_MAX_HEADLINE_WORDS = 30
_MAX_CAPTION_WORDS = 40


@dataclass(frozen=True)
class CleanResult:
    """Cleaned text and what was taken out.

    Attributes:
        text: Kept lines joined by newlines (blank lines dropped).
        removed: (line, reason) pairs in text order.
    """

    text: str
    removed: tuple[tuple[str, str], ...]


def normalise_line(line: str) -> str:
    """Normalise a line for comparisons: NFKC, casefolded, single spaces, no edge punctuation.

    Args:
        line: One line of text.

    Returns:
        The comparable form of the line.
    """
    text = " ".join(unicodedata.normalize("NFKC", line).casefold().split())
    return text.strip(" \t-–—|:•·.,;!?\"'“”‘’«»()[]")


def _looks_like_headline(line: str) -> bool:
    """A short line without sentence-final punctuation, or a time-ago label."""
    if _TIME_AGO_RE.match(line):
        return True
    words = word_count(line)
    if re.search(r"[?!？！]['\"”’»)」』]*$", line) and words <= 15:
        return len(re.findall(r"[.!?](?:\s|$)|[。！？]", line)) <= 1
    if _SENTENCE_END_RE.search(line):
        return False
    return 0 < words <= _MAX_HEADLINE_WORDS or line.count(",") >= 3


def _is_promo_lead_in(line: str) -> bool:
    """'Also Read | <headline>' and the like, with a headline-shaped rest."""
    match = _LEAD_IN_RE.match(line)
    if not match:
        return False
    rest = match.group("rest").strip()
    if word_count(rest) > _MAX_HEADLINE_WORDS or not re.match(r"[\W\d]*[^\W\d_]", rest):
        return False
    # A linked headline starts with a capital or a number and does not end like a sentence.
    first = re.search(r"[^\W_]", rest)
    if first is None or first.group().islower() or rest.endswith((".", "。")):
        return False
    # A headline has at most one sentence; a story sentence after "Read:" has several.
    return len(_SENTENCE_BREAK_RE.findall(rest)) <= 1


def _split_glued_lead_in(line: str) -> tuple[str, str]:
    """Split an inline promo off the end of a paragraph ("... evening. Related: <headline>").

    Returns:
        The paragraph and the promo, or the line and "" when it ends with none.
    """
    starts = [match.end() for match in _GLUED_LEAD_IN_RE.finditer(line)]
    if starts and _is_promo_lead_in(line[starts[-1] :]):
        return line[: starts[-1]].rstrip(), line[starts[-1] :]
    return line, ""


def _line_reason(line: str, title_key: str, templates: frozenset[str]) -> str | None:
    """Reason to drop a single line on its own, or None to keep it."""
    key = normalise_line(line)
    if not key:
        return "punctuation"
    if key in templates:
        return "template"
    if title_key and key == title_key:
        return "title"
    if all(_WIDGET_RE.match(part.strip()) for part in line.split(" | ")):
        return "widget"
    words = word_count(line)
    if (readings := len(_MIN_MAX_RE.findall(line))) >= 2 or (readings and words <= 5):
        return "widget"  # a weather widget's forecast for the outlet's towns
    if len(_TEMPERATURE_RE.findall(line)) >= 2 and re.search(r"\s[|·•]\s", line):
        return "widget"  # its temperatures now: "Deva 11°C · Hunedoara 9°C"
    if words <= _MAX_HEADLINE_WORDS and _PROMPT_RE.match(line.strip()):
        return "prompt"
    if words <= 60 and _OFFER_RE.match(line.strip()):
        return "prompt"
    if _is_promo_lead_in(line) or _LIVE_TEASER_RE.match(line.strip()):
        return "promo-link"
    if words <= 60 and _CREDIT_RE.match(line.strip()):
        return "credit"
    if _SIGN_OFF_RE.match(line.strip()):
        return "credit"
    if words <= 60 and _RIGHTS_RE.search(line.strip()):
        return "rights"
    if words <= 60 and _IMPRINT_RE.search(line):
        return "imprint"
    if _BYLINE_RE.match(line.strip()) or is_dated_byline(line) or is_labelled_byline(line):
        return "byline"
    if words <= _MAX_CAPTION_WORDS + 10 and (
        _CAPTION_CREDIT_RE.search(line.strip()) or _WIRE_CREDIT_RE.search(line.strip())
    ):
        return "caption"
    if _SHORTCODE_RE.match(line.strip()):
        return "shortcode"
    if is_dateline(line):
        return "dateline"
    return None


def is_kicker(line: str) -> bool:
    """A section label: one to three words in capitals ("CRONACA", "WORLD NEWS"). Only
    over the headline is it one (``collector.extraction.drop_page_lines``): in the text,
    such a line may head a part of the article."""
    return line.isupper() and bool(_KICKER_RE.match(line.strip()))


def is_dateline(line: str) -> bool:
    """A line that only states a date or time ("Updated: 21 Sept 2024, 10:15 EAT",
    "opublikowano: 19 stycznia 2027, 14:00"): its words are numbers, date words and the
    names of months and days in any language dateparser reads (:func:`_date_names`)."""
    if _RELATIVE_DATELINE_RE.match(line):
        return True
    if not line.isascii():
        line = line.translate(_ASCII_DIGITS)  # "١٤", "१४", "১৪", "۱۴": 14
    if not re.search(r"\b(?:19|20)\d\d\b|\b\d{1,2}[:h.]\d\d(?!\d)|\d[年년月월時时시]", line):
        return _is_day_heading(line)
    line = _CJK_DATE_UNIT_RE.sub(r" \1 ", line)  # "2025年11月6日" as "2025 年 11 月 6 日"
    line = _GLUED_WORD_RE.sub(" ", line)  # "ETUpdated Dec. 5", "송고시간2025-11-06", "15:20配信"
    line = _HOUR_MARK_RE.sub(" h ", line)  # "20h30", a French time, as "20 h 30"
    line = _DOT_TIME_RE.sub(r"\1 \2", line)  # "09.30", a Nordic time, as "09 30"
    line = _LOCAL_TIME_RE.sub(" utc ", line)  # "١١:٠٠ بتوقيت لندن", 11:00 London time
    # casefold writes a Greek word's final sigma "σ": the names keep "ς" ("χθες", "ώρες")
    tokens = _DATE_TOKENS_RE.findall(_FINAL_SIGMA_RE.sub("ς", line.casefold()))
    if not 2 <= len(tokens) <= 20:  # a date published and the date updated
        return False
    weekday = tokens[0] in _short_weekdays()  # "ma 7.12.2026 klo 11:45", "tis 8 dec 2026"
    return all(_DATE_TOKEN_RE.match(t) or t in _date_names() for t in tokens[weekday:])


_NUMERIC_DAY_RE = re.compile(r"(?P<weekday>\w+),? (?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?:\d{4})?")


def _is_day_heading(line: str) -> bool:
    """A weekday, a day and a month alone, as a live blog heads each day's entries with
    ("Уторак, 19. јануар", "Monday 18 January", "Keskiviikko 21.4.")."""
    tokens = re.findall(r"[^\W_]+", line.casefold())
    weekdays, months = _day_and_month_names()
    if numeric := _NUMERIC_DAY_RE.fullmatch(line.strip().casefold()):
        day, month = int(numeric["day"]), int(numeric["month"])
        return numeric["weekday"] in weekdays and 1 <= day <= 31 and 1 <= month <= 12
    return (
        len(tokens) == 3
        and sum(t.isdigit() and 1 <= int(t) <= 31 for t in tokens) == 1
        and any(t in weekdays for t in tokens)
        and any(t in months for t in tokens)
    )


@functools.cache
def _day_and_month_names() -> tuple[frozenset[str], frozenset[str]]:
    """The weekday names and the month names of every language dateparser reads, apart
    (common English words among them: three words in a date's shape say enough)."""
    from dateparser.data import date_translation_data

    days: set[str] = set()
    months: set[str] = set()
    for module in pkgutil.iter_modules(date_translation_data.__path__):
        info = importlib.import_module(f"{date_translation_data.__name__}.{module.name}").info
        for key in _NAMED_DATES:
            names = days if key.endswith("day") else months
            names.update(w.casefold() for w in info.get(key, ()))
    return frozenset(days), frozenset(months)


def is_date_word(word: str, language: str) -> bool:
    """Whether a word only says when: a month's or a weekday's name in ``language`` (as
    dateparser reads it: "Senin", "Agustus" in Indonesian), or a time zone's ("WITA",
    "GMT"). Another language's month may be a name ("Azar", a Persian month and surname),
    and so may other words of date lines ("Dag", "today" in Norwegian)."""
    word = word.casefold()
    return word in _language_date_names(language) or word in _TIME_ZONES


@functools.cache
def _language_date_names(language: str) -> frozenset[str]:
    """The month and weekday names dateparser knows in ``language`` (none it does not)."""
    from dateparser.data import date_translation_data

    try:
        info = importlib.import_module(f"{date_translation_data.__name__}.{language}").info
    except (ImportError, ValueError):
        return frozenset()
    return frozenset(w.casefold() for key in _NAMED_DATES for w in info.get(key, ()))


@functools.cache
def _date_names() -> frozenset[str]:
    """The names of months and weekdays of every language dateparser knows, lower-cased:
    those of four letters or more that are not common English words ("china", "here" and
    "fred" name months in some language), so a short line naming one is still read."""
    from wordfreq import zipf_frequency

    days, months = _day_and_month_names()
    return frozenset(w for w in days | months if len(w) >= 4 and zipf_frequency(w, "en") < 3.0)


@functools.cache
def _short_weekdays() -> frozenset[str]:
    """The weekdays of every language dateparser reads written in under four letters
    ("ma", "ti", "mån", "tis"), read as a date's only at the start of a line that holds a
    year or a time: alone, most are words of some language."""
    days = (w.rstrip(".") for w in _day_and_month_names()[0])
    return frozenset(w for w in days if 2 <= len(w) < 4 and w.isalpha())


_NAMED_DATES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)  # fmt: skip


def is_dated_byline(line: str) -> bool:
    """An author's name beside a date ("Katarzyna Dudek | opublikowano: 19 stycznia 2027,
    14:00"): parts split at "|", "·" or "•" (or before an author's label, or between a
    "By" and its name and a date: "14 наурыз 2025 ж. 07:30 Автор: Айгерім Төлегенова",
    "By James Whitcombe 14 March 2025 09:05 GMT", or a date and a "by": "18 September
    2025, 13:30 by Daniel Hart"), each a dateline or one to four capitalised
    words (after a label: "Аутор: Драгана Јовановић") or an outlet's name ("Дневни преглед
    | 18. јануар 2027. у 12:40"), with one of each at least (two dates alone make a
    dateline); a comment count beside them ("Nagy Dóra · 2027. március 15. 13:30 · 12
    hozzászólás") and a "by" before the name ("de Andreea Munteanu") go with them."""
    line = _INNER_AUTHOR_RE.sub(" | ", _VIEWS_RE.sub("", line))
    line = _BY_NAME_THEN_DATE_RE.sub(r"\1 | ", line)
    line = _DATE_THEN_BY_RE.sub(" | ", line)
    parts = [_AUTHOR_LABEL_RE.sub("", part.strip()) for part in re.split(r"\s[|·•]\s", line)]
    if len(parts) < 2:
        return False
    parts = [_BY_RE.sub("", part) for part in parts if not _WIDGET_RE.match(part)]
    people = sum(_is_person(p) or _is_staff(p) or _is_outlet(p) for p in parts)
    dates = sum(map(is_dateline, parts))  # never both
    return people >= 1 and dates >= 1 and people + dates == len(parts)


# "Published" and "updated" before a byline's date, "author" before its name, where names
# have no capitals to tell them by (Hindi, Urdu, Bengali), and in English
_PUBLISHED_LABEL_RE = re.compile(
    r"^(?:published|updated|posted|प्रकाशित|अपडेट(?:ेड)?|اشاعت|شائع|প্রকাশিত|(?:শেষ )?আপডেট)\b",
    re.IGNORECASE,
)
_NAME_LABEL_RE = re.compile(r"^(?:लेखक|مصنف|লেখক)\s*:")
_ANY_LABEL_RE = re.compile(
    r"โดย|लेखक|مصنف|লেখক|published|updated|posted|प्रकाशित|अपडेट|اشاعت|شائع|প্রকাশিত|আপডেট",
    re.IGNORECASE,
)
# Thai "by" and a name of up to three words after it, a date before it or not
_THAI_BY_RE = re.compile(r"^(?P<date>.*?)\s*โดย\s+\S+(?:\s+\S+){0,2}$")


def is_labelled_byline(line: str, max_name_words: int = 4) -> bool:
    """A name of up to ``max_name_words`` words, in any script, and a dateline after it
    that says it is the date published or updated, or a name after an author's label and
    a date after it: "अंजनी कुमार प्रकाशित: १४ जुलाई २०२५, शाम ६:३० बजे", "شاہد انور —
    اشاعت: پیر، ۱۴ جولائی ۲۰۲۵", "लेखक: राकेश रंजन सोमवार, 14 जुलाई 2025 10:15 AM IST". Names without
    capitals are told by the label alone; so is a Thai one, after "โดย" (by): "14 ก.ค. 2568
    07:20 น. โดย สมชาย รัตนพันธ์"."""
    if len(line) > 200 or not _ANY_LABEL_RE.search(line):
        return False
    if (by := _THAI_BY_RE.match(line.strip())) and (not by["date"] or is_dateline(by["date"])):
        return True
    labelled = _NAME_LABEL_RE.match(line.strip())
    words = (line.strip()[labelled.end() :] if labelled else line).split()
    for cut in range(1, min(max_name_words, len(words) - 1) + 1):
        name, date = words[:cut], " ".join(words[cut:])
        if any(re.search(r"\d|[.!?।۔]$", w) for w in name):
            return False
        if (labelled or _PUBLISHED_LABEL_RE.match(date)) and is_dateline(date):
            return True
    return False


def is_signed_byline(line: str) -> bool:
    """An author's name and their outlet or role, above the article ("Élodie Rambert -
    Antenne Publique", "Dana Whitfield | Staff Writer", "Nur Khalisah - kabarnesia.com"): a
    name of two to four capitalised words, then one to five words, the first capitalised,
    or the outlet's domain, with no sentence's end."""
    parts = re.split(r"\s[-–—|/·•]\s|,\s", line.strip())
    if len(parts) != 2 or _PROSE_END_RE.search(line.strip()):
        return False
    name, outlet = (part.split() for part in parts)
    return (
        2 <= len(name) <= 4
        and all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in name)
        and 1 <= len(outlet) <= 5
        and (outlet[0][:1].isupper() or (len(outlet) == 1 and bool(_DOMAIN_RE.match(outlet[0]))))
    )


def _is_authors(line: str) -> bool:
    """One or two people's names alone ("Hannah Clarke", "Hannah Clarke and Tom Whitfield"),
    or with the city they write from ("Hannah Clarke in Brussels")."""
    line = _WRITING_FROM_RE.sub("", line.strip())
    names = re.split(r"\s(?:and|&|et|und|y|e)\s", line)
    return len(names) <= 2 and all(
        2 <= len(n.split()) <= 3 and _is_person(n) and not n.isupper() for n in names
    )  # not a heading in capitals ("GIRLS BASKETBALL")


def _is_staff(part: str) -> bool:
    """An outlet's newsroom signing ("Brussels Observer staff", "Gazette Staff Writer")."""
    *outlet, role = part.split() or [""]
    return bool(outlet) and _is_person(" ".join(outlet)) and role.casefold() in _STAFF_WORDS


def _is_outlet(part: str) -> bool:
    """One to four words, the first capitalised: an outlet's name ("Дневни преглед")."""
    words = part.split()
    return 1 <= len(words) <= 4 and words[0][:1].isupper() and all(w.isalpha() for w in words)


def _is_person(part: str) -> bool:
    """One to four capitalised words, a name's ("Andi Muh. Taufik": a shortened name within)."""
    *first, last = part.split() or [""]
    return (
        len(first) <= 3
        and all(w[:1].isupper() and w.removesuffix(".").isalpha() for w in first)
        and last[:1].isupper()
        and last.isalpha()
    )


def entry_stamps(lines: list[str], min_entries: int = 3) -> set[int]:
    """The date or time lines that head a live blog's entries ("6:05 p.m. ET", "09.12.2026,
    17:05 Uhr"), each followed by a paragraph of prose, when there are ``min_entries`` or
    more: the timeline readers follow, kept where a lone date line is dropped."""
    found = {
        i for i, line in enumerate(lines[:-1])
        if len(line) <= 80 and is_dateline(line) and reads_as_prose(lines[i + 1])
    }  # fmt: skip
    return found if len(found) >= min_entries else set()


_LIST_MARK_RE = re.compile(r"^\s*[-*•]\s+")


def without_list_mark(line: str) -> str:
    """A line without the mark extraction gives a list item ("- ", "* ", "• ")."""
    return _LIST_MARK_RE.sub("", line)


def reads_as_prose(block: str, min_words: int = 8) -> bool:
    """A sentence of running text: ``min_words`` words or more, ending like a sentence.

    Args:
        block: One line as extracted (before normalisation, which strips end punctuation).
        min_words: Fewer words make a label, heading or link, not prose.

    Returns:
        True for prose.
    """
    block = block.strip()
    return word_count(block) >= min_words and bool(_PROSE_END_RE.search(block))


def _repeated_captions(lines: list[str], keys: list[str]) -> set[str]:
    """Keys (``keys``: each line's :func:`repeat_key`) of caption-like lines that occur more
    than once (captions, repeated titles).

    Caption-like: three words or more, at most ``_MAX_CAPTION_WORDS``, no sentence-final
    punctuation, and not a list item, attribution or bracketed source ("- GPS",
    "— Name (@handle)", "[Engadget]"), which legitimately repeat in articles. A headline
    listed again with its age ("... লাল সতর্কতা ১২ ঘণ্টা আগে", 12 hours ago) or its date
    is the same line: another list of the same page's links.
    """
    counts = Counter(keys)
    return {
        key
        for line, key in zip(lines, keys, strict=True)
        if counts[key] > 1
        and 3 <= word_count(line) <= _MAX_CAPTION_WORDS
        and not _SENTENCE_END_RE.search(line)
        and not _NOT_CAPTION_RE.match(line)
    }


# A listed link's age or date after its headline: "3 hours ago", "২ ঘণ্টা আগে", "25 জুন ২০২৫"
_LISTED_WHEN_RE = re.compile(
    r"\s+(?:\d+\s+\S+\s+(?:ago|पहले|پہلے|আগে|назад|önce|temu|geleden|siden|sedan|fa"
    r"|ang nakaraan|ang nakalipas)|(?:לפני|منذ)\s+\d+\s+\S+"
    r"|\d{1,2}\s+[^\W\d_]\S*\s+\d{4})$",
    re.IGNORECASE,
)


def repeat_key(line: str) -> str:
    """A line's :func:`normalise_line` key without a listed link's age or date after it."""
    return normalise_line(_LISTED_WHEN_RE.sub("", line))


def clean_text(
    text: str, title: str | None = None, template_blocks: frozenset[str] = frozenset()
) -> CleanResult:
    """Remove promo, widget and repeated-caption lines from plain article text.

    Args:
        text: Plain text, one paragraph per line.
        title: The article's headline; lines equal to it are dropped.
        template_blocks: Lines learned as the outlet's template, compared after
            ``normalise_line``.

    Returns:
        A CleanResult with the kept lines joined by newlines and the removed lines.
    """
    lines = [_BLANKS_RE.sub(" ", raw).strip() for raw in (text or "").splitlines()]
    lines = [line for line in lines if line]
    templates = frozenset(normalise_line(t) for t in template_blocks)
    title_key = normalise_line(title) if title else ""
    keys = list(map(repeat_key, lines))
    captions = _repeated_captions(lines, keys)
    stamps = entry_stamps(lines)
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    in_promo_list = False
    prose = 0  # paragraphs of prose kept: a byline comes before the second (a standfirst's)
    for index, line in enumerate(lines):
        if index in stamps:  # a live blog's entry time: part of its text
            kept.append(line)
            in_promo_list = False
            continue
        if _HEADING_RE.match(line):
            removed.append((line, "promo-heading"))
            in_promo_list = True
            continue
        if in_promo_list and _looks_like_headline(line):
            removed.append((line, "promo-list"))
            continue
        in_promo_list = False
        reason = _line_reason(line, title_key, templates)
        if reason is None and prose < 2 and (is_signed_byline(line) or _is_authors(line)):
            reason = "byline"
        if reason is None and keys[index] in captions:
            reason = "repeated-caption"
        if reason:
            removed.append((line, reason))
            continue
        stripped = _GLUED_READ_MORE_RE.sub("", line)
        if stripped != line:
            removed.append((line[len(stripped) :].strip(), "glued-read-more"))
        stripped, promo = _split_glued_lead_in(stripped)
        if promo:
            removed.append((promo, "glued-promo-link"))
        kept.append(stripped)
        prose += reads_as_prose(stripped)
    if (box := paywall_box(kept)) is not None:
        removed.extend((line, "paywall") for line in kept[box])
        del kept[box]
    pulled = pull_quotes(kept)
    removed.extend((kept[i], "pull-quote") for i in sorted(pulled))
    kept = [line for i, line in enumerate(kept) if i not in pulled]
    while len(kept) > 1 and word_count(kept[-1]) <= 60 and (reason := _closing(kept[-1])):
        removed.append((kept.pop(), reason))
    while (start := press_footer(kept)) is not None:
        removed.extend((line, "press-footer") for line in kept[start:])
        del kept[start:]
    return CleanResult("\n".join(kept), tuple(removed))


def _closing(line: str) -> str | None:
    """Why a line where the text ends goes: an author's bio, or a column's disclaimer."""
    if _BIO_RE.match(line):
        return "author-bio"
    return "disclaimer" if _DISCLAIMER_RE.match(line) else None


def pull_quotes(lines: list[str], min_words: int = 6, reach: int = 3) -> set[int]:
    """The lines that repeat, word for word, part of a longer line at most ``reach`` lines
    away: a pull quote set in large type beside the paragraph it comes from ("We learned
    more from the fishermen than from the official channels."). Dropping one loses no
    text. A standfirst repeating the article's later paragraph is further away and stays."""
    keys = [_NON_WORD_RE.sub(" ", line.casefold()).strip() for line in lines]
    return {
        i for i, key in enumerate(keys)
        if word_count(key) >= min_words
        and any(
            len(other) > len(key) + 10 and key in other
            for other in keys[max(0, i - reach) : i + reach + 1]
        )
    }  # fmt: skip


def paywall_box(lines: list[str], max_words: int = 20) -> slice | None:
    """The lines of a paywall's box, if the text holds one: its notice ("La suite de cet
    article est réservée aux abonnés", "Subscribe to continue reading") and the short lines
    after it (the offer, the buttons, what a subscription gives, another notice however
    long: "You've read 3 of your 4 free articles...") up to the next paragraph longer than
    ``max_words``. The article's text beyond a paywall is not in the page, or
    follows as long paragraphs, which stay."""
    start = next((i for i, line in enumerate(lines) if _PAYWALL_RE.match(line)), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and (
        word_count(lines[end]) <= max_words or _PAYWALL_RE.match(lines[end])
    ):
        end += 1
    return slice(start, end)


def press_footer(lines: list[str], max_lines: int = 8) -> int | None:
    """Where a press release's closing block starts, if the text ends with one: "About
    Ostmann Chemie: ..." (the company's standard description) or "Press contact: ...",
    followed only by short lines (names, phones, addresses). The first line never is."""
    for start in range(len(lines) - 1, max(0, len(lines) - max_lines), -1):
        if _PRESS_FOOTER_RE.match(lines[start]):
            if all(word_count(line) <= 12 for line in lines[start + 1 :]):
                return start
            return None
    return None
