"""Everyday files from the hand-written lexicon: documents, photos, music, videos, installers, data, code, archives.

Each example is a realistic name (words styled as people write them: `Tax_Return_2023.pdf`,
`Q3 budget FINAL v2.xlsx`) and a description that says what the file is with the name's own words,
dates read out and versions named ("the budget for the third quarter, final version 2"). Formats are
drawn with the weights people have (PDF and Office above rare types). Deterministic for a seed.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from training.corpus import lexicon as lx
from training.corpus.records import Record, in_buckets

SOURCE = "everyday"
QUARTERS = {1: "first", 2: "second", 3: "third", 4: "fourth"}
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
YEARS = range(2012, 2027)


# ----- how people write names -----


def style_words(words: Sequence[str], rng: random.Random) -> str:
    """Join name words the way people do: snake_case, kebab-case, spaces, CamelCase, Title_Snake."""
    style = rng.choices(
        ("snake", "title_snake", "spaces", "title_spaces", "kebab", "camel", "lower_spaces", "upper"),
        weights=(24, 16, 12, 20, 8, 8, 8, 2),
    )[0]
    parts = [w.replace(" ", "_" if "snake" in style else "-" if style == "kebab" else " ") for w in words]
    if style == "snake":
        return "_".join(p.lower() if p.islower() or p[:1].isupper() and p[1:].islower() else p for p in parts)
    if style == "title_snake":
        return "_".join(_title(p) for p in parts)
    if style == "kebab":
        return "-".join(p.lower() if p[1:].islower() else p for p in parts)
    if style == "camel":
        return "".join(_title(p).replace(" ", "") for p in parts)
    if style == "upper":
        return "_".join(p.upper() for p in parts)
    if style == "title_spaces":
        return " ".join(_title(p) for p in parts)
    if style == "lower_spaces":
        return " ".join(p.lower() if p[1:].islower() else p for p in parts)
    return " ".join(parts)


def _title(word: str) -> str:
    """Capitalise the first letter of each part, keeping the rest (CV, iPhone and McDonald stay)."""
    return " ".join(w[:1].upper() + w[1:] for w in word.split(" "))


@dataclass(frozen=True)
class DateChoice:
    """A date as a name writes it and as a description reads it."""

    name: str
    reading: str
    precision: str  # "day", "month" or "year"


def random_date(rng: random.Random, precision: str | None = None) -> DateChoice:
    """A date written in one of the common name formats, with its reading."""
    year, month, day = rng.choice(YEARS), rng.randint(1, 12), rng.randint(1, 28)
    precision = precision or rng.choices(("day", "month", "year"), weights=(5, 3, 3))[0]
    month_name = calendar.month_name[month]
    if precision == "year":
        return DateChoice(str(year), str(year), "year")
    if precision == "month":
        written = rng.choice(
            (
                f"{year}-{month:02d}",
                f"{year}_{month:02d}",
                f"{month_name} {year}",
                f"{month_name[:3]}_{year}",
                f"{month_name}_{year}",
                f"{month:02d}-{year}",
            )
        )
        if written == f"{month:02d}-{year}":
            written = f"{year}-{month:02d}"
        return DateChoice(written, f"{month_name} {year}", "month")
    written = rng.choices(
        (
            f"{year}-{month:02d}-{day:02d}",
            f"{year}{month:02d}{day:02d}",
            f"{day:02d}.{month:02d}.{year}",
            f"{year}_{month:02d}_{day:02d}",
            f"{day} {month_name} {year}",
            f"{month_name} {day} {year}",
        ),
        weights=(10, 6, 3, 3, 1, 1),
    )[0]
    return DateChoice(written, f"{day} {month_name} {year}", "day")


# ----- slots: what fills "<kind> from <company>" -----


@dataclass(frozen=True)
class Filler:
    """A slot's value: words for the name, a phrase for the description."""

    name_words: tuple[str, ...]
    phrase: str  # how the description attaches it: "from Acme Ltd", "for Math 101"
    possessive: str | None = None  # "Jane Doe's": replaces the article


OPEN_SHARE = 0.4  # share of slot values drawn from open vocabularies (coined names, any English word)
SYLLABLES = ("ka", "lo", "mi", "ren", "dor", "va", "sel", "ta", "ni", "bro", "mar", "el", "in", "qu", "ro", "sa",
             "ther", "li", "wen", "ga", "zu", "pe", "ost", "an", "hal", "mo", "vik", "de", "ly", "cas")
COMPANY_SUFFIXES = ("Ltd", "GmbH", "Inc", "Plumbing", "Consulting", "Bakery", "Dental", "Motors", "Studio",
                    "Partners", "& Co", "Energy", "Insurance", "Logistics", "Solutions", "Labs", "Design", "Legal")
STREET_KINDS = ("Street", "Road", "Avenue", "Lane", "Way", "Close")


@lru_cache(maxsize=1)
def english_words() -> tuple[str, ...]:
    """Common English words: the whole-word entries of MiniLM's WordPiece vocabulary, four to ten letters."""
    from training.scratch import minilm_folder

    vocabulary = (minilm_folder() / "vocab.txt").read_text(encoding="utf-8").split()
    return tuple(w for w in vocabulary if w.isascii() and w.isalpha() and 4 <= len(w) <= 10)


