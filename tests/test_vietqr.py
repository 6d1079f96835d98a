import pytest

from ocop_app.rules import vietqr


def parse(payload: str) -> dict:
	fields, i = {}, 0
	while i < len(payload):
		tag, length = payload[i : i + 2], int(payload[i + 2 : i + 4])
		fields[tag] = payload[i + 4 : i + 4 + length]
		i += 4 + length
	return fields


def test_crc_of_a_known_string():
	assert vietqr.crc16_ccitt("123456789") == "29B1"  # CRC-16/CCITT-FALSE check value


def test_payload_fields_and_checksum():
	p = vietqr.payload("970405", "2702205123456", 5_000_000, "OCOP OCOP-HT-2026-00001 Bánh cáy")
	f = parse(p)
	assert (
		f["00"] == "01" and f["01"] == "12" and f["53"] == "704" and f["54"] == "5000000" and f["58"] == "VN"
	)
	merchant = parse(f["38"])
	assert merchant["00"] == "A000000727" and merchant["02"] == "QRIBFTTA"
	assert parse(merchant["01"]) == {"00": "970405", "01": "2702205123456"}
	assert parse(f["62"])["08"] == "OCOP OCOP HT 2026 00001 BANH CAY"
	assert p[-8:-4] == "6304" and p[-4:] == vietqr.crc16_ccitt(p[:-4])


def test_a_static_code_has_no_amount():
	f = parse(vietqr.payload("970436", "0451000123456"))
	assert f["01"] == "11" and "54" not in f


def test_bad_bin_is_refused():
	with pytest.raises(ValueError):
		vietqr.payload("9704", "123")
