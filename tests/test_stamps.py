"""Stamp serials: made, read back, checked against their batch."""

from ocop_app.rules import stamps as s


def test_serials_are_numbered_within_their_batch():
	assert s.serials("AB12CD34", 3) == ["AB12CD34-00001", "AB12CD34-00002", "AB12CD34-00003"]
	assert s.serial("AB12CD34", 1000) == "AB12CD34-01000"


def test_parse_serial():
	assert s.parse_serial("AB12CD34-00002") == ("AB12CD34", 2)
	assert s.parse_serial(" ab12cd34-00002 ") == ("AB12CD34", 2)
	for bad in (
		None,
		"",
		"AB12CD34",
		"AB12CD34-2",
		"AB12CD3-00002",
		"AB12CD34-00002x",
		"<script>",
		"x" * 300,
	):
		assert s.parse_serial(bad) is None


def test_genuine_numbers():
	assert s.genuine(1, 24) and s.genuine(24, 24)
	assert not s.genuine(0, 24) and not s.genuine(25, 24)


def test_sheets_of_24():
	pages = s.sheets(list(range(50)))
	assert [len(p) for p in pages] == [24, 24, 2]
	assert s.sheets([]) == []
