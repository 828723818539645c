"""Show analytics: an event log (join, leave, product_click, add_to_cart, order) and the
funnel queries and report drawn from it."""
