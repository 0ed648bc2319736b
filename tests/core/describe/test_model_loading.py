"""Model specs resolve as documented; broken model folders give one clear error naming the folder."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import torch

import core.describe.model_loading as models
from core.describe.model_loading import check_model_folder, load_fused_model, model_fingerprint, resolve_model
from core.errors import ModelError


@pytest.fixture()
def model_copy(tiny_model_dir: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(tiny_model_dir, tmp_path / "model"))


def test_folder_spec_resolves_to_the_folder(tiny_model_dir: Path) -> None:
    resolved = resolve_model(str(tiny_model_dir))
    assert resolved.origin == "folder" and resolved.path == tiny_model_dir.resolve()


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="No model folder at"):
        resolve_model(str(tmp_path / "nowhere" / "deeper" / "x"))


def test_uncached_hub_id_offline_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="neither a model folder nor in the local Hugging Face cache"):
        resolve_model("nobody-here/no-such-model", allow_download=True)


def test_auto_falls_back_to_the_starter_with_a_notice(tiny_model_dir: Path, monkeypatch) -> None:
    monkeypatch.setattr(models, "starter_path", lambda: tiny_model_dir)
    resolved = resolve_model("auto")
    assert resolved.origin == "starter" and resolved.path == tiny_model_dir
    assert "google/flan-t5-small" in resolved.notice


def test_auto_takes_a_cached_base_only_when_fine_tuned_for_descriptions(tiny_model_dir: Path, tmp_path: Path,
                                                                        monkeypatch) -> None:
    import json
    import shutil

    cached = tmp_path / "hf-cache-snapshot"
    shutil.copytree(tiny_model_dir, cached)
    monkeypatch.setattr(models, "starter_path", lambda: tiny_model_dir)
    monkeypatch.setattr(models, "cached_hub_snapshot", lambda repo_id: cached)
    untuned = resolve_model("auto")  # an untuned google/flan-t5-small was never measured here
    assert untuned.origin == "starter" and "never fine-tuned for file descriptions" in untuned.notice
    config = json.loads((cached / "config.json").read_text())
    (cached / "config.json").write_text(json.dumps({**config, "filescribe_tasks": ["describe"]}))
    tuned = resolve_model("auto")
    assert tuned.origin == "hf-cache" and tuned.path == cached and tuned.notice is None


def test_missing_starter_says_reinstall(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(models, "starter_path", lambda: tmp_path / "absent")
    with pytest.raises(ModelError, match="reinstall"):
        resolve_model("starter")


def test_valid_folder_loads(model_copy: Path) -> None:
    model, tokenizer = load_fused_model(model_copy)
    assert model.config.model_type == "fused_t5" and len(tokenizer) <= model.config.vocab_size


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: (d / "config.json").unlink(), "has no config.json"),
        (lambda d: (d / "config.json").write_text("{not json"), "not valid JSON"),
        (lambda d: (d / "config.json").write_text(json.dumps({"model_type": "bert"})), "'bert' model"),
        (lambda d: (d / "model.safetensors").unlink(), "has no weights"),
        (lambda d: (d / "model.safetensors").write_bytes((d / "model.safetensors").read_bytes()[:100]),
         "corrupt or truncated"),
        (lambda d: (d / "tokenizer.json").unlink(), "has no tokenizer"),
        (lambda d: (d / "tokenizer.json").write_text("garbage"), "Could not load the tokenizer"),
    ],
)
def test_broken_folders_give_one_clear_error(model_copy: Path, damage, message: str) -> None:
    damage(model_copy)
    with pytest.raises(ModelError, match=message) as caught:
        load_fused_model(model_copy)
    assert str(model_copy) in str(caught.value)


def test_truncated_weights_body_is_reported(model_copy: Path) -> None:
    weights = model_copy / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    with pytest.raises(ModelError, match=str(model_copy)):
        load_fused_model(model_copy)


def test_pickle_weights_refused_unless_allowed(model_copy: Path) -> None:
    model, _ = load_fused_model(model_copy)
    (model_copy / "model.safetensors").unlink()
    torch.save(model.state_dict(), model_copy / "pytorch_model.bin")
    with pytest.raises(ModelError, match="pickle"):
        check_model_folder(model_copy)
    loaded, _ = load_fused_model(model_copy, allow_pickle=True)
    torch.testing.assert_close(loaded.lexical_proj.weight, model.lexical_proj.weight)


def test_tokenizer_larger_than_the_model_is_rejected(model_copy: Path, tmp_path: Path) -> None:
    from tests.tiny_models import build_tiny_model

    other = build_tiny_model(tmp_path / "other")
    config = json.loads((model_copy / "config.json").read_text())
    config["vocab_size"] = 10
    (other / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError):
        load_fused_model(other)


def test_fingerprint_follows_the_weights(model_copy: Path, tiny_model_dir: Path) -> None:
    assert model_fingerprint(model_copy) == model_fingerprint(tiny_model_dir)
    model, _ = load_fused_model(model_copy)
    with torch.no_grad():
        model.lexical_proj.bias.add_(1.0)
    model.save_pretrained(model_copy)
    assert model_fingerprint(model_copy) != model_fingerprint(tiny_model_dir)
