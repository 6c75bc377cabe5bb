"""Neural forecasters (LSTM, GRU, Transformer, N-BEATS-style), their training sweep and ONNX export."""
from .models import ARCHS, build
from .windows import windows

__all__ = ["ARCHS", "build", "windows"]
