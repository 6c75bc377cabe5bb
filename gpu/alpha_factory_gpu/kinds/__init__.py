"""One module per job kind; each exposes ``run(ctx) -> list[str]`` (the artifact names it published)."""
