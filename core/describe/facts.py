"""What a filename says for sure, read out for the model: its type, its words, dates, versions and origin.

`name_facts("IMG_20240512_183022.jpg")` gives the type comment the Type column shows ("JPEG image"), the
origin its naming convention reveals ("photo from an Android phone camera"), the date and time read out
("12 May 2024, 18:30") and the remaining words of the name. The facts go into the model's input
(core.describe.prompts); they never become a description by themselves.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, time
from functools import lru_cache

from core.describe.file_types import default_table, unnumbered

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
ENGLISH_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# Full month names of the languages whose documents people most often have besides English (Spanish, French, German,
# Italian, Dutch, Portuguese): "factura_febrero_2024" is read as February 2024. Dates need a year, so "mars" or "mai"
# alone stay words.
FOREIGN_MONTHS = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "januari februari maart april mei juni juli augustus september oktober november december",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
)
ASCII_MONTHS = {"maerz": 3, "marz": 3, "fevrier": 2, "aout": 8, "decembre": 12}  # as names write them without accents
for _names in FOREIGN_MONTHS:
    MONTHS |= {name: number for number, name in enumerate(_names.split(), start=1) if name not in MONTHS}
MONTHS |= ASCII_MONTHS
MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
FIRST_YEAR, LAST_YEAR = 1970, 2069
MAX_EXTENSION_CHARS = 12

# ----- dates and times -----

_SEP = r"[-_. ]"
_TIME = (
    r"(?:(?:[ _T-]|[ _]at[ _])(?P<hour>[01]\d|2[0-3])(?P<tsep>[-_.:h]?)(?P<minute>[0-5]\d)"
    r"(?:(?P=tsep)(?P<second>[0-5]\d)(?:\d{3})?Z?)?(?P<ampm>[ _]?[AaPp][Mm])?)?"
)
_LOOSE_TIME = r"(?:[ _]at[ _](?P<lhour>\d{1,2})[.:](?P<lminute>[0-5]\d)(?:[.:][0-5]\d)?(?P<lampm>[ _]?[AaPp][Mm])?)?"
DATE_PATTERNS = (
    # 2024-05-13, 2024_05_13, 2024.05.13, 20240513, each with an optional time: 20240513_183022, 2024-05-13 at 14.22.10
    re.compile(
        r"(?<![\d])(?P<year>(?:19|20)\d\d)(?P<sep>[-_.]?)(?P<month>0[1-9]|1[0-2])(?P=sep)"
        r"(?P<day>0[1-9]|[12]\d|3[01])(?!\d)" + _LOOSE_TIME + _TIME + r"(?!\d)"
    ),
    # 13.05.2024 (day first), 05-13-2024 (month first when the day says so, or when undecidable with - or _)
    re.compile(
        r"(?<![\d])(?P<num1>[0-3]?\d)(?P<sep>[-_.])(?P<num2>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)(?!\d)"
        + _TIME
        + r"(?!\d)"
    ),
    # 13 May 2024, May 13 2024, May 2024, May-2024
    re.compile(
        rf"(?<![A-Za-z\d])(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?{_SEP}+)?(?P<monthname>{MONTH_NAME})\.?"
        rf"(?:{_SEP}+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,?)?{_SEP}+(?P<year>(?:19|20)\d\d)(?![A-Za-z\d])",
        re.IGNORECASE,
    ),
    # 2023-04, 2023_04 (a year and a month)
    re.compile(r"(?<![\d])(?P<year>(?:19|20)\d\d)[-_.](?P<month>0[1-9]|1[0-2])(?![\d])"),
    # 20231115093000: a date and a time in fourteen digits (backup and export apps)
    re.compile(
        r"(?<![\d])(?P<year>(?:19|20)\d\d)(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])"
        r"(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)[0-5]\d(?![\d])"
    ),
    # 03-2024, 03.2024 (a month and a year, as European invoices and statements write them); not 03_2024, a
    # recording's number and year ("trailer_01_2024"), and never the tail of a longer number or date
    re.compile(r"(?<![\d])(?<!\d[-_.])(?P<month>0[1-9]|1[0-2])[-.](?P<year>(?:19|20)\d\d)(?!\d)(?![-.]\d)"),
    # Apr2024, April2024, 13May2024: an English month name written together with its year (and day), as statements
    # and exports name files; other languages' names need a separator ("Mars2020" is no date)
    re.compile(rf"(?<![A-Za-z\d])(?P<day>0?[1-9]|[12]\d|3[01])?(?P<monthname>{ENGLISH_MONTH})(?P<year>(?:19|20)\d\d)"
               r"(?![A-Za-z\d])", re.IGNORECASE),
)


@dataclass(frozen=True)
class FoundDate:
    """A date read in a name, with the span it took."""

    text: str
    start: int
    end: int


def read_date(year: int, month: int, day: int | None, clock: time | None) -> str | None:
    """ "13 May 2024, 18:30" / "13 May 2024" / "May 2024"; None for an impossible date."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    text = f"{calendar.month_name[month]} {year}" if day is None else f"{day} {calendar.month_name[month]} {year}"
    return f"{text}, {clock.hour:02d}:{clock.minute:02d}" if clock is not None else text


