"""Tests for collector.cleaning: promo, widget and caption removal on plain text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collector.cleaning import (
    CleanResult,
    clean_text,
    entry_stamps,
    is_signed_byline,
    normalise_line,
    press_footer,
    pull_quotes,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

BEFORE = (
    "Kenya will deploy an additional 600 police officers to Haiti next month to support "
    "the international anti-gang mission, President William Ruto announced on Friday."
)
AFTER = (
    "The gang violence in Haiti has caused widespread displacement, with over 700,000 "
    "people forced to flee their homes, according to the United Nations."
)


def _clean_between(*lines: str, title: str | None = None) -> CleanResult:
    return clean_text("\n".join([BEFORE, *lines, AFTER]), title=title)


@pytest.mark.parametrize(
    "line",
    [
        "Audio By Carbonatix",
        "Also Read | Turkey and Serbia Consider Joint Production of Military Drones",
        "Also read: Kenyan Police Land in Haiti to Lead International Task Force Against Gangs",
        "READ ALSO: Ruto Meets Haiti's Transitional Presidential Council",
        "Read more: Gangs Seize New Districts in Port-au-Prince",
        "RELATED: UN Security Council Renews Haiti Mission Mandate",
        "See also - Kenya's Court Battle Over the Haiti Deployment",
        "Lire aussi : Haïti, la police kényane en renfort",
        "À lire aussi | Les gangs progressent dans la capitale",
        "Leer más: Kenia enviará 600 policías más a Haití",
        "Lee también: Kenia enviará 600 policías más a Haití",
        "À LIRE AUSSI. Haïti : la police kényane prend position à Port-au-Prince",
        "Mirá también | Los policías kenianos llegan a Puerto Príncipe",
        "Te puede interesar: Haití pide más apoyo internacional",
        "Recibe cada mañana las noticias más importantes de la región.",
        "Suscríbete a nuestro boletín",
        "Continue reading on page 2",
        "Page 1 of 2 Continue reading on page 2 »",
        "Page 2 of 3",
        "Seite 1 von 4",
        "Soma pia: Ruto Azuru Haiti na Kuahidi Polisi Zaidi",
        "What's Your Reaction?",
        "Discover more from One Africa News Today",
        "Subscribe to get the latest posts sent to your email.",
        "Subscribe to our newsletter for daily updates",
        "Sign up for our newsletter",
        "Leave a comment, share your thoughts.",
        "We use cookies to improve your experience on our site.",
        "Share this:",
        "Advertisement",
        "Follow us on Twitter",
        "Follow Newsroom Africa on Facebook, Twitter and Instagram.",
        "CLICK HERE TO GET THE NEWS APP",
        "Get the day's top headlines delivered to your inbox every morning.",
        "Like this story? Share it with a friend!",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "Additional reporting by Jane Doe, editing by John Roe",
        "Associated Press writers Jane Doe and John Roe contributed to this report.",
        "This article originally appeared on WireNews",
        "This story was first published by The Conversation.",
        "Originally published on Pacific Ledger",
        "The post Dam breach floods valley appeared first on The Daily Herald.",
        "Republished with permission from Reuters.",
        "mit Material von dpa und Reuters",  # the agencies a report draws on
        "With reporting from AFP and AP",
        # a publisher's imprint from the page's footer
        "L'Eco della Ganzina – Editrice Valligiana s.r.l. – Via Roma 22, Sorvadino – Tel. 0345 "
        "771204 – P.IVA 01388240162",
        "Aut. Trib. di Sorvadino n. 12/1952 – Direttore responsabile: Ermes Baldracchi",
        "Harbour Media GmbH · Hafenstraße 4 · 20457 Hamburg · USt-IdNr. DE 123456789",
        "Gazette Media Ltd. Registered in England No. 01234567. Registered office: 1 Quay St.",
        "Sign up to First Edition",
        "Our free daily newsletter: the best of the Gazette, every morning.",
        "Start your day with the news that matters, every weekday at 6 a.m.",
        "Comments are closed on this article.",
        "We and our partners use cookies and similar technologies to improve your experience.",
        "Fonte: Continental Wire Service. Traduzione a cura della redazione.",
        "Source: Reuters",
        "dp/mf/ib",  # a wire desk's sign-off: its journalists' initials
        "bur-jm/ib",
        "Translated by Marta Rossi",
        "Cans of formula on a pharmacy shelf. The product has been withdrawn from sale. "
        "Photo: Stefano Rinaldi / Harbour Courier",
        "Residents wait for water in Aldwick on Wednesday. (AP Photo/Luca Bruno)",
        "Kenyan police officers on patrol in Port-au-Prince (Image: Getty)",
        "Flood water on the A38 near Wellington on Tuesday (Picture: PA)",
        "A view of the ferry in Ravnsby, Denmark, January 12, 2027. REUTERS/Gleb Garanich",
        "File photo. NORTHWIRE/Staff",
        "Foto: Ansa",
        "Published Dec. 5, 2026 at 8:00 a.m. ETUpdated Dec. 5, 2026 at 6:05 p.m. ET",
        "Giovedì 3 dicembre 2026, ore 16:00",
        "Donnerstag, 3. Dezember 2026 um 14:05 Uhr",
        "di Giovanni Ferraresi",
        "Par Jean Dupont",
        "Confezioni di latte in polvere in una farmacia. - Foto Archivio QdN",
        "Published 21 September 2024, 10:15 EAT",
        "segunda-feira, 22 de janeiro de 2018 às 0:13",
        # month names in any language dateparser reads; "published" in a few more
        "opublikowano: 18 stycznia 2027, 08:15",
        "17 stycznia 2027, 12:30",
        "Aktualisiert am 5. März 2026, 10:15 Uhr",
        "Julkaistu 12.1.2027 14:05",
        "Piątek, 15 stycznia 2027",
        # the Nordic languages: "kl." before a time written with a dot, today and hours ago
        "Publicerad 11 januari 2027 kl. 10.40 · Uppdaterad i dag 17.20",
        "Publisert: 11.01.2027 07:12 | Oppdatert: for 2 timer siden",
        "11. jan. 2027 kl. 08.15 · Opdateret 10.20",
        "Hallandsbladet | 11 januari 2027 kl. 09.30 | Uppdaterad 11.15",
        "Annonce",
        "Dela artikeln",
        "Morgonposten och våra partner använder kakor (cookies) för att webbplatsen ska "
        "fungera, för att mäta trafiken och för att visa annonser som är relevanta för dig.",
        # an author beside the date
        "Katarzyna Dudek | opublikowano: 19 stycznia 2027, 14:00",
        "Martha Quill · Dec. 5, 2026 at 8:00 a.m. ET",
        "Tempo de leitura: 1 minuto",
        "4 min read",
        "[button link=”https://example.com/submit/”] Send us your story[/button]",
        "Printer-friendly version | E-mail this story",
        "The day's top stories, delivered to your inbox every morning.",
        "By Martha Quill",
        "By Ron Pettibone, Gazette Staff Writer",
        "By Jane Doe and John Roe | Reuters",
        "Reader Comments (2)",
        # Serbian (both scripts), Croatian, Bosnian and Bulgarian
        "Прочитајте још: Снимак из ваздуха: Липовац под муљем после пробоја бране",
        "Pročitajte još: Snimak iz vazduha: Lipovac pod muljem",
        "Прочетете още: Костелево остава без вода",
        "Поделите: Facebook Twitter Viber",
        "Фото: ЈРТ",
        "Фото: Дневни преглед. Мештани Липовца на брду изнад села.",
        "Снимка: Изгрев",
        "понедељак, 18. јан 2027, 06:10 · Ажурирано: 16:40",
        "Објављено: 18.01.2027. у 11:20 | Измењено: 18.01.2027. у 13:05 | Аутор: Драгана Јовановић",
        "Дневни преглед | 18. јануар 2027. у 12:40",
        "18 януари 2027, 11:20 ч.",
        "пре 3 сата",
        "преди 2 часа",
        "Страна 1 од 2: 1 | 2 | Следећа страна »",
        "Тагови: Црни врх, Липовац",
        "Штампај | Пошаљи пријатељу",
        "Komentari (23)",
        # Greek (capitals write no accents) and Turkish
        "ΔΙΑΒΑΣΤΕ ΑΚΟΜΑ: LIVE: Η διάσωση του πληρώματος στο Καλαμονήσι",
        "Διαβάστε επίσης: Φωτιά σε φορτηγό πλοίο ανοιχτά της Σάμου",
        "Τα πιο δημοφιλή",
        "Ετικέτες: Καλαμονήσι, Λιμενικό, Ναυτιλία",
        "Μοιραστείτε: Facebook · Messenger · Email",
        "Ακολουθήστε μας στο Google News",
        "Επόμενη σελίδα »",
        "ΔΙΑΦΗΜΙΣΗ",
        "Φωτογραφία: Eurokinissi",
        "İlgili Haber: Ege'de yangın söndürülemiyor",
        "SON DAKİKA: Kamışada'da gemi yangını",
        "En Çok Okunanlar",
        "Etiketler: Deniz Yıldızı, Işıklar Denizcilik",
        "Paylaş: Facebook · X · WhatsApp",
        "Haberin devamı için tıklayın",
        "Google News'te takip edin",
        "Yorumlar (4)",
        "Fotoğraf: AA",
        "Sonraki sayfa »",
        # Greek and Turkish date lines, relative ones too, in capitals
        "ΕΝΗΜΕΡΩΘΗΚΕ: 09.02.2027, 10:15",
        "Δημοσιεύθηκε: 08/02/2027 - 09:12",
        "Τελευταία ενημέρωση πριν από 2 ώρες",
        "χθες, 18:20",
        "3 saat önce",
        "Dün 11:10",
        "Güncelleme: 2 saat önce",
        # Hungarian and Romanian furniture; a byline with its date and comment count
        "Megosztás: Facebook · Messenger · E-mail",
        "Címkék: Maros ciánszennyezés Makó",
        "Hozzászólások (388)",
        "Fotó: Alföldi Tudósító",
        "Weboldalunk sütiket használ. A böngészés folytatásával elfogadja a tájékoztatót.",
        "Nagy Dóra · 2027. március 15. 13:30 · 12 hozzászólás",
        "Betöltés…",
        "Vezi și: Cum arată Mureșul la Deva după poluarea cu cianură",
        "Distribuie: Facebook · WhatsApp · Email",
        "Etichete: Ocniţa de Sus, Aurifera Apuseni",
        "PUBLICITATE",
        "214 comentarii",
        "Autor: Florin Bârsan · acum 11 ore · 23 comentarii",
        "de Andreea Munteanu · 15 martie 2027, 10:42 Actualizat: 15 martie 2027, 15:15",
        "1 2 Pagina următoare »",
        "Abonează-te la newsletterul Ziarul de Zi și primești cele mai importante știri.",
        "Vremea: Deva 11°C · Hunedoara 9°C · Orăştie 10°C",
        "By Ledger Newsdesk · 16/03/2027 14:00 · Comments (9)",
        # Finnish and Estonian furniture
        "Loe ka: Tormisaare elanikud: laev paistis otse meie küla ees",
        "LOE KA: Tormisaar ootab sel suvel rekordarvu turiste",
        "Aiheet: Kuutar, Tormisaari",
        "Teemad: Kuutar, Tormisaar",
        "Viimased uudised",
        "Jaga",
        "Ilta-Extra ja kumppanimme käyttävät evästeitä. Jatkamalla hyväksyt evästeiden käytön.",
        "Harju Hääl kasutab küpsiseid. Lehe kasutamist jätkates nõustud küpsiste kasutamisega.",
        "Saat illan kovimmat jutut suoraan sähköpostiisi.",
        "Harju Hääle uudiskiri tuleb igal reedel. Telli tasuta!",
        "Jaa: Facebook · WhatsApp · X · Kopioi linkki",
        "Jaga: Facebook · Messenger · E-post",
        "Jaga Facebookis Jaga X-is",
        "Kommentit (88)",
        "Kommentaarid (61)",
        "Kuva: Rajavartiolaitos",
        "Kuutar karilla Tormisaaren edustalla tiistaina. KUVA: PPA",
        # a live blog's day heading
        "Уторак, 19. јануар",
        "Monday, 18 January",
        "Keskiviikko 21.4.",
        "Mittwoch, 21.4.2027",
        "УЖИВО: 10:30 – Градоначелник Ненад Живковић прогласио је ванредну ситуацију за подруч…",
        # Chinese, Japanese and Korean: related links, source and editor lines, labels
        "相关阅读：北京今冬首场降雪将至",
        "延伸閱讀｜台北捷運新線通車",
        "【関連記事】東京の倉庫火災、運営会社に立ち入り検査",
        "관련기사: 인천 물류창고 화재, 운영사 압수수색",
        "责任编辑：王明",
        "来源：新华社",
        "广告",
        # their date lines without the year, or with a label glued to the date
        "11月22日 14時05分",
        "11/22(土) 14:05配信",
        "송고시간2026-11-22 14:05",
        # Arabic and Hindi "read also", an Arabic date line in Arabic-Indic digits
        "اقرأ أيضا: ارتفاع أسعار الذهب في السوق المحلية",
        "यह भी पढ़ें: दिल्ली में प्रदूषण बढ़ा",
        "الأحد ٧ ديسمبر ٢٠٢٥ - ١٠:٣٠ ص",
        "Copyright 2026 WireNews. All rights reserved. This material may not be published, "
        "broadcast, rewritten or redistributed without permission.",
        "© 2026 Thomson Reuters",
        "(c) 2024 The Nation Media Group",
        "All Rights Reserved. Carrow Valley Gazette, 112 Main Street, Aldwick",
        "The material may not be reproduced or redistributed in any form.",
        "Artikel anhören",
        "2 Min. Lesezeit",
        "Anzeige",
        "Teilen",
        "WN-Newsletter abonnieren",
        "Newsletter abonnieren: Das Wichtigste aus der Region, jeden Morgen kostenlos.",
        "Mehr zum Thema: Chemieunfall an der Wessel",
        "Weitere Artikel aus der Region",
        "Diese Website verwendet Cookies. Wenn Sie weitersurfen, stimmen Sie zu.",
        "Iscriviti alla newsletter",
        "Assine a newsletter do Diário do Tejo",
        "Inscreva-se na nossa newsletter e receba as principais notícias",
        "Pubblicità",
        # Polish, Dutch, Swedish, Czech, Romanian, Turkish, Indonesian, Russian
        "Czytaj także: Prokuratura: dachu hali w Zabrzanach nie odśnieżano od tygodnia",
        "ZOBACZ TAKŻE: Ubezpieczyciel hali analizuje polisę",
        # a headline with an initial ("Andrzej K.") is still one headline
        "ZOBACZ TAKŻE: Zarzuty dla właściciela Dachmontu! Andrzej K. nie przyznaje się do winy",
        "Udostępnij",
        "Reklama",
        "Obserwuj nas w Google News",
        "Lees ook: Dak van beurshal stort in onder sneeuw",
        "Volg ons op Facebook en Instagram",
        "Läs också: Taket rasade under mässan",
        "Čtěte také: Střecha haly se zřítila",
        "Citește și: Acoperișul unei hale s-a prăbușit",
        "Bizi Google Haberler'den takip edin",
        "Baca juga: Atap gedung pameran runtuh",
        "Читайте также: Крыша выставочного зала обрушилась",
        "Topics: Kestrel Events Group, Poland, Equities",
        "This article was translated from Polish. Read the original: Kto odpowiada za halę?",
        # French page furniture, comment rules and log-in prompts, calls for corrections
        "Partager",
        "Imprimer | Envoyer à un ami",
        "Écouter cet article 2 min",
        "Les réactions sont modérées a priori. Merci de respecter la charte de bonne conduite.",
        "Connectez-vous à votre compte Antenne Publique pour participer à la conversation.",
        "Une remarque, une correction ? Écrivez à la rédaction (clients abonnés au fil).",
        "Comments are moderated and will appear after approval.",
        "Sign in to join the conversation",
        "Spotted an error? Tell our corrections desk.",
        "Déjà abonné ? Se connecter",
        "Already a subscriber? Log in",
        # a line that only says when, relatively, or a French time
        "Mis à jour le il y a 14 heures",
        "Updated 3 hours ago",
        "20h30",
        "Last modified on Tue 8 Dec 2026 12.05 GMT",
        "after newsletter promotion",
        # German furniture: share and recommend buttons, page links, "as of", newsletters
        "Artikel teilen",
        "Artikel empfehlen: E-Mail Facebook",
        "Seite 1 von 2 | Nächste Seite",
        "Stand: 08. Dezember 2026, 11:00 Uhr",
        "Abonnieren Sie den TRF-Newsletter Thüringen am Abend!",
        "Share this: X LinkedIn Mastodon",
        "Our Standards: The Continental Wire Trust Principles.",
        "Die Notaufnahme des Kreiskrankenhauses in Ebersfeld. Bildrechte: TRF/Jana Töpfer",
        "Privacy Notice: Newsletters may contain info about charities and online ads.",
        # a broadcast report's credits
        "Servizio di Chiara Sbarbati, immagini di Marco Teldeschi.",
        "Reportage : Anne Lenoir ; images : Paul Roux",
        "Kamera: A. Roth | Schnitt: B. Ost",
        # a weather widget's forecast
        "Sorvadino 2°/8° – Lizzaro Alpino -6°/1° – Fontegrizza -2°/5°. Neve oltre i 1.400 metri.",
        "Milano 4° / 11°C",
        # Russian and Kazakh furniture: share rows, a typo prompt, subscribe, read in the
        # other language, tags, a dated byline with its view count, captions, read also
        "Поделиться: ВКонтакте Одноклассники Telegram",
        "Бөлісу: Facebook WhatsApp Telegram Instagram",
        "Нашли ошибку? Выделите её и нажмите Ctrl+Enter",
        "Found a typo? Select it and press Ctrl + Enter",
        "Подписывайтесь на РосВестник в Дзене",
        "Читать на русском",
        "Тегтер: #шахта",
        "Tags: #mining #kazakhstan",
        "14 наурыз 2025 ж. 07:30 Автор: Айгерім Төлегенова Қаралым: 5459",
        "By James Whitcombe 14 March 2025 09:05 GMT",
        "вчера в 18:20",
        "«Северная» шахтасы. Сурет: «Шығыс Жаршысы» мұрағатынан",
        "Сондай-ақ оқыңыз: Өскемен Наурыз мейрамына дайындалып жатыр",
        # Indonesian, Malay and Dutch furniture: date lines with their time zone, share rows,
        # a wire's sign-off, follow prompts, source lines, a caption's credit, bylines
        "Senin, 04 Agustus 2025 06:05 WIB",
        "Monday, August 4, 2025 - 09:20 WITA",
        "Share: Facebook Twitter WhatsApp Line",
        "Share this article: Facebook X LinkedIn WhatsApp Email",
        "Kongsi: Facebook X WhatsApp Telegram",
        "Deel dit artikel: WhatsApp Facebook X LinkedIn E-mail",
        "(ant/rdp)",
        "Simak berita lainnya di Google News dan ikuti saluran WhatsApp Kabarnesia.",
        "Ikuti berita terbaru Lontara Pos di Google News",
        "Thank you for reading. Quality journalism costs money: subscribe for unlimited access.",
        "Elke avond het belangrijkste nieuws in je mailbox? Meld je aan voor de nieuwsbrief",
        "Sumber: Kantor SAR Mamuju",
        "Topik: Indonesia Tawau",
        "Kapal meninggalkan pelabuhan, Senin pagi. (LONTARA POS/MUH. FADLI ARSYAD)",
        "Oleh Nurul Ain Zulkifli - Isnin, 4 Ogos 2025 10:15 PG",
        "Door Sanne Kuipers 4 augustus 2025, 11:20",
        # Hindi, Urdu, Bengali and Nepali furniture: date lines in their digits, bylines
        # whose names have no capitals (told by their labels), captions after a danda,
        # read-also links, ages of listed links, share rows, advertisement
        "सोमवार, 14 जुलाई 2025 10:15 AM IST",
        "१४ जुलाई २०२५, शाम ६:३० बजे",
        "پیر، ۱۴ جولائی ۲۰۲۵، ۱۲:۱۰ بجے دوپہر",
        "লেখক: রাকেশ রঞ্জন সোমবার, ১৪ জুলাই ২০২৫ ১০:১৫",
        "अंजनी कुमार प्रकाशित: १४ जुलाई २०२५, शाम ६:३० बजे",
        "شاہد انور — اشاعت: پیر، ۱۴ جولائی ۲۰۲۵، ۱۲:۱۰ بجے دوپہر",
        "নিজস্ব সংবাদদাতা শেষ আপডেট: ১৪ জুলাই ২০২৫ ১২:৪৫",
        "Published at : July 14, 2025 Asar 30, 2082 17:15 NPT",
        "बैरगनिया के पास बागमती में गिरा पुल का हिस्सा। फोटो: प्रभात",
        "بیرگنیا کے قریب باگمتی ندی میں گرا ہوا پل۔ (تصویر: نقیبِ ہند)",
        "বাগমতী নদীতে ভেঙে পড়া সেতু। ছবি: সংগৃহীত",
        "Relatives wait at the Gaur border point on Monday. Courier Photo: Binod Prasad Yadav",
        "আরও পড়ুন: উত্তরবঙ্গে তিস্তার জলস্ফীতি, জলপাইগুড়িতে লাল সতর্কতা",
        "مزید پڑھیں: دربھنگہ میں کملا بلان کا پشتہ ٹوٹا، درجنوں گاؤں زیر آب",
        "२ घंटे पहले",
        "৫ ঘণ্টা আগে",
        "শেয়ার করুন: ফেসবুক এক্স হোয়াটসঅ্যাপ",
        "Share Via Facebook X WhatsApp Copy Link",
        "विज्ञापन",
        "पृष्ठ: १ २ अगला पेज »",
        # Thai and Vietnamese furniture: date lines (Buddhist era, "น." o'clock, weekdays),
        # bylines after "โดย" (by), share rows, tags, follow prompts, captions, advertisement
        "วันจันทร์ที่ 14 กรกฎาคม พ.ศ. 2568 เวลา 10:00 น.",
        "14 ก.ค. 2568 07:20 น. โดย สมชาย รัตนพันธ์",
        "โดย ทองใบ ศรีอุดร",
        "แชร์: Facebook X LINE",
        "แท็กที่เกี่ยวข้อง: น้ำท่วม เขื่อน",
        "ติดตามเราบน Facebook",
        "รับข่าวสารก่อนใคร เพิ่มเพื่อน LINE @chatthainews",
        "โฆษณา",
        "Thứ hai, 14/7/2025, 09:00 (GMT+7)",
        "Nước lũ tràn vào thôn Đắk Răng, huyện Ngọc Hồi sáng 14/7. Ảnh: Trần Hoàng",
        "Bộ đội biên phòng giúp người dân di dời tài sản. (Ảnh: Quang Thái)",
        "In bài Chia sẻ Facebook Zalo",
        "Quảng cáo",
        # Swahili furniture: date lines (the clock counted from dawn, "hours ago"), captions
        # with a credit after a colon or a bar, share and copy-link labels, advertisement
        "Jumatatu, Julai 14, 2025 saa 1:10 asubuhi",
        "Jumatatu, 14 Julai 2025 - 08:45 masaa 14 yaliyopita",
        "Majeruhi wakipatiwa matibabu katika Hospitali ya KMT Shirati. Picha: Jamhuri Daima",
        "Wakazi wakisubiri ufuoni huku boti za uokoaji zikirejea. PICHA | FREDRICK OUMA",
        "- Tangazo -",
        "Nakili kiungo",
        # Hebrew furniture: updated, a share row's label and networks one a line, a caption
        # with its credit, advertisement, tags, comments, hours ago
        "עודכן: 12:20",
        "שתפו:",
        "וואטסאפ",
        "X",
        "צוותי כבאות והצלה ליד המסוף במפרץ חיפה, הבוקר (צילום: דוברות כבאות והצלה)",
        "פרסומת",
        "תגיות: מפרץ חיפה חומרים מסוכנים",
        "תגובות (73)",
        "לפני 3 שעות",
        # Arabic: advertisement, share rows, published at a place's time, topics and tags,
        # a caption with its agency, hours ago
        "إعلان",
        "شارك: فيسبوك واتساب تلغرام تويتر نسخ الرابط",
        "نُشر: ١١:٠٠ بتوقيت لندن",
        "مواضيع",
        "الوسوم: خليج حيفا",
        "سيارات إسعاف قرب المنطقة الصناعية في خليج حيفا (أ.ب)",
        "منذ 3 ساعات",
        # Tagalog: share rows, read also, a byline, a caption's "taken by", follow and
        # listen prompts, minutes ago
        "IBAHAGI Facebook Twitter Messenger Viber",
        "I-share: Facebook Messenger X",
        "BASAHIN DIN: 45 bisita, nalason sa handaan sa Quezon",
        "Ulat ni Alvin Sornito",
        "Isinusugod sa Western Visayas Medical Center ang ilan sa mga batang nalason. (Kuha ng "
        "CDRRMO Iloilo City)",
        "I-like at i-follow ang Tambuli sa Facebook para sa pinakabagong balita!",
        "Makinig sa Radyo Bantay DYBT 1089 AM Iloilo, Lunes hanggang Sabado, 5:00 AM hanggang "
        "10:00 PM.",
        "25 minuto ang nakaraan",
        # English: a share row of several buttons, newsletter boxes, a byline's colon
        "- Advertisement -",
        "Advertisement · Scroll to continue",
        "Share: Facebook X Email Print",
        "Share on Facebook Share on X Share on Viber",
        "Reddit",
        "Newsletter email address",
        "By signing up, you agree to the terms",
        "By: Nestor P. Abaya",
        "Sign up",
        "18 September 2025, 13:30 by Daniel Hart",
        "Pages: 1 2 Next page »",
        # Lithuanian furniture: hours ago, share and copy-link labels, captions credited
        # before "nuotr." (photo) or after a slash, topics, comments, a newsletter prompt,
        # a dated byline
        "prieš 13 val.",
        "Dalintis",
        "Kopijuoti nuorodą",
        "Dujų skirstymo stotis Pasvalyje. Asociatyvi nuotrauka. Vakaras.lt archyvo nuotr.",
        "Ugniagesiai gesina apdegusius ūkinius pastatus. PAGD nuotr.",
        "Sprogimo vieta netoli Pamūšėlių kaimo ketvirtadienio rytą. LVT / Rūta Kazlauskienė",
        "Temos: Dujotiekis Energetika",
        "Komentarai (0) | Rašyti komentarą",
        "Užsisakykite LVT naujienlaiškį – svarbiausios dienos naujienos kiekvieną rytą jūsų el. "
        "pašte.",
        "Dalintis: Facebook | Twitter | Siųsti draugui | Spausdinti",
        "2025 m. rugsėjo 18 d. 10:30 | Aldona Mikalauskienė",
        # Latvian: a date and hours ago, updated, share, copy link, advertisement, comments,
        # a newsletter prompt, topics
        "18.09.2025 04:20 pirms 18 stundām",
        "Atjaunināts: 18.09.2025 06:05",
        "Dalīties: Facebook X Draugiem E-pasts",
        "Kopēt saiti",
        "Reklāma",
        "Komentāri (11)",
        "Piesakies LSTV jaunumiem e-pastā – svarīgākais no rīta un vakarā.",
        "Tēmas: Gāzesvads, Bauska",
        "Skaitykite daugiau: Pasvalyje atkuriamas dujų tiekimas, Biržų gyventojams teks palaukti",
        # a subscription's offer, however long
        "Subscribe to COURIER PLUS to get access to The Philippine Daily Courier & other 70+ "
        "titles, share up to 5 gadgets, listen to the news, download as early as 4am & share "
        "articles on social media. Call 896 6000.",
    ],
)
def test_promo_and_widget_lines_are_removed(line: str) -> None:
    result = _clean_between(line)
    assert result.text.splitlines() == [BEFORE, AFTER]
    assert [removed for removed, _reason in result.removed] == [line]


@pytest.mark.parametrize(
    "block",
    [
        [
            "Latest Stories",
            "-",
            "Alhaji Agongo builds lifeline facility for Ghana Police",
            "4 minutes -",
            "Ronaldo will not retire until he scores 1,000 goals",
            "1 hour -",
        ],
        [
            "Recent News",
            "Gangs attack police station in Croix-des-Bouquets",
            "Haiti council names new PM",
        ],
        ["READ MORE:", "Kenya's second contingent lands in Port-au-Prince"],
        ["Trending", "Ruto's Haiti visit in pictures", "Why the MSS lacks helicopters"],
        ["More from Citi Newsroom", "Parliament approves budget", "Cedi gains against dollar"],
        ["You may also like", "Haiti's gangs explained", "Who is Garry Conille?"],
        ["Recommended for you", "The MSS mission in numbers"],
        ["Related Articles", "UN renews Kenya-led mission", "Kenya court case timeline"],
        ["Most read in world news", "Plague case confirmed in Beijing"],
        ["À lire aussi", "Haïti : le Conseil de sécurité prolonge la mission"],
        ["Leer más", "Kenia y Haití firman un acuerdo de seguridad"],
        ["Soma pia", "Polisi wa Kenya wawasili Haiti"],
        ["Tags", "haiti, kenya, police, gangs, united nations, ruto"],
        ["热门新闻", "沪指收盘上涨0.5%", "上海地铁新线路年底开通"],
        ["【関連記事】", "江東区倉庫火災　運営会社に立ち入り検査"],
        ["많이 본 뉴스", "서울시, 보육료 지원 확대"],
        ["الأكثر قراءة", "الأهلي يفوز على الزمالك", "ارتفاع أسعار الذهب"],
        ["सबसे ज्यादा पढ़ी गई खबरें", "दिल्ली में प्रदूषण बढ़ा"],
        ["Најчитаније", "Временска прогноза: снег стиже у среду", "Нови ред вожње"],
        ["Najnovije vesti", "Cene struje od februara više za pet odsto"],
        ["Още по темата", "Министърът на околната среда пристига в Костелево"],
        ["Най-четени", "Цените на тока се вдигат от февруари"],
        ["सबसे ज़्यादा पढ़ी गईं", "दिल्ली में प्रदूषण बढ़ा"],
        ["سب سے زیادہ پڑھی گئی", "دربھنگہ میں کملا بلان کا پشتہ ٹوٹا"],
        ["সর্বাধিক পঠিত", "নিউটাউনে নতুন সদর দফতর তৈরি করছে সংস্থা"],
        ["ข่าวยอดนิยม", "ราคาทองวันนี้ปรับขึ้น"],
        ["Tin cùng chuyên mục", "Sạt lở nghiêm trọng trên Quốc lộ 24 đoạn qua đèo Măng Đen"],
        ["Habari zinazohusiana", "EPRA: Bei ya petroli kusalia Sh186 kwa mwezi mmoja ujao"],
        ["עוד בנושא", "הרכבת הקלה לקריות: העבודות בקריית אתא יתחילו בינואר"],
        ["הכי נקראים", "1. עדכונים שוטפים: דליפת האמוניה במפרץ חיפה"],
        ["Pinakabinabasa", "Sunog sa Tabuc Suba, Jaro, 20 bahay ang natupok"],
        ["Skaitomiausi", "1. Via Baltica ties Saločiais vis dar uždaryta"],
        ["Kiti straipsniai šia tema:", "Biržų lentpjūvėje kilo gaisras: nuostoliai – šimtai"],
        ["Saistītie raksti", "Bauskā atklāts jauns sporta centrs"],
        ["Visvairāk lasītie", "Rīgā sāksies ielu remonts"],
    ],
)
def test_promo_heading_and_its_list_are_removed(block: list[str]) -> None:
    result = _clean_between(*block)
    assert result.text.splitlines() == [BEFORE, AFTER]
    assert [line for line, _reason in result.removed] == block


@pytest.mark.parametrize(
    "sentence",
    [
        "Related charges were filed against two other officers, police said.",
        "Read the full resolution and you will see the mandate runs for twelve months, he said.",
        "Reading the report, analysts said the mission lacked helicopters and drones.",
        "Readers who subscribe to the newspaper's print edition saw the story first.",
        "Subscribe to the view that the mission failed, and you ignore the progress made.",
        "“This enduring agony must stop. It is a race against time.”",
        "More than 700,000 people are now displaced by the violence.",
        "Latest figures show violence is spreading to new areas of the country.",
        "Trending upward since June, gang attacks rose by a fifth in August.",
        "Share prices of Haitian banks fell sharply after the announcement.",
        "Recommended: a full UN mission, the panel concluded in its report to the council.",
        "Related: the minister said the deployment would continue as planned.",
        "Reporting by local media suggested that the gangs had retreated from the port.",
        "Follow-up talks are planned for October, officials said.",
        "Leave was cancelled for all officers, the commander said.",
        "Tags on the seized rifles showed they had been smuggled from Florida.",
        "Haitian Prime Minister Praises Quick Police Response",
        "Copyright lawyers said the ruling would reach far beyond the music industry.",
        "By Wednesday evening every cot in the community centre was taken.",
        "Scammers sent fake aid appeals straight to people's inboxes, police said.",
        "By Tuesday, the water had receded from the lower town",
        "By Haiti's count, 400 officers had arrived by the end of June.",
        "The names of the officers may not be published under Kenyan law, the court said.",
        "Recibe ayuda del Estado más del 40% de los hogares, según el informe.",
        "Page 2 of the report lists 40 villages cut off by the floods.",
        "The report originally appeared in a closed session of the committee, she said.",
        "First published in 1961, the dam's safety manual was never revised.",
        "Sign up to fight was voluntary in those years, the historian said.",
        "Photos: the ministry released three images of the plant on Friday, officials said.",
        "The photo: a child in a flooded street, taken by a neighbour",
        "Прочитајте још једном извештај инспекције, рекао је министар новинарима у Златову.",
        "Διαβάστε επίσης την έκθεση του Λιμενικού, είπε ο υπουργός στους δημοσιογράφους.",
        "Son dakika gelişmelerini takip eden aileler, şirketin önünde sabaha kadar bekledi.",
        "Ακολουθήστε τις οδηγίες του Λιμενικού, είπε ο δήμαρχος στους κατοίκους.",
        "Ο υπουργός είπε στις 14:35 ότι η φωτιά έσβησε.",
        "Πριν από τρεις μέρες η φωτιά είχε ήδη φτάσει στο μηχανοστάσιο.",
        "Önce gemi yandı, sonra karaya oturdu.",
        "Vezi și tu cum arată râul, a spus primarul celor care au venit la mal.",
        "De la Deva la Nădlac, apa a scăzut de la 11°C la 9°C în două zile.",
        "Also in the town, the water works stopped drawing from the river on Monday.",
        "Пре три сата вода је стигла до првих кућа у Липовцу, кажу мештани.",
        "УЖИВО: 10:30 – Градоначелник Ненад Живковић прогласио је ванредну ситуацију.",
        "Friday 13 January was the day the dam broke, residents said.",
        "Sunday 5 sessions",
        "Et le 3 décembre 2026, il a dit non.",
        "Jane Doe is a reporter who was detained for three days at the border, her paper said.",
        "More. That is what the residents of the valley asked for at the meeting.",
        "Watch. Wait. Hope. That was all the families could do, the mayor said.",
        "Lee la gente los diarios cada vez menos, según la encuesta: solo uno de cada cuatro.",
        "Thema der Sitzung war die Wasserqualität der Wessel, sagte die Ministerin.",
        "Teilen wollte das Unternehmen die Messwerte erst am Freitag.",
        "Stand der Ermittlungen: Die Polizei geht von einem Angriff aus dem Ausland aus.",
        "Share this view, the minister said, and the mission will succeed.",
        "Anzeige erstattet hat bislang nur der Fischereiverein Lindenau.",
        "Czytaj także dokumenty prokuratury, apelowali radni, bo wszystko jest jawne.",
        "Reklama na hali wisiała od roku, mówią wystawcy.",
        "Topics discussed at the meeting included snow clearance and insurance.",
        "Baca juga laporan lengkap di situs kementerian, kata juru bicara.",
        # a year beside words that name a month in some language and a thing in English
        "China 2025",
        "Warszawa, 17 stycznia 2027",  # a place and a date: the dateline of a report
        "Kestrel Events | 2027",
        "Kenya/Haiti",
        "Dudek said on 19 January 2027 | the hall was closed",
        # words a Nordic date line reads, and decimals, in the story's own words
        "Tesla rose 3.45 for the day",
        "The alliance's summit ended without a word on the NATO/Russia council.",
        "For 2 timer siden var færgen stadig i brand, sagde kaptajnen.",
        "Bageriet bruger cookies fra Ravnsby i sine kager, skriver avisen.",
        "Du har läst artikeln om branden och vill veta mer, skrev läsaren.",
        # Chinese and Japanese paragraphs, one "word" each between spaces
        "相关部门正在调查事故原因，并将及时公布调查结果。",
        "关注此事的居民表示，工厂周围经常能闻到刺鼻的气味。",
        "関係者によると、倉庫のスプリンクラーは作動していなかった。",
        "来源不明的资金流入了该公司的账户，警方正在调查。",
        "نشر الجيش 3000 جندي في المدينة عام 2025، بحسب وزارة الدفاع.",
        "Il y a 3 semaines, le maire avait déjà demandé un contournement de la ville.",
        "The storm hit the town 3 hours ago and the roads are still closed.",
        "Partager les frais de relogement entre l'État et Ferlux, propose le maire.",
        "Subscribers to the water service were told to boil their water, the council said.",
        "और पढ़ें तो पता चलता है कि रिपोर्ट में 40 गांवों के नाम हैं।",
        # a paper's legal words in the story's own
        "Il direttore responsabile della testata, Ermes Baldracchi, ha annunciato querela.",
        "The company number on the invoices did not match the one in the register, he said.",
        "Firma podała NIP i adres, ale urzędnicy nie znaleźli jej w rejestrze, mówi wójt.",
        # roles in the story's own words
        "Le immagini di Marco mostrano il fumo, e il servizio di Anna racconta la notte.",
        "Video: the moment the roof collapsed, filmed by a neighbour, was shared widely.",
        # temperatures in the story's own words
        "Inside the tunnel the fire reached 1,000° and the air outside stayed at -6°/1°.",
        "Temperatures of 40°C in Seville and 42°C in Córdoba broke the June records.",
        # Finnish and Estonian sentences with the furniture's words
        "Vaata ka Tormisaare rannikut: seal on sadu õliseid linde, ütles külavanem Kuusik.",
        "Keskiviikkona 21.4. kapteeni Jari Vuorela kertoi, miksi ankkurit eivät pitäneet.",
        "Varustamo kertoi, että se käyttää evästeitä vain omilla sivuillaan, ei laivoilla.",
        "Jaga oma kogemust meiega, kirjutas vallavanem Andres Mölder oma kirjas.",
        "Kuvan kaltaisen aluksen ankkurit eivät Lehtosen mukaan pidä kivikkoisella pohjalla.",
        # Russian and Kazakh sentences with the furniture's words
        "Подписывайтесь на рассылку, призывал аким, но жители узнавали новости из Telegram.",
        "Автор письма, горняк Ерлан, предупреждал о трещинах ещё в январе 2025 года.",
        "By 2025 the mine had 1,900 workers, 35% of the group's output and three shafts.",
        "Ведомство мәліметінше, оқиға 14 наурызға қараған түні сағат 04:10 шамасында болған.",
        # Indonesian and English sentences with the furniture's words
        "Sumber di Basarnas menyebut kapal berangkat pukul 21.00 WITA dengan 194 penumpang.",
        "Ikuti perkembangan pencarian, kata Kepala Basarnas, karena cuaca masih buruk di Mamuju.",
        "Thank you for reading the manifest aloud, the captain told the harbour master on Monday.",
        "Door de storm op maandag 4 augustus 2025 kapseisde de veerboot bij Mamuju.",
        # Hindi, Bengali, Thai and Vietnamese sentences with the furniture's words
        "सोमवार सुबह 5:40 बजे पुल का हिस्सा ढह गया, अधिकारियों ने बताया।",
        "প্রকাশিত তথ্য অনুযায়ী সোমবার ভোরে সেতুর দুটি স্প্যান ভেঙে পড়ে।",
        "ชาวบ้านกว่า 2,000 คนต้องอพยพออกจากบ้านเมื่อวันจันทร์ที่ 14 กรกฎาคม",
        "Thứ hai tuần trước, nước lũ đã tràn vào 12 thôn của huyện Ngọc Hồi.",
        "Saa tatu asubuhi, wavuvi walikuwa wamefika eneo la ajali na boti zao ndogo.",
        "Daniel Otieno akiwa ameshika picha ya mkewe Lilian.",
        "דליפת אמוניה ממיכל אחסון של חברת קישון מסופים כימיים באזור התעשייה הובילה הבוקר "
        "להסתגרות של אלפי תושבים.",
        "Ni isa sa mga bata ay hindi pa nakakauwi.",
        '"Dapat may managot dito," ani Aling Nena, lola ng isang Grade 1 pupil sa WVMC.',
        "Share prices of the operator fell 6 percent on Monday.",
        "Ketvirtadienio naktis Saločių seniūnijos gyventojams ilgai išliks atmintyje.",
        "Redakcija toliau seka įvykius ir informuos skaitytojus.",
        "Ziņa tiek papildināta.",
        "Pirms 18 stundām gāzesvads pie Bauskas eksplodēja, un liesmas bija redzamas tālu.",
    ],
)
def test_story_sentences_are_kept(sentence: str) -> None:
    result = _clean_between(sentence)
    assert result.text.splitlines() == [BEFORE, sentence, AFTER]
    assert result.removed == ()


def test_story_sentence_after_promo_heading_is_kept() -> None:
    block = ["READ MORE:", BEFORE.replace("Kenya", "Uganda")]
    result = _clean_between(*block)
    assert result.text.splitlines() == [BEFORE, block[1], AFTER]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (f"{BEFORE} Read More", BEFORE),
        (f"{BEFORE} Read more...", BEFORE),
        (f"{BEFORE} Continue reading", BEFORE),
        (
            "He said people can read more about it online.",
            "He said people can read more about it online.",
        ),
        (f"{BEFORE} Related: Inspection Flagged Cracks at the Spillway", BEFORE),
        (f"{BEFORE} Also Read | 2023 inspection flagged cracking", BEFORE),
        # a story sentence after "Read:", or a lower-case rest, is not a promo
        (f"{BEFORE} Read: the report. It runs to 84 pages.", None),
        (f"{BEFORE} More: officials were told in 2023.", None),
    ],
)
def test_trailing_read_more_is_cut(line: str, expected: str | None) -> None:
    assert clean_text(line).text == (line if expected is None else expected)


def test_title_lines_and_repeated_captions_are_removed() -> None:
    title = "Kenyan President Ruto Visits Haiti and Pledges Additional 600 Police Officers"
    caption = "Kenyan officers patrol a street in Port-au-Prince"
    text = "\n".join([title, title, BEFORE, caption, title, AFTER, caption])
    result = clean_text(text, title=title)
    assert result.text.splitlines() == [BEFORE, AFTER]
    assert sorted({reason for _line, reason in result.removed}) == ["repeated-caption", "title"]


def test_a_headline_listed_again_with_its_age_is_removed() -> None:
    # a most-read list's headline listed again under "latest", with its age or its date
    other = "উত্তরবঙ্গে তিস্তার জলস্ফীতি, জলপাইগুড়িতে লাল সতর্কতা"
    older = "Kenyan court hears challenge to the deployment"
    tagalog = "WVMC, nagtayo ng tent para sa dumaraming batang pasyente"
    text = "\n".join([
        BEFORE, other, older, tagalog, AFTER,
        f"{other} ১২ ঘণ্টা আগে", f"{older} 25 June 2025", f"{tagalog} 4 oras ang nakaraan",
    ])  # fmt: skip
    result = clean_text(text)
    assert result.text.splitlines() == [BEFORE, AFTER]
    assert {reason for _line, reason in result.removed} == {"repeated-caption"}


@pytest.mark.parametrize(
    "line",
    ["- GPS", "— The Nigerian Senate (@NGRSenate) October 9, 2018", "[Engadget]", "Yes."],
)
def test_legitimately_repeated_lines_are_kept(line: str) -> None:
    text = "\n".join([BEFORE, line, AFTER, line])
    assert clean_text(text).text.splitlines() == [BEFORE, line, AFTER, line]


def test_template_blocks_are_removed_whatever_their_shape() -> None:
    block = "The Standard Group is a leading multi-media house in Kenya."
    result = clean_text(f"{BEFORE}\n{block}\n{AFTER}", template_blocks=frozenset({block.upper()}))
    assert result.text.splitlines() == [BEFORE, AFTER]
    assert result.removed == ((block, "template"),)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("  Latest   Stories: ", "latest stories"),
        ("“Quoted headline”", "quoted headline"),
        ("ＦＵＬＬＷＩＤＴＨ", "fullwidth"),
    ],
)
def test_normalise_line(line: str, expected: str) -> None:
    assert normalise_line(line) == expected


@given(st.text(alphabet=st.sampled_from("ab .-:\t\n\r\x0b\x1c\x85\u00a0\u2003\u3000“»Ｆ")))
def test_normalise_line_equals_the_regex_reading(line: str) -> None:
    """Whitespace runs collapsed by split() as by re.sub(r"\\s+", " "), ends stripped."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", line).casefold())
    assert normalise_line(line) == text.strip(" \t-–—|:•·.,;!?\"'“”‘’«»()[]")


