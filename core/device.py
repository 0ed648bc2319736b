"""Choosing the compute device and the precision the models run in.

torch is imported where it is used: the command line reads the choices below without paying for it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from core.errors import DeviceError

if TYPE_CHECKING:
    import torch

DEVICE_CHOICES = ("auto", "cuda", "mps", "cpu")
PRECISION_CHOICES = ("auto", "float32", "bfloat16")


def pick_device(requested: str = "auto") -> torch.device:
    """cuda > mps > cpu for "auto"; an explicit device that is not available is an error."""
    import torch

    if requested not in DEVICE_CHOICES:
        raise DeviceError(f"Unknown device {requested!r}; choose one of {', '.join(DEVICE_CHOICES)}.")
    available = {"cuda": torch.cuda.is_available(), "mps": torch.backends.mps.is_available(), "cpu": True}
    if requested == "auto":
        return torch.device(next(name for name in ("cuda", "mps", "cpu") if available[name]))
    if not available[requested]:
        raise DeviceError(f"Device {requested!r} is not available on this machine; use --device cpu or auto.")
    return torch.device(requested)


def cpu_has_fast_bf16() -> bool:
    """True when this CPU computes bfloat16 natively (AMX / AVX512-BF16), where bf16 beats fp32."""
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def pick_dtype(device: torch.device, precision: str = "auto") -> torch.dtype:
    """bfloat16 on CUDA, float32 elsewhere, unless `precision` says otherwise."""
    import torch

    if precision not in PRECISION_CHOICES:
        raise DeviceError(f"Unknown precision {precision!r}; choose one of {', '.join(PRECISION_CHOICES)}.")
    if precision == "auto":
        return torch.bfloat16 if device.type == "cuda" else torch.float32
    return torch.bfloat16 if precision == "bfloat16" else torch.float32