def coined(rng: random.Random) -> str:
    """A made-up proper name of two or three syllables ("Dorika", "Selvanor")."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).capitalize()


def open_word(rng: random.Random, capital: bool = False) -> str:
    """Any common English word, capitalised when asked."""
    word = rng.choice(english_words())
    return word.capitalize() if capital else word


def opened(rng: random.Random) -> bool:
    """Whether this slot value comes from an open vocabulary, so that the model learns to copy, not to recall."""
    return rng.random() < OPEN_SHARE


def person(rng: random.Random) -> tuple[str, str]:
    """A first and last name (from the lexicon, or coined)."""
    if opened(rng):
        return coined(rng), coined(rng)
    return rng.choice(lx.FIRST_NAMES), rng.choice(lx.LAST_NAMES)


def a_place(rng: random.Random) -> str:
    """A place from the lexicon, or coined."""
    return coined(rng) if opened(rng) else rng.choice(lx.PLACES)


def a_company(rng: random.Random) -> str:
    """A company from the lexicon, or an open-vocabulary one."""
    return open_value("company", rng) or "" if opened(rng) else rng.choice(lx.COMPANIES)


def a_topic(rng: random.Random) -> str:
    """A topic from the lexicon, or one or two common words."""
    return open_value("topic", rng) or "" if opened(rng) else rng.choice(lx.TOPICS)


def open_value(slot: str, rng: random.Random) -> str | None:
    """An open-vocabulary value for the slots that take any name or words; None for the others."""
    if slot in ("company", "bank", "insurer", "hotel", "restaurant"):
        return f"{rng.choice((coined(rng), open_word(rng, True)))} {rng.choice(COMPANY_SUFFIXES)}"
    if slot == "place":
        return coined(rng) if rng.random() < 0.6 else (
            f"{rng.randint(1, 200)} {open_word(rng, True)} {rng.choice(STREET_KINDS)}")
    if slot in ("topic", "product", "dish"):
        return " ".join(open_word(rng) for _ in range(rng.choice((1, 2))))
    if slot in ("project", "song"):
        return " ".join(open_word(rng, True) for _ in range(rng.choice((1, 1, 2))))
    return None


def fill(slot: str, rng: random.Random, phrase_noun: str) -> Filler:
    """A value for `slot` of a kind whose description noun is `phrase_noun`."""
    if slot == "person":
        first, last = person(rng)
        if rng.random() < 0.5:
            words = (first, last) if rng.random() < 0.7 else (last, first)
            return Filler(words, f"of {first} {last}", possessive=f"{first} {last}'s")
        return Filler((first,), f"of {first}", possessive=f"{first}'s")
    if slot == "quarter":
        quarter, year = rng.randint(1, 4), rng.choice(YEARS)
        if rng.random() < 0.5:
            return Filler((f"Q{quarter}", str(year)), f"for the {QUARTERS[quarter]} quarter of {year}")
        return Filler((f"Q{quarter}",), f"for the {QUARTERS[quarter]} quarter")
    if slot == "year":
        year = str(rng.choice(YEARS))
        return Filler((year,), f"for {year}")
    if slot == "month":
        date = random_date(rng, "month")
        return Filler((date.name,), f"for {date.reading}")
    if slot == "number":
        number = str(rng.choice((rng.randint(1, 12), rng.randint(100, 9999), rng.randint(10000, 999999))))
        return Filler((number,), f"number {number}") if rng.random() < 0.5 else Filler((number,), number)
    if slot == "trip":
        place = coined(rng) if opened(rng) else rng.choice(lx.PLACES)
        return Filler((place, "trip") if rng.random() < 0.6 else ("trip", place), f"for the trip to {place}")
    value, template = {
        "company": (lx.COMPANIES, "from {}"),
        "bank": (lx.BANKS, "from {}"),
        "insurer": (lx.INSURERS, "with {}"),
        "airline": (lx.AIRLINES, "for a {} flight"),
        "hotel": (lx.HOTELS, "at {}"),
        "place": (lx.PLACES, "for {}"),
        "country": (lx.COUNTRIES, "for {}"),
        "topic": (lx.TOPICS, "on {}"),
        "project": (lx.PROJECTS, "for {}"),
        "team": (lx.TEAMS, "of the {} team"),
        "event": (lx.EVENTS, "for the {}"),
        "course": (lx.COURSES, "for {}"),
        "school": (lx.SCHOOLS, "from {}"),
        "product": (lx.PRODUCTS, "for the {}"),
        "dish": (lx.DISHES, "for {}"),
        "role": (lx.ROLES, "for a {} position"),
        "restaurant": (lx.RESTAURANTS, "of {}"),
        "language": (lx.LANGUAGES, "for {}"),
        "sport": (lx.SPORTS, "for {}"),
        "room": (lx.ROOMS, "of the {}"),
        "song": (lx.SONGS, "for {}"),
        "region": (lx.REGIONS, "for {}"),
    }[slot]
    choice = (opened(rng) and open_value(slot, rng)) or rng.choice(value)
    if slot == "project":
        return Filler((choice,), f"for the {choice} project")
    if slot == "event" and choice[:1].isupper():
        return Filler((choice,), f"for {choice}")
    if slot == "topic" and choice.startswith("the "):
        return Filler((choice[4:],), f"on {choice}")
    if slot == "team" and choice in ("team", "staff", "board", "committee"):
        return Filler((choice,), f"of the {choice}")
    return Filler((choice,), template.format(choice))


# ----- documents -----

FORMAT_PHRASES = {
    "pdf": "as a PDF",
    "docx": "as a Word document",
    "doc": "as a Word document",
    "odt": "as an OpenDocument text",
    "xlsx": "as a spreadsheet",
    "xls": "as a spreadsheet",
    "ods": "as a spreadsheet",
    "csv": "as a CSV file",
    "pptx": "as slides",
    "md": "in Markdown",
    "txt": "as plain text",
}
IMAGE_FORMATS = ("jpg", "jpeg", "png", "heic")


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    """A key of `weights` drawn by weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def document(kind: lx.Kind, rng: random.Random, plain: bool = False) -> Record:
    """One document of `kind`: name words, optional date and version, the description that reads them.

    `plain`: nothing in the description depends on the format (the caller names the type itself).
    """
    base = rng.choice(kind.names)
    noun = kind.phrase.split(" ", 1)[1] if kind.phrase.split(" ", 1)[0] in ("a", "an", "the") else kind.phrase
    slots = [s for s in kind.slots if rng.random() < 0.75][:2]
    fillers = [fill(slot, rng, noun) for slot in slots]
    name_words: list[str] = [base.replace("_", " ")]
    for filler in fillers:
        if rng.random() < 0.7:
            name_words += filler.name_words
        else:
            name_words = [*filler.name_words, *name_words]
    date = random_date(rng) if kind.dated and rng.random() < 0.55 and "year" not in slots else None
    if date:
        if rng.random() < 0.8:
            name_words.append(date.name)
        else:
            name_words.insert(0, date.name)
    version_words, version_phrase = version_marks(rng)
    possessive = next((f.possessive for f in fillers if f.possessive and rng.random() < 0.6), None)
    head = f"{possessive} {noun}" if possessive else kind.phrase
    phrases = [f.phrase for f in fillers if not (possessive and f.possessive == possessive)]
    if date:
        phrases.append(("from " if date.precision == "day" else "for ") + date.reading)
    description = " ".join([head, *phrases])
    extension = weighted(rng, kind.formats)
    if plain:
        pass
    elif extension in IMAGE_FORMATS and "scan" not in description:
        description = f"a photo of {description}"
    elif rng.random() < 0.12 and extension in FORMAT_PHRASES:
        description += f", {FORMAT_PHRASES[extension]}"
    description = apply_version(description, version_phrase)
    stem = style_words(name_words + version_words, rng)
    return Record(f"{stem}.{extension}", description, SOURCE, f"document:{kind.names[0]}")


