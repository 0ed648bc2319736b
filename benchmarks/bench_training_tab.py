"""The Training tab's trial, driven through the real window: a user "corrected" 200 files of one kind the starter
never saw (benchmarks/data/memory_domains) and retrains from the tab's default settings. Reported: ROUGE-1 on the
domain's other 100 files before and after (with the app's example memory, as the window describes), ROUGE on the
starter test split before and after (forgetting), and the wall time of the run (training plus the tab's
evaluation) on this CPU. With --screenshots DIR the tab is also saved idle, training and with its report.

Run: .venv/bin/python benchmarks/bench_training_tab.py [--model starter] [--domain other-commands]
                                                      [--screenshots docs/screenshots] [--out DIR]
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs" / "screenshots"))

from make_screenshots import save, settle, wait  # noqa: E402 - the app's import order, then the shot helpers

DATA = ROOT / "benchmarks" / "data" / "memory_domains"
DOMAINS = ("other-commands", "gcloud-commands", "library-functions")


def evaluate(run: Path, base: str, heldout: Path, memory: Path, out: Path) -> dict:
    """`python -m training evaluate` of the run against its base on the held-out files, with the app's memory."""
    command = [sys.executable, "-m", "training", "evaluate", "--model", str(run), "--base", base, "--data",
               str(heldout), "--out", str(out), "--memory", str(memory), "--device", "cpu"]
    subprocess.run(command, cwd=ROOT, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def run_trial(args: argparse.Namespace) -> dict:
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
    corrections, heldout = DATA / f"{args.domain}.corrections.jsonl", DATA / f"{args.domain}.heldout.jsonl"
    store = Store.open()
    store.import_corrections(corrections, strict=True)
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("FileScribe")
    use_system_icon_theme()
    base = str(resolve_model(args.model).path)
    window = MainWindow(store, AppSettings(model_spec=base, device="cpu"))
    window.resize(*args.size)
    window.show()
    window.tabs.setCurrentWidget(window.training)
    tab = window.training
    wait(app, lambda: len(tab.inputs.ticked()) == 200 and tab.start_button.isEnabled(), 120)
    settle(app)
    if args.screenshots:
        save(window, args.screenshots, "training-idle.png")
    started = time.monotonic()
    tab.start()
    wait(app, lambda: len(tab.runner.progress.valid_loss) >= 2 or not tab.runner.running, 3600)
    settle(app)
    if args.screenshots:
        save(window, args.screenshots, "training-running.png")
    wait(app, lambda: not tab.runner.running, 4 * 3600)
    wall = time.monotonic() - started
    record = tab.runner.record
    if record.status != "finished":
        raise SystemExit(f"the run {record.status}: {record.error}")
    wait(app, lambda: tab.details.currentIndex() == REPORT_PAGE, 60)
    settle(app)
    if args.screenshots:
        save(window, args.screenshots, "training-report.png")
        tab.details.setCurrentIndex(EXAMPLES_PAGE)
        settle(app)
        save(window, args.screenshots, "training-examples.png")
    run = tab.registry.model_dir(record.id)
    window.close()
    report = evaluate(run, base, heldout, corrections, args.out / f"{args.domain}-heldout-report.json")
    return {"domain": args.domain, "model": args.model, "wall_s": wall, "sizes": record.sizes,
            "options": record.options, "tab_held_out": record.rouge, "starter_test": record.starter_test,
            "other_100": {key: report[key] for key in ("n", "base", "finetuned", "improvement")},
            "metrics": json.loads((run / "metrics.json").read_text(encoding="utf-8"))}


def summary(result: dict) -> str:
    """The figures as a Markdown table."""
    other, starter, tab = result["other_100"], result["starter_test"] or {}, result["tab_held_out"]
    rows = [("ROUGE-1, the other 100 files (app memory on)", other["base"]["rouge1"], other["finetuned"]["rouge1"]),
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
    parser.add_argument("--model", default="starter", help="the model in use before the run (default starter)")
    parser.add_argument("--domain", default=DOMAINS[0], choices=DOMAINS)
    parser.add_argument("--screenshots", type=Path, help="also save the tab idle, training and with its report")
    parser.add_argument("--size", type=int, nargs=2, default=(1280, 720), metavar=("WIDTH", "HEIGHT"))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "training_tab")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    result = run_trial(args)
    (args.out / f"{args.domain}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(summary(result))


if __name__ == "__main__":
    main()
