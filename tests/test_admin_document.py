import pytest

from ocop_app.rules.admin_document import (
	document_number,
	recipient_lines,
	signature_lines,
	signer_name,
	split_signer,
)


@pytest.mark.parametrize(
	("config", "lines"),
	[
		({}, ["CHỦ TỊCH"]),
		({"signer": "Chủ tịch Trần Văn B"}, ["CHỦ TỊCH"]),
		({"signer": "Phó Chủ tịch Nguyễn Văn A"}, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
		(
			{"authority": "KT.", "on_behalf_of": "Chủ tịch", "signer_title": "Phó Chủ tịch"},
			["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
		),
		(
			{"authority": "TM.", "on_behalf_of": "Ủy ban nhân dân", "signer_title": "Chủ tịch"},
			["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
		),
		# the unit's configuration wins over the decision's free text
		(
			{"authority": "TM.", "on_behalf_of": "ỦY BAN NHÂN DÂN", "signer": "Phó Chủ tịch X"},
			["TM. ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH"],
		),
		({"signer_title": "Giám đốc"}, ["GIÁM ĐỐC"]),
	],
)
def test_signature_lines(config, lines):
	assert signature_lines(**config) == lines


def test_unknown_authority_is_refused():
	with pytest.raises(ValueError):
		signature_lines(authority="XX.", on_behalf_of="CHỦ TỊCH")


def test_signer_names():
	assert split_signer("  Phó Chủ tịch   Nguyễn Văn A ") == ("PHÓ CHỦ TỊCH", "Nguyễn Văn A")
	assert signer_name("Phó Chủ tịch Nguyễn Văn A", "Lê C") == "Nguyễn Văn A"
	assert signer_name("Phó Chủ tịch", "Lê C") == "Lê C"
	assert signer_name("Nguyễn Thị D") == "Nguyễn Thị D"
	assert signer_name(None, None) == ""


def test_document_numbers():
	assert document_number("125", "QĐ-UBND") == "125/QĐ-UBND"
	assert document_number("125/QĐ-UBND", "QĐ-CT") == "125/QĐ-UBND"
	assert document_number("7", None) == "7/QĐ-UBND"
	assert document_number("", "QĐ-CT").endswith("/QĐ-CT")


def test_recipients():
	assert recipient_lines("", ["Như Điều 3", "Sở Nông nghiệp và Môi trường"]) == [
		"- Như Điều 3;",
		"- Sở Nông nghiệp và Môi trường;",
		"- Lưu: VT.",
	]
	assert recipient_lines("- Như Điều 3;\nBộ NN&MT\n\n- Lưu: VT, KT.", []) == [
		"- Như Điều 3;",
		"- Bộ NN&MT;",
		"- Lưu: VT, KT.",
	]
