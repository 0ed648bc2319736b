"""Everyday files of the types that the document and media generators leave out: fonts, e-books and comics,
saved emails and Outlook data files, shortcuts, subtitles, torrents, 3D-printing files, GPS tracks and Apple's
iWork documents, each described by what its name says ("Jane Austen - Pride and Prejudice.epub" -> "the e-book
of Pride and Prejudice by Jane Austen").

People keep these in Downloads, Documents and Desktop; without examples of them the memory's nearest names are of
another type, and "Outlook.pst" read as TypeScript. Written from the conventions of the programs that make the
names (Outlook, Windows Explorer, PrusaSlicer, Strava and Garmin exports, subtitle sites).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from training.corpus.everyday import (
    FONT_FAMILIES,
    FONT_STYLES,
    MOVIES,
    SHOWS,
    SOURCE,
    named_stem,
    random_date,
    style_words,
    weighted,
)
from training.corpus.records import Record, in_buckets

BOOKS = (  # title, author
    ("Pride and Prejudice", "Jane Austen"),
    ("Moby Dick", "Herman Melville"),
    ("The Great Gatsby", "F. Scott Fitzgerald"),
    ("Frankenstein", "Mary Shelley"),
    ("Dracula", "Bram Stoker"),
    ("War and Peace", "Leo Tolstoy"),
    ("Sapiens", "Yuval Noah Harari"),
    ("Atomic Habits", "James Clear"),
    ("Clean Code", "Robert C. Martin"),
    ("Dune", "Frank Herbert"),
    ("The Hobbit", "J. R. R. Tolkien"),
    ("Thinking, Fast and Slow", "Daniel Kahneman"),
    ("Python Crash Course", "Eric Matthes"),
    ("The Pragmatic Programmer", "David Thomas"),
    ("Deep Work", "Cal Newport"),
    ("Project Hail Mary", "Andy Weir"),
    ("Educated", "Tara Westover"),
    ("The Martian", "Andy Weir"),
    ("Norwegian Wood", "Haruki Murakami"),
    ("Middlemarch", "George Eliot"),
)
EBOOK_FORMATS = {"epub": 10, "mobi": 3, "azw3": 2}
COMICS = ("Batman", "Saga", "Watchmen", "One Piece", "Spider-Man", "Asterix", "Tintin", "X-Men")
EMAIL_SUBJECTS = (
    ("Invoice {n}", "invoice {n}"),
    ("Meeting tomorrow", "the meeting tomorrow"),
    ("Contract draft", "the contract draft"),
    ("Your order {n}", "order {n}"),
    ("Flight confirmation", "a flight confirmation"),
    ("Project update", "a project update"),
    ("Job offer", "a job offer"),
    ("Rent increase", "a rent increase"),
    ("Holiday plans", "holiday plans"),
    ("Quote for the roof", "a quote for the roof"),
    ("Welcome to the team", "joining the team"),
)
EMAIL_PREFIXES = (
    ("", "an email about"),
    ("Re_ ", "a reply about"),
    ("RE_ ", "a reply about"),
    ("Fwd_ ", "a forwarded email about"),
    ("FW_ ", "a forwarded email about"),
)
OUTLOOK_NAMES = (
    ("Outlook", "Outlook data file of the user's emails, calendar and contacts"),
    ("archive", "Outlook data file of archived emails"),
    ("Archive", "Outlook data file of archived emails"),
    ("backup", "backup of an Outlook mailbox"),
    ("Personal Folders", "Outlook data file of personal folders: emails, calendar and contacts"),
    ("old_emails", "Outlook data file of old emails"),
    ("mailbox_backup", "backup of an Outlook mailbox"),
)
SHORTCUT_APPS = (
    "Google Chrome",
    "Microsoft Word",
    "Excel",
    "Spotify",
    "Steam",
    "Zoom",
    "Notepad++",
    "VLC media player",
    "Discord",
    "Visual Studio Code",
    "Photoshop",
    "Minecraft Launcher",
    "OBS Studio",
    "Firefox",
)
WEBSITES = (
    "YouTube",
    "Gmail",
    "Netflix",
    "Wikipedia",
    "Amazon",
    "GitHub",
    "Online Banking",
    "BBC News",
    "Google Drive",
    "Office 365",
    "Moodle",
    "Stack Overflow",
)
SUBTITLE_LANGUAGES = {
    "en": "English",
    "eng": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt-BR": "Brazilian Portuguese",
    "nl": "Dutch",
}
SUBTITLE_FORMATS = {"srt": 10, "vtt": 2, "ass": 1, "sub": 1}
PRINT_THINGS = (
    "phone stand",
    "cable clip",
    "planter",
    "benchy",
    "gear",
    "headphone hook",
    "bracket",
    "dice tower",
    "lithophane",
    "cookie cutter",
    "spool holder",
    "raspberry pi case",
    "miniature",
    "vase",
)
FILAMENTS = ("PLA", "PETG", "ABS", "TPU")
PRINTERS = ("MK3S", "MK4", "Ender3", "X1C", "MINI")
TRACKS = (
    ("Morning Run", "a morning run"),
    ("Afternoon Ride", "an afternoon ride"),
    ("Evening Walk", "an evening walk"),
    ("Lunch Run", "a lunchtime run"),
    ("Hike", "a hike"),
    ("Commute", "a commute by bike"),
    ("Trail Run", "a trail run"),
    ("Ski Tour", "a ski tour"),
)
PLACES = (
    ("Mont Blanc", "on Mont Blanc"),
    ("Snowdon", "on Snowdon"),
    ("Lake District", "in the Lake District"),
    ("Yosemite", "in Yosemite"),
    ("Black Forest", "in the Black Forest"),
    ("Dolomites", "in the Dolomites"),
    ("Cotswolds", "in the Cotswolds"),
    ("Alps", "in the Alps"),
)
DISTROS = (  # as the image's name writes it, as people write it, a release
    ("ubuntu", "Ubuntu", "24.04"),
    ("debian", "Debian", "12.5.0"),
    ("Fedora-Workstation-Live", "Fedora Workstation", "40"),
    ("linuxmint", "Linux Mint", "21.3"),
    ("archlinux", "Arch Linux", "2024.05.01"),
)
IWORK = {"pages": "a Pages document", "numbers": "a Numbers spreadsheet", "key": "a Keynote presentation"}


def example(filename: str, description: str, group: str) -> Record:
    """An everyday example of this module, in `group` (its kind and extension: "types:font:ttf")."""
    return Record(filename, description, SOURCE, group)


def font(rng: random.Random) -> Record:
    """A font file of a family and style ("Roboto-Bold.ttf" -> "the Roboto font, bold")."""
    family, (style, reading) = rng.choice(FONT_FAMILIES), rng.choice(FONT_STYLES)
    extension = weighted(rng, {"ttf": 10, "otf": 6, "woff2": 3, "woff": 1})
    joined = rng.choice((family.replace(" ", ""), family.replace(" ", "_"), family))
    web = "web font" if extension.startswith("woff") else "font"
    return example(f"{joined}-{style}.{extension}", f"the {family} {web}, {reading}", f"types:font:{extension}")


def ebook(rng: random.Random) -> Record:
    """An e-book named by title and often author ("Jane Austen - Pride and Prejudice.epub")."""
    (title, author), extension = rng.choice(BOOKS), weighted(rng, EBOOK_FORMATS)
    surname = author.split()[-1]
    name, says = rng.choice(
        (
            (title, f"the e-book of {title}"),
            (f"{author} - {title}", f"the e-book of {title} by {author}"),
            (f"{title} - {author}", f"the e-book of {title} by {author}"),
            (style_words([*title.replace(",", "").split(), surname], rng), f"the e-book of {title} by {surname}"),
            (f"{title} ({author})", f"the e-book of {title} by {author}"),
        )
    )
    kindle = " for Kindle" if extension in ("mobi", "azw3") and rng.random() < 0.5 else ""
    return example(f"{name}.{extension}", f"{says}{kindle}", f"types:ebook:{extension}")


def comic(rng: random.Random) -> Record:
    """A comic book archive of a series' issue ("Saga 012.cbz")."""
    series, issue, extension = rng.choice(COMICS), rng.randint(1, 60), rng.choice(("cbz", "cbz", "cbr"))
    number = rng.choice((f"{issue:03d}", f"#{issue}", f"Issue {issue}"))
    return example(f"{series} {number}.{extension}", f"issue {issue} of the {series} comic", f"types:comic:{extension}")


