"""Held-out domains for the memory benchmark, from man pages the starter corpus never saw.

Each domain: 300 look-alike filename -> description pairs (200 "corrections", 100 held out), read from
the NAME section of compressed man pages (only a small prefix of each file is read).
Run: .venv/bin/python benchmarks/memory_domains.py --out benchmarks/data/memory_domains
and, for the development domain: ... memory_domains.py --dev --seed 8
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

MAN = Path("/usr/share/man")
DOMAINS = {
    "gcloud-commands": (MAN / "man1", re.compile(r"^gcloud")),
    "other-commands": (MAN / "man1", re.compile(r"^(?!gcloud)")),
    "library-functions": (MAN / "man3", re.compile(r".")),
}
DEV_DOMAINS = {  # for choosing settings (benchmarks/tune_retraining_lr.py), never for the reported tables
    "admin-commands": (MAN / "man8", re.compile(r".")),
}
PER_DOMAIN, CORRECTIONS = 300, 200
PREFIX_BYTES = 8192
NAME_LINE = re.compile(r"\s\\?-\s+(.+)$")


def name_description(page: Path) -> str | None:
    """The one-line description of a man page's NAME section, or None."""
    try:
        with gzip.open(page, "rt", encoding="utf-8", errors="replace") as handle:
            text = handle.read(PREFIX_BYTES)
    except (OSError, EOFError):
        return None
    section = re.search(r'^\.SH "?NAME"?\s*$(.*?)^\.SH', text, re.MULTILINE | re.DOTALL)
    if not section:
        return None
    body = " ".join(line for line in section.group(1).splitlines() if not line.startswith("."))
    match = NAME_LINE.search(" ".join(body.split()))
    if not match:
        return None
    description = re.sub(r"\\f[BIRP]|\\\(.{2}|\\", "", match.group(1)).strip().rstrip(".")
    words = description.split()
    return " ".join(words[:20]) if len(words) >= 2 else None


def domain_pairs(folder: Path, pattern: re.Pattern[str], seed: int) -> list[dict]:
    """PER_DOMAIN pairs of man pages whose name matches `pattern`, sampled reproducibly."""
    pages = sorted(p for p in folder.glob("*.gz") if pattern.match(p.name))
    random.Random(seed).shuffle(pages)
    pairs: list[dict] = []
    for page in pages:
        description = name_description(page)
        if description:
            pairs.append({"filename": page.name, "file_desc": description})
        if len(pairs) == PER_DOMAIN:
            return pairs
    raise SystemExit(f"{folder}: only {len(pairs)} usable pages match {pattern.pattern}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/data/memory_domains"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dev", action="store_true", help="write the development domains instead")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (folder, pattern) in (DEV_DOMAINS if args.dev else DOMAINS).items():
        pairs = domain_pairs(folder, pattern, args.seed)
        for part, rows in (("corrections", pairs[:CORRECTIONS]), ("heldout", pairs[CORRECTIONS:])):
            with open(args.out / f"{name}.{part}.jsonl", "w", encoding="utf-8") as out:
                out.writelines(json.dumps({"id": i, **r, "source": name}, ensure_ascii=False) + "\n"
                               for i, r in enumerate(rows))
        print(f"{name}: {len(pairs)} pairs, e.g. {pairs[0]['filename']} -> {pairs[0]['file_desc']}")


if __name__ == "__main__":
    main()