def _clock(match: re.Match[str]) -> time | None:
    """The time of day a date pattern caught, if any (12-hour times with AM/PM converted)."""
    groups = match.groupdict()
    hour, minute, ampm = groups.get("hour"), groups.get("minute"), groups.get("ampm")
    if groups.get("lhour") is not None:
        hour, minute, ampm = groups["lhour"], groups["lminute"], groups.get("lampm")
    if hour is None or minute is None:
        return None
    value = int(hour)
    if ampm:
        if value > 12:
            return None
        value = value % 12 + (12 if ampm.strip(" _").lower() == "pm" else 0)
    return time(value, int(minute)) if value < 24 else None


def find_date(text: str) -> FoundDate | None:
    """The first date (with its time, when given) in `text`, read out."""
    for index, pattern in enumerate(DATE_PATTERNS):
        for match in pattern.finditer(text):
            reading = _reading(index, match)
            if reading:
                return FoundDate(reading, match.start(), match.end())
    return None


def _reading(index: int, match: re.Match[str]) -> str | None:
    """The read-out date of a match of DATE_PATTERNS[index], or None when it is no valid date."""
    groups = match.groupdict()
    year = int(groups["year"])
    if index == 0:
        if not groups["sep"] and match.group(0)[:8].isdigit() and not 1990 <= year <= LAST_YEAR:
            return None  # eight bare digits are a date only in recent years
        return read_date(year, int(groups["month"]), int(groups["day"]), _clock(match))
    if index == 1:
        first, second = int(groups["num1"]), int(groups["num2"])
        month_first = second > 12 or (first <= 12 and groups["sep"] != ".")
        day, month = (second, first) if month_first else (first, second)
        return read_date(year, month, day, _clock(match)) if month <= 12 else None
    if index == 2:
        written_day = groups["day"] or groups["day2"]
        return read_date(year, MONTHS[groups["monthname"].lower()], int(written_day) if written_day else None, None)
    if index in (3, 5):
        return read_date(year, int(groups["month"]), None, None)
    if index == 6:
        return read_date(year, MONTHS[groups["monthname"].lower()], int(groups["day"]) if groups["day"] else None, None)
    return read_date(year, int(groups["month"]), int(groups["day"]), _clock(match))


# ----- versions and states -----

