import pytest

from ocop_app.rules.bank import fold_name, holder_matches, is_valid_account_number, normalise_account_number


def test_fold_name_removes_accents_and_case():
	assert fold_name("Hợp tác xã Đồng Tâm") == "HOP TAC XA DONG TAM"
	assert fold_name("  Công ty TNHH  Sâm-Ngọc Linh ") == "CONG TY TNHH SAM NGOC LINH"


def test_holder_matches_producer_or_representative():
	assert holder_matches("HOP TAC XA DONG TAM", "Hợp tác xã Đồng Tâm")
	assert holder_matches("Phạm Thị Lan", "Hộ kinh doanh Phạm Thị Lan", "Phạm Thị Lan")
	assert not holder_matches("NGUYEN VAN A", "Hợp tác xã Đồng Tâm", "Trần Văn B")
	assert not holder_matches("", "Hợp tác xã Đồng Tâm")


@pytest.mark.parametrize("value", ["2702205123456", "0451 000 123 456", "1028.7012.3456", "ABC1234"])
def test_valid_account_numbers(value):
	assert is_valid_account_number(value)


@pytest.mark.parametrize("value", ["", None, "123", "12345678901234567890", "1234-ĐÁ"])
def test_invalid_account_numbers(value):
	assert not is_valid_account_number(value)


def test_normalise_account_number():
	assert normalise_account_number(" 0451 000-123.456 ") == "0451000123456"