def _without_article(text: str) -> str:
    """`text` without a leading indefinite article."""
    first, _, rest = text.partition(" ")
    return rest if first in ("a", "an") else text


def version_marks(rng: random.Random) -> tuple[list[str], str | None]:
    """Version or state words for a name, and how a description says them."""
    roll = rng.random()
    if roll < 0.70:
        return [], None
    number = rng.randint(2, 7)
    options = (
        (["v" + str(number)], f"version {number}"),
        (["final"], "final version"),
        (["FINAL"], "final version"),
        (["draft"], "draft"),
        ([f"draft{number}"], f"draft {number}"),
        (["final", f"v{number}"], f"final version {number}"),
        (["signed"], "signed"),
        (["revised"], "revised version"),
        (["final", "final"], "final version"),
        ([f"v{number}.{rng.randint(0, 9)}"], None),
        (["old"], "old version"),
        (["updated"], "updated version"),
    )
    words, phrase = rng.choice(options)
    if phrase is None:
        return words, f"version {words[0][1:]}"
    return words, phrase


def apply_version(description: str, phrase: str | None) -> str:
    """Add a version phrase to a description: "the budget, final version 2", "draft of an essay"."""
    if phrase is None:
        return description
    if phrase == "draft" or phrase.startswith("draft "):
        return f"{phrase} of {description}"
    if phrase == "signed" and description.startswith(("a ", "an ")):
        return f"a signed {_without_article(description)}"
    if phrase == "signed":
        return f"{description}, signed"
    return f"{description}, {phrase}"


def documents(rng: random.Random, per_kind: int) -> list[Record]:
    """`per_kind` documents of every kind of the lexicon."""
    return [document(kind, rng) for kind in lx.KINDS for _ in range(per_kind)]


# ----- copies: "(1)", " - Copy", "Copy of" -----


def with_copy_mark(record: Record, rng: random.Random) -> Record:
    """The record as a duplicate: browser "(1)", Windows " - Copy", Drive "Copy of", macOS " copy"."""
    stem, _, extension = record.filename.rpartition(".")
    number = rng.randint(1, 3)
    mark = rng.choice(
        (
            (f"{stem} ({number})", f"duplicate {number} of"),
            (f"{stem} - Copy", "copy of"),
            (f"Copy of {stem}", "copy of"),
            (f"{stem} copy", "copy of"),
        )
    )
    return Record(f"{mark[0]}.{extension}", f"{mark[1]} {record.file_desc}", record.source, record.group)


# ----- photos, videos, music -----

PHOTO_EVENTS = (
    "holiday",
    "vacation",
    "trip",
    "wedding",
    "birthday",
    "graduation",
    "christmas",
    "beach",
    "hiking",
    "family",
    "party",
    "concert",
    "garden",
    "snow",
    "sunset",
    "road trip",
    "camping",
    "baby",
    "dog",
    "cat",
    "kids",
    "picnic",
    "museum",
    "reunion",
    "skiing",
    "festival",
    "city break",
    "honeymoon",
)
IMAGE_KINDS = (
    (("profile_picture", "profile_pic", "avatar"), "a profile picture"),
    (("headshot",), "a headshot"),
    (("passport_photo",), "a passport photo"),
    (("wallpaper", "background"), "a desktop wallpaper"),
    (("logo", "Logo"), "a logo"),
    (("banner",), "a banner image"),
    (("icon",), "an icon"),
    (("diagram", "flowchart"), "a diagram"),
    (("chart", "graph", "plot"), "a chart"),
    (("mockup", "wireframe"), "a mockup"),
    (("meme",), "a meme"),
    (("selfie",), "a selfie"),
    (("thumbnail", "thumb"), "a thumbnail"),
    (("sketch", "drawing"), "a sketch"),
    (("map",), "a map"),
)
IMAGE_FORMAT_WEIGHTS = {"jpg": 10, "JPG": 3, "jpeg": 3, "png": 6, "heic": 3, "HEIC": 2, "webp": 1, "gif": 1}
VIDEO_FORMAT_WEIGHTS = {"mp4": 10, "MP4": 2, "mov": 4, "MOV": 2, "mkv": 3, "avi": 1, "webm": 1}
AUDIO_FORMAT_WEIGHTS = {"mp3": 10, "m4a": 4, "flac": 3, "wav": 3, "ogg": 1, "opus": 1, "aac": 1}


def photo(rng: random.Random) -> Record:
    """A personal photo named after its event and place: holiday_photo_lisbon_0412.jpg."""
    event, place = rng.choice(PHOTO_EVENTS), a_place(rng)
    words: list[str] = [event]
    if rng.random() < 0.4:
        words.append(rng.choice(("photo", "pic", "pics", "img")))
    with_place = rng.random() < 0.7
    if with_place:
        words.append(place)
    date = random_date(rng, rng.choice(("day", "month", "year"))) if rng.random() < 0.4 else None
    if date:
        words.append(date.name)
    number = f"{rng.randint(1, 9999):0{rng.choice((2, 3, 4))}d}" if rng.random() < 0.6 else None
    if number:
        words.append(number)
    head = {
        "holiday": "a holiday photo",
        "vacation": "a vacation photo",
        "wedding": "a photo from a wedding",
        "birthday": "a birthday photo",
        "family": "a family photo",
        "christmas": "a Christmas photo",
        "baby": "a photo of the baby",
        "dog": "a photo of the dog",
        "cat": "a photo of the cat",
        "kids": "a photo of the kids",
        "sunset": "a photo of a sunset",
        "snow": "a photo of snow",
    }.get(event, f"a photo from the {event}")
    description = head + (f" in {place}" if with_place else "")
    if date:
        description += (" on " if date.precision == "day" else " from ") + date.reading
    if number and rng.random() < 0.3:
        description += f", number {int(number)}"
    extension = weighted(rng, IMAGE_FORMAT_WEIGHTS)
    return Record(f"{style_words(words, rng)}.{extension}", description, SOURCE, f"photo:{event}")


