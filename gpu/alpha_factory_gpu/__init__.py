"""alpha_factory_gpu: the worker that runs Alpha Factory Lab jobs (batched GARCH, factor mining, forecasters)."""
__version__ = "0.1.0"
