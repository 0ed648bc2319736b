"""Names that cameras, phones, screenshot and chat apps, scanners and recorders give files, with what they mean.

The conventions are documented ones (Android and Pixel camera apps, iPhone and its edits, Nikon/Sony/Canon/
Panasonic cameras, GoPro, DJI, macOS/Windows/GNOME/Android screenshots, WhatsApp, Signal, Telegram, Messenger,
Facebook, Snapchat, WeChat, Canva, scanners, Zoom, Office lock files and default names, browsers' generic names,
Chrome's unfinished downloads, SMS Backup & Restore, Windows minidumps);
dates and counters are drawn at random with a seeded generator.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Callable

from training.corpus.records import Record, in_buckets

SOURCE = "conventions"
APPS = (
    "Chrome",
    "Instagram",
    "WhatsApp",
    "Maps",
    "Gmail",
    "YouTube",
    "Twitter",
    "Facebook",
    "Spotify",
    "Settings",
    "Photos",
    "Messages",
    "Telegram",
    "TikTok",
    "Reddit",
    "Calendar",
    "Banking",
)


class Moment:
    """A random date and time with the ways names write it and descriptions read it."""

    def __init__(self, rng: random.Random) -> None:
        self.year, self.month, self.day = rng.randint(2012, 2026), rng.randint(1, 12), rng.randint(1, 28)
        self.hour, self.minute, self.second = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
        self.rng = rng

    @property
    def ymd(self) -> str:
        return f"{self.year}{self.month:02d}{self.day:02d}"

    @property
    def hms(self) -> str:
        return f"{self.hour:02d}{self.minute:02d}{self.second:02d}"

    @property
    def iso(self) -> str:
        return f"{self.year}-{self.month:02d}-{self.day:02d}"

    @property
    def date(self) -> str:
        return f"{self.day} {calendar.month_name[self.month]} {self.year}"

    @property
    def clock(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"

    def when(self, with_time: bool = True) -> str:
        """ "on 12 May 2024 at 18:30" (or without the time)."""
        return f"on {self.date} at {self.clock}" if with_time else f"on {self.date}"


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def phone_camera(rng: random.Random) -> Record:
    """Android camera apps: IMG_20240512_183022.jpg, VID_20230701_201530.mp4, and Samsung's 20240301_141516.jpg."""
    m, roll = Moment(rng), rng.random()
    if roll < 0.45:
        suffix = rng.choice(("", "", "", "_HDR", "_1", "_BURST001"))
        name = f"IMG_{m.ymd}_{m.hms}{suffix}.jpg"
        text = _pick(rng, "a photo taken with a phone camera", "a phone photo", "a photo taken with an Android phone")
        extra = {"_HDR": ", in HDR", "_BURST001": ", the first of a burst"}.get(suffix, "")
        return Record(name, f"{text} {m.when()}{extra}", SOURCE, "phone-camera")
    if roll < 0.75:
        name = f"VID_{m.ymd}_{m.hms}.mp4"
        text = _pick(
            rng, "a video recorded with a phone camera", "a phone video", "a video taken with an Android phone"
        )
        return Record(name, f"{text} {m.when()}", SOURCE, "phone-camera")
    extension = rng.choice(("jpg", "jpg", "mp4"))
    kind = "photo" if extension == "jpg" else "video"
    return Record(f"{m.ymd}_{m.hms}.{extension}", f"a {kind} taken with a Samsung phone {m.when()}", SOURCE, "samsung")


def pixel(rng: random.Random) -> Record:
    """Google Pixel: PXL_20231224_094512345.jpg (UTC time with milliseconds), .PORTRAIT, .NIGHT, .MP."""
    m = Moment(rng)
    mode = rng.choice(("", "", "", ".PORTRAIT", ".NIGHT", ".MP", ".LS"))
    extension = "mp4" if rng.random() < 0.25 and not mode else "jpg"
    name = f"PXL_{m.ymd}_{m.hms}{rng.randint(0, 999):03d}{mode}.{extension}"
    kind = (
        {
            "": "photo",
            ".PORTRAIT": "portrait-mode photo",
            ".NIGHT": "Night Sight photo",
            ".MP": "motion photo",
            ".LS": "photo",
        }[mode]
        if extension == "jpg"
        else "video"
    )
    return Record(name, f"a {kind} taken with a Google Pixel phone {m.when(rng.random() < 0.5)}", SOURCE, "pixel")


