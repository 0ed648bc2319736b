"""The Training tab's trial, driven through the real window: a user "corrected" 200 files of one kind the starter
never saw (benchmarks/data/memory_domains) and retrains from the tab's default settings. Reported: ROUGE-1 on the
domain's other 100 files before and after (with the app's example memory, as the window describes), ROUGE on the
starter test split before and after (forgetting), and the wall time of the run (training plus the tab's
evaluation) on this CPU. With --screenshots DIR the tab is also saved idle, training and with its report.

Run: python -m benchmarks.bench_training_tab [--model starter] [--domain other-commands]
                                             [--screenshots docs/screenshots] [--out DIR] [--smoke]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_memory import domain_files
from benchmarks.models import model_spec, starter_corpus_texts
from benchmarks.offscreen import save, settle, wait_until
from benchmarks.smoke import output_folder, parse_args

RESULTS = Path(__file__).resolve().parent / "results" / "training_tab"
DOMAINS = ("other-commands", "gcloud-commands", "library-functions")
SMOKE = {"model": "random-tiny", "limit": 12, "epochs": 1, "starter_check": 4, "no_memory": True}


def evaluate(run: Path, base: str, heldout: Path, memory: Path | None, out: Path) -> dict:
    """`python -m training evaluate` of the run against its base on the held-out files, with the app's memory
    (the corrections and the starter corpus) unless `memory` is None."""
    command = [sys.executable, "-m", "training", "evaluate", "--model", str(run), "--base", base, "--data",
               str(heldout), "--out", str(out), "--device", "cpu",
               *(["--memory", str(memory)] if memory is not None else ["--no-memory"])]
    subprocess.run(command, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def run_trial(args: argparse.Namespace, out: Path) -> dict:
    """Import the corrections, run the tab with its defaults, evaluate on the other 100 files."""
    from PySide6.QtWidgets import QApplication

    from core.describe.model_loading import resolve_model
    from core.store import Store
    from desktop_app.gui.icons import use_system_icon_theme
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.settings import AppSettings
    from desktop_app.gui.training.tab import EXAMPLES_PAGE, REPORT_PAGE

    work = Path(tempfile.mkdtemp(prefix="filescribe-tab-trial-"))
    os.environ["FILESCRIBE_DATA_DIR"] = str(work / "data")
    corrections, heldout = domain_files(args.domain, args.limit, work)
    store = Store.open()
    imported = store.import_corrections(corrections, strict=True)
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("FileScribe")
    use_system_icon_theme()
    base = str(resolve_model(model_spec(args.model, work, starter_corpus_texts)).path)
    window = MainWindow(store, AppSettings(model_spec=base, device="cpu", use_memory=not args.no_memory))
    window.resize(*args.size)
    window.show()
    window.tabs.setCurrentWidget(window.training)
    tab = window.training
    wait_until(app, lambda: len(tab.inputs.ticked()) == imported.kept and tab.start_button.isEnabled(), 120)
    if args.epochs is not None:
        tab.inputs.epochs.setValue(args.epochs)
    if args.starter_check is not None:
        tab.fixed_options["starter_check"] = args.starter_check
    settle(app)
    if args.screenshots:
        save(window, args.screenshots, "training-idle.png")
    started = time.monotonic()
    tab.start()
    wait_until(app, lambda: len(tab.runner.progress.valid_loss) >= 2 or not tab.runner.running, 3600)
    settle(app)
    if args.screenshots:
        save(window, args.screenshots, "training-running.png")
    wait_until(app, lambda: not tab.runner.running, 4 * 3600)
    wall = time.monotonic() - started
    record = tab.runner.record
    if record.status != "finished":
        raise SystemExit(f"the run {record.status}: {record.error}")
    wait_until(app, lambda: tab.details.currentIndex() == REPORT_PAGE, 60)
    settle(app)
    if args.screenshots:
        save(window, args.screenshots, "training-report.png")
        tab.details.setCurrentIndex(EXAMPLES_PAGE)
        settle(app)
        save(window, args.screenshots, "training-examples.png")
    run = tab.registry.model_dir(record.id)
    window.close()
    report = evaluate(run, base, heldout, None if args.no_memory else corrections,
                      out / f"{args.domain}-heldout-report.json")
    return {"domain": args.domain, "model": args.model, "wall_s": wall, "sizes": record.sizes,
            "options": record.options, "tab_held_out": record.rouge, "starter_test": record.starter_test,
            "other_files": {key: report[key] for key in ("n", "base", "finetuned", "improvement")},
            "metrics": json.loads((run / "metrics.json").read_text(encoding="utf-8"))}


def summary(result: dict) -> str:
    """The figures as a Markdown table."""
    other, starter, tab = result["other_files"], result["starter_test"] or {}, result["tab_held_out"]
    rows = [(f"ROUGE-1, the other {other['n']} files", other["base"]["rouge1"], other["finetuned"]["rouge1"]),
            (f"ROUGE-1, the tab's {result['sizes']['held_out']} held-out corrections", tab["base"]["rouge1"],
             tab["finetuned"]["rouge1"])]
    if starter:
        rows.append((f"ROUGE-1, starter test split ({starter['n']})", starter["base"]["rouge1"],
                     starter["finetuned"]["rouge1"]))
    lines = ["| | before | after | change |", "| --- | --- | --- | --- |"]
    lines += [f"| {name} | {before:.3f} | {after:.3f} | {after - before:+.3f} |" for name, before, after in rows]
    lines.append(f"| wall time (train + the tab's evaluation) | {result['wall_s'] / 60:.1f} min | | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="starter", help="the model in use before the run (default starter; "
                        "or random-SHAPE, benchmarks/models.py)")
    parser.add_argument("--domain", default=DOMAINS[0], choices=DOMAINS)
    parser.add_argument("--screenshots", type=Path, help="also save the tab idle, training and with its report")
    parser.add_argument("--size", type=int, nargs=2, default=(1280, 720), metavar=("WIDTH", "HEIGHT"))
    parser.add_argument("--out", type=Path, help=f"where the results go (default {RESULTS})")
    parser.add_argument("--limit", type=int, help="only the first N corrections and held-out files")
    parser.add_argument("--epochs", type=int, help="the tab's Max. epochs (default: the tab's default)")
    parser.add_argument("--starter-check", type=int, metavar="N",
                        help="forgetting on the first N starter test examples (default: the tab's, all)")
    parser.add_argument("--no-memory", action="store_true", help="the app's example memory turned off (--smoke "
                        "turns it off: building it encodes the 4,275 starter examples)")
    args = parse_args(parser, SMOKE)
    out = output_folder(args, RESULTS)
    result = run_trial(args, out)
    (out / f"{args.domain}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(summary(result))


if __name__ == "__main__":
    main()
