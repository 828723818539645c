"""The bundled sample catalog (12 products, 5 categories) and its drawn product images."""

from pathlib import Path

SAMPLE_DIR = Path(__file__).parent
SAMPLE_JSON = SAMPLE_DIR / "catalog.json"
SAMPLE_CSV = SAMPLE_DIR / "shopify_products.csv"
