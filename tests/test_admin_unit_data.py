"""The real published lists (PyPI packages): sizes the reform fixed, and the mapping's coverage."""

from collections import Counter

import pytest

from ocop_app.setup.admin_unit_data import build_unit_rows


@pytest.fixture(scope="module")
def rows():
	rows, stats = build_unit_rows()
	return {r["name"]: r for r in rows}, stats


def test_2025_map_has_34_provinces_and_3321_communes(rows):
	by_name, _ = rows
	counts = Counter((r["is_legacy"], r["level"]) for r in by_name.values())
	assert counts[(0, "Province")] == 34
	assert counts[(0, "Commune")] == 3321
	assert counts[(1, "Province")] == 63
	assert counts[(0, "District")] == 0


def test_almost_every_legacy_commune_has_a_successor(rows):
	_, stats = rows
	assert stats["mapped"] / (stats["mapped"] + stats["unmapped"]) > 0.99


@pytest.mark.parametrize(
	"legacy_province, new_province",
	[("Tỉnh Thái Bình", "Hưng Yên"), ("Tỉnh Quảng Nam", "Thành phố Đà Nẵng"), ("Tỉnh Kon Tum", "Quảng Ngãi")],
)
def test_seed_provinces_map_to_their_successors(rows, legacy_province, new_province):
	by_name, _ = rows
	legacy = next(r for r in by_name.values() if r["is_legacy"] and r["unit_name"] == legacy_province)
	assert by_name[legacy["successor_unit"]]["unit_name"] == new_province