def image(rng: random.Random) -> Record:
    """A named image: a logo, a profile picture, a diagram of something."""
    names, phrase = rng.choice(IMAGE_KINDS)
    words = [rng.choice(names)]
    subject = None
    roll = rng.random()
    if roll < 0.35:
        subject = a_company(rng)
        words = [subject, *words] if rng.random() < 0.5 else [*words, subject]
        description = f"{phrase} of {subject}" if "logo" in phrase or "banner" in phrase else f"{phrase} for {subject}"
    elif roll < 0.6:
        first, last = person(rng)
        words.append(first)
        description = f"{first}'s {phrase.split(' ', 1)[1]}"
    elif roll < 0.8:
        topic = a_topic(rng).removeprefix("the ")
        words.append(topic)
        description = f"{phrase} of {topic}"
    else:
        description = phrase
    size = rng.choice(("", "", "", "512x512", "1920x1080", "64", "hd", "2x", "small", "large"))
    if size:
        words.append(size)
        description += {
            "512x512": ", 512 by 512 pixels",
            "1920x1080": ", 1920 by 1080 pixels",
            "64": ", 64 pixels",
            "hd": " in HD",
            "2x": " at double resolution",
            "small": ", small size",
            "large": ", large size",
        }[size]
    extension = rng.choice(("png", "png", "jpg", "svg", "webp", "gif")) if "photo" not in phrase else "jpg"
    return Record(f"{style_words(words, rng)}.{extension}", description, SOURCE, f"image:{names[0]}")


VIDEO_KINDS = (
    ("wedding", "the wedding video"),
    ("birthday", "a birthday video"),
    ("vlog", "a vlog episode"),
    ("tutorial", "a tutorial video"),
    ("lecture", "a lecture recording"),
    ("webinar", "a webinar recording"),
    ("gameplay", "a gameplay recording"),
    ("interview", "an interview recording"),
    ("presentation", "a recorded presentation"),
    ("drone", "drone footage"),
    ("timelapse", "a timelapse"),
    ("trailer", "a trailer"),
    ("demo", "a demo video"),
    ("recital", "a recording of a recital"),
)


def video(rng: random.Random) -> Record:
    """A personal or work video: wedding_highlights_2019.mp4, Lecture 05 - Eigenvalues.mp4."""
    key, phrase = rng.choice(VIDEO_KINDS)
    words = [key]
    description = phrase
    roll = rng.random()
    if roll < 0.35:
        number = rng.randint(1, 40)
        words.append(f"{number:02d}" if rng.random() < 0.5 else f"ep{number}" if key == "vlog" else str(number))
        description += f" number {number}" if key != "vlog" else f" {number}"
    if rng.random() < 0.5:
        topic = a_topic(rng)
        words.append(topic.removeprefix("the "))
        description += f" on {topic}"
    elif rng.random() < 0.4:
        place = a_place(rng)
        words.append(place)
        description += f" from {place}"
    if rng.random() < 0.3:
        date = random_date(rng, rng.choice(("day", "year")))
        words.append(date.name)
        description += (", recorded on " if date.precision == "day" else " from ") + date.reading
    if rng.random() < 0.2:
        quality = rng.choice(("1080p", "720p", "4K", "HD"))
        words.append(quality)
        description += f", in {quality}"
    extension = weighted(rng, VIDEO_FORMAT_WEIGHTS)
    return Record(f"{style_words(words, rng)}.{extension}", description, SOURCE, f"video:{key}")


SONG_WORDS = (
    "Golden",
    "Road",
    "Midnight",
    "River",
    "Summer",
    "Rain",
    "Heart",
    "Fire",
    "Blue",
    "Sky",
    "Dancing",
    "Shadows",
    "Home",
    "City",
    "Lights",
    "Ocean",
    "Wild",
    "Dreams",
    "Silver",
    "Moon",
    "Love",
    "Stars",
    "Echoes",
    "Paper",
    "Planes",
    "Winter",
    "Song",
    "Broken",
    "Glass",
    "Electric",
    "Highway",
    "Morning",
    "Coffee",
    "Neon",
    "Garden",
    "Storm",
    "Letters",
    "Forever",
    "Young",
    "Gravity",
    "Runaway",
    "Velvet",
)
ARTISTS = (
    "The Beatles",
    "Adele",
    "Queen",
    "Taylor Swift",
    "Radiohead",
    "Daft Punk",
    "Miles Davis",
    "Beyonce",
    "Coldplay",
    "ABBA",
    "Nirvana",
    "Bob Dylan",
    "Billie Eilish",
    "Ed Sheeran",
    "Pink Floyd",
    "Rihanna",
    "The Rolling Stones",
    "Metallica",
    "Dua Lipa",
    "Kendrick Lamar",
    "Bach",
    "Mozart",
    "Beethoven",
    "Chopin",
    "Norah Jones",
    "Arctic Monkeys",
    "Fleetwood Mac",
    "David Bowie",
    "Stromae",
    "Shakira",
    "BTS",
)
PODCASTS = (
    "The Daily",
    "Radiolab",
    "Hardcore History",
    "Lex Fridman",
    "Freakonomics",
    "99% Invisible",
    "This American Life",
    "Darknet Diaries",
    "Huberman Lab",
    "Serial",
    "Planet Money",
    "Syntax",
)


def song_title(rng: random.Random) -> str:
    """An invented song title of one to three words."""
    if opened(rng):
        return " ".join(open_word(rng, True) for _ in range(rng.choice((1, 2, 2, 3))))
    return " ".join(rng.sample(SONG_WORDS, rng.choice((1, 2, 2, 3))))


def artist(rng: random.Random) -> str:
    """A performer: from the lexicon, or coined."""
    if opened(rng):
        return rng.choice((f"The {open_word(rng, True)}s", f"{coined(rng)} {coined(rng)}", coined(rng)))
    return rng.choice(ARTISTS)


