"""App code named by the framework's conventions: React hooks, Android and iOS screens (training/corpus/app_code.py)."""
from __future__ import annotations

from tests.training.corpus.drawn_sources import assert_fixed_then_drawn
from training.corpus import app_code
from training.quality import contradicting_type, uses_name_words


def test_the_screens_are_deterministic_and_from_their_own_stream() -> None:
    assert_fixed_then_drawn(app_code.app_code_records, app_code.fixed_app_code(), drawn=250)


def test_every_hook_is_there_in_each_extension_and_says_what_it_does() -> None:
    hooks = {r.filename: r.file_desc for r in app_code.fixed_app_code() if r.group == "app-code:hook"}
    assert len(hooks) == len(app_code.HOOKS) * len(app_code.HOOK_EXTENSIONS)
    assert hooks["useDebounce.ts"] == "custom React hook that debounces a changing value"
    assert all(text.startswith("custom React hook") for text in hooks.values())
    misses = {name.split(".")[0] for name, text in hooks.items() if not uses_name_words(name, text)}
    assert misses == {"useAuth"}  # "auth" written out as "authentication", which the measure does not match


def test_a_screen_is_described_by_its_kind_and_its_framework_and_never_another_type() -> None:
    records = app_code.app_code_records(seed=0)
    screens = [r for r in records if r.group.split("#")[0] in {"app-code:Activity", "app-code:Fragment",
                                                                "app-code:ViewModel", "app-code:ViewController",
                                                                "app-code:View"}]
    assert len(screens) == 250
    for record in screens:
        android = record.filename.endswith((".kt", ".java"))
        assert record.file_desc.startswith("Android" if android else ("iOS", "SwiftUI")), record
        assert uses_name_words(record.filename, record.file_desc), record
    assert [r.filename for r in records if contradicting_type(r.filename, r.file_desc)] == []
    main = {r.filename: r.file_desc for r in app_code.fixed_app_code()}
    assert main["MainActivity.kt"].startswith("main activity of an Android app")
