"""Held-out domains for the memory benchmark, from man pages the starter corpus never saw.

Each domain: 300 look-alike filename -> description pairs (200 "corrections", 100 held out), read from
the NAME section of compressed man pages (only a small prefix of each file is read).
`programs.*.jsonl` is a fourth domain of man1 pages named as in a bin folder, without an extension (`chsh`,
`journalctl`): a fixed sample made once, before any model saw it, that this script does not rewrite (the
harvest leaves its names out of the corpus, so the corpus stays as built); `bench_memory --domains programs`.
Run: python -m benchmarks.memory_domains --out benchmarks/data/memory_domains
and, for the development domain: python -m benchmarks.memory_domains --dev --seed 8
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

from benchmarks.smoke import output_folder, parse_args

DATA = Path(__file__).resolve().parent / "data" / "memory_domains"  # what the benchmarks read
MAN = Path("/usr/share/man")
DOMAINS = {  # name: (man section, page names)
    "gcloud-commands": ("man1", re.compile(r"^gcloud")),
    "other-commands": ("man1", re.compile(r"^(?!gcloud)")),
    "library-functions": ("man3", re.compile(r".")),
}
DEV_DOMAINS = {  # for choosing settings (benchmarks/tune_retraining_lr.py), never for the reported tables
    "admin-commands": ("man8", re.compile(r".")),
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


def domain_pairs(folder: Path, pattern: re.Pattern[str], seed: int, count: int) -> list[dict]:
    """`count` pairs of man pages whose name matches `pattern`, sampled reproducibly."""
    pages = sorted(p for p in folder.glob("*.gz") if pattern.match(p.name))
    random.Random(seed).shuffle(pages)
    pairs: list[dict] = []
    for page in pages:
        description = name_description(page)
        if description:
            pairs.append({"filename": page.name, "file_desc": description})
        if len(pairs) == count:
            return pairs
    raise SystemExit(f"{folder}: only {len(pairs)} usable pages match {pattern.pattern}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, help="where the JSONL files go (default benchmarks/data/memory_domains)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dev", action="store_true", help="write the development domains instead")
    parser.add_argument("--man", type=Path, default=MAN, help=f"the man page tree (default {MAN})")
    parser.add_argument("--per-domain", type=int, default=PER_DOMAIN, help=f"pairs per domain (default {PER_DOMAIN})")
    parser.add_argument("--corrections", type=int, default=CORRECTIONS,
                        help=f"of which corrections; the rest are held out (default {CORRECTIONS})")
    args = parse_args(parser, {"per_domain": 6, "corrections": 4})
    out = output_folder(args, DATA)
    for name, (section, pattern) in (DEV_DOMAINS if args.dev else DOMAINS).items():
        pairs = domain_pairs(args.man / section, pattern, args.seed, args.per_domain)
        for part, rows in (("corrections", pairs[: args.corrections]), ("heldout", pairs[args.corrections :])):
            with open(out / f"{name}.{part}.jsonl", "w", encoding="utf-8") as handle:
                handle.writelines(json.dumps({"id": i, **r, "source": name}, ensure_ascii=False) + "\n"
                                  for i, r in enumerate(rows))
        print(f"{out / name}: {len(pairs)} pairs, e.g. {pairs[0]['filename']} -> {pairs[0]['file_desc']}")


if __name__ == "__main__":
    main()
