"""Scripts named after the task they do (download_data.py, resize-images.sh, sendReport.js, video_downloader.py),
described as what they do ("Python script that downloads data", "... that downloads videos").

Personal and project folders are full of such one-task scripts; without examples of them the memory's nearest
names are library modules ("_data.py": "base class for sparse matrice with a .data attribute"). Each verb takes
only the objects it is used with, so no example says "resizes the stock prices".
"""

from __future__ import annotations

import random

from training.corpus.everyday import LANGUAGES_BY_EXT, SOURCE
from training.corpus.records import Record

# verb as names write it, as descriptions write it, the objects it takes (as names write them, with "_")
TASKS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("download", "downloads", ("data", "images", "videos", "reports", "files", "stock_prices", "dataset", "podcasts",
                               "papers", "subtitles")),
    ("fetch", "fetches", ("data", "prices", "weather", "emails", "users", "exchange_rates", "news", "tweets")),
    ("scrape", "scrapes", ("prices", "jobs", "news", "reviews", "products", "listings", "recipes", "tweets")),
    ("clean", "cleans", ("data", "text", "dataset", "logs", "csv", "addresses")),
    ("resize", "resizes", ("images", "photos", "thumbnails", "icons")),
    ("rename", "renames", ("files", "photos", "episodes", "songs")),
    ("convert", "converts", ("images", "videos", "audio", "units", "currency", "markdown")),
    ("generate", "generates", ("report", "invoices", "thumbnails", "passwords", "sitemap", "certificates",
                               "test_data", "charts")),
    ("send", "sends", ("email", "emails", "notifications", "newsletter", "reminders", "sms", "invoices")),
    ("backup", "backs up", ("db", "database", "photos", "files", "home")),
    ("plot", "plots", ("results", "data", "loss", "metrics", "prices", "histogram")),
    ("train", "trains", ("model", "classifier", "cnn", "tokenizer", "embeddings", "agent")),
    ("evaluate", "evaluates", ("model", "classifier", "predictions", "results")),
    ("parse", "parses", ("logs", "emails", "invoices", "args", "config", "headers", "xml")),
    ("export", "exports", ("data", "users", "contacts", "results", "orders", "notes")),
    ("import", "imports", ("data", "users", "contacts", "products", "transactions")),
    ("sync", "syncs", ("files", "photos", "calendar", "contacts", "repos")),
    ("update", "updates", ("prices", "dependencies", "readme", "database", "stats")),
    ("merge", "merges", ("pdfs", "csv_files", "videos", "branches", "datasets")),
    ("split", "splits", ("dataset", "pdf", "audio", "data")),
    ("compress", "compresses", ("images", "videos", "logs", "pdfs")),
    ("upload", "uploads", ("files", "photos", "videos", "results", "backups")),
    ("analyze", "analyzes", ("data", "logs", "sales", "sentiment", "results", "survey")),
    ("check", "checks", ("links", "disk_space", "updates", "prices", "health")),
    ("count", "counts", ("words", "lines", "files", "visitors")),
    ("extract", "extracts", ("text", "audio", "frames", "features", "tables", "emails")),
    ("monitor", "monitors", ("prices", "website", "cpu", "uptime", "logs")),
    ("process", "processes", ("data", "images", "orders", "payments", "logs")),
    ("deploy", "deploys", ("app", "website", "model", "docs")),
    ("build", "builds", ("docs", "index", "site", "dataset", "vocab")),
    ("visualize", "visualizes", ("data", "results", "graph", "network", "attention")),
    ("predict", "predicts", ("prices", "churn", "sales", "weather")),
    ("preprocess", "preprocesses", ("data", "images", "text", "audio")),
    ("load", "loads", ("data", "config", "model", "images")),
)
# tools named object_agent (video_downloader.py): the agent, what it does, (object as names write it, as read)
AGENTS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("downloader", "downloads", (("video", "videos"), ("playlist", "playlists"), ("file", "files"),
                                 ("image", "images"), ("podcast", "podcasts"))),
    ("scraper", "scrapes", (("price", "prices"), ("job", "job listings"), ("news", "news"), ("recipe", "recipes"))),
    ("tracker", "tracks", (("expense", "expenses"), ("habit", "habits"), ("price", "prices"), ("workout", "workouts"),
                           ("time", "time spent"))),
    ("organizer", "organizes", (("file", "files"), ("download", "downloads"), ("music", "music"))),
    ("generator", "generates", (("password", "passwords"), ("report", "reports"), ("invoice", "invoices"),
                                ("qr", "QR codes"), ("name", "names"))),
    ("converter", "converts", (("image", "images"), ("unit", "units"), ("currency", "currencies"),
                               ("video", "videos"), ("pdf", "PDFs"))),
    ("merger", "merges", (("csv", "CSV files"), ("video", "videos"), ("excel", "Excel files"))),
    ("renamer", "renames", (("file", "files"), ("photo", "photos"), ("episode", "episodes"))),
    ("checker", "checks", (("link", "links"), ("spell", "spelling"), ("grammar", "grammar"), ("price", "prices"))),
    ("monitor", "monitors", (("price", "prices"), ("website", "a website"), ("system", "the system"),
                             ("network", "the network"))),
    ("notifier", "sends notifications about", (("price", "prices"), ("weather", "the weather"),
                                               ("email", "emails"), ("build", "builds"))),
    ("loader", "loads", (("config", "the configuration"), ("data", "data"), ("model", "a model"),
                         ("image", "images"))),
    ("sender", "sends", (("email", "emails"), ("sms", "SMS messages"), ("newsletter", "newsletters"))),
    ("counter", "counts", (("word", "words"), ("line", "lines"), ("calorie", "calories"))),
    ("resizer", "resizes", (("image", "images"), ("photo", "photos"))),
    ("cleaner", "cleans", (("data", "data"), ("disk", "disk space"), ("log", "logs"))),
)
SPELLED = {"db": "database", "csv": "CSV", "sms": "SMS", "cnn": "CNN", "cpu": "CPU", "pdf": "PDF", "pdfs": "PDFs",
           "xml": "XML", "args": "arguments", "repos": "repositories", "docs": "documentation", "vocab": "vocabulary",
           "csv_files": "CSV files", "readme": "README", "home": "home folder"}
