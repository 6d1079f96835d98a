"""Where the administrative-unit lists come from (PyPI packages), read without frappe.

- 2025 two-level list: ``vietnam-provinces`` 2025.10.x, a declared dependency.
- pre-2025 three-level list: ``vietnam-provinces`` 0.6.0. Its newer release replaces it in the
  environment, so its wheel is kept beside the environment (``<env>/share/ocop_app``) and read as a
  zip; it is downloaded from PyPI by pip the first time it is needed.
- old→new mapping: ``vietnam-address-converter``'s published table.
"""

import json
import os
import subprocess
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

from ocop_app.rules import admin_units

LEGACY_PACKAGE = "vietnam-provinces==0.6.0"
LEGACY_WHEEL = "vietnam_provinces-0.6.0-py3-none-any.whl"
LEGACY_JSON = "vietnam_provinces/data/nested-divisions.json"


def legacy_wheel_dir() -> Path:
	return Path(os.environ.get("OCOP_DATA_DIR") or Path(sys.prefix) / "share" / "ocop_app")


def legacy_wheel_path() -> Path:
	"""The 0.6.0 wheel, fetched with pip (PyPI) into the environment's share folder if missing."""
	target = legacy_wheel_dir()
	wheel = target / LEGACY_WHEEL
	if not wheel.exists():
		target.mkdir(parents=True, exist_ok=True)
		subprocess.run(
			[
				sys.executable,
				"-m",
				"pip",
				"download",
				"--quiet",
				"--no-deps",
				"--only-binary=:all:",
				"--dest",
				str(target),
				LEGACY_PACKAGE,
			],
			check=True,
		)
	return wheel


def load_2025_tree() -> list[dict]:
	import vietnam_provinces

	with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as f:
		return json.load(f)


def load_legacy_tree() -> list[dict]:
	with zipfile.ZipFile(legacy_wheel_path()) as wheel:
		return json.loads(wheel.read(LEGACY_JSON).decode("utf-8"))


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