STATES = {
    "final": "final",
    "draft": "draft",
    "revised": "revised",
    "edited": "edited",
    "signed": "signed",
    "approved": "approved",
    "updated": "updated",
    "wip": "work in progress",
    "latest": "latest",
}
FOREIGN_STATES = {  # the same states in the six languages of FOREIGN_MONTHS, also as names write them without accents
    "signed": "firmado firmada signé signe unterschrieben unterzeichnet firmato firmata getekend ondertekend assinado "
              "assinada",
    "final": "definitivo definitiva définitif definitif définitive endgültig endgueltig definitief",
    "draft": "borrador brouillon entwurf bozza rascunho",
}
STATES |= {word: state for state, words in FOREIGN_STATES.items() for word in words.split()}
VERSION = re.compile(r"^(?:v|ver|version|rev|r)(?P<number>\d+(?:\.\d+)*[a-z]?)$", re.IGNORECASE)
DOTTED_VERSION = re.compile(
    r"(?<![A-Za-z0-9.])v?(?P<number>\d+\.\d+(?:\.\d+)*(?:[-.]?(?:rc|beta|alpha|b|a)\d*)?)(?![\w.])", re.IGNORECASE
)
STATE_NUMBER = re.compile(r"^(?P<state>final|draft)(?P<number>\d+)$", re.IGNORECASE)
DUPLICATE_MARK = re.compile(
    r"(?:\s*-\s*copy|\s+copy)?\s*\((?P<number>\d{1,3})\)\s*$|\s*-\s*copy\s*$|\s+copy(?:\s+\d+)?$", re.IGNORECASE
)
COPY_OF = re.compile(r"^copy of\s+", re.IGNORECASE)

QUARTER = re.compile(r"\bQ(?P<number>[1-4])\b", re.IGNORECASE)
QUARTER_ORDINALS = {"1": "first", "2": "second", "3": "third", "4": "fourth"}


def read_quarters(words: str) -> str:
    """The name's words with each quarter read out as descriptions say it ("Q3 budget" -> "third quarter budget")."""
    return QUARTER.sub(lambda match: f"{QUARTER_ORDINALS[match.group('number')]} quarter", words)


EPISODE = re.compile(r"\bS(?P<season>\d{1,2})[ ._-]?E(?P<episode>\d{1,3})\b", re.IGNORECASE)


def read_out(words: str) -> str:
    """The name's words with its quarters and episode codes read out as descriptions say them ("Q3 budget" ->
    "third quarter budget", "Breaking Bad S02E05" -> "Breaking Bad season 2 episode 5")."""
    episodes = EPISODE.sub(lambda match: f"season {int(match['season'])} episode {int(match['episode'])}", words)
    return read_quarters(episodes)


def unstated_quarters(words: str) -> list[str]:
    """The ordinals of the quarters a name that states one does not ("Q3 budget" -> first, second, fourth)."""
    stated = {QUARTER_ORDINALS[match.group("number")] for match in QUARTER.finditer(words)}
    return [ordinal for ordinal in QUARTER_ORDINALS.values() if ordinal not in stated] if stated else []


LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters: "Final_final" is two words, "v2" the word "v"
CLAIM_WORDS = ("final", "draft", "drafts", "revised", "edited", "signed", "approved", "updated", "latest", "version",
               "versions", "copy", "duplicate", "quarter", "quarters", "quarterly", *QUARTER_ORDINALS.values()
               )  # words that state a version, a state, a duplicate or a quarter (see `unstated_claims`)


def unstated_claims(facts: NameFacts) -> list[str]:
    """CLAIM_WORDS that no fact of the name states: "20240228_Protokoll_Teammeeting.docx" is no final version,
    "node-v20.12.2-win-x64.zip" no copy and "sales_report_2023.pptx" covers no (first) quarter. A version stated in
    any form states "version" ("final version", "v2")."""
    stated = {w.lower() for w in LETTERS.findall(" ".join(
        part or "" for part in (facts.name, facts.words, facts.type, facts.origin, facts.version)))}
    if facts.version:
        stated |= {"version", "versions"}
    if QUARTER.search(facts.words) or re.search(r"Q[1-4]", facts.name):  # also glued: "CampaignQ32018"
        stated |= {"quarter", "quarters", *QUARTER_ORDINALS.values()}  # the others are `unstated_quarters`
    return [word for word in CLAIM_WORDS if word not in stated]


# ----- naming conventions of cameras, phones, apps and scanners -----