RAW_BY_PREFIX = {"DSC_": "NEF", "DSCN": "NEF", "DSC": "ARW", "_DSC": "ARW", "DSCF": "RAF",
                 "P": "RW2"}  # each maker's prefix and its raw format


def camera(rng: random.Random) -> Record:
    """Cameras and iPhones: DSC_0412.JPG, IMG_1234.HEIC, P1040233.JPG, GOPR0457.MP4, DJI_0032.JPG, MVI_0412.MOV."""
    number = rng.randint(1, 9999)
    roll = rng.random()
    if roll < 0.3:
        extension = rng.choice(("HEIC", "HEIC", "JPG", "MOV", "PNG"))
        kind = {"MOV": "a video", "PNG": "a screenshot or image"}.get(extension, "a photo")
        source = "an iPhone" if extension in ("HEIC", "MOV", "PNG") else "an iPhone or a digital camera"
        return Record(f"IMG_{number:04d}.{extension}", f"{kind} from {source}, number {number}", SOURCE, "iphone")
    if roll < 0.55:
        prefix, maker = rng.choice(
            (
                ("DSC_", "a Nikon camera"),
                ("DSC", "a Sony camera"),
                ("_DSC", "a Sony camera"),
                ("DSCN", "a Nikon camera"),
                ("DSCF", "a Fujifilm camera"),
                ("P", "a Panasonic camera"),
                ("SAM_", "a Samsung camera"),
                ("CIMG", "a Casio camera"),
            )
        )
        digits = (
            f"{number:04d}"
            if prefix not in ("DSC", "P")
            else (f"{number:05d}" if prefix == "DSC" else f"{rng.randint(100, 199)}{number:04d}")
        )
        named = maker if rng.random() < 0.5 else "a digital camera"
        extension = rng.choice(("JPG", "JPG", "jpg", "raw", "raw"))
        if extension == "raw" and prefix in RAW_BY_PREFIX:  # a raw file's format is its maker's: NEF is Nikon's
            return Record(f"{prefix}{digits}.{RAW_BY_PREFIX[prefix]}", f"a raw photo from {maker}, number {number}",
                          SOURCE, "camera")
        return Record(f"{prefix}{digits}.{'JPG' if extension == 'raw' else extension}",
                      f"a photo from {named}, number {number}", SOURCE, "camera")
    if roll < 0.7:
        prefix = rng.choice(("GOPR", "GH01", "GX01"))
        return Record(
            f"{prefix}{number:04d}.MP4",
            _pick(rng, "a GoPro video clip", "an action-camera video from a GoPro"),
            SOURCE,
            "gopro",
        )
    if roll < 0.85:
        extension = rng.choice(("JPG", "MP4", "DNG"))
        kind = "an aerial video" if extension == "MP4" else "an aerial photo"
        return Record(f"DJI_{number:04d}.{extension}", f"{kind} from a DJI drone", SOURCE, "dji")
    return Record(f"MVI_{number:04d}.MOV", f"a video from a Canon camera, number {number}", SOURCE, "canon")


def screenshot(rng: random.Random) -> Record:
    """Screenshots and screen recordings of macOS, Windows, GNOME and Android."""
    m, roll = Moment(rng), rng.random()
    if roll < 0.3:
        hour12 = m.hour % 12 or 12
        old = rng.random() < 0.3
        time_text = (
            f"{hour12}.{m.minute:02d}.{m.second:02d} {'AM' if m.hour < 12 else 'PM'}"
            if old
            else (f"{m.hour:02d}.{m.minute:02d}.{m.second:02d}")
        )
        name = f"{'Screen Shot' if old else 'Screenshot'} {m.iso} at {time_text}.png"
        return Record(name, f"a screenshot taken on a Mac {m.when()}", SOURCE, "screenshot-mac")
    if roll < 0.5:
        app = rng.choice(APPS) if rng.random() < 0.5 else ""
        name = f"Screenshot_{m.ymd}-{m.hms}{'_' + app if app else ''}.{rng.choice(('png', 'jpg'))}"
        what = f"a screenshot of the {app} app" if app else "a screenshot"
        return Record(name, f"{what} taken on an Android phone {m.when()}", SOURCE, "screenshot-android")
    if roll < 0.62:
        name = f"Screenshot from {m.iso} {m.hour:02d}-{m.minute:02d}-{m.second:02d}.png"
        return Record(name, f"a screenshot taken on a Linux desktop {m.when()}", SOURCE, "screenshot-gnome")
    if roll < 0.75:
        if rng.random() < 0.5:
            number = rng.randint(1, 300)
            return Record(
                f"Screenshot ({number}).png",
                f"screenshot number {number} taken on Windows",
                SOURCE,
                "screenshot-windows",
            )
        return Record(
            f"Screenshot {m.iso} {m.hms}.png", f"a screenshot taken on Windows {m.when()}", SOURCE, "screenshot-windows"
        )
    if roll < 0.85:
        name = f"Screen Recording {m.iso} at {m.hour:02d}.{m.minute:02d}.{m.second:02d}.mov"
        return Record(name, f"a screen recording made on a Mac {m.when()}", SOURCE, "screen-recording")
    local, language = rng.choice(
        (
            ("Bildschirmfoto", "German"),
            ("Capture d’écran", "French"),
            ("Captura de pantalla", "Spanish"),
            ("Schermafbeelding", "Dutch"),
        )
    )
    joiner = {"German": "um", "French": "à", "Spanish": "a las", "Dutch": "om"}[language]
    name = f"{local} {m.iso} {joiner} {m.hour:02d}.{m.minute:02d}.{m.second:02d}.png"
    return Record(name, f"a screenshot taken on a Mac set to {language} {m.when()}", SOURCE, "screenshot-mac")