def test_empty_text() -> None:
    assert clean_text("") == CleanResult("", ())
    assert clean_text("\n \n\t\n").text == ""


# Paragraphs of the shipped seeds, read from the files by hand: the opening words of every
# real paragraph in order, then lines that must be gone.
SEED_EXPECTATIONS = {
    "000_797e2071f4ed8727.txt": (
        [
            "Kenya plans to send 600 more police officers to Haiti, raising the total",
            "Kenya plans to send 600 more police officers to Haiti soon.",
            "Kenya’s President William Ruto visited Haiti recently",
            "Currently, violence remains high in Haiti.",
            "Talking to Kenyan officers at their base",
            "Nearly 400 Kenyan officers actively patrol",
            "Still, some voices in Haiti have criticized",
            "Despite an international arms embargo",
            "He stressed that solutions exist",
        ],
        ["READ MORE:", "What's Your Reaction?"],
    ),
    "001_ef0505b371e7e5c7.txt": (
        [
            "Haitian Prime Minister Garry Conille commended the swift response",
            "Nairobi: Kenya will deploy an additional 600 police officers",
            "At least 10 countries have pledged",
            "Despite international efforts, heavily armed gangs",
            "President Ruto expressed confidence",
            "Haitian Prime Minister Praises Quick Police Response",
            "During the joint press conference",
            "The gang violence in Haiti has caused widespread displacement",
            "U.N. Extends MSS Mandate Amid Resistance",
            "Last month, the U.N. Security Council unanimously approved",
        ],
        ["Also Read", "Recent News"],
    ),
    "002_c91b34f75ffe615b.txt": (
        [
            "Kenyan President William Ruto made a significant visit",
            "Ruto’s visit marks the first time",
            "During his visit, Ruto met with the Kenyan contingent",
            "Despite these assurances, the situation in Haiti remains dire.",
            "The Haitian National Police, still struggling",
            "Ruto’s visit coincides with increasing international scrutiny",
            "In his statements, Ruto expressed support",
            "Kenya has pledged to send an additional 600 police officers",
            "However, the mission’s effectiveness remains under scrutiny",
            "The situation in Haiti is a race against time",
        ],
        [
            "Also read",
            "Discover more",
            "Subscribe",
            "Leave a comment",
            "Kenyan President Ruto Visits",
        ],
    ),
    "003_939b1f72035078fb.txt": (
        [
            "Kenya has pledged to send 600 more police officers",
            "This would bring the Kenyan contingent",
            "During a visit to the country",
            "A handful of other countries",
            "Violence in Haiti is still rife",
            "The UN Security Council is due to meet",
            "This would lead to increased funding",
            "Addressing the Kenyan police officers",
            "“There are many people who thought Haiti was mission impossible",
            "He said they would succeed against the gangs",
            "The nearly 400 Kenyan officers on the ground",
            "“Our next batch, an additional 600",
            "But there has been some criticism",
            "A UN human rights expert who has just been there",
            "“The Multinational Security Support Mission (MSS), authorised",
            "Despite an international embargo, arms and ammunition",
            "The UN expert had visited the south-east",
            "He quoted a policeman in Jérémie",
            "Sexual violence had drastically increased",
            "“This enduring agony must stop.",
            "He said the solutions already existed",
            "“It is crucial to stifle the gangs",
        ],
        ["Audio By", "Latest Stories", "minutes -", "hour", "Ronaldo", "Kojo Yankson"],
    ),
    "004_5907332dfe599310.txt": (
        [
            "The United Nations Security Council has approved the extension",
            "The announcement was made by the Kenya National Police Service",
            "The extension comes shortly after",
            "The decision to extend the Kenyan police presence",
            "Haiti has been grappling with severe instability",
            "In light of these challenges",
            "President Ruto’s visit to Haiti was a pivotal moment",
            "The deployment of Kenyan police officers, however",
            "The complexities of international policing",
            "As the Kenyan police continue their work",
            "The international community is closely monitoring",
            "The extended presence of Kenyan police",
            "In conclusion, the extension of the Kenyan police mission",
        ],
        [],
    ),
}
SEED_TITLES = {
    "000_797e2071f4ed8727.txt": "Kenya to Deploy 600 More Police Officers to Haiti as Part of "
    "International Peacekeeping Efforts",
    "001_ef0505b371e7e5c7.txt": "Enhanced Security: Kenya to Send Additional 600 Police Officers "
    "to Haiti",
    "002_c91b34f75ffe615b.txt": "Kenyan President Ruto Visits Haiti and Pledges Additional 600 "
    "Police Officers",
}


