"""The analysis: pure Python, deterministic, no Qt and no database."""