def chat(rng: random.Random) -> Record:
    """Media saved from WhatsApp, Signal and Telegram."""
    m, roll = Moment(rng), rng.random()
    counter = rng.randint(0, 300)
    if roll < 0.3:
        prefix, extension, kind = rng.choice(
            (
                ("IMG", "jpg", "an image"),
                ("VID", "mp4", "a video"),
                ("PTT", "opus", "a voice message"),
                ("AUD", "opus", "an audio message"),
            )
        )
        return Record(
            f"{prefix}-{m.ymd}-WA{counter:04d}.{extension}",
            f"{kind} sent or received on WhatsApp {m.when(False)}",
            SOURCE,
            "whatsapp",
        )
    if roll < 0.6:
        kind, extension = rng.choice((("Image", "jpeg"), ("Image", "jpeg"), ("Video", "mp4"), ("Audio", "ogg")))
        copy = f" ({rng.randint(1, 4)})" if rng.random() < 0.2 else ""
        name = f"WhatsApp {kind} {m.iso} at {m.hour:02d}.{m.minute:02d}.{m.second:02d}{copy}.{extension}"
        what = {"Image": "an image", "Video": "a video", "Audio": "an audio message"}[kind]
        return Record(name, f"{what} sent or received on WhatsApp {m.when()}", SOURCE, "whatsapp")
    if roll < 0.75:
        extension = rng.choice(("jpg", "jpeg", "mp4", "m4a"))
        what = {"jpg": "an image", "jpeg": "an image", "mp4": "a video", "m4a": "a voice message"}[extension]
        name = f"signal-{m.iso}-{m.hms}{'_' + str(rng.randint(1, 5)) if rng.random() < 0.3 else ''}.{extension}"
        return Record(name, f"{what} saved from Signal {m.when()}", SOURCE, "signal")
    if roll < 0.85:
        kind = rng.choice(("photo", "video"))
        extension = "jpg" if kind == "photo" else "mp4"
        name = f"{kind}_{m.iso}_{m.hour:02d}-{m.minute:02d}-{m.second:02d}.{extension}"
        return Record(name, f"a {kind} saved from Telegram {m.when()}", SOURCE, "telegram")
    who = rng.choice(("Mom", "Dad", "Anna", "the family group", "Team", "Jonas", "Grandma", "Book Club"))
    return Record(
        f"WhatsApp Chat with {who}.txt", f"exported text of the WhatsApp chat with {who}", SOURCE, "whatsapp-chat"
    )