@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seeds_keep_every_paragraph_and_no_promo(name: str) -> None:
    starts, gone = SEED_EXPECTATIONS[name]
    text = (SEEDS / name).read_text(encoding="utf-8")
    result = clean_text(text, title=SEED_TITLES.get(name))
    lines = result.text.splitlines()
    assert len(lines) == len(starts)
    for line, start in zip(lines, starts, strict=True):
        assert line.startswith(start)
    for fragment in gone:
        assert not any(fragment in line for line in lines), fragment
    assert not any(line.rstrip().endswith(("Read More", "READ MORE:")) for line in lines)


@given(st.text(alphabet=st.sampled_from("ab \t\u00a0\u2003.\n")))
def test_blank_runs_collapse_as_with_the_plain_pattern(text: str) -> None:
    """Only runs and tabs or no-break spaces are rewritten; the result is the plain one's."""
    from collector.cleaning import _BLANKS_RE

    assert _BLANKS_RE.sub(" ", text) == re.sub(r"[ \t\u00a0]+", " ", text)


@pytest.mark.parametrize(
    ("bio", "reason"),
    [
        ("Owen Pritchard is a Northgate Gazette reporter covering business and consumer news.",
         "author-bio"),
        ("Dana Whitfield covers international news for the Harbour Courier. Reach her at "
         "dana.whitfield@harbourcourier.example.", "author-bio"),
        ("Giulia Ferri è una giornalista della Gazzetta Padana.", "author-bio"),
        ("Marta Queiroz é colunista do Jornal do Vale desde 2015.", "author-bio"),
        # a column's disclaimer, alone or before the bio
        ("The views expressed in this article are the author's own and do not necessarily "
         "reflect those of the Harbour Courier.", "disclaimer"),
        ("Os artigos de opinião não traduzem necessariamente a opinião do Jornal do Vale. "
         "Marta Queiroz é jornalista e escritora.", "disclaimer"),
    ],
)  # fmt: skip
def test_an_authors_bio_ending_the_text_is_removed(bio: str, reason: str) -> None:
    result = clean_text("\n".join([BEFORE, AFTER, bio]))
    assert result.text.splitlines() == [BEFORE, AFTER]
    assert result.removed == ((bio, reason),)
    # The same line inside the text is the story's (a story about a reporter).
    assert clean_text("\n".join([BEFORE, bio, AFTER])).text.splitlines() == [BEFORE, bio, AFTER]