MEDIA_KINDS = ("image", "video", "audio")


@dataclass(frozen=True)
class Convention:
    """A naming convention: its pattern on the stem, what it says per kind of media, and what is left as words."""

    pattern: re.Pattern[str]
    origin: dict[str, str]  # media kind ("image", "video", "audio", "other") -> origin text
    keep_words: bool = False  # the words after the convention's marker stay (an app's name after a screenshot)
    counter: bool = False  # a "(3)" the convention ends in is the app's counter, not a duplicate's mark


def _convention(
    pattern: str,
    image: str | None = None,
    video: str | None = None,
    audio: str | None = None,
    other: str | None = None,
    keep_words: bool = False,
    counter: bool = False,
) -> Convention:
    """A Convention from a regex and the origin text per kind of media (missing kinds fall back to `other`)."""
    origin = {
        kind: text for kind, text in (("image", image), ("video", video), ("audio", audio), ("other", other)) if text
    }
    return Convention(re.compile(pattern, re.IGNORECASE), origin, keep_words, counter)


ARXIV = _convention(r"^(?:0[7-9]|[12]\d)(?:0[1-9]|1[0-2])\.\d{4,5}(?:v\d+)?$", other="paper from arXiv",
                    keep_words=True)  # "2310.06825v2": year and month, the paper's number, its version