def audio(rng: random.Random) -> Record:
    """Music, podcasts, audiobooks, voice memos and lessons as people name them."""
    roll = rng.random()
    title, performer = song_title(rng), artist(rng)
    if roll < 0.25:
        stem, description = f"{performer} - {title}", f"the song {title} by {performer}"
    elif roll < 0.45:
        track = rng.randint(1, 18)
        stem = rng.choice((f"{track:02d} - {title}", f"{track:02d} {title}", f"{track:02d}. {title}"))
        description = f"track {track} of an album: {title}" if rng.random() < 0.5 else f"{title}, track {track}"
    elif roll < 0.55:
        version = rng.choice(
            (
                ("Live at Wembley", "a live recording at Wembley"),
                ("Remastered 2009", "2009 remaster"),
                ("Acoustic", "acoustic version"),
                ("Radio Edit", "radio edit"),
                ("Remix", "remix"),
                ("Demo", "demo version"),
                ("Instrumental", "instrumental version"),
            )
        )
        stem = f"{title} ({version[0]})" if rng.random() < 0.5 else f"{performer} - {title} ({version[0]})"
        by = f" by {performer}" if performer in stem else ""
        description = (
            f"{title}{by}, {version[1]}" if not version[1].startswith("a ") else f"{version[1]} of {title}{by}"
        )
    elif roll < 0.7:
        show, number = rng.choice(PODCASTS), rng.randint(1, 400)
        stem = rng.choice(
            (
                f"{show} - Episode {number}",
                f"podcast_episode_{number}",
                f"{show} Ep {number}",
                f"{show.lower().replace(' ', '_')}_ep{number}",
            )
        )
        description = (
            f"episode {number} of the {show} podcast"
            if show.lower()[:4] in stem.lower()
            else (f"podcast episode {number}")
        )
    elif roll < 0.8:
        book, chapter = (
            rng.choice(("The Hobbit", "Dune", "Sapiens", "Atomic Habits", "1984", "Emma", "Ulysses")),
            rng.randint(1, 30),
        )
        stem = rng.choice((f"{book} - Chapter {chapter:02d}", f"{book} {chapter:02d}", f"{book}_ch{chapter}"))
        description = f"chapter {chapter} of the {book} audiobook"
    elif roll < 0.9:
        language, lesson = rng.choice(lx.LANGUAGES), rng.randint(1, 60)
        topic = rng.choice(("Greetings", "Ordering Food", "Numbers", "Directions", "Hotels", "The Past Tense"))
        stem = f"{language} Lesson {lesson} - {topic}"
        description = f"{language} lesson {lesson} on {topic.lower()}, audio"
    else:
        kind = rng.choice(
            (
                ("ringtone", "a ringtone"),
                ("alarm", "an alarm sound"),
                ("sample", "a sound sample"),
                ("meditation", "a guided meditation"),
                ("interview", "an interview recording"),
                ("rehearsal", "a rehearsal recording"),
                ("beat", "a music beat"),
            )
        )
        extra = rng.choice(lx.TOPICS + lx.SONGS).removeprefix("the ")
        stem = style_words([kind[0], extra], rng)
        description = f"{kind[1]}: {extra}" if kind[0] in ("ringtone", "sample", "beat") else f"{kind[1]} about {extra}"
    extension = weighted(rng, AUDIO_FORMAT_WEIGHTS)
    return Record(f"{stem}.{extension}", description, SOURCE, "audio")


MOVIES = (
    "The Matrix",
    "Inception",
    "Casablanca",
    "Alien",
    "Amelie",
    "Parasite",
    "Spirited Away",
    "Jaws",
    "Heat",
    "Arrival",
    "Interstellar",
    "Gladiator",
    "Psycho",
    "Vertigo",
    "Up",
    "Coco",
    "Memento",
    "Fargo",
)
SHOWS = (
    "Breaking Bad",
    "The Office",
    "Friends",
    "Dark",
    "Succession",
    "The Wire",
    "Sherlock",
    "Fleabag",
    "Stranger Things",
    "Severance",
    "The Crown",
    "Chernobyl",
    "Mad Men",
    "Lost",
)


def film(rng: random.Random) -> Record:
    """Films and TV episodes named by release groups: The.Matrix.1999.1080p.BluRay.x264.mkv, Dark.S01E02.mkv."""
    quality = rng.choice(("1080p", "720p", "2160p", "480p"))
    source = rng.choice(("BluRay", "WEB-DL", "WEBRip", "HDTV", "DVDRip"))
    if rng.random() < 0.5:
        title, year = rng.choice(MOVIES), rng.randint(1950, 2024)
        sep = rng.choice((".", " ", "_"))
        stem = sep.join([*title.split(" "), str(year), quality, source, rng.choice(("x264", "x265", "HEVC"))])
        if rng.random() < 0.4:
            stem = f"{title} ({year})"
        description = f"the film {title} ({year})" + (f", {quality} {source} rip" if quality in stem else "")
    else:
        show, season, episode = rng.choice(SHOWS), rng.randint(1, 8), rng.randint(1, 13)
        sep = rng.choice((".", " ", "_"))
        marker = rng.choice((f"S{season:02d}E{episode:02d}", f"s{season:02d}e{episode:02d}", f"{season}x{episode:02d}"))
        stem = sep.join([*show.split(" "), marker] + ([quality] if rng.random() < 0.6 else []))
        description = f"{show}, season {season} episode {episode}"
    extension = rng.choice(("mkv", "mkv", "mp4", "avi", "srt")) if rng.random() < 0.9 else "srt"
    if extension == "srt":
        description = f"subtitles for {description}"
    return Record(f"{stem}.{extension}", description, SOURCE, "film")


# ----- downloads and installers -----

