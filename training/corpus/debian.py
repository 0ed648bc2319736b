"""Debian package names and their short descriptions, from apt's package lists (`Packages` files).

Package names are names whose words carry the meaning ("libreoffice-calc", "python3-requests",
"fonts-noto-cjk"); their one-line descriptions say what they are. Read from the lists apt keeps in
/var/lib/apt/lists (plain, .gz, .xz or .lz4, the last through apt's own `apt-helper cat-file`).
Debug symbols, transitional and dummy packages are left out; families of similar names (lib*, python3-*,
r-cran-*, golang-*, ...) are capped so that none dominates. A share of the examples is named as a .deb
file ("htop_3.2.2-2_amd64.deb"), as downloads are.
"""
from __future__ import annotations

import gzip
import lzma
import random
import re
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from training.corpus.casing import sentence_case
from training.corpus.records import Record

SOURCE = "debian"
DEFAULT_LISTS_DIR = Path("/var/lib/apt/lists")
APT_HELPER = Path("/usr/lib/apt/apt-helper")
FAMILY_PREFIXES = ("lib", "python3-", "python-", "r-cran-", "r-bioc-", "golang-", "node-", "ruby-", "php-", "perl-",
                   "fonts-", "texlive-", "gir1.2-", "librust-", "haskell-", "ocaml-", "elpa-", "firmware-", "xfonts-",
                   "gnome-", "kde", "qml-", "libghc-", "libjs-", "liblwp-")
SKIPPED = re.compile(r"(-dbg|-dbgsym|-dbgsym-\w+|-udeb)$|^linux-(image|headers|modules|kbuild|source)-|"
                     r"transitional|dummy package|meta-?package|empty package", re.IGNORECASE)
DEB_FILE_SHARE = 0.2
DEFAULT_MAX_PER_FAMILY = 300
DEFAULT_TOTAL = 7000


def read_list(path: Path) -> str:
    """The text of a Packages file, decompressed as its suffix says."""
    if path.suffix == ".gz":
        return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    if path.suffix == ".xz":
        return lzma.decompress(path.read_bytes()).decode("utf-8", "replace")
    if path.suffix == ".lz4":
        result = subprocess.run([str(APT_HELPER), "cat-file", str(path)], capture_output=True, check=True)
        return result.stdout.decode("utf-8", "replace")
    return path.read_text(encoding="utf-8", errors="replace")


def package_lists(folder: Path) -> list[Path]:
    """The binary Packages files apt keeps in `folder`."""
    return sorted(p for p in folder.glob("*_Packages*") if p.suffix in ("", ".gz", ".xz", ".lz4"))


def parse_packages(text: str) -> Iterator[tuple[str, str, str]]:
    """(package, version, short description) of each stanza of a Packages file."""
    for stanza in text.split("\n\n"):
        fields: dict[str, str] = {}
        for line in stanza.splitlines():
            if line and not line[0].isspace() and ":" in line:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        if fields.get("Package") and fields.get("Description"):
            yield fields["Package"], fields.get("Version", ""), fields["Description"]


def clean_short_description(text: str) -> str | None:
    """A short description as a description: " -- " becomes ", "; None for debug, dummy and one-word ones."""
    text = " ".join(text.replace(" -- ", ", ").replace(" - ", ", ").split()).rstrip(".")
    return None if len(text.split()) < 2 or SKIPPED.search(text) else text


def family(package: str) -> str:
    """The family a package name belongs to (its prefix), or "other"."""
    return next((prefix for prefix in FAMILY_PREFIXES if package.startswith(prefix)), "other")


def debian_records(lists: Iterable[Path], seed: int, exclude: Iterable[str] = (),
                   max_per_family: int = DEFAULT_MAX_PER_FAMILY, total: int = DEFAULT_TOTAL) -> list[Record]:
    """One record per package (last stanza wins), families capped, `total` at most, a share named as .deb files.

    Capitalised first words are lower-cased where the descriptions mostly write that word in lower case.
    """
    excluded = {name.lower() for name in exclude}
    packages: dict[str, tuple[str, str]] = {}
    for path in lists:
        for package, version, description in parse_packages(read_list(path)):
            cleaned = clean_short_description(description)
            if cleaned and not SKIPPED.search(package) and package.lower() not in excluded:
                packages[package] = (version, cleaned)
    rng = random.Random(f"{seed}:debian")
    by_family: dict[str, list[str]] = {}
    for package in sorted(packages):
        by_family.setdefault(family(package), []).append(package)
    chosen = []
    for name, members in sorted(by_family.items()):
        cap = None if name == "other" else max_per_family
        chosen += members if cap is None or len(members) <= cap else rng.sample(members, cap)
    chosen = sorted(chosen if len(chosen) <= total else rng.sample(chosen, total))
    case = sentence_case([description for _, description in packages.values()])
    records = []
    for package in chosen:
        version, description = packages[package]
        description = case(description)
        if rng.random() < DEB_FILE_SHARE:
            version = re.sub(r"^\d+:", "", version)
            records.append(Record(f"{package}_{version}_amd64.deb", f"Debian package of {description}", SOURCE,
                                  f"debian:{package}"))
        else:
            records.append(Record(package, description, SOURCE, f"debian:{package}"))
    return records
