"""Benchmarks of the workshop app against a bare Voila page (see run.py)."""
