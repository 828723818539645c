"""Readers for catalog files: Shopify product CSV and shopcast JSON."""

from shopcast.catalog.importers.common import ParsedFile, ParsedProduct
from shopcast.catalog.importers.json_file import parse_json_catalog
from shopcast.catalog.importers.shopify_csv import parse_shopify_csv

__all__ = ["ParsedFile", "ParsedProduct", "parse_json_catalog", "parse_shopify_csv"]
