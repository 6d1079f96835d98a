from datetime import date

import pytest

from ocop_app.rules import admin_units as au

NEW = [
	{
		"name": "Hưng Yên",
		"code": 33,
		"division_type": "tỉnh",
		"wards": [
			{"name": "Xã Đông Hưng", "code": 12688, "division_type": "xã"},
			{"name": "Xã Bắc Đông Hưng", "code": 12694, "division_type": "xã"},
		],
	}
]
OLD = [
	{
		"name": "Tỉnh Thái Bình",
		"code": 34,
		"division_type": "tỉnh",
		"districts": [
			{
				"name": "Huyện Đông Hưng",
				"code": 340,
				"division_type": "huyện",
				"wards": [
					{"name": "Thị trấn Đông Hưng", "code": 12688, "division_type": "xã"},
					{"name": "Xã Đông Phương", "code": 12694, "division_type": "xã"},
					{"name": "Xã Không Có", "code": 12999, "division_type": "xã"},
				],
			}
		],
	}
]


def norm(value):
	import unicodedata

	text = unicodedata.normalize("NFD", value.lower().replace("đ", "d"))
	text = "".join(c for c in text if unicodedata.category(c) != "Mn")
	for prefix in ("thi tran ", "xa ", "huyen ", "tinh ", "thanh pho "):
		if text.startswith(prefix):
			text = text[len(prefix) :]
	return text


MAPPING = [
	{
		"old": {
			"province_name": "Tỉnh Thái Bình",
			"district_name": "Huyện Đông Hưng",
			"ward_name": "Thị trấn Đông Hưng",
		},
		"new": {"province_name": "Tỉnh Hưng Yên", "ward_name": "Xã Đông Hưng"},
	},
	{
		"old": {
			"province_name": "Tỉnh Thái Bình",
			"district_name": "Huyện Đông Hưng",
			"ward_name": "Xã Đông Phương",
		},
		"new": {"province_name": "Tỉnh Hưng Yên", "ward_name": "Xã Bắc Đông Hưng"},
	},
	{  # a split: the part that kept the name wins
		"old": {
			"province_name": "Tỉnh Thái Bình",
			"district_name": "Huyện Đông Hưng",
			"ward_name": "Thị trấn Đông Hưng",
		},
		"new": {"province_name": "Tỉnh Hưng Yên", "ward_name": "Xã Bắc Đông Hưng"},
	},
]


def build():
	rows = au.rows_from_2025_tree(NEW) + au.rows_from_legacy_tree(OLD)
	stats = au.map_successors(rows, MAPPING, norm)
	au.assign_nested_set(rows)
	return {r["name"]: r for r in rows}, stats


def test_keys_are_unique_across_eras():
	rows, _ = build()
	assert set(rows) == {
		"33",
		"33-12688",
		"33-12694",
		"L-34",
		"L-34-340",
		"L-34-340-12688",
		"L-34-340-12694",
		"L-34-340-12999",
	}


def test_types_levels_and_validity():
	rows, _ = build()
	assert rows["33"]["unit_type"] == "Tỉnh" and rows["33"]["level"] == au.PROVINCE
	assert rows["33-12688"]["valid_from"] == date(2025, 7, 1) and not rows["33-12688"]["is_legacy"]
	assert rows["L-34-340"]["unit_type"] == "Huyện" and rows["L-34-340"]["level"] == au.DISTRICT
	assert rows["L-34-340-12688"]["unit_type"] == "Thị trấn"
	assert rows["L-34-340-12688"]["valid_to"] == date(2025, 6, 30) and rows["L-34-340-12688"]["is_legacy"]
	assert rows["L-34-340-12688"]["full_name"] == "Thị trấn Đông Hưng, Huyện Đông Hưng, Tỉnh Thái Bình"
	assert rows["33-12688"]["is_group"] == 0 and rows["L-34-340"]["is_group"] == 1


def test_successors_follow_the_mapping():
	rows, stats = build()
	assert rows["L-34-340-12688"]["successor_unit"] == "33-12688"  # kept its name though split
	assert rows["L-34-340-12694"]["successor_unit"] == "33-12694"
	assert rows["L-34-340-12999"]["successor_unit"] is None
	assert rows["L-34-340"]["successor_unit"] == "33"  # district → province of most communes
	assert rows["L-34"]["successor_unit"] == "33"
	assert stats == {"mapped": 2, "unmapped": 1}


def test_nested_set_encloses_children():
	rows, _ = build()
	for row in rows.values():
		assert row["lft"] < row["rgt"]
		parent = row["parent_ocop_administrative_unit"]
		if parent:
			assert rows[parent]["lft"] < row["lft"] and row["rgt"] < rows[parent]["rgt"]
	numbers = sorted(n for r in rows.values() for n in (r["lft"], r["rgt"]))
	assert numbers == list(range(1, 2 * len(rows) + 1))


@pytest.mark.parametrize(
	"name, level, expected",
	[
		("Thành phố Hà Nội", au.PROVINCE, "Thành phố trực thuộc TW"),
		("Tỉnh Kon Tum", au.PROVINCE, "Tỉnh"),
		("Thành phố Thái Bình", au.DISTRICT, "Thành phố thuộc tỉnh"),
		("Thị xã Điện Bàn", au.DISTRICT, "Thị xã"),
		("Quận Ba Đình", au.DISTRICT, "Quận"),
		("Huyện Kon Rẫy", au.DISTRICT, "Huyện"),
		("Thị trấn Quỳnh Côi", au.COMMUNE, "Thị trấn"),
		("Phường Hội An", au.COMMUNE, "Phường"),
		("Đặc khu Phú Quốc", au.COMMUNE, "Đặc khu"),
		("Xã Bát Tràng", au.COMMUNE, "Xã"),
	],
)
def test_unit_type_from_name(name, level, expected):
	assert au.unit_type_from_name(name, level) == expected


def test_parent_levels():
	assert au.parent_level_error(False, au.COMMUNE, au.PROVINCE) is None
	assert au.parent_level_error(True, au.COMMUNE, au.DISTRICT) is None
	assert au.parent_level_error(False, au.COMMUNE, au.DISTRICT) == "wrong_parent_level"
	assert au.parent_level_error(False, au.DISTRICT, au.PROVINCE) == "no_districts_after_reform"
	assert au.parent_level_error(False, au.PROVINCE, au.PROVINCE) == "wrong_parent_level"


def test_make_unit_key_requires_parent_below_province():
	with pytest.raises(ValueError):
		au.make_unit_key(False, au.COMMUNE, 70)
	assert au.make_unit_key(False, au.COMMUNE, 70, "01") == "01-00070"
