"""Experiments: script variants of one product in one market, shown to viewers (videos per
variant, or a live show rotating them by segment), and a report that says which one sells
(docs/experiments.md)."""