SCRIPT_EXTENSIONS = {"py": 12, "sh": 3, "js": 3, "ts": 1, "rb": 1, "ps1": 1, "R": 1}
SCRIPT_LANGUAGES = {**LANGUAGES_BY_EXT, "ps1": "PowerShell", "R": "R"}
WITH_THE = frozenset({"dataset", "model", "classifier", "database", "db", "app", "website", "site", "index", "readme",
                      "home", "config", "calendar"})  # objects read as one known thing: "trains the model"


def script_stem(words: list[str], extension: str, rng: random.Random) -> str:
    """The words joined as names in that language are: camelCase mostly in JavaScript, else snake or kebab case."""
    if extension in ("js", "ts") and rng.random() < 0.6:
        return words[0] + "".join(word.capitalize() for word in words[1:])
    return ("-" if rng.random() < 0.2 else "_").join(words)


def task_script(rng: random.Random) -> Record:
    """A script named verb_object, described as "<language> script that <verbs> <object>"."""
    verb, verbs, objects = rng.choice(TASKS)
    thing = rng.choice(objects)
    extension = rng.choices(list(SCRIPT_EXTENSIONS), weights=list(SCRIPT_EXTENSIONS.values()))[0]
    stem = script_stem([verb, *thing.split("_")], extension, rng)
    return Record(f"{stem}.{extension}", task_description(extension, verbs, thing), SOURCE, f"project:task:{verb}")


def task_description(extension: str, verbs: str, thing: str) -> str:
    """ "Python script that backs up the database" for ("py", "backs up", "db")."""
    reading = ("the " if thing in WITH_THE else "") + SPELLED.get(thing, thing.replace("_", " "))
    return script_description(extension, verbs, reading)


def script_description(extension: str, does: str, reading: str) -> str:
    """ "<language> script that <does> <reading>"."""
    return f"{SCRIPT_LANGUAGES[extension]} script that {does} {reading}"


def task_scripts(seed: int, count: int = 400) -> list[Record]:
    """Every task once as a Python script (download_data.py, video_downloader.py), then `count` in other languages
    and styles from their own random stream (a repeat is left to the dedupe)."""
    every = [Record(f"{verb}_{thing}.py", task_description("py", verbs, thing), SOURCE, f"project:task:{verb}")
             for verb, verbs, objects in TASKS for thing in objects]
    every += [Record(f"{thing}_{agent}.py", script_description("py", does, reading), SOURCE, f"project:tool:{agent}")
              for agent, does, objects in AGENTS for thing, reading in objects]
    rng = random.Random(f"{seed}:task-scripts")
    return every + [task_script(rng) for _ in range(count)]