CONVENTIONS = (
    ARXIV,
    _convention(r"^\._.", keep_words=True,  # first: "._IMG_4821.HEIC" is no photo
                other="AppleDouble file in which macOS keeps the Finder data of a file on a FAT or exFAT drive"),
    _convention(r"^IMG-\d{8}-WA\d{3,5}", image="image sent or received on WhatsApp"),
    _convention(r"^VID-\d{8}-WA\d{3,5}", video="video sent or received on WhatsApp"),
    _convention(r"^(?:AUD|PTT)-\d{8}-WA\d{3,5}", audio="voice message sent or received on WhatsApp"),
    _convention(
        r"^WhatsApp (?:Image|Video|Audio|Ptt) ",
        image="image sent or received on WhatsApp",
        video="video sent or received on WhatsApp",
        audio="audio message sent or received on WhatsApp",
    ),
    _convention(
        r"^signal-\d{4}-\d\d-\d\d",
        image="image saved from Signal",
        video="video saved from Signal",
        audio="voice message saved from Signal",
        other="attachment saved from Signal",
    ),
    _convention(r"^photo_\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d", image="photo saved from Telegram"),
    _convention(r"^video_\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d", video="video saved from Telegram"),
    _convention(
        r"^received_\d{9,}$",
        image="image saved from a Messenger chat",
        video="video saved from a Messenger chat",
        other="file saved from a Messenger chat",
    ),
    _convention(r"^FB_IMG_\d{10,}$", image="image saved from the Facebook app"),
    _convention(r"^Snapchat-\d{6,}$", image="photo exported from Snapchat", video="video exported from Snapchat"),
    _convention(r"^mmexport\d{10,}$", image="image saved from WeChat", video="video saved from WeChat"),
    _convention(
        r"^PXL_\d{8}_\d{6,9}", image="photo from a Google Pixel phone", video="video from a Google Pixel phone"
    ),
    _convention(
        r"^(?:IMG|MVIMG|PANO)_\d{8}_\d{6}", image="photo from a phone camera", video="video from a phone camera"
    ),
    _convention(r"^VID_\d{8}_\d{6}", video="video from a phone camera", image="still from a phone video"),
    _convention(
        r"^\d{8}_\d{6}(?:\(\d+\))?$",
        image="photo from a Samsung phone camera",
        video="video from a Samsung phone camera",
    ),
    _convention(
        r"^IMG_E\d{4}$",
        image="edited photo from an iPhone",
        video="edited video from an iPhone",
    ),
    _convention(
        r"^FullSizeRender",
        image="iPhone photo with its Photos app edits applied",
        video="iPhone video with its Photos app edits applied",
    ),
    _convention(
        r"^IMG_\d{4}$",
        image="photo from an iPhone or a digital camera",
        video="video from an iPhone or a digital camera",
    ),
    _convention(
        r"^(?:_?DSC[NF_]?\d{4,5}|P\d{7}|P[A-C]\d{6}|_MG_\d{4}|100_\d{4}|SAM_\d{4}|CIMG\d{4})$",
        image="photo from a digital camera",
        video="video from a digital camera",
    ),
    _convention(r"^(?:MVI|MOV|M2U)_?\d{4,5}$", video="video from a digital camera"),
    _convention(r"^C\d{4}$", video="video from a Sony camera"),
    _convention(
        r"^(?:GOPR|GP\d\d|GH\d\d|GX\d\d)\d{4}$", image="photo from a GoPro camera", video="video from a GoPro camera"
    ),
    _convention(r"^DJI_\d{4}", image="photo from a DJI drone", video="video from a DJI drone"),
    _convention(r"^Screen Recording \d{4}-\d\d-\d\d at ", video="screen recording made on a Mac"),
    _convention(r"^(?:Screenshot|Screen Shot) \d{4}-\d\d-\d\d at ", image="screenshot taken on a Mac"),
    _convention(
        r"^(?:Bildschirmfoto|Capture d.écran|Captura de pantalla|Schermafbeelding) \d{4}-\d\d-\d\d",
        image="screenshot taken on a Mac",
    ),
    _convention(r"^Screenshot_\d{8}[-_]\d{6}", image="screenshot taken on an Android phone", keep_words=True),
    _convention(
        r"^Screenshot_\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d", image="screenshot taken on an Android phone", keep_words=True
    ),
    _convention(r"^Screenshot from \d{4}-\d\d-\d\d", image="screenshot taken on a Linux desktop"),
    _convention(r"^Screenshot \(\d+\)$", image="screenshot taken on Windows", counter=True),
    _convention(r"^Screenshot \d{4}-\d\d-\d\d \d{6}$", image="screenshot taken on Windows"),
    _convention(r"^Screen ?shot|^Screenshot|^Snip", image="screenshot", video="screen recording", keep_words=True),
    _convention(r"^Screen ?Recording|^Screencast", video="screen recording", keep_words=True),
    _convention(
        r"^CamScanner ",
        other="document scanned with the CamScanner app",
        image="document photographed with the CamScanner app",
    ),
    _convention(
        r"^(?:SKM_C?\d{3,}|EPSON\d{3}|HPSCAN_\d+|BRN[0-9A-F]{12})",
        other="document from a scanner",
        image="image from a scanner",
    ),
    _convention(r"^Scanned Document(?: \d+)?$", other="document scanned with an iPhone's Notes or Files app"),
    _convention(r"^(?:scan|scanned)(?:[ _-]|\d|$)", other="scanned document", image="scanned image", keep_words=True),
    _convention(r"^Recording \(\d+\)$", audio="audio from the Windows Sound Recorder app", counter=True),
    _convention(
        r"^(?:New Recording|Voice Memo|Voice|Recording|REC)(?:[ _-]?\d+|$| \(\d+\)$)",
        audio="voice recording",
        video="video recording",
    ),
    _convention(r"^Untitled design", image="Canva design downloaded without a name of its own", keep_words=True),
    *(
        _convention(rf"^{stem}\d{{1,2}}$", other=f"{kind} left with {app}'s default name")
        for stem, kind, app in (
            ("Document", "Word document", "Word"),
            ("Book", "Excel workbook", "Excel"),
            ("Presentation", "PowerPoint presentation", "PowerPoint"),
            ("Drawing", "Visio drawing", "Visio"),
            ("Publication", "Publisher document", "Publisher"),
        )
    ),
    _convention(
        r"^(?:download|image|images|unnamed)(?: \(\d+\))?$",
        image="picture downloaded from a website, with no name of its own",
    ),
    _convention(r"^(?:document|download)(?: \(\d+\))?$", other="document downloaded under a generic name"),
    _convention(
        r"^Untitled(?:[ _-]?Document)?(?:[ _-]?\d+| \(\d+\))?$",
        other="file left with its app's default name, Untitled",
        image="image left with its app's default name, Untitled",
    ),
    _convention(r"^Unconfirmed \d+$", other="download Chrome has not finished"),
    _convention(r"^sms-\d{14}$", other="text messages backed up with SMS Backup & Restore"),
    _convention(r"^calls-\d{14}$", other="call log backed up with SMS Backup & Restore"),
    _convention(r"^\d{6}-\d{4,6}-\d\d$", other="minidump Windows wrote when it crashed"),
    _convention(
        r"^GMT\d{8}-\d{6}_Recording",
        video="recording of a Zoom meeting",
        audio="audio of a Zoom meeting",
        other="file of a Zoom meeting recording",
        keep_words=True,
    ),
    _convention(r"^~\$", other="lock file Microsoft Office keeps while the document is open", keep_words=True),
    _convention(r"^\.~lock\..*#$", other="lock file LibreOffice keeps while the document is open", keep_words=True),
)
CONVENTION_MARKERS = re.compile(
    r"^(?:received|FB_IMG|Snapchat|mmexport|FullSizeRender|Untitled design|Untitled Document|Untitled|"
    r"Unconfirmed|sms|calls|IMG_E(?=\d{4}$)|C(?=\d{4}$)|"
    r"IMG|VID|AUD|PTT|MVIMG|PANO|PXL|DSC[NF_]?|_DSC|_MG|SAM|CIMG|MVI|MOV|M2U|GOPR|GP\d\d|GH\d\d|GX\d\d|DJI|"
    r"WhatsApp (?:Image|Video|Audio|Ptt)|signal|photo|video|Screen Recording|Screenshot from|Screenshot|Screen Shot|"
    r"Bildschirmfoto|Capture d.écran|Captura de pantalla|Schermafbeelding|CamScanner|SKM_C?|EPSON|HPSCAN|"
    r"scanned|scan|New Recording|Voice Memo|Voice|Recording|REC|GMT|~\$|\.~lock\.|\._)[ _-]?",
    re.IGNORECASE,
)
WA_COUNTER = re.compile(r"-?WA\d{3,5}\b", re.IGNORECASE)