APPS = (
    ("Firefox", "firefox"),
    ("Google Chrome", "googlechrome"),
    ("VLC", "vlc"),
    ("Zoom", "zoom"),
    ("Slack", "slack"),
    ("Discord", "discord"),
    ("Spotify", "spotify"),
    ("Steam", "steam"),
    ("Blender", "blender"),
    ("GIMP", "gimp"),
    ("Inkscape", "inkscape"),
    ("LibreOffice", "libreoffice"),
    ("Visual Studio Code", "VSCode"),
    ("Python", "python"),
    ("Node.js", "node"),
    ("Git", "Git"),
    ("Docker Desktop", "Docker Desktop"),
    ("VirtualBox", "VirtualBox"),
    ("OBS Studio", "OBS-Studio"),
    ("Audacity", "audacity"),
    ("7-Zip", "7z"),
    ("Notepad++", "npp"),
    ("Thunderbird", "Thunderbird"),
    ("KeePassXC", "KeePassXC"),
    ("Krita", "krita"),
    ("HandBrake", "HandBrake"),
    ("qBittorrent", "qbittorrent"),
    ("Android Studio", "android-studio"),
    ("PyCharm", "pycharm-community"),
    ("Postman", "Postman"),
    ("Anaconda", "Anaconda3"),
    ("Miniconda", "Miniconda3"),
    ("RStudio", "RStudio"),
    ("Wireshark", "Wireshark"),
    ("PuTTY", "putty"),
    ("FileZilla", "FileZilla"),
    ("TeamViewer", "TeamViewer"),
    ("Brave", "BraveBrowser"),
    ("Signal", "signal-desktop"),
    ("Telegram", "tsetup"),
    ("Obsidian", "Obsidian"),
    ("Calibre", "calibre"),
    ("Zotero", "Zotero"),
    ("balenaEtcher", "balenaEtcher"),
    ("Raspberry Pi Imager", "imager"),
    ("Sublime Text", "sublime_text"),
    ("Dropbox", "DropboxInstaller"),
    ("Microsoft Teams", "Teams"),
    ("WhatsApp", "WhatsAppSetup"),
    ("Figma", "Figma"),
    ("Notion", "Notion"),
    ("Epic Games Launcher", "EpicInstaller"),
    ("Minecraft Launcher", "MinecraftInstaller"),
    ("Unity Hub", "UnityHub"),
    ("WinRAR", "winrar"),
    ("Adobe Acrobat Reader", "AcroRdr"),
    ("Tor Browser", "tor-browser"),
    ("Opera", "Opera"),
)
PLATFORMS = (
    ("win64", "exe", "for 64-bit Windows"),
    ("x64", "exe", "for 64-bit Windows"),
    ("amd64", "exe", "for 64-bit Windows"),
    ("win32", "exe", "for 32-bit Windows"),
    ("", "msi", "for Windows"),
    ("", "exe", "for Windows"),
    ("", "dmg", "for macOS"),
    ("universal", "dmg", "for macOS"),
    ("arm64", "dmg", "for Apple silicon Macs"),
    ("amd64", "deb", "for Debian or Ubuntu"),
    ("x86_64", "rpm", "for Fedora or other RPM-based Linux"),
    ("x86_64", "AppImage", "for Linux, as a portable AppImage"),
    ("", "apk", "for Android"),
    ("linux-x64", "tar.gz", "for Linux"),
    ("", "pkg", "for macOS"),
)
UNSTATED_ARCHITECTURE = {"for 64-bit Windows": "for Windows", "for 32-bit Windows": "for Windows",
                         "for Apple silicon Macs": "for macOS"}
DISTROS = (
    ("ubuntu", "Ubuntu", ("22.04", "24.04", "20.04"), "desktop"),
    ("debian", "Debian", ("12.5.0", "11.9.0"), "netinst"),
    ("Fedora-Workstation-Live", "Fedora Workstation", ("39", "40"), ""),
    ("linuxmint", "Linux Mint", ("21.3",), "cinnamon"),
    ("kali-linux", "Kali Linux", ("2024.1",), "installer"),
    ("Win11_23H2_English", "Windows 11", ("",), ""),
    ("manjaro-kde", "Manjaro", ("23.1",), ""),
)


def installer(rng: random.Random) -> Record:
    """An installer or disk image: Firefox Setup 125.0.dmg, vlc-3.0.20-win64.exe, ubuntu-24.04-desktop-amd64.iso."""
    if rng.random() < 0.15:
        prefix, name, versions, flavour = rng.choice(DISTROS)
        version = rng.choice(versions)
        stem = "-".join(p for p in (prefix, version, flavour, "amd64" if prefix.islower() else "") if p)
        description = f"{name} {version} installation disk image".replace("  ", " ")
        if flavour == "desktop":
            description = f"{name} {version} desktop installation image for 64-bit PCs"
        return Record(f"{stem}.iso", description, SOURCE, "installer:os")
    app, token = rng.choice(APPS)
    arch, extension, platform = rng.choice(PLATFORMS)
    version = ".".join(str(rng.randint(0, n)) for n in rng.choice(((130,), (30, 20), (5, 20, 40), (3, 12, 9, 400))))
    style = rng.random()
    if style < 0.25:
        stem = f"{app} Setup {version}"
        description = f"{app} {version} installer {platform}"
    elif style < 0.6:
        stem = "-".join(p for p in (token, version, arch) if p)
        description = f"{app} {version} installer {platform}"
    elif style < 0.8:
        stem = "_".join(p for p in (token, arch) if p) if arch else f"{token}_installer"
        description = f"{app} installer {platform}"
    else:
        stem = f"{token}Setup" if rng.random() < 0.5 else f"{token}-setup-{version}"
        description = f"setup program for {app}" + (f" {version}" if version in stem else "") + f" {platform}"
    if arch and arch not in stem:  # a name that does not say its architecture: no bitness or chip claimed for it
        description = description.replace(platform, UNSTATED_ARCHITECTURE.get(platform, platform))
    if extension == "deb":
        description = description.replace("installer for Debian or Ubuntu", "package for Debian or Ubuntu")
    if extension == "tar.gz":
        description = f"{app} {version} for Linux, as a compressed archive" if version in stem else f"{app} for Linux"
    return Record(f"{stem}.{extension}", description, SOURCE, f"installer:{extension}")


# ----- data files -----

