"""The fuzz harness: structure-aware strategies for hostile documents, the targets
with their oracles, a short deterministic slice for CI (``test_fuzz.py``) and a
long campaign (``python -m tests.fuzz``); docs: testing.md#fuzzing."""
