"""The factor-mining kind's parts: token grammar and canonical text (grammar), device evaluation and
metrics with kernel-lib's semantics (evaluator), the generator and predictor networks (models), the
mining loop and zoo admission (miner), and the long-layout panel reader (panel)."""