DATA_SUBJECTS = (
    ("sales", "sales figures"),
    ("customers", "customer records"),
    ("orders", "order records"),
    ("transactions", "transaction records"),
    ("inventory", "inventory data"),
    ("survey_responses", "survey responses"),
    ("sensor_readings", "sensor readings"),
    ("measurements", "measurements"),
    ("results", "results"),
    ("weather", "weather data"),
    ("stock_prices", "stock prices"),
    ("employees", "employee records"),
    ("grades", "student grades"),
    ("expenses", "expenses"),
    ("population", "population statistics"),
    ("users", "user accounts"),
    ("products", "product catalogue"),
    ("leads", "sales leads"),
    ("temperatures", "temperature readings"),
    ("traffic", "traffic counts"),
    ("prices", "prices"),
    ("scores", "scores"),
    ("flights", "flight records"),
    ("reviews", "customer reviews"),
    ("logs", "log records"),
    ("events", "event records"),
    ("clicks", "click data"),
    ("subscribers", "subscriber list"),
    ("participants", "participant data"),
    ("votes", "vote counts"),
    ("donations", "donation records"),
)
DATA_FORMATS = {"csv": 10, "xlsx": 5, "json": 5, "parquet": 2, "sql": 2, "tsv": 1, "xml": 1, "db": 1, "sqlite": 1}
DATA_FORMAT_PHRASES = {
    "csv": "as CSV",
    "json": "as JSON",
    "parquet": "in Parquet format",
    "sql": "as an SQL dump",
    "tsv": "as tab-separated values",
    "xml": "as XML",
    "db": "in a database file",
    "sqlite": "in an SQLite database",
    "xlsx": "in a spreadsheet",
}


def data_file(rng: random.Random, plain: bool = False) -> Record:
    """A data file or export: sales_2023.csv, customers.json, survey responses 2024.csv (`plain`: no format words)."""
    key, phrase = rng.choice(DATA_SUBJECTS)
    words, description = [key], phrase
    if rng.random() < 0.3:
        company = rng.random() < 0.3
        qualifier = a_company(rng) if company else rng.choice((a_place(rng), rng.choice(lx.REGIONS),
                                                                 rng.choice(lx.PROJECTS)))
        words = [qualifier, key] if rng.random() < 0.4 else [key, qualifier]
        description += f" of {qualifier}" if company else f" for {qualifier}"
    if rng.random() < 0.55:
        date = random_date(rng)
        words.append(date.name)
        description += (" from " if date.precision == "day" else " for ") + date.reading
    if rng.random() < 0.15:
        marker = rng.choice((("export", "exported "), ("raw", "raw "), ("clean", "cleaned "), ("backup", "backup of ")))
        words.append(marker[0])
        description = marker[1] + description
    extension = weighted(rng, DATA_FORMATS)
    if plain:
        pass
    elif extension == "sql":
        description = f"SQL dump of {description}"
    elif rng.random() < 0.35:
        description += f" {DATA_FORMAT_PHRASES[extension]}"
    return Record(f"{style_words(words, rng)}.{extension}", description, SOURCE, f"data:{key}")


# ----- code -----

LANGUAGES_BY_EXT = {
    "py": "Python",
    "js": "JavaScript",
    "mjs": "JavaScript",
    "ts": "TypeScript",
    "java": "Java",
    "go": "Go",
    "rb": "Ruby",
    "rs": "Rust",
    "cpp": "C++",
    "c": "C",
    "cs": "C#",
    "php": "PHP",
    "kt": "Kotlin",
    "swift": "Swift",
    "dart": "Dart",
    "jsx": "React",
    "tsx": "React",
    "vue": "Vue",
    "sh": "shell",
}
CODE_ROLES = (
    ("{x}_controller", "{lang} controller for {xs}"),
    ("{x}_service", "{lang} service for {xs}"),
    ("{x}_model", "{lang} data model of a {x}"),
    ("{x}_utils", "{lang} helper functions for {xs}"),
    ("{x}_helpers", "{lang} helper functions for {xs}"),
    ("{x}_handler", "{lang} handler for {xs}"),
    ("{x}_routes", "{lang} routes for {xs}"),
    ("{x}_schema", "{lang} schema of {xs}"),
    ("{x}_client", "{lang} client for the {x} API"),
    ("{x}_parser", "{lang} parser for {xs}"),
    ("test_{x}", "{lang} tests for {xs}"),
    ("{x}_test", "{lang} tests for {xs}"),
    ("{x}.test", "{lang} tests for {xs}"),
    ("{x}.spec", "{lang} tests for {xs}"),
    ("{X}Controller", "{lang} controller for {xs}"),
    ("{X}Service", "{lang} service for {xs}"),
    ("{X}Repository", "{lang} repository for {xs}"),
    ("{X}", "{lang} class for a {x}"),
    ("use{X}", "React hook for {xs}"),
    ("{X}Form", "{lang} form for a {x}"),
    ("{X}List", "{lang} component listing {xs}"),
    ("{x}_api", "{lang} API for {xs}"),
    ("{x}", "{lang} code for {xs}"),
    ("create_{xs}_table", "database migration creating the {xs} table"),
    ("{x}_view", "{lang} view for {xs}"),
    ("{x}_store", "{lang} store for {xs}"),
    ("{x}_config", "{lang} configuration of the {x}"),
)
CODE_THINGS = (
    "user",
    "order",
    "payment",
    "invoice",
    "product",
    "cart",
    "session",
    "auth",
    "login",
    "comment",
    "post",
    "message",
    "notification",
    "email",
    "report",
    "search",
    "upload",
    "image",
    "profile",
    "account",
    "booking",
    "ticket",
    "task",
    "project",
    "team",
    "customer",
    "address",
    "shipping",
    "inventory",
    "weather",
    "chat",
    "game",
    "player",
    "score",
    "map",
    "route",
    "event",
    "calendar",
    "note",
    "file",
    "token",
    "config",
    "cache",
    "queue",
    "logger",
    "metrics",
    "date",
    "string",
    "matrix",
    "graph",
    "tree",
)
UNCOUNTED_THINGS = frozenset({"auth", "config", "cache", "metrics", "inventory", "shipping", "weather", "chat",
                              "search", "login"})  # written as they are where the others take an "s"
IRREGULAR_PLURALS = {"matrix": "matrices", "address": "addresses"}


def things(thing: str) -> str:
    """The plural of a CODE_THINGS word ("users", "matrices", "addresses"; "auth" and "weather" as they are)."""
    return IRREGULAR_PLURALS.get(thing) or (thing if thing in UNCOUNTED_THINGS else f"{thing}s")