def scan(rng: random.Random) -> Record:
    """Scanners and scanning apps: Scan 2023-11-04.pdf, scan0001.pdf, CamScanner 03-04-2024 10.22.pdf."""
    m, roll = Moment(rng), rng.random()
    if roll < 0.3:
        name = rng.choice(
            (f"Scan {m.iso}.pdf", f"Scan_{m.ymd}.pdf", f"scan_{m.iso}.pdf", f"Scanned_{m.ymd}-{m.hms[:4]}.pdf")
        )
        return Record(name, f"a document scanned {m.when(False)}", SOURCE, "scan")
    if roll < 0.55:
        number = rng.randint(1, 300)
        name = rng.choice(
            (f"scan{number:04d}.pdf", f"Scan_{number:04d}.pdf", f"Scan {number}.pdf", f"scan{number:03d}.jpg")
        )
        kind = "image" if name.endswith("jpg") else "document"
        return Record(name, f"a scanned {kind}, number {number}", SOURCE, "scan")
    if roll < 0.75:
        name = f"CamScanner {m.month:02d}-{m.day:02d}-{m.year} {m.hour:02d}.{m.minute:02d}.pdf"
        return Record(name, f"a document scanned with the CamScanner app {m.when()}", SOURCE, "camscanner")
    if roll < 0.9:
        name = rng.choice(
            (
                f"SKM_C{rng.randint(224, 658)}{m.ymd[2:]}{m.hms}.pdf",
                f"EPSON{rng.randint(1, 999):03d}.JPG",
                f"HPSCAN_{m.ymd}{m.hms}.pdf",
            )
        )
        text = "a document from an office scanner" if name.endswith("pdf") else "an image from an Epson scanner"
        dated = f", scanned {m.when()}" if name.startswith("HPSCAN") else ""  # HP names scans by date and time
        return Record(name, text + dated, SOURCE, "scanner")
    subject = rng.choice(
        ("receipt", "passport", "contract", "letter", "ID card", "tax form", "prescription", "drawing")
    )
    name = f"Scan {subject} {m.iso}.pdf" if rng.random() < 0.5 else f"scan_{subject.replace(' ', '_')}.pdf"
    return Record(name, f"a scan of a {subject}" + (f" {m.when(False)}" if m.iso in name else ""), SOURCE, "scan")


def recording(rng: random.Random) -> Record:
    """Voice memos, recorder apps and Zoom recordings."""
    m, roll = Moment(rng), rng.random()
    if roll < 0.45:
        number = rng.randint(1, 120)
        name = rng.choice(
            (
                f"New Recording {number}.m4a",
                f"Voice {number:03d}.m4a",
                f"Recording ({number}).m4a",
                f"REC{number:03d}.WAV",
                f"Voice Memo {number}.m4a",
            )
        )
        return Record(name, f"voice recording number {number}", SOURCE, "voice")
    if roll < 0.65:
        name = rng.choice((f"Recording_{m.ymd}_{m.hms}.m4a", f"Voice_{m.ymd}_{m.hms}.m4a"))
        return Record(name, f"a voice recording made {m.when()}", SOURCE, "voice")
    kind, extension = rng.choice((("video", "mp4"), ("video", "mp4"), ("audio", "m4a")))
    suffix = "_Recording_1920x1080" if extension == "mp4" and rng.random() < 0.5 else "_Recording"
    name = f"GMT{m.ymd}-{m.hms}{suffix}.{extension}"
    what = "a Zoom meeting recording" if kind == "video" else "the audio of a Zoom meeting recording"
    return Record(name, f"{what} from {m.date} at {m.clock} (GMT)", SOURCE, "zoom")


def lock_file(rng: random.Random) -> Record:
    """Lock files Office and LibreOffice keep beside an open document: ~$report.docx, .~lock.budget.ods#."""
    stem = rng.choice(("report", "budget", "Thesis", "invoice", "Q3 plan", "minutes", "CV", "schedule"))
    if rng.random() < 0.6:
        extension = rng.choice(("docx", "xlsx", "pptx"))
        return Record(
            f"~${stem}.{extension}",
            f"lock file Microsoft Office keeps while {stem}.{extension} is open",
            SOURCE,
            "office-lock",
        )
    extension = rng.choice(("odt", "ods", "docx", "xlsx"))
    return Record(
        f".~lock.{stem}.{extension}#",
        f"lock file LibreOffice keeps while {stem}.{extension} is open",
        SOURCE,
        "libreoffice-lock",
    )


OFFICE_DEFAULTS = (
    ("Document", "docx", "a Word document", "Word"),
    ("Book", "xlsx", "an Excel workbook", "Excel"),
    ("Presentation", "pptx", "a PowerPoint presentation", "PowerPoint"),
    ("Drawing", "vsdx", "a Visio drawing", "Visio"),
    ("Publication", "pub", "a Publisher document", "Publisher"),
)


