"""Log files that programs write and people keep, named by what wrote them: `server.log`, `worker-error.log`,
`backup_2024-03-01.log`, `api.log.1`. Described with the name's own words ("errors logged by the worker"), so
that a log the memory does not know is described as its name says, not as a well-known log of another program
(`app.log` is no authentication log, `server.log` no record of configure's checks). Deterministic for a seed.
"""
from __future__ import annotations

import random

from training.corpus import lexicon as lx
from training.corpus.everyday import random_date, style_words
from training.corpus.records import Record, in_buckets

SOURCE = "everyday"
FIXED_SOURCE = "project-names"  # names given by role alone, like `main.py`: always in the training split

# What writes a log, as a name says it and as a description names it ("the backup job").
WRITERS = (
    ("server", "the server"), ("app", "the app"), ("api", "the API"), ("worker", "the background worker"),
    ("scheduler", "the scheduler"), ("backup", "the backup job"), ("sync", "the sync job"), ("build", "the build"),
    ("install", "the installation"), ("update", "the update"), ("deploy", "the deployment"),
    ("cron", "the cron jobs"), ("bot", "the bot"), ("scraper", "the scraper"), ("client", "the client"),
    ("game", "the game"), ("launcher", "the launcher"), ("proxy", "the proxy"), ("mail", "the mail server"),
    ("database", "the database"), ("web", "the web server"), ("training", "the training run"),
    ("test", "the test run"), ("import", "the import"), ("export", "the export"), ("migration", "the migration"),
    ("service", "the service"), ("daemon", "the daemon"), ("gateway", "the gateway"), ("payment", "the payments"),
    ("upload", "the uploads"), ("monitor", "the monitor"), ("agent", "the agent"), ("crawler", "the crawler"),
    ("render", "the render"), ("celery", "the Celery workers"), ("gunicorn", "Gunicorn"), ("uwsgi", "uWSGI"),
    ("nginx", "nginx"), ("postgres", "PostgreSQL"), ("mysql", "MySQL"), ("redis", "Redis"), ("mongodb", "MongoDB"),
    ("docker", "Docker"), ("jenkins", "Jenkins"), ("django", "Django"), ("flask", "Flask"), ("node", "Node.js"),
    ("webpack", "webpack"), ("pip", "pip"), ("conda", "conda"), ("steam", "Steam"), ("minecraft", "Minecraft"),
    ("vpn", "the VPN"), ("printer", "the printer"), ("camera", "the camera"), ("router", "the router"),
)
WEB_WRITERS = frozenset({"server", "api", "web", "proxy", "gateway", "nginx", "app"})  # those that log requests

# (name word, description of what the writer logs) for each kind of log; "{writer}" is the description's writer.
KINDS = (
    ("", "log of {writer}"),
    ("", "messages logged by {writer}"),
    ("error", "errors logged by {writer}"),
    ("errors", "errors logged by {writer}"),
    ("debug", "debug messages of {writer}"),
    ("access", "requests to {writer}, one line each"),
    ("output", "output of {writer}"),
)
# Log names given by their role alone. Those named by a kind alone say "a program": true of any such log, where a
# writer guessed would often be wrong ("debug.log" is no log of the login).
FIXED = (
    ("error.log", "errors logged by a program"),
    ("errors.log", "errors logged by a program"),
    ("debug.log", "debug messages of a program"),
    ("access.log", "requests to a web server, one line each"),
    ("output.log", "output of a program"),
    ("log.txt", "messages logged by a program, as plain text"),
    ("install.log", "log of an installation"),
    ("build.log", "log of a build"),
    ("test.log", "log of a test run"),
    ("crash.log", "log of a program's crash"),
    ("server.log", "log of a server"),
    ("app.log", "log of an app"),
    ("latest.log", "newest log of a program, such as a Minecraft server"),
    ("combined.log", "all messages of a program in one log"),
)


def log_file(rng: random.Random) -> Record:
    """One log named by its writer and kind, sometimes with a date, a project or a rotation number."""
    key, writer = rng.choice(WRITERS)
    kinds = [kind for kind in KINDS if kind[0] != "access" or key in WEB_WRITERS]
    kind, template = rng.choice(kinds)
    words = [key, kind] if kind and rng.random() < 0.7 else [kind, key] if kind else [key]
    description = template.format(writer=writer)
    if rng.random() < 0.2:
        project = rng.choice(lx.PROJECTS)
        words.insert(0, project)
        description += f" for the {project} project"
    suffix = ".log"
    if rng.random() < 0.3:
        date = random_date(rng, "day")
        words.append(date.name)
        description += f" on {date.reading}"
    elif rng.random() < 0.2:
        suffix = f".log.{rng.randint(1, 9)}"  # rotated by logrotate: the number stays out of the description
        description = f"older {description}, rotated"
    return Record(f"{style_words(words, rng)}{suffix}", description, SOURCE, f"log:{key}")


def log_records(seed: int, count: int = 300) -> list[Record]:
    """The generic log names once each, then `count` drawn logs (a repeated name is left to the dedupe)."""
    rng = random.Random(f"{seed}:logs")
    fixed = [Record(name, description, FIXED_SOURCE, "log:fixed") for name, description in FIXED]
    return fixed + in_buckets([log_file(rng) for _ in range(count)])