def media_kind(mime_type: str | None) -> str:
    """ "image", "video", "audio" or "other" from a MIME type."""
    top = (mime_type or "").split("/", 1)[0]
    return top if top in MEDIA_KINDS else "other"


def find_convention(stem: str, mime_type: str | None) -> tuple[Convention, str] | None:
    """The first naming convention the stem follows and its origin text for this kind of file."""
    kind = media_kind(mime_type)
    for convention in CONVENTIONS:
        if convention.pattern.search(stem):
            origin = convention.origin.get(kind) or convention.origin.get("other")
            if origin:
                return convention, origin
    return None


# ----- words -----

CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2,})")
TOKENS = re.compile(r"(?<![\d])(?:19|20)\d\d[-\u2013](?:(?:19|20)\d\d|\d\d)(?!\d)|[^\W_]+")


def split_words(text: str) -> list[str]:
    """Words of a name part: separators and camelCase split (`appConfig_v2` -> app Config v2), year ranges kept."""
    words = []
    for token in TOKENS.findall(text):
        words += [token] if token[:1].isdigit() else [w for w in CAMEL.split(token) if w]
    return words


# ----- the facts -----


@dataclass(frozen=True)
class NameFacts:
    """What a name says for sure."""

    name: str
    type: str | None  # the shared-mime-info comment, as the Type column shows it
    words: str  # the name's own words, without extension, dates, versions or convention markers
    date: str | None = None
    version: str | None = None
    origin: str | None = None
    extension: str | None = None  # the extension, when its type is unknown

    def lines(self) -> list[str]:
        """The facts as "field: value" parts, unknown ones left out."""
        parts = [
            f"type: {self.type}" if self.type else (f"type: .{self.extension} file" if self.extension else "type: none")
        ]
        parts += [
            f"{label}: {value}"
            for label, value in (("origin", self.origin), ("date", self.date), ("version", self.version))
            if value
        ]
        parts.append(f"words: {self.words or 'none'}")
        return parts


