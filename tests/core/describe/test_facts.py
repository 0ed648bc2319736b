"""The facts a name states for sure: type, dates and times read out, versions, naming conventions, words."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.describe.facts import (
    CLAIM_WORDS,
    find_date,
    name_facts,
    read_out,
    read_quarters,
    split_words,
    unstated_claims,
    unstated_quarters,
)
from core.describe.file_types import type_comment


@pytest.mark.parametrize(("text", "reading"), [
    ("meeting_notes_2024-05-13", "13 May 2024"),
    ("report_20240513", "13 May 2024"),
    ("IMG_20240513_183022", "13 May 2024, 18:30"),
    ("PXL_20231224_094512345", "24 December 2023, 09:45"),
    ("Screenshot 2024-03-02 at 14.22.10", "2 March 2024, 14:22"),
    ("Screen Shot 2020-05-01 at 9.41.22 PM", "1 May 2020, 21:41"),
    ("Screenshot from 2024-01-15 09-30-12", "15 January 2024, 09:30"),
    ("meeting 13.05.2024", "13 May 2024"),  # dots: day first
    ("CamScanner 03-04-2024 10.22", "4 March 2024, 10:22"),  # dashes: month first unless the day says otherwise
    ("rechnung 31-03-2024", "31 March 2024"),
    ("invoice_2023-04", "April 2023"),
    ("Rechnung_Strom_03-2024", "March 2024"),  # a month and a year
    ("Kontoauszug 11.2023", "November 2023"),
    ("sales_Jan_2024", "January 2024"),
    ("Statement_Chase_Checking_Apr2024", "April 2024"),  # an English month written together with its year
    ("Sept2023_invoice", "September 2023"),
    ("13May2024_minutes", "13 May 2024"),
    ("15 March 2023 notes", "15 March 2023"),
    ("notes May 13 2024", "13 May 2024"),
    ("factura_luz_febrero_2024", "February 2024"),  # month names of other languages, always with a year
    ("Rechnung März 2024", "March 2024"),
    ("relevé 12 février 2023", "12 February 2023"),
    ("bolletta_gennaio_2024", "January 2024"),
    ("Gehaltsabrechnung_Maerz_2024", "March 2024"),  # written without accents
    ("facture_fevrier_2023", "February 2023"),
    ("sms-20231115093000", "15 November 2023, 09:30"),  # fourteen digits: a date and a time
    ("takeout-20240301T101010Z-001", "1 March 2024, 10:10"),  # ISO 8601 in UTC
])
def test_dates_and_times_are_read_out(text: str, reading: str) -> None:
    found = find_date(text)
    assert found is not None and found.text == reading


@pytest.mark.parametrize("text", ["IMG_1234", "track 20241399", "photo_20240231", "serial 123456789", "v1.2.3",
                                  "Tax_Return_2023", "room 2023-13", "mars rover 2",
                                  "order 20231315093000", "trailer_01_2024", "45.03.2024",
                                  "build 10.2024.1", "Mars2020", "Decimal2020"])
def test_no_date_where_there_is_none(text: str) -> None:
    assert find_date(text) is None


@pytest.mark.parametrize(("name", "version"), [
    ("Q3 budget FINAL v2.xlsx", "final, version 2"),
    ("essay final_final.docx", "final"),
    ("draft2_chapter3.docx", "draft 2"),
    ("lease agreement (signed).pdf", "signed"),
    ("report (1).pdf", "copy 1"),
    ("thesis - Copy.docx", "copy"),
    ("Copy of Budget 2024.xlsx", "copy"),
    ("MyThesis_v1.2.pdf", "version 1.2"),
    ("Firefox Setup 125.0.dmg", "version 125.0"),
    ("release-1.4.2.tgz", "version 1.4.2"),
    ("Screenshot (27).png", "number 27"),  # Windows counts its screenshots: not a duplicate
    ("Recording (3).m4a", "number 3"),
    ("download (1).jpg", "copy 1"),  # a browser's mark for a second download of the same name
    ("Huurcontract_Utrecht_getekend.pdf", "signed"),  # states in the languages whose month names are read
    ("contrat_location_signé.pdf", "signed"),
    ("Mietvertrag_unterschrieben.pdf", "signed"),
    ("Presupuesto_definitivo.pdf", "final"),
    ("relazione_bozza_v2.docx", "draft, version 2"),
])
def test_versions_and_states(name: str, version: str) -> None:
    assert name_facts(name).version == version


def test_an_arxiv_identifier_is_read_as_its_number_and_version_not_as_a_dotted_version() -> None:
    facts = name_facts("1706.03762v7.pdf")
    assert (facts.words, facts.version, facts.origin) == ("1706 03762", "version 7", "paper from arXiv")
    assert name_facts("2310.06825.pdf").version is None
    assert name_facts("2024.0315.pdf").origin is None  # no month 15: no arXiv identifier


def test_a_lone_state_word_stays_a_word() -> None:
    assert name_facts("final.pdf").words == "final" and name_facts("final.pdf").version is None


@pytest.mark.parametrize(("name", "origin"), [
    ("IMG_20240512_183022.jpg", "photo from a phone camera"),
    ("VID_20230701_201530.mp4", "video from a phone camera"),
    ("PXL_20231224_094512345.jpg", "photo from a Google Pixel phone"),
    ("20240301_141516.jpg", "photo from a Samsung phone camera"),
    ("IMG_1234.HEIC", "photo from an iPhone or a digital camera"),
    ("IMG_1234.MOV", "video from an iPhone or a digital camera"),
    ("DSC_0412.JPG", "photo from a digital camera"),
    ("_MG_0412.CR2", "photo from a digital camera"),  # Canon's prefix in Adobe RGB
    ("PA270071.ORF", "photo from a digital camera"),  # Olympus: month 10 as "A"
    ("GOPR0457.MP4", "video from a GoPro camera"),
    ("DJI_0032.JPG", "photo from a DJI drone"),
    ("Screenshot 2024-03-02 at 14.22.10.png", "screenshot taken on a Mac"),
    ("Screenshot_20240115-093012_Chrome.jpg", "screenshot taken on an Android phone"),
    ("Screenshot from 2024-01-15 09-30-12.png", "screenshot taken on a Linux desktop"),
    ("Screenshot (12).png", "screenshot taken on Windows"),
    ("WhatsApp Image 2024-02-10 at 19.45.33.jpeg", "image sent or received on WhatsApp"),
    ("IMG-20240210-WA0012.jpg", "image sent or received on WhatsApp"),
    ("PTT-20240101-WA0001.opus", "voice message sent or received on WhatsApp"),
    ("signal-2024-01-03-141516.jpg", "image saved from Signal"),
    ("Scan 2023-11-04.pdf", "scanned document"),
    ("scan0001.pdf", "scanned document"),
    ("CamScanner 03-04-2024 10.22.pdf", "document scanned with the CamScanner app"),
    ("New Recording 12.m4a", "voice recording"),
    ("GMT20240115-143000_Recording_1920x1080.mp4", "recording of a Zoom meeting"),
    ("~$report.docx", "lock file Microsoft Office keeps while the document is open"),
    ("IMG_E3391.HEIC", "edited photo from an iPhone"),
    ("FullSizeRender.mov", "iPhone video with its Photos app edits applied"),
    ("C0012.MP4", "video from a Sony camera"),
    ("received_1089347621934.jpeg", "image saved from a Messenger chat"),
    ("FB_IMG_1712345678901.jpg", "image saved from the Facebook app"),
    ("Snapchat-1780239845.mp4", "video exported from Snapchat"),
    ("mmexport1712345678901.jpg", "image saved from WeChat"),
    ("Untitled design (3).png", "Canva design downloaded without a name of its own"),
    ("Book1.xlsx", "Excel workbook left with Excel's default name"),
    ("Presentation2.pptx", "PowerPoint presentation left with PowerPoint's default name"),
    ("unnamed.jpg", "picture downloaded from a website, with no name of its own"),
    ("Recording (3).m4a", "audio from the Windows Sound Recorder app"),
    ("Unconfirmed 482913.crdownload", "download Chrome has not finished"),
    ("Untitled Document 1", "file left with its app's default name, Untitled"),
    ("document (3).pdf", "document downloaded under a generic name"),
    ("sms-20231115093000.xml", "text messages backed up with SMS Backup & Restore"),
    ("041224-10968-01.dmp", "minidump Windows wrote when it crashed"),
    ("Scanned Document 3.pdf", "document scanned with an iPhone's Notes or Files app"),
    ("2310.06825v2.pdf", "paper from arXiv"),
])
def test_naming_conventions(name: str, origin: str) -> None:
    assert name_facts(name).origin == origin


@pytest.mark.parametrize(("name", "kind", "words"), [
    ("error.log.1", "application log", "error"),  # logrotate's previous log
    ("photo.jpg.2", "JPEG image", "photo"),  # wget's second download of the same name
    ("ls.1", "Manual page", "ls"),  # a man page: no extension before its number
    ("libc.so.6", "shared library", "libc so"),  # a library's version
])
def test_a_number_after_the_extension_keeps_the_type_of_the_extension(name: str, kind: str, words: str) -> None:
    facts = name_facts(name)
    assert (facts.type, facts.words, type_comment(name)) == (kind, words, kind)


@pytest.mark.parametrize(("name", "version"), [("IMG_2041 (1).HEIC", "copy 1"), ("DSC_0042(2).JPG", "copy 2"),
                                               ("IMG_1234 - Copy.JPG", "copy"), ("Copy of IMG_1234.HEIC", "copy")])
def test_a_duplicate_keeps_its_convention(name: str, version: str) -> None:
    facts = name_facts(name)
    assert facts.origin is not None and facts.version == version and facts.words.isdigit()


@pytest.mark.parametrize("name", ["holiday_photo_lisbon_0412.jpg", "imagine.mp3", "scandal notes.txt",
                                  "video_game_ideas.md", "recording_studio_prices.pdf", "C3PO.mp4",
                                  "received_payments.pdf", "Book1.epub.txt", "Bookmarks.html", "download_log.txt"])
def test_ordinary_names_have_no_convention(name: str) -> None:
    assert name_facts(name).origin is None


@pytest.mark.parametrize(("name", "words"), [
    ("Tax_Return_2023.pdf", "Tax Return 2023"),
    ("meeting_notes_2024-05-13.md", "meeting notes"),
    ("HTTPServerConfig.json", "HTTP Server Config"),
    ("appConfig_v2.yaml", "app Config"),
    ("Invoice #4471 - Acme Ltd.pdf", "Invoice 4471 Acme Ltd"),
    ("photos 2019-2020.zip", "photos 2019-2020"),
    ("Screenshot_20240115-093012_Chrome.jpg", "Chrome"),
    ("IMG_20240512_183022.jpg", ""),
    ("received_1089347621934.jpeg", "1089347621934"),
    ("IMG_E3391.HEIC", "3391"),
    ("takeout-20240301T101010Z-001.zip", "takeout 001"),
    ("backup.tar.gz", "backup"),
    (".bashrc", "bashrc"),
    ("jcmd", "jcmd"),
])
def test_words_leave_out_extension_dates_versions_and_markers(name: str, words: str) -> None:
    assert name_facts(name).words == words


def test_type_and_its_absence() -> None:
    assert name_facts("Tax_Return_2023.pdf").type == "PDF document"
    assert name_facts("backup.tar.gz").type == "Tar archive (gzip-compressed)"
    ps = name_facts("ps")
    assert ps.type is None and ps.extension is None and "type: none" in ps.lines()
    unknown = name_facts("scene.zzqx")
    assert unknown.type is None and "type: .zzqx file" in unknown.lines()
    assert name_facts("model.safetensors").type == "safetensors model weights"  # a type the project adds
    dump = name_facts("core.12345")  # a number after the dot is no type: a process id, a date
    assert dump.extension is None and "type: none" in dump.lines() and dump.words == "core 12345"
    assert name_facts("backup.20240101").date == "1 January 2024"
    assert name_facts("archive.7z.001").type == "7-zip archive"  # a typed number stays the type's
    companion = name_facts("._IMG_4821.HEIC")  # macOS's AppleDouble file beside a photo on a FAT drive: no photo
    assert companion.type == "Macintosh AppleDouble-encoded file" and companion.origin.startswith("AppleDouble file")
    assert companion.words == "IMG 4821"


def test_lines_leave_out_what_is_unknown() -> None:
    assert name_facts("notes.txt").lines() == ["type: plain text document", "words: notes"]
    assert name_facts("IMG_20240512_183022.jpg").lines() == [
        "type: JPEG image", "origin: photo from a phone camera", "date: 12 May 2024, 18:30", "words: none"]


def test_split_words() -> None:
    assert split_words("appConfig_v2") == ["app", "Config", "v2"]
    assert split_words("HTTPServer-2019-2020") == ["HTTP", "Server", "2019-2020"]


@given(st.text(max_size=80))
def test_any_name_gives_facts(name: str) -> None:
    facts = name_facts(" ".join(name.split()))
    assert all("\n" not in line for line in facts.lines())


def test_quarters_are_read_out_and_the_others_named() -> None:
    assert read_quarters("Q3 budget q1") == "third quarter budget first quarter"
    assert read_quarters("Q5 QA quarterly") == "Q5 QA quarterly"  # no quarter: as it is


def test_episode_codes_and_quarters_are_read_out() -> None:
    assert read_out("Breaking Bad S02E05 720p") == "Breaking Bad season 2 episode 5 720p"
    assert read_out("the office s3 e12 Q1") == "the office season 3 episode 12 first quarter"
    assert read_out("galaxy s21 notes e3") == "galaxy s21 notes e3"  # no season without an episode
    assert read_out("show S1E100") == "show season 1 episode 100"
    assert read_out("SSE2 notes") == "SSE2 notes"
    assert unstated_quarters("sales Q2 2024") == ["first", "third", "fourth"]
    assert unstated_quarters("sales 2024") == []


def test_claims_of_a_state_version_or_quarter_are_named_where_the_name_makes_none() -> None:
    assert {"final", "version", "quarter", "draft"} <= set(unstated_claims(name_facts("20240228_Protokoll_Team.docx")))
    stated = set(CLAIM_WORDS) - set(unstated_claims(name_facts("Q3 budget FINAL_final.xlsx")))
    assert stated == {"final", "version", "versions", "quarter", "quarters", "first", "second", "third", "fourth"}
    assert "first" in unstated_claims(name_facts("sales_report_2023.pptx"))  # no "first quarter of 2023"
    assert "first" not in unstated_claims(name_facts("baby_first_steps.mp4"))
    assert "version" not in unstated_claims(name_facts("MyThesis_v1.2.pdf"))
    assert "quarter" not in unstated_claims(name_facts("CampaignQ32018.pptx"))  # a quarter glued to its year
    assert "edited" not in unstated_claims(name_facts("IMG_E3391.HEIC"))  # the convention's origin says it
    assert "signed" not in unstated_claims(name_facts("lease (signed).pdf"))
    assert "copy" in unstated_claims(name_facts("node-v20.12.2-win-x64.zip"))
    assert "copy" not in unstated_claims(name_facts("report (1).pdf"))
