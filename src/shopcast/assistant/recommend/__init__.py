"""Per-viewer product recommendations from implicit feedback (views, clicks, asks, carts,
orders): the ``implicit`` library's ALS, a popularity baseline, and the offline evaluation."""
