"""Every benchmark runs at its --smoke size, as `python -m benchmarks.NAME --smoke`, and prints what it claims to:
a benchmark that breaks fails here rather than on the day someone needs its figures."""
from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"
NUMBER = r"[+-]?[\d,]+(?:\.\d+)?"
ROUGE = rf"{NUMBER} / {NUMBER} / {NUMBER}"


@dataclass(frozen=True)
class Case:
    """One smoke run: the module, its extra options and the lines its output must hold (regular expressions)."""

    module: str
    expected: tuple[str, ...]
    options: tuple[str, ...] = ()
    writes: bool = False  # takes --out (given a temporary folder)

    @property
    def id(self) -> str:
        return " ".join([self.module, *self.options])


CASES = [  # the runs that start child processes first: all start at once, as many at a time as there are cores
    Case("bench_training_tab", (
        rf"^\| ROUGE-1, the other 12 files \| {NUMBER} \| {NUMBER} \| {NUMBER} \|$",
        rf"^\| ROUGE-1, the tab's \d+ held-out corrections \| {NUMBER} \| {NUMBER} \| {NUMBER} \|$",
        rf"^\| ROUGE-1, starter test split \(4\) \| {NUMBER} \| {NUMBER} \| {NUMBER} \|$",
        rf"^\| wall time \(train \+ the tab's evaluation\) \| {NUMBER} min \| \| \|$",
    ), writes=True),
    Case("bench_memory", (
        *(rf"^\| {re.escape(row)} \| {ROUGE} \|$" for row in (
            "nn-copy", "memory top-1 copy", "model", "model+memory, prompt", "model+memory")),
        *(rf"^\| {re.escape(row)} \| {ROUGE} \| {NUMBER} \|$" for row in (
            "nn-copy", "memory top-1 copy", "model", "model+memory, prompt", "model+memory", "retrained",
            "retrained+memory")),
        r"^\| retrained \| not checked \(--starter-check 0\) \|$",
        r"^\| retrained\+memory \| not checked \(--starter-check 0\) \|$",
        *(rf"^\| {re.escape(better)} - {re.escape(other)} \| {NUMBER} \| {NUMBER} to {NUMBER} \|$"
          for better, other in (("model+memory", "nn-copy"), ("retrained+memory", "retrained"))),
    ), writes=True),
    Case("tune_retraining_lr", (
        rf"^\| base \| {NUMBER} \| {NUMBER} \| \|$",
        rf"^\| retrained, lr 1e-3 .*\| {NUMBER} \| {NUMBER} \| not checked \(--starter-check 0\) \|$",
    ), writes=True),
    Case("bench_qa", (
        rf"^index built in {NUMBER} s: \d+ passages, \d+ units, {NUMBER} MB on disk",
        rf"^search only \(top 5 of \d+ unit vectors\): p50 {NUMBER} ms, p95 {NUMBER} ms$",
        rf"^retrieval \(encode question \+ search\): p50 {NUMBER} ms, p95 {NUMBER} ms$",
        rf"^answer, extractive: p50 {NUMBER} ms, p95 {NUMBER} ms$",
        rf"^answer, generated \(8 new tokens, random-tiny, fp32\): p50 {NUMBER} s, p95 {NUMBER} s",
    )),
    Case("tune_memory_decoding", (
        r"^\| starter valid split \(12 files\) \| R1 / R2 / RL \|$",
        *(rf"^\| {re.escape(row)} \| {ROUGE} \|$" for row in (
            "memory top-1 copy, overlap weight 0.5", "model alone", "examples in the prompt only",
            "copy mixture, share 0.9", "copy mixture, adaptive share (default)")),
    )),
    Case("bench_descriptions", (
        r"^dev\.jsonl: 10 names, \d+ of them verbatim in starter_descriptions\.jsonl$",
        r"^\| row \| ROUGE-1 \| ROUGE-L \| ROUGE-1, names not in the corpus \| uses the name's words \| wrong type \| "
        r"files/s \|$",
        *(rf"^\| {row} \| {NUMBER} \| {NUMBER} \| {NUMBER} \| \d+% \(of \d+\) \| \d+ \| {speed} \|$"
          for row, speed in (("echo", ""), (r"words \+ type", ""), ("random-tiny", NUMBER))),
        rf"^\| random-tiny - words \+ type \| {NUMBER} \| {NUMBER} to {NUMBER} \|$",
    ), options=("--memory", "benchmarks/data/memory_domains/other-commands.corrections.jsonl")),  # not the starter's
    Case("bench_describe", (
        r"^\| mode \| files/s \| files per CPU-second \| peak RSS \|$",
        rf"^\| engine, fp32, batch 32, length-sorted, dynamic padding \| {NUMBER} \| {NUMBER} \| {NUMBER} MB \|$",
        rf"^\| seed's way, fp32, one at a time, max_length 128 \| {NUMBER} \| {NUMBER} \| {NUMBER} MB \|$",
        rf"^\| engine, bf16 weights \(`--precision bfloat16`\) \| {NUMBER} \| {NUMBER} \| {NUMBER} MB \|$",
        rf"^speed-up fp32 vs seed: {NUMBER}x \(CPU time: {NUMBER}x\); identical greedy outputs: \d+/4$",
        rf"^bf16 vs fp32: {NUMBER}x \(CPU time: {NUMBER}x\); outputs differing from fp32: \d+/24$",
    )),
    Case("bench_describe", (
        r"^\| mode \| files/s \| files per CPU-second \| peak RSS \|$",
        rf"^\| random-tiny, the app's defaults: no memory, cpu float32, \d+ torch thread\(s\), 32 files per call \| "
        rf"{NUMBER} \| {NUMBER} \| {NUMBER} MB \|$",
    ), options=("--app-defaults",)),
    Case("bench_features", (
        r"^40 examples, 40 distinct filenames, 1 torch thread\(s\), cpu clock$",
        rf"^\| seed's way: per example, pad to 128, projection at preprocessing +\| +{NUMBER} \| +1\.0x \|$",
        rf"^\| features\.py, MiniLM float32 \(vectors identical to the app's\) +\| +{NUMBER} \| +{NUMBER}x \|$",
        rf"^\| features\.py, MiniLM bf16 autocast .* \| +{NUMBER} \| +{NUMBER}x \|$",
        rf"^\| features\.py, vectors already in the encoder's cache \(re-run\) +\| +{NUMBER} \| +{NUMBER}x \|$",
        rf"^\| features\.py without fusion \(tokenisation only\) +\| +{NUMBER} \| +{NUMBER}x \|$",
    )),
    Case("bench_gui", (
        rf"^model random-tiny loaded in {NUMBER} s \(no example memory\)$",
        rf"^open 40 files: first screen \d+ ms, all rows {NUMBER} s; event loop: longest gap \d+ ms, p99 \d+ ms$",
        r"^describe all: \d+ s \(\d+ files/s, 40 model inputs\); event loop meanwhile: longest gap \d+ ms",
        rf"^re-open, all cached: first screen \d+ ms, all 40 described in {NUMBER} s, 0 model calls$",
        rf"^after a restart \(new window and engine, keys found again\): all 40 described in {NUMBER} s, "
        r"\d+ model calls$",
        r"^new file described: median \d+ ms, max \d+ ms over 2$",
    )),
    Case("bench_memory_lookup", (
        rf"^\| 2,000 examples \| add {NUMBER} s \| {NUMBER} ms per query in batches of 50 \| {NUMBER} ms for a "
        r"single query \|$",
    )),
    Case("bench_training", (
        rf"^Validation loss at step 0: {NUMBER}; target = the seed's best after 2 steps: {NUMBER}$",
        r"^\| settings \| precision \| batch \| median step \| examples/s \| epoch of 32 \|",
        rf"^\| seed \| float32 \| 8 \| {NUMBER} s \| {NUMBER} \| {NUMBER} min \| \d+ \| {NUMBER} s \(1\.0x\) \|$",
        rf"^\| train \| (bfloat16|float32) \| 16 \| {NUMBER} s \| {NUMBER} \| {NUMBER} min \|",
        rf"^\| train fp32 \| float32 \| 16 \| {NUMBER} s \| {NUMBER} \| {NUMBER} min \|",
    )),
    Case("memory_domains", tuple(rf"^.*/{name}: 6 pairs, e\.g\. \S+ -> .+$"
                                 for name in ("gcloud-commands", "other-commands", "library-functions")),
         writes=True),
]


