"""Flan-T5 with a learned lexical fusion: a filename embedding added to every encoder token."""
from __future__ import annotations

import math
from typing import Any

import torch
from torch import nn
from transformers import AutoConfig, AutoModelForSeq2SeqLM, T5Config, T5ForConditionalGeneration
from transformers import initialization as init
from transformers.modeling_outputs import BaseModelOutput

DEFAULT_LEXICAL_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
FUSION_MODES = ("add", "none")


class FusedT5Config(T5Config):
    """T5 configuration plus the lexical encoder it expects and how its vector is fused."""

    model_type = "fused_t5"
    lexical_dim: int = 384
    lexical_model: str = DEFAULT_LEXICAL_MODEL
    fusion: str = "add"
    lexical_scale: float | None = None
    finetune_lr: float | None = None  # peak learning rate recommended to fine-tune this model (train's default)
    finetune_keep: str | None = None  # the epoch train keeps when fine-tuning this model: "best" or "last"
    surface_forms: dict | None = None  # spacing and spelling tables of a lower-casing tokenizer (core.describe.surface)

    def __post_init__(self, **kwargs: Any) -> None:
        """T5's set-up, then reject unknown fusion modes."""
        super().__post_init__(**kwargs)
        if self.fusion not in FUSION_MODES:
            raise ValueError(f"fusion must be one of {FUSION_MODES}, not {self.fusion!r}")

    @property
    def effective_lexical_scale(self) -> float:
        """Factor applied to the unit-norm lexical vector (sqrt(dim) unless set)."""
        return self.lexical_scale if self.lexical_scale is not None else math.sqrt(self.lexical_dim)


class FusedT5ForConditionalGeneration(T5ForConditionalGeneration):
    """T5 whose encoder input is token embeddings + lexical_proj(filename embedding).

    The fusion applies to `forward` (training) and `generate` (greedy and beam search alike).
    """

    config_class = FusedT5Config
    # The LM head stays untied (as in Flan-T5) so it round-trips through save_pretrained.
    _tied_weights_keys = {
        "encoder.embed_tokens.weight": "shared.weight",
        "decoder.embed_tokens.weight": "shared.weight",
    }
    # Those aliases of `shared` are never saved: declared, the Trainer re-ties them instead of warning on load.
    _keys_to_ignore_on_save = set(_tied_weights_keys)
    # T5 ignores Trainer's num_items_in_batch; without this the loss is mis-scaled under DDP/accumulation.
    accepts_loss_kwargs = False

    def __init__(self, config: FusedT5Config) -> None:
        if not isinstance(config, FusedT5Config):
            config = FusedT5Config(**config.to_dict())
        super().__init__(config)
        self.lexical_proj = nn.Linear(config.lexical_dim, config.d_model)
        self.post_init()

    @classmethod
    def from_pretrained(cls, *args: Any, **kwargs: Any) -> Any:
        """Load a fused or plain T5; a checkpoint with a tied head gets its head copied from the embeddings."""
        want_info = kwargs.pop("output_loading_info", False)
        model, info = super().from_pretrained(*args, output_loading_info=True, **kwargs)
        if "lm_head.weight" in info["missing_keys"]:
            with torch.no_grad():
                model.lm_head.weight.copy_(model.shared.weight)
            info["missing_keys"] = [key for key in info["missing_keys"] if key != "lm_head.weight"]
        return (model, info) if want_info else model

    @property
    def uses_fusion(self) -> bool:
        """True when the lexical vector is added to the encoder input."""
        return self.config.fusion != "none"

    @torch.no_grad()
    def _init_weights(self, module: nn.Module) -> None:
        """Initialise as T5 does, with the projection at zero so fused == plain until trained."""
        super()._init_weights(module)
        if module is getattr(self, "lexical_proj", None):
            init.zeros_(module.weight)
            init.zeros_(module.bias)

    def fused_inputs_embeds(self, input_ids: torch.Tensor, lexical_embeds: torch.Tensor | None) -> torch.Tensor:
        """Token embeddings of `input_ids`, plus the projected lexical vector on every position."""
        embeds = self.get_input_embeddings()(input_ids)
        if lexical_embeds is None or not self.uses_fusion:
            return embeds
        lexical = lexical_embeds.to(device=embeds.device, dtype=self.lexical_proj.weight.dtype)
        projected = self.lexical_proj(lexical * self.config.effective_lexical_scale)
        return embeds + projected.to(embeds.dtype).unsqueeze(1)

    def forward(
        self,
        input_ids: torch.Tensor | None = None,
        attention_mask: torch.Tensor | None = None,
        lexical_embeds: torch.Tensor | None = None,
        inputs_embeds: torch.Tensor | None = None,
        encoder_outputs: Any = None,
        **kwargs: Any,
    ) -> Any:
        """T5's forward with the lexical vector fused into the encoder input."""
        if encoder_outputs is None and inputs_embeds is None and input_ids is not None:
            inputs_embeds = self.fused_inputs_embeds(input_ids, lexical_embeds)
            input_ids = None
        return super().forward(
            input_ids=input_ids,
            attention_mask=attention_mask,
            inputs_embeds=inputs_embeds,
            encoder_outputs=encoder_outputs,
            **kwargs,
        )

    def encode(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None, lexical_embeds: torch.Tensor | None
    ) -> BaseModelOutput:
        """Run the encoder on the fused embeddings."""
        embeds = self.fused_inputs_embeds(input_ids, lexical_embeds)
        return self.get_encoder()(inputs_embeds=embeds, attention_mask=attention_mask, return_dict=True)

    @torch.no_grad()
    def generate(
        self,
        input_ids: torch.Tensor | None = None,
        attention_mask: torch.Tensor | None = None,
        lexical_embeds: torch.Tensor | None = None,
        **kwargs: Any,
    ) -> Any:
        """Generate from fused encoder states (stock generate would drop `lexical_embeds`)."""
        if input_ids is None or "encoder_outputs" in kwargs:
            return super().generate(input_ids=input_ids, attention_mask=attention_mask, **kwargs)
        kwargs["encoder_outputs"] = self.encode(input_ids, attention_mask, lexical_embeds)
        return super().generate(attention_mask=attention_mask, **kwargs)


AutoConfig.register(FusedT5Config.model_type, FusedT5Config)
AutoModelForSeq2SeqLM.register(FusedT5Config, FusedT5ForConditionalGeneration)