def app_media(rng: random.Random) -> Record:
    """Media saved from Messenger, Facebook, Snapchat, WeChat and Canva, edited iPhone photos, Sony video clips,
    Office's and browsers' default names: received_1089347621934.jpeg, IMG_E3391.HEIC, C0012.MP4, Book1.xlsx."""
    roll, number = rng.random(), rng.randint(1, 9999)
    if roll < 0.15:
        extension = rng.choice(("jpg", "jpeg", "jpeg", "png", "mp4"))
        kind = "a video" if extension == "mp4" else "an image"
        name = f"received_{rng.randint(10**14, 10**16 - 1)}.{extension}"
        return Record(name, f"{kind} saved from a Messenger chat", SOURCE, "messenger")
    if roll < 0.25:
        name = f"FB_IMG_{rng.randint(1_400_000_000_000, 1_790_000_000_000)}.jpg"
        return Record(name, "an image saved from the Facebook app", SOURCE, "facebook")
    if roll < 0.35:
        extension = rng.choice(("jpg", "jpg", "mp4"))
        kind = "a video" if extension == "mp4" else "a photo"
        name = f"Snapchat-{rng.randint(10**8, 10**10 - 1)}.{extension}"
        return Record(name, f"{kind} exported from Snapchat", SOURCE, "snapchat")
    if roll < 0.42:
        extension = rng.choice(("jpg", "jpg", "mp4"))
        kind = "a video" if extension == "mp4" else "an image"
        name = f"mmexport{rng.randint(1_400_000_000_000, 1_790_000_000_000)}.{extension}"
        return Record(name, f"{kind} saved from WeChat", SOURCE, "wechat")
    if roll < 0.57:
        if rng.random() < 0.4:
            extension = rng.choice(("jpg", "heic", "mov"))
            kind = "video" if extension == "mov" else "photo"
            name = f"FullSizeRender{rng.choice(('', '', ' 2', ' 3'))}.{extension}"
            return Record(name, f"an iPhone {kind} with its Photos app edits applied", SOURCE, "iphone-edited")
        extension = rng.choice(("HEIC", "HEIC", "JPG", "MOV"))
        kind = "video" if extension == "MOV" else "photo"
        return Record(f"IMG_E{number:04d}.{extension}", f"an edited {kind} from an iPhone, number {number}", SOURCE,
                      "iphone-edited")
    if roll < 0.67:
        return Record(f"C{number:04d}.MP4", f"a video clip from a Sony camera, number {number}", SOURCE, "sony-video")
    if roll < 0.75:
        copy = rng.choice(("", "", f" ({rng.randint(1, 40)})"))
        return Record(f"Untitled design{copy}.png", "a Canva design downloaded without a name of its own", SOURCE,
                      "canva")
    if roll < 0.88:
        stem, extension, kind, app = rng.choice(OFFICE_DEFAULTS)
        return Record(f"{stem}{rng.choice((1, 1, 1, 2, 3))}.{extension}", f"{kind} left with {app}'s default name",
                      SOURCE, "office-default")
    stem = rng.choice(("download", "download", "image", "unnamed", "images"))
    copy = rng.choice(("", "", f" ({rng.randint(1, 9)})"))
    extension = rng.choice(("jpg", "jpeg", "png", "webp"))
    return Record(f"{stem}{copy}.{extension}", "a picture downloaded from a website, with no name of its own", SOURCE,
                  "web-image")


UNTITLED = (
    ("Untitled Document {n}", "a text document left with the editor's default name"),
    ("Untitled.txt", "a text document left with the editor's default name"),
    ("Untitled-{n}.psd", "a Photoshop image left with Photoshop's default name"),
    ("Untitled.png", "an image left with its app's default name"),
    ("untitled.py", "a Python script never given a name of its own"),
    ("Untitled {n}.pages", "a Pages document left with its default name"),
)


