"""Configuration files named by what they configure (config.yaml, app_config.yaml, db-settings.json, logging.ini,
config.prod.json, .env.staging), described as the settings they hold ("configuration settings for the database").

Every project and many home folders have them; without examples the memory's nearest names are the well-known
configs of one tool ("app_config.yaml" read as Google App Engine's `app.yaml`, "config.yaml" as pre-commit's hooks).
The generic names go to the training split as the project names do; the drawn ones vary subject, word, style and
format from their own random stream, so no other record changes.
"""

from __future__ import annotations

import random

from training.corpus.everyday import SOURCE, style_words
from training.corpus.projects import FIXED
from training.corpus.records import Record, in_buckets

FORMATS = ("yaml", "yml", "json", "toml", "ini", "cfg", "conf", "xml")
FORMAT_WEIGHTS = (30, 16, 30, 8, 8, 4, 6, 2)
# what a config configures: the word names use, how descriptions say it
SUBJECTS: tuple[tuple[str, str], ...] = (
    ("app", "an app"), ("application", "the application"), ("db", "the database"),
    ("database", "the database"), ("logging", "logging"), ("log", "logging"), ("server", "the server"),
    ("client", "the client"), ("model", "the model"), ("train", "model training"), ("training", "model training"),
    ("experiment", "an experiment"), ("email", "sending email"), ("mail", "the mail server"),
    ("smtp", "the SMTP server"),
    ("redis", "Redis"), ("kafka", "Kafka"), ("mongo", "MongoDB"), ("mysql", "MySQL"), ("postgres", "PostgreSQL"),
    ("celery", "Celery workers"), ("api", "the API"), ("auth", "authentication"), ("cache", "the cache"),
    ("deploy", "deployment"), ("deployment", "deployment"), ("bot", "the bot"), ("site", "the website"),
    ("backup", "backups"), ("theme", "the theme"), ("build", "the build"), ("docker", "Docker"), ("game", "the game"),
    ("sensor", "the sensors"), ("camera", "the camera"), ("network", "the network"), ("proxy", "the proxy"),
    ("vpn", "the VPN"), ("printer", "the printer"), ("scraper", "the scraper"), ("pipeline", "the pipeline"),
    ("dashboard", "the dashboard"), ("user", "the user's preferences"), ("editor", "the editor"),
    ("keyboard", "the keyboard"), ("monitoring", "monitoring"), ("alerts", "alerts"), ("storage", "storage"),
    ("queue", "the queue"), ("worker", "the background worker"), ("scheduler", "the scheduler"),
)
ENVIRONMENTS = (("dev", "development"), ("development", "development"), ("prod", "production"),
                ("production", "production"), ("staging", "staging"), ("local", "local development"),
                ("test", "testing"), ("qa", "QA"))
DOTENV_ONLY_HERE = ("dev", "prod", "staging", "qa")  # .env.development, .production, .local, .test: well-known
CONFIG_WORDS = ("config", "config", "config", "settings", "settings", "conf", "cfg", "configuration")


def fixed_configs() -> list[Record]:
    """The generic names once each: config.yaml, settings.toml, app_config.yaml, config.prod.json, .env.staging."""
    records = [Record(f"config.{extension}", "configuration settings of an app or project", FIXED, "config:generic")
               for extension in FORMATS]
    records += [Record(f"settings.{extension}", "settings of an app or project", FIXED, "config:generic")
                for extension in ("yaml", "yml", "toml", "ini", "cfg", "conf")]  # settings.json and .py: well-known
    records += [Record(f"{word}_config.yaml", f"configuration settings for {reading}", FIXED, f"config:{word}")
                for word, reading in SUBJECTS]
    for word, reading in ENVIRONMENTS:
        description = f"configuration settings for the {reading} environment"
        records += [Record(f"config.{word}.{extension}", description, FIXED, "config:environment")
                    for extension in ("yaml", "json", "toml")]
        records.append(Record(f"{word}.yaml", description, FIXED, "config:environment"))
        records.append(Record(f"settings_{word}.py", f"Django settings for the {reading} environment", FIXED,
                              "config:environment"))
        if word in DOTENV_ONLY_HERE:
            records.append(Record(f".env.{word}", f"environment variables for the {reading} environment", FIXED,
                                  "config:environment"))
    return records


def drawn_config(rng: random.Random) -> Record:
    """A config named after its subject in some word, style and format: db-settings.json, LoggingConfig.xml."""
    subject, reading = rng.choice(SUBJECTS)
    word = rng.choice(CONFIG_WORDS)
    extension = rng.choices(FORMATS, weights=FORMAT_WEIGHTS)[0]
    parts = [word, subject] if rng.random() < 0.15 else [subject, word]
    stem = f"{subject}.{word}" if rng.random() < 0.1 else style_words(parts, rng)
    kind = "settings" if word == "settings" else "configuration settings"
    return Record(f"{stem}.{extension}", f"{kind} for {reading}", SOURCE, f"config:{subject}")


def config_records(seed: int, count: int = 450) -> list[Record]:
    """The generic names, then `count` drawn ones from their own random stream (a repeat is left to the dedupe)."""
    rng = random.Random(f"{seed}:config-files")
    return fixed_configs() + in_buckets([drawn_config(rng) for _ in range(count)])
