"""Training faults: `kill -9` of a run mid-epoch, and malformed JSONL and CSV input (reported with file:line,
every good line kept)."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from core.describe.examples import Example
from core.describe.model_loading import load_fused_model, model_fingerprint
from core.store import Store
from desktop_app.cli.main import main
from desktop_app.gui.settings import AppSettings, load_settings, save_settings
from desktop_app.gui.training.plan import TrainingOptions, parse_event, start_run, training_command
from desktop_app.gui.training.runs import FAILED, INTERRUPTED, RUNNING, RunRegistry
from tests.reliability.conftest import ROOT
from tests.training.conftest import TOY_EXAMPLES
from training.cli import main as training_main


def test_kill_9_mid_epoch_leaves_no_model_and_a_failed_run(tiny_model_dir: Path, tmp_path: Path) -> None:
    active = Path(shutil.copytree(tiny_model_dir, tmp_path / "in-use"))
    save_settings(AppSettings(model_spec=str(active)))
    before = (model_fingerprint(active), load_settings())
    registry = RunRegistry.open()
    options = TrainingOptions(epochs=50, batch_size=1, replay=0.0, starter_check=0, use_memory=False, threads=1,
                              device="cpu")
    record, _ = start_run(registry, str(active), [Example(*pair) for pair in TOY_EXAMPLES], [], options)
    command = training_command(sys.executable, registry, record, options)
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                           env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        for line in run.stdout:  # into the second epoch: the first one is checkpointed
            event = parse_event(line)
            if event and event["event"] == "step" and 1.2 < event["epoch"] < 1.8:
                break
        else:
            raise AssertionError(f"the run ended ({run.wait()}) before its second epoch")
        os.kill(run.pid, signal.SIGKILL)  # the run, and with it the app that started it, die at once
    finally:
        run.kill()
        run.wait()
    out = registry.model_dir(record.id)
    partial = out.parent / f".{out.name}.partial"
    assert not out.exists() and partial.is_dir()  # nothing published; the unfinished run is hidden
    assert [r.status for r in registry.records() if r.id == record.id] == [RUNNING]
    again = training_main(command[3:])  # the same run started again by hand is refused with a clear reason
    assert again == 1 and partial.is_dir()
    history = registry.recover()  # what the app does when it starts next
    (failed,) = [r for r in history if r.id == record.id]
    assert (failed.status, failed.error) == (FAILED, INTERRUPTED)
    assert not out.exists() and not partial.exists() and not registry.work_dir(record.id).exists()
    assert (model_fingerprint(active), load_settings()) == before  # the model in use did not change
    load_fused_model(active)


def malformed_jsonl(path: Path) -> int:
    """A JSONL file with every kind of broken line between good ones; returns how many lines are good."""
    good = [json.dumps({"filename": f"{stem}.pdf", "file_desc": f"the {stem} document"}) for stem in
            ("report", "budget", "invoice", "letter", "minutes")]
    lines = [
        b"\xef\xbb\xbf" + good[0].encode(),  # a byte-order mark, as some editors write
        good[1].encode() + b"\r",  # a Windows line end
        b"\xff\xfe\x00garbage \x80\x81",  # not text at all
        b"[" * 50_000,  # nested too deeply for any parser
        b'{"filename": "big.txt", "file_desc": ' + b"9" * 5000 + b"}",  # a number too long to read
        b'{"filename": "nan.txt", "file_desc": NaN}',
        json.dumps({"filename": "\ud800odd.txt", "file_desc": "a lone surrogate in the name"}).encode(),
        good[2].encode(),
        b'"just a string"',
        good[3].encode(),
        good[4].encode(),
        b'{"filename": "cut.txt", "file_d',  # the last line, cut off
    ]
    path.write_bytes(b"\n".join(lines))
    return len(good) + 1  # the lone surrogate becomes U+FFFD: the example is kept


def test_malformed_jsonl_is_reported_by_line_and_nothing_else_is_lost(tmp_path: Path, capsys) -> None:
    data = tmp_path / "examples.jsonl"
    kept = malformed_jsonl(data)
    bad_lines = [3, 4, 5, 6, 9, 12]
    code = training_main(["train", "--train", str(data), "--base", str(tmp_path / "none"), "--out",
                          str(tmp_path / "run")])
    err = capsys.readouterr().err
    assert code == 1 and "No model folder at" in err  # the data was read and reported before the model
    assert f"{data}: {kept} examples, {len(bad_lines)} lines skipped" in err
    assert [int(line.split(":")[2]) for line in err.splitlines() if "skipped " in line and f"{data}:" in line] == \
        bad_lines
    assert "Traceback" not in err
    assert main(["corrections", "import", str(data)]) == 0
    err = capsys.readouterr().err
    assert f"imported {kept} corrections" in err and err.count(f"skipped {data}:") == len(bad_lines)
    names = {c.filename for c in Store.open().corrections()}
    assert names == {"report.pdf", "budget.pdf", "invoice.pdf", "letter.pdf", "minutes.pdf", "\ufffdodd.txt"}


QUESTION_HEADER = "\ufeffId,OwnerUserId,CreationDate,Score,Title,Body"  # with a byte-order mark
ANSWER_HEADER = "Id,OwnerUserId,CreationDate,ParentId,Score,Body"


def csv_rows(rows: list[list[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def answer(answer_id: int, parent: int) -> bytes:
    """One good answer row of two lines, with Windows line ends."""
    return csv_rows([[answer_id, 1, "2008", parent, 5, f"<p>Answer to {parent}\non two lines</p>"]]).encode()


def test_malformed_csv_is_reported_by_line_and_nothing_else_is_lost(tmp_path: Path, capsys) -> None:
    questions, answers = tmp_path / "Questions.csv", tmp_path / "Answers.csv"
    questions.write_text(QUESTION_HEADER + "\r\n" + csv_rows(
        [[q, "NA", "2008", 5, f"Question {q}", f"<p>Body {q}</p>"] for q in (1, 2, 3, 4)]), encoding="utf-8")
    answers.write_bytes(b"".join([
        ANSWER_HEADER.encode() + b"\r\n",  # line 1
        answer(11, 1),  # lines 2-3
        b'90,1,2008,1,5,"<p>a NUL \x00 byte is text to the csv module</p>"\r\n',  # line 4: kept
        answer(12, 2),  # lines 5-6
        b"91,1,2008,2\r\n",  # line 7: too few fields
        b'92,1,2008,x,5,"<p>ParentId is no number</p>"\r\n',  # line 8
        answer(13, 3),  # lines 9-10
        answer(14, 4),  # lines 11-12
        b'93,1,2008,4,9,"<p>cut off at the end',  # line 13: the file ends inside a quoted field
    ]))
    out = tmp_path / "so.jsonl"
    assert training_main(["qa", "prepare", "--questions", str(questions), "--answers", str(answers), "--out",
                          str(out), "--no-register", "-q"]) == 0
    err = capsys.readouterr().err
    pairs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(p["answer_id"] for p in pairs) == [11, 12, 13, 14, 90]  # every good answer, none lost to a neighbour
    problems = [line.split("skipped ", 1)[1] for line in err.splitlines() if "skipped " in line]
    assert [p.split(":")[0] for p in problems] == [str(answers)] * 3
    assert [int(p.split(":")[1]) for p in problems] == [7, 8, 13]
    assert "Traceback" not in err