@pytest.mark.parametrize(
    "line",
    [
        "The minister said the figures did not necessarily mean the dam was unsafe.",
        "Her views on the dam did not necessarily match those of the report's author.",
    ],
)
def test_a_story_sentence_saying_necessarily_ends_the_text(line: str) -> None:
    assert clean_text("\n".join([BEFORE, AFTER, line])).text.splitlines() == [BEFORE, AFTER, line]


QUOTE = "We learned more from the fishermen than from the official channels."
SAID = f'"{QUOTE[:-1]}," said the head of the water board. "Every hour counts."'
FILL = [f"Paragraph {n} of the report goes on about the river and the intake." for n in range(5)]


@pytest.mark.parametrize(
    ("lines", "pulled"),
    [
        ([FILL[0], QUOTE, SAID, FILL[1]], {1}),  # beside its paragraph
        ([QUOTE, *FILL, SAID], set()),  # a standfirst, far from the paragraph it repeats
        ([FILL[0], "The river.", "The river. It flows north to the border."], set()),  # short
        ([FILL[0], FILL[0]], set()),  # the same line twice is no pull quote
    ],
)
def test_pull_quotes(lines: list[str], pulled: set[int]) -> None:
    assert pull_quotes(lines) == pulled


ABOUT = "About Ostmann Chemie: Ostmann Chemie GmbH, founded in 1908, makes solvents."
CONTACT = "Press contact: Julia Reinartz, phone +49 5931 4470-210"