def split_extension(name: str, mime_type: str | None) -> tuple[str, str]:
    """(stem, extension without dot); the extension is the suffix the type came from, else the last short suffix."""
    if name.startswith(".") and name.count(".") == 1:
        return name, ""
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem.strip(".") or not suffix.isalnum() or len(suffix) > MAX_EXTENSION_CHARS:
        return name, ""
    if mime_type is None and suffix.isdigit():  # a number, not a type: "core.12345", "backup.20240101"
        return name, ""
    if mime_type is not None:
        inner_stem, inner_dot, inner = stem.rpartition(".")
        if inner_dot and inner_stem and inner.lower() in ("tar", "cpio", "pkg"):
            return inner_stem, f"{inner}.{suffix}"
    return stem, suffix


def version_facts(stem: str, counter: bool = False) -> tuple[str, list[str]]:
    """The stem without its duplicate and "copy of" marks, and those marks read out ("(3)" as "number 3" when it is
    an app's `counter`)."""
    found = []
    if COPY_OF.search(stem):
        stem = COPY_OF.sub("", stem)
        found.append("copy")
    mark = DUPLICATE_MARK.search(stem)
    if mark and mark.group(0).strip():
        number = mark.group("number") or re.sub(r"\D", "", mark.group(0))
        found.append(f"{'number' if counter else 'copy'} {number}" if number else "copy")
        stem = stem[: mark.start()]
    return stem, found


def word_facts(words: list[str]) -> tuple[list[str], list[str]]:
    """(content words, version and state facts) of the name's words; a lone word stays a content word."""
    content, versions = [], []
    for word in words:
        version, state = VERSION.match(word), STATE_NUMBER.match(word)
        if version:
            versions.append(f"version {version.group('number')}")
        elif state:
            versions.append(f"{STATES[state.group('state').lower()]} {int(state.group('number'))}")
        elif word.lower() in STATES and len(words) > 1:
            versions.append(STATES[word.lower()])
        else:
            content.append(word)
    return content, list(dict.fromkeys(versions))


@lru_cache(maxsize=65536)
def name_facts(name: str) -> NameFacts:
    """The facts of a (cleaned, one-line) filename."""
    table = default_table()
    typed = unnumbered(name)  # "error.log.1" is a log; its number left out: the model wrote "error copy 1)"
    mime_type = table.mime_type(typed)
    stem, extension = split_extension(typed, mime_type)
    convention = find_convention(stem, mime_type) or find_convention(version_facts(stem)[0].strip(), mime_type)
    stem, copies = version_facts(stem, convention is not None and convention[0].counter)
    if convention is not None and convention[0] is ARXIV:  # an identifier and its version, not "version 2310.06825"
        stem = stem.replace(".", " ").replace("v", " v")
    found = find_date(stem)
    if found:
        stem = f"{stem[: found.start]} {stem[found.end :]}"
    versions = []
    dotted = DOTTED_VERSION.search(stem)
    if dotted:
        versions.append(f"version {dotted.group('number')}")
        stem = f"{stem[: dotted.start()]} {stem[dotted.end() :]}"
    origin = None
    if convention is not None:
        origin = convention[1]
        stem = CONVENTION_MARKERS.sub("", WA_COUNTER.sub(" ", stem), count=1)
    content, word_versions = word_facts(split_words(stem))
    versions = list(dict.fromkeys(word_versions + versions + copies))
    comment = table.comment(typed) if mime_type else None
    return NameFacts(
        name=name,
        type=comment,
        words=" ".join(content),
        date=found.text if found else None,
        version=", ".join(versions) or None,
        origin=origin,
        extension=extension if comment is None and extension else None,
    )
