from ocop_app.rules.unit_lookup import UnitIndex, UnitRow
from ocop_app.setup.admin_unit_data import build_unit_rows


def index():
	from vietnam_address_converter.normalize import normalize_vietnamese_name

	rows, _ = build_unit_rows()
	return UnitIndex(
		(
			UnitRow(
				r["name"],
				r["unit_name"],
				r["level"],
				r["parent_ocop_administrative_unit"],
				bool(r["is_legacy"]),
				r["successor_unit"],
			)
			for r in rows
		),
		normalize_vietnamese_name,
	)


def test_today_and_legacy_addresses():
	idx = index()
	assert idx.resolve("Hưng Yên", "Xã Đông Hưng") == ("33-12688", None)
	assert idx.resolve("tỉnh hưng yên", "dong hung") == ("33-12688", None)
	# a 2021 address in Thái Bình, with its district, resolves to today's commune
	assert idx.resolve("Tỉnh Thái Bình", "Xã Nguyên Xá", "Huyện Đông Hưng") == ("33-12688", "L-34-340-12730")
	assert idx.resolve("Hưng Yên", "Xã Không Tồn Tại") == (None, None)


def test_province_of_a_unit_on_either_map():
	idx = index()
	assert idx.province_of("33-12688") == "33"
	assert idx.province_of("33") == "33"
	# a legacy commune sits under its legacy district, under the legacy province
	legacy_province = idx.province_of("L-34-340-12730")
	assert legacy_province and legacy_province != "33"
	assert idx.by_name[legacy_province].is_legacy
	assert idx.province_of("không-có") is None