@pytest.mark.parametrize(
    ("lines", "start"),
    [
        ([*FILL, ABOUT, CONTACT], 6),  # the contact first, then the description
        ([*FILL, "Pressekontakt:", "Julia Reinartz", "+49 5931 4470-210"], 5),
        ([*FILL, "Über Ostmann Chemie"], 5),
        ([*FILL, "About 400 people were evacuated overnight."], None),
        ([*FILL, ABOUT, *FILL], None),  # not where the text ends
        ([CONTACT], None),  # the whole text
    ],
)
def test_press_footer(lines: list[str], start: int | None) -> None:
    assert press_footer(lines) == start


def test_a_press_release_ends_without_its_footer() -> None:
    cleaned = clean_text("\n".join([*FILL, ABOUT, CONTACT]))
    assert cleaned.text.splitlines() == FILL
    assert [reason for _, reason in cleaned.removed] == ["press-footer", "press-footer"]


ENTRIES = [
    "6:05 p.m. ET",
    "The regulator added the recall to its public list this evening, officials said.",
    "4:40 p.m. ET",
    "The company says it has set up a dedicated refund line in five languages.",
    "3:30 p.m. ET",
    "Greece's food authority says it has withdrawn about 4,000 cans from pharmacies.",
]


def test_a_live_blogs_entry_times_stay_and_a_lone_date_line_goes() -> None:
    assert entry_stamps(ENTRIES) == {0, 2, 4}
    assert clean_text("\n".join(ENTRIES)).text.splitlines() == ENTRIES
    lone = ["Published 4 Dec 2026, 10:00", *ENTRIES[1::2]]
    assert entry_stamps(lone) == set()
    assert clean_text("\n".join(lone)).text.splitlines() == ENTRIES[1::2]