def email(rng: random.Random) -> Record:
    """An email saved from a mail program, named by its subject ("Re_ Invoice 4711.eml")."""
    (subject, about), (prefix, kind) = rng.choice(EMAIL_SUBJECTS), rng.choice(EMAIL_PREFIXES)
    number = str(rng.randint(1000, 99999))
    extension = rng.choice(("eml", "eml", "msg"))
    saved = " saved from Outlook" if extension == "msg" and rng.random() < 0.4 else ""
    return example(
        f"{prefix}{subject.format(n=number)}.{extension}",
        f"{kind} {about.format(n=number)}{saved}",
        f"types:email:{extension}",
    )


def outlook_data(rng: random.Random) -> Record:
    """An Outlook data file (.pst; .ost for an offline copy), sometimes with the year it was made."""
    stem, says = rng.choice(OUTLOOK_NAMES)
    extension = rng.choice(("pst", "pst", "pst", "ost"))
    if extension == "ost":  # named by the mailbox's address
        first, last = rng.choice((("john", "doe"), ("anna", "schmidt"), ("li", "wei"), ("maria", "garcia")))
        domain = rng.choice(("company", "outlook", "example"))
        return example(
            f"{first}.{last}@{domain}.com.ost",
            f"offline copy of the Outlook mailbox of {first.capitalize()} {last.capitalize()}",
            "types:outlook:ost",
        )
    if rng.random() < 0.4:
        date = random_date(rng, "year")
        return example(f"{stem}_{date.name}.pst", f"{says} from {date.reading}", "types:outlook:pst")
    return example(f"{stem}.pst", says, "types:outlook:pst")