def devices_and_exports(rng: random.Random) -> Record:
    """What browsers, editors, phones, Windows and backup apps leave: Unconfirmed 123456.crdownload, Untitled Document
    2, document (3).pdf, sms-<timestamp>.xml, iPhone scans, minidumps."""
    m, roll = Moment(rng), rng.random()
    if roll < 0.25:
        return Record(f"Unconfirmed {rng.randint(1000, 999999)}.crdownload", "a download Chrome has not finished",
                      SOURCE, "chrome-unconfirmed")
    if roll < 0.45:
        name, text = rng.choice(UNTITLED)
        return Record(name.format(n=rng.randint(1, 9)), text, SOURCE, "untitled")
    if roll < 0.55:
        stem = rng.choice(("document", "document", "download"))
        copy = rng.choice(("", f" ({rng.randint(1, 9)})"))
        text = "a PDF document downloaded under a generic name"
        return Record(f"{stem}{copy}.pdf", f"duplicate {copy.strip(' ()')} of {text}" if copy else text, SOURCE,
                      "web-document")
    if roll < 0.85:
        kind, what = rng.choice((("sms", "text messages"), ("sms", "text messages"), ("calls", "the call log")))
        return Record(f"{kind}-{m.ymd}{m.hms}.xml", f"{what} backed up with SMS Backup & Restore {m.when()}", SOURCE,
                      "sms-backup")
    if roll < 0.92:
        count = rng.choice((0, 0, rng.randint(2, 9)))  # the app numbers the second scan of a name on
        return Record(f"Scanned Document{f' {count}' if count else ''}.pdf",
                      "a document scanned with an iPhone's Notes or Files app"
                      + (f", the scan numbered {count}" if count else ""), SOURCE, "iphone-scan")
    name = f"{m.month:02d}{m.day:02d}{m.year % 100:02d}-{rng.randint(1000, 99999)}-01.dmp"
    return Record(name, "a minidump Windows wrote when the system crashed", SOURCE, "minidump")


APPLE_DOUBLE_NAMES = ("report.pdf", "budget.xlsx", "Thesis.docx", "notes.txt", "song.mp3", "Invoice_2023.pdf",
                      "presentation.key", "photo.jpg", "movie.mov", "Archive.zip", "CV.pages", "scan.png", ".DS_Store")


def apple_double(rng: random.Random) -> Record:
    """The AppleDouble files macOS leaves beside what it copies to a FAT or exFAT drive: ._IMG_4821.HEIC."""
    number = rng.randint(1000, 9999)
    name = rng.choice((*APPLE_DOUBLE_NAMES, f"IMG_{number}.HEIC", f"DSC_{number}.JPG"))
    return Record(f"._{name}", f"AppleDouble file in which macOS keeps the Finder data of {name} on a FAT or exFAT "
                  "drive", SOURCE, "appledouble")


def canon_and_olympus_raw(rng: random.Random) -> Record:
    """Raw photos whose prefix others share, told apart by the format: IMG_0412.CR2, _MG_0412.CR3, P4120032.ORF."""
    number = rng.randint(1, 9999)
    roll = rng.random()
    if roll < 0.6:
        prefix, extension = rng.choice(("IMG_", "IMG_", "_MG_")), rng.choice(("CR2", "CR3"))
        return Record(f"{prefix}{number:04d}.{extension}", f"a raw photo from a Canon camera, number {number}", SOURCE,
                      "canon-raw")
    if roll < 0.8:
        name = f"P{rng.randint(1, 12):X}{rng.randint(1, 31):02d}{number:04d}.ORF"
        return Record(name, f"a raw photo from an Olympus camera, number {number}", SOURCE, "olympus-raw")
    return Record(f"IMG_{number:04d}.DNG", f"a raw photo in Adobe's DNG format, number {number}", SOURCE, "dng")


def arxiv_paper(rng: random.Random) -> Record:
    """Papers downloaded from arXiv under their identifier (year, month, number, version): 2310.06825v2.pdf."""
    year, month = rng.randint(7, 25), rng.randint(1, 12)
    identifier = f"{year:02d}{month:02d}.{rng.randint(1, 19999 if year >= 15 else 9999):0{5 if year >= 15 else 4}d}"
    version = rng.choice((0, 0, 1, 2, 3))
    head = _pick(rng, f"a paper from arXiv, number {identifier}", f"the arXiv paper {identifier}")
    return Record(f"{identifier}{f'v{version}' if version else ''}.pdf",
                  f"{head}, version {version}" if version else head, SOURCE, "arxiv")


GENERATORS: tuple[tuple[Callable[[random.Random], Record], int], ...] = (
    (phone_camera, 500),
    (pixel, 250),
    (camera, 500),
    (screenshot, 500),
    (chat, 400),
    (scan, 350),
    (recording, 250),
    (lock_file, 60),
    (app_media, 400),  # added last, as each later one: the earlier generators' draws, and so their records, stay
    (devices_and_exports, 250),
    (apple_double, 40),
    (canon_and_olympus_raw, 120),
    (arxiv_paper, 80),
)


def convention_records(seed: int) -> list[Record]:
    """Examples of every convention, in the counts of GENERATORS."""
    rng = random.Random(f"{seed}:conventions")
    return in_buckets([generator(rng) for generator, count in GENERATORS for _ in range(count)])