VISIBLE = [
    "Le train de marchandises a déraillé mardi à l'aube à l'entrée de Vireux-sur-Lesse.",
    "Trois wagons-citernes transportaient de l'acrylonitrile, selon l'opérateur Ferlux.",
]


@pytest.mark.parametrize(
    ("box", "after"),
    [
        (["La suite de cet article est réservée aux abonnés",
          "Accédez à tous nos contenus en illimité à partir de 1 € le premier mois.",
          "- Le journal numérique dès 5 h du matin", "- Les archives depuis 1944"], []),
        (["Subscribe to continue reading", "Just $1 for your first month", "Subscribe"], []),
        (["Du har läst din gratisartikel",
          "Fortsätt läsa Morgonposten – prova 1 månad för 1 kr. Ingen bindningstid.",
          "Logga in Bli prenumerant"], []),
        (["Denne artikel er forbeholdt abonnenter", "Bliv abonnent"], []),
        (["You've reached your free article limit for this month.", "Log in"], []),
        (["Este artigo é exclusivo para assinantes",
          "Assine a partir de 1€ no primeiro mês e tenha acesso ilimitado a todos os artigos.",
          "Assinar agora Já é assinante? Entre aqui"], []),
        # a meter's notice under the box's title, however long
        (["This article is for subscribers",
          "You've read 3 of your 4 free articles this month. Subscribe from £1 a week for "
          "unlimited access to award-winning journalism. Subscribe now | Already a subscriber? "
          "Sign in"],
         ["Several residents said they had reported a smell of gas on Monday evening, less "
          "than nine hours before the blast tore through the parade of shops."]),
        # the article's text after the box, as long paragraphs, stays
        (["This article is only available to subscribers."],
         ["Firefighters fought the blaze through the night while the evacuated residents "
          "waited in the sports hall for news of their homes and of the two missing."]),
    ],
)  # fmt: skip
def test_a_paywalls_box_goes_and_the_article_before_it_stays(
    box: list[str], after: list[str]
) -> None:
    result = clean_text("\n".join([*VISIBLE, *box, *after]))
    assert result.text.splitlines() == [*VISIBLE, *after]
    assert [reason for _, reason in result.removed] == ["paywall"] * len(box)