def code_file(rng: random.Random, plain: bool = False) -> Record:
    """A source file named after what it holds: user_controller.rb, test_parser.py (`plain`: no language named)."""
    template, phrase = rng.choice(CODE_ROLES)
    thing = rng.choice(CODE_THINGS)
    if template.startswith("use"):
        extension = rng.choice(("ts", "js", "tsx", "jsx"))
    elif template[:1] == "{" and template[1] == "X" or "X}" in template:
        extension = rng.choice(("java", "ts", "cs", "kt", "swift", "tsx", "jsx", "php", "py"))
    elif template.endswith((".test", ".spec")):
        extension = rng.choice(("js", "ts"))
    elif template.startswith("create_"):
        extension = rng.choice(("rb", "py", "sql", "php"))
    else:
        extension = rng.choice(("py", "py", "js", "ts", "go", "rb", "rs", "php", "c", "cpp", "sh"))
    plural = things(thing)
    stem = template.format(x=thing, X=thing.capitalize(), xs=plural)
    language = "" if plain else LANGUAGES_BY_EXT.get(extension, "source")
    if template == "{X}" and extension in ("tsx", "jsx"):
        phrase = "{lang} component for a {x}"  # a capitalised name in JSX is a component, not a class
    description = phrase.format(lang=language, x=thing, xs=plural).strip()
    return Record(f"{stem}.{extension}", description, SOURCE, f"code:{template}")


# ----- archives and backups -----


def archive(rng: random.Random, plain: bool = False) -> Record:
    """Archives and backups: minecraft_world_backup.zip, photos_2019.zip (`plain`: no format words)."""
    subject = rng.choice(
        (
            "photos",
            "documents",
            "website",
            "thesis",
            "project",
            "music",
            "emails",
            "game saves",
            "minecraft world",
            "wordpress site",
            "database",
            "home folder",
            "phone",
            "old laptop",
            "source code",
            "fonts",
            "icons",
            "assets",
            "templates",
            "scans",
            "receipts",
            "wedding photos",
        )
    )
    words, description = [subject], subject
    backup = rng.random() < 0.5
    if backup:
        words.append(rng.choice(("backup", "bak", "Backup")))
    if rng.random() < 0.5:
        date = random_date(rng)
        words.append(date.name)
        when = (" from " if date.precision == "day" else " from ") + date.reading
    else:
        when = ""
    extension = rng.choice(("zip", "zip", "zip", "tar.gz", "7z", "rar", "tgz"))
    kind = {"zip": "zipped", "7z": "7-Zip", "rar": "RAR", "tar.gz": "compressed", "tgz": "compressed"}[extension]
    kind = "" if plain else f"{kind} "
    if backup:
        description = f"{kind}backup of the {subject}{when}"
    else:
        description = f"{kind}archive of {subject}{when}" if kind else f"{subject}{when}"
    return Record(f"{style_words(words, rng)}.{extension}", description, SOURCE, f"archive:{subject}")


# ----- stems for other types (the MIME source) -----

CONFIG_STEMS = (
    ("config", "configuration"),
    ("app_config", "configuration of an application"),
    ("settings", "settings"),
    ("defaults", "default settings"),
    ("production", "production configuration"),
    ("dev", "development configuration"),
    ("logging", "logging configuration"),
    ("database", "database configuration"),
    ("pipeline", "pipeline definition"),
    ("local_settings", "local settings"),
    ("theme", "theme settings"),
    ("keybindings", "key bindings"),
    ("server", "server configuration"),
    ("network", "network configuration"),
    ("user", "user settings"),
)
FONT_FAMILIES = (
    "Roboto",
    "Open Sans",
    "Inter",
    "Lato",
    "Montserrat",
    "Source Code Pro",
    "Fira Code",
    "DejaVu Sans",
    "Noto Serif",
    "Liberation Mono",
    "Ubuntu",
    "Merriweather",
    "Playfair Display",
    "JetBrains Mono",
)
FONT_STYLES = (
    ("Regular", "regular"),
    ("Bold", "bold"),
    ("Italic", "italic"),
    ("Light", "light"),
    ("BoldItalic", "bold italic"),
    ("Medium", "medium"),
    ("SemiBold", "semibold"),
)
PROGRAM_STEMS = (
    ("setup", "setup program"),
    ("installer", "installer"),
    ("update", "update"),
    ("launcher", "launcher"),
    ("game", "game"),
    ("tool", "tool"),
    ("patch", "patch"),
    ("driver", "driver"),
    ("demo", "demo"),
    ("uninstall", "uninstaller"),
    ("server", "server program"),
    ("client", "client program"),
)


def named_stem(category: str, rng: random.Random) -> tuple[str, str]:
    """A name stem of a file of `category` and what it means, with no word that depends on the format."""
    makers: dict[str, Callable[[], Record]] = {
        "documents": lambda: document(rng.choice(lx.KINDS), rng, plain=True),
        "images": lambda: photo(rng) if rng.random() < 0.5 else image(rng),
        "audio": lambda: audio(rng),
        "video": lambda: video(rng),
        "archives": lambda: archive(rng, plain=True),
        "code": lambda: code_file(rng, plain=True),
        "data": lambda: data_file(rng, plain=True),
    }
    if category in makers:
        record = makers[category]()
        stem = record.filename.removesuffix(".tar.gz").rsplit(".", 1)[0]
        return stem, record.file_desc
    if category == "fonts":
        family, (style, reading) = rng.choice(FONT_FAMILIES), rng.choice(FONT_STYLES)
        return f"{family.replace(' ', '')}-{style}", f"the {family} font, {reading}"
    stem, meaning = rng.choice(CONFIG_STEMS if category == "config" else PROGRAM_STEMS)
    return style_words(stem.split("_"), rng), meaning


GENERATORS: tuple[tuple[Callable[[random.Random], Record], int], ...] = (
    (photo, 900),
    (image, 700),
    (video, 700),
    (audio, 1400),
    (film, 500),
    (installer, 1400),
    (data_file, 1200),
    (code_file, 1500),
    (archive, 600),
)


def everyday_records(seed: int, per_kind: int = 40, copy_share: float = 0.04) -> list[Record]:
    """The everyday examples: `per_kind` documents of each lexicon kind and the media, downloads, data and code."""
    rng = random.Random(f"{seed}:everyday")
    records = documents(rng, per_kind)
    for generator, count in GENERATORS:
        records += [generator(rng) for _ in range(count)]
    return in_buckets([with_copy_mark(r, rng) if rng.random() < copy_share else r for r in records])