def man_pages(root: Path) -> Path:
    """A man page tree with six pages of each domain of benchmarks/memory_domains.py (and one without a NAME)."""
    pages = {"man1": [f"gcloud_topic_{i}.1.gz" for i in range(6)] + [f"tool{i}.1.gz" for i in range(6)],
             "man3": [f"lib_function_{i}.3.gz" for i in range(6)] + ["broken.3.gz"]}
    for section, names in pages.items():
        (root / section).mkdir(parents=True)
        for name in names:
            stem = name.split(".")[0]
            text = ".TH X 1\n.SH SYNOPSIS\n" if name == "broken.3.gz" else \
                f'.TH X 1\n.SH "NAME"\n{stem} \\- do the {stem} thing for a user\n.SH SYNOPSIS\n'
            (root / section / name).write_bytes(gzip.compress(text.encode()))
    return root


def smoke_run(case: Case, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`python -m benchmarks.MODULE --smoke` from the repository root, its output in `tmp_path`."""
    options = [*case.options, *(["--out", str(tmp_path / "out")] if case.writes else [])]
    if case.module == "memory_domains":
        options += ["--man", str(man_pages(tmp_path / "man"))]
    env = {**os.environ, "HF_HUB_DISABLE_PROGRESS_BARS": "1", "TOKENIZERS_PARALLELISM": "false",
           "OMP_NUM_THREADS": "1"}  # runs side by side on a few cores: no thread spins against another run
    return subprocess.run([sys.executable, "-m", f"benchmarks.{case.module}", "--smoke", *options], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def smoke_runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Future]]:
    """The selected runs, started together and run as many at a time as there are cores: each is mostly one process
    importing torch and transformers, which takes one core."""
    selected = [item.callspec.params["case"] for item in request.session.items
                if item.module is request.module and "case" in getattr(getattr(item, "callspec", None), "params", {})]
    pool = ThreadPoolExecutor(os.cpu_count() or 1)
    yield {case.id: pool.submit(smoke_run, case, tmp_path_factory.mktemp("smoke")) for case in selected}
    pool.shutdown(cancel_futures=True)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_smoke_run_prints_its_figures(case: Case, smoke_runs: dict[str, Future]) -> None:
    done = smoke_runs[case.id].result()
    assert done.returncode == 0, done.stderr[-4000:]
    missing = [line for line in case.expected if not re.search(line, done.stdout, re.MULTILINE)]
    assert not missing, f"not in the output: {missing}\n--- stdout:\n{done.stdout}\n--- stderr:\n{done.stderr[-2000:]}"


def test_every_benchmark_has_a_smoke_run() -> None:
    runnable = {path.stem for path in BENCHMARKS.glob("*.py") if '__name__ == "__main__"' in path.read_text()}
    assert runnable == {case.module for case in CASES}


def test_memory_domains_smoke_writes_where_told(tmp_path: Path) -> None:
    case = next(case for case in CASES if case.module == "memory_domains")
    assert smoke_run(case, tmp_path).returncode == 0
    written = {path.name: len(path.read_text().splitlines()) for path in (tmp_path / "out").iterdir()}
    assert written == {f"{name}.{part}.jsonl": count for name in ("gcloud-commands", "other-commands",
                                                                    "library-functions")
                       for part, count in (("corrections", 4), ("heldout", 2))}