@pytest.mark.parametrize(
    ("line", "signed"),
    [
        ("Élodie Rambert - Antenne Publique", True),
        ("Dana Whitfield | Staff Writer", True),
        ("Jean-Marc Thiry, bourgmestre", False),  # no capital: a name and a role in the text
        ("Paris, France", False),
        ("The mayor said - nothing more", False),
        ("Élodie Rambert - Antenne Publique.", False),  # a sentence
    ],
)
def test_is_signed_byline(line: str, signed: bool) -> None:
    assert is_signed_byline(line) is signed


@pytest.mark.parametrize(
    "byline",
    [
        "Élodie Rambert - Antenne Publique",
        "Hannah Clarke",
        "Hannah Clarke and Tom Whitfield",
        "Hannah Clarke in Brussels",
        "8 December 2026 | Brussels Observer staff",
        "Nur Khalisah - kabarnesia.com",  # the outlet's domain
        "Andi Muh. Taufik",  # a shortened name within
    ],
)
def test_a_signed_byline_goes_only_above_the_article(byline: str) -> None:
    lines = [byline, *VISIBLE, "Olivier Lambrecht - Parquet de Namur", "Jean Dupont"]
    result = clean_text("\n".join(lines))
    assert result.text.splitlines() == lines[1:]
    assert result.removed == ((byline, "byline"),)


def test_a_byline_under_the_standfirst_goes_too() -> None:
    standfirst = (
        "Die Krankenhäuser im Kreis sind nach einem Cyberangriff offline. Notfälle gehen weg."
    )
    lines = [standfirst, "Jana Töpfer, TRF Thüringen", *VISIBLE]
    result = clean_text("\n".join(lines))
    assert result.text.splitlines() == [standfirst, *VISIBLE]


def test_a_live_blogs_french_entry_times_stay() -> None:
    entries = [line for time, text in zip(("20h30", "19h00", "17h30"), ENTRIES[1::2], strict=True)
               for line in (time, text)]  # fmt: skip
    assert clean_text("\n".join(entries)).text.splitlines() == entries
