"""Where the administrative-unit lists come from (PyPI packages), read without frappe.

- 2025 two-level list: ``vietnam-provinces`` 2025.10.x, a declared dependency.
- pre-2025 three-level list: ``vietnam-provinces`` 0.6.0, whose newer release replaces it in the
  environment; its names and codes ship with the app (``data/legacy_units.json.gz``, written by
  ``scripts/make_legacy_units.py``), so installing needs no network.
- old→new mapping: ``vietnam-address-converter``'s published table.
"""

import gzip
import json
from functools import lru_cache
from pathlib import Path

from ocop_app.rules import admin_units

LEGACY_FILE = Path(__file__).parent / "data" / "legacy_units.json.gz"


def load_2025_tree() -> list[dict]:
	import vietnam_provinces

	with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as f:
		return json.load(f)


def load_legacy_tree() -> list[dict]:
	with gzip.open(LEGACY_FILE, "rt", encoding="utf-8") as f:
		return json.load(f)


def load_mapping_rows() -> list[dict]:
	from vietnam_address_converter.data import DEFAULT_DATA

	return DEFAULT_DATA["mapping"]["rows"]


@lru_cache(maxsize=1)
def build_unit_rows() -> tuple[list[dict], dict]:
	"""All unit rows of both eras, successors mapped and nested set numbered."""
	from vietnam_address_converter.normalize import normalize_vietnamese_name

	rows = admin_units.rows_from_2025_tree(load_2025_tree())
	rows += admin_units.rows_from_legacy_tree(load_legacy_tree())
	stats = admin_units.map_successors(rows, load_mapping_rows(), normalize_vietnamese_name)
	admin_units.assign_nested_set(rows)
	return rows, stats