def shortcut(rng: random.Random) -> Record:
    """A Windows shortcut to a program or an internet shortcut to a website."""
    if rng.random() < 0.55:
        app = rng.choice(SHORTCUT_APPS)
        name = rng.choice((app, app, f"{app} - Shortcut"))  # Windows Explorer adds " - Shortcut"
        return example(f"{name}.lnk", f"Windows shortcut to {app}", "types:shortcut:lnk")
    site = rng.choice(WEBSITES)
    extension = rng.choice(("url", "url", "webloc"))
    where = "internet shortcut" if extension == "url" else "macOS web link"
    return example(f"{site}.{extension}", f"{where} to the {site} website", f"types:shortcut:{extension}")


def subtitles(rng: random.Random) -> Record:
    """Subtitles of a film or an episode, often with their language ("Inception (2010).en.srt")."""
    extension, code = weighted(rng, SUBTITLE_FORMATS), rng.choice([*SUBTITLE_LANGUAGES, "", ""])
    language = f"{SUBTITLE_LANGUAGES[code]} " if code else ""
    suffix = f".{code}" if code else ""
    if rng.random() < 0.5:
        movie, year = rng.choice(MOVIES), rng.randint(1960, 2024)
        name = rng.choice((f"{movie} ({year})", movie.replace(" ", "."), f"{movie.replace(' ', '.')}.{year}.1080p"))
        says = f"{language}subtitles for the film {movie}"
    else:
        show, season, episode = rng.choice(SHOWS), rng.randint(1, 6), rng.randint(1, 12)
        name = f"{show.replace(' ', '.')}.S{season:02d}E{episode:02d}"
        says = f"{language}subtitles for {show} season {season} episode {episode}"
    return example(f"{name}{suffix}.{extension}", says, f"types:subtitles:{extension}")


def torrent(rng: random.Random) -> Record:
    """A torrent file for downloading a Linux image or a film."""
    if rng.random() < 0.5:
        distro, shown, version = rng.choice(DISTROS)
        return example(
            f"{distro}-{version}-amd64.iso.torrent",
            f"torrent for downloading the {shown} {version} disk image",
            "types:torrent:iso",
        )
    movie, year = rng.choice(MOVIES), rng.randint(1960, 2024)
    quality = rng.choice(("1080p", "720p", "2160p"))
    return example(
        f"{movie} ({year}) [{quality}].torrent",
        f"torrent for downloading the film {movie} in {quality}",
        "types:torrent:film",
    )


def print_file(rng: random.Random) -> Record:
    """A 3D model to print (.stl, .3mf, .obj) or the sliced printer instructions (.gcode)."""
    thing = rng.choice(PRINT_THINGS)
    if rng.random() < 0.35:
        filament, printer = rng.choice(FILAMENTS), rng.choice(PRINTERS)
        hours, minutes = rng.randint(0, 9), rng.randint(1, 59)
        name = f"{thing.replace(' ', '_')}_0.2mm_{filament}_{printer}_{hours}h{minutes}m.gcode"
        return example(
            name,
            f"3D printer instructions for a {thing} in {filament}, about {hours} h {minutes} min",
            "types:print:gcode",
        )
    extension = weighted(rng, {"stl": 10, "3mf": 3, "obj": 3})
    return example(
        f"{style_words(thing.split(), rng)}.{extension}",
        f"3D model of a {thing} for printing",
        f"types:print:{extension}",
    )


def gps_track(rng: random.Random) -> Record:
    """A GPS track exported from a sports app or watch ("Morning_Run.gpx", "hike_snowdon_2023-07-14.gpx")."""
    (activity, says), extension = rng.choice(TRACKS), rng.choice(("gpx", "gpx", "gpx", "fit", "kml"))
    place, where = rng.choice(PLACES) if rng.random() < 0.5 else ("", "")
    date = random_date(rng, "day") if rng.random() < 0.5 else None
    words = [activity, *([place] if place else []), *([date.name] if date else [])]
    where = f" {where}" if where else ""
    when = f" on {date.reading}" if date else ""
    kind = "map of" if extension == "kml" else "GPS track of"
    return example(f"{style_words(words, rng)}.{extension}", f"{kind} {says}{where}{when}", f"types:gps:{extension}")


def iwork(rng: random.Random) -> Record:
    """A document of Apple's Pages, Numbers or Keynote, named as other documents are."""
    extension = rng.choice(tuple(IWORK))
    stem, meaning = named_stem("documents", rng)
    return example(f"{stem}.{extension}", f"{meaning}, {IWORK[extension]}", f"types:iwork:{extension}")


GENERATORS: tuple[tuple[Callable[[random.Random], Record], int], ...] = (
    (font, 80),
    (ebook, 100),
    (comic, 20),
    (email, 80),
    (outlook_data, 30),
    (shortcut, 60),
    (subtitles, 80),
    (torrent, 40),
    (print_file, 80),
    (gps_track, 60),
    (iwork, 60),
)


def everyday_type_records(seed: int) -> list[Record]:
    """The examples of every generator, from a random stream of their own (the other sources do not move)."""
    rng = random.Random(f"{seed}:everyday-types")
    return in_buckets([generator(rng) for generator, count in GENERATORS for _ in range(count)])
