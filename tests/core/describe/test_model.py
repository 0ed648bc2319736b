"""The fused T5: fusion in forward and generate, zero-init, save/load, untied head, fusion='none'."""
from __future__ import annotations

from pathlib import Path

import pytest
import torch
from transformers import T5Config, T5ForConditionalGeneration

from core.describe.model import FusedT5Config, FusedT5ForConditionalGeneration


def tiny_config(**overrides) -> FusedT5Config:
    settings = dict(vocab_size=64, d_model=32, d_kv=16, d_ff=64, num_layers=2, num_heads=2,
                    feed_forward_proj="gated-gelu", tie_word_embeddings=False, decoder_start_token_id=0,
                    lexical_dim=16, dropout_rate=0.0)
    settings.update(overrides)
    return FusedT5Config(**settings)


def unit(rows: int, dim: int = 16, seed: int = 0) -> torch.Tensor:
    vectors = torch.randn(rows, dim, generator=torch.Generator().manual_seed(seed))
    return vectors / vectors.norm(dim=-1, keepdim=True)


@pytest.fixture()
def trained_projection_model() -> FusedT5ForConditionalGeneration:
    torch.manual_seed(0)
    model = FusedT5ForConditionalGeneration(tiny_config()).eval()
    with torch.no_grad():
        model.lexical_proj.weight.normal_(std=0.1)
    return model


IDS = torch.tensor([[5, 6, 7, 8, 1], [9, 10, 1, 0, 0]])
MASK = (IDS != 0).long()
MASK[0, :] = 1


def test_projection_starts_at_zero() -> None:
    model = FusedT5ForConditionalGeneration(tiny_config())
    assert torch.count_nonzero(model.lexical_proj.weight) == 0
    assert torch.count_nonzero(model.lexical_proj.bias) == 0


def test_fusion_changes_encoder_states(trained_projection_model) -> None:
    model = trained_projection_model
    a = model.encode(IDS, MASK, unit(2, seed=1)).last_hidden_state
    b = model.encode(IDS, MASK, unit(2, seed=2)).last_hidden_state
    plain = model.encode(IDS, MASK, None).last_hidden_state
    assert not torch.allclose(a, b)
    assert not torch.allclose(a, plain)


def test_gradients_reach_the_projection() -> None:
    model = FusedT5ForConditionalGeneration(tiny_config())
    labels = torch.tensor([[11, 12, 1], [13, 1, -100]])
    loss = model(input_ids=IDS, attention_mask=MASK, lexical_embeds=unit(2), labels=labels).loss
    loss.backward()
    assert model.lexical_proj.weight.grad is not None
    assert model.lexical_proj.weight.grad.abs().sum() > 0


def test_zero_projection_equals_plain_t5(tmp_path: Path) -> None:
    torch.manual_seed(0)
    plain_config = T5Config(**{k: v for k, v in tiny_config().to_dict().items()
                               if k not in ("lexical_dim", "lexical_model", "fusion", "lexical_scale",
                                            "model_type", "architectures", "transformers_version")})
    plain = T5ForConditionalGeneration(plain_config).eval()
    plain.save_pretrained(tmp_path)
    fused = FusedT5ForConditionalGeneration.from_pretrained(tmp_path).eval()
    assert fused.config.lexical_dim == 384 and fused.config.fusion == "add"
    assert torch.count_nonzero(fused.lexical_proj.weight) == 0
    labels = torch.tensor([[11, 12, 1], [13, 1, 0]])
    expected = plain(input_ids=IDS, attention_mask=MASK, labels=labels).logits
    got = fused(input_ids=IDS, attention_mask=MASK, labels=labels, lexical_embeds=unit(2, dim=384)).logits
    torch.testing.assert_close(got, expected)


@pytest.mark.parametrize("num_beams", [1, 3])
def test_generate_uses_the_fusion(trained_projection_model, num_beams: int) -> None:
    model = trained_projection_model
    kwargs = dict(input_ids=IDS, attention_mask=MASK, max_new_tokens=6, num_beams=num_beams, do_sample=False,
                  output_scores=True, return_dict_in_generate=True)
    first = model.generate(lexical_embeds=unit(2, seed=1), **kwargs)
    second = model.generate(lexical_embeds=unit(2, seed=2), **kwargs)
    assert not torch.allclose(first.scores[0], second.scores[0])
    # and generate's first-step scores match a plain forward pass on the fused input
    lexical = unit(2, seed=1)
    start = torch.zeros((2, 1), dtype=torch.long)
    logits = model(input_ids=IDS, attention_mask=MASK, lexical_embeds=lexical, decoder_input_ids=start).logits
    greedy = model.generate(lexical_embeds=lexical, **{**kwargs, "num_beams": 1})
    torch.testing.assert_close(greedy.scores[0], logits[:, -1, :])


def test_save_load_round_trip_keeps_outputs_and_untied_head(trained_projection_model, tmp_path: Path) -> None:
    model = trained_projection_model
    with torch.no_grad():
        model.lm_head.weight.normal_()
    model.save_pretrained(tmp_path)
    assert (tmp_path / "model.safetensors").is_file()
    loaded = FusedT5ForConditionalGeneration.from_pretrained(tmp_path).eval()
    assert loaded.config.model_type == "fused_t5"
    assert loaded.config.lexical_model == model.config.lexical_model
    assert not torch.equal(loaded.lm_head.weight, loaded.shared.weight)
    torch.testing.assert_close(loaded.lm_head.weight, model.lm_head.weight)
    kwargs = dict(input_ids=IDS, attention_mask=MASK, lexical_embeds=unit(2), max_new_tokens=6, do_sample=False)
    assert torch.equal(loaded.generate(**kwargs), model.generate(**kwargs))


def test_fusion_none_ignores_the_lexical_vector() -> None:
    torch.manual_seed(0)
    model = FusedT5ForConditionalGeneration(tiny_config(fusion="none")).eval()
    with torch.no_grad():
        model.lexical_proj.weight.normal_()
    a = model.encode(IDS, MASK, unit(2, seed=1)).last_hidden_state
    b = model.encode(IDS, MASK, unit(2, seed=2)).last_hidden_state
    torch.testing.assert_close(a, b)


def test_unknown_fusion_mode_is_rejected() -> None:
    with pytest.raises(ValueError, match="fusion must be one of"):
        tiny_config(fusion="concat")
