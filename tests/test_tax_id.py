import pytest

from ocop_app.rules.tax_id import HOUSEHOLD_BUSINESS, check_tax_id, is_citizen_id


@pytest.mark.parametrize(
	"value, expected",
	[
		("0100233488", "0100233488"),
		(" 0100233488 ", "0100233488"),
		("0100233488001", "0100233488-001"),
		("0100233488-001", "0100233488-001"),
	],
)
def test_valid_company_tax_ids_are_normalised(value, expected):
	check = check_tax_id(value, "Doanh nghiệp")
	assert check.ok
	assert check.value == expected


@pytest.mark.parametrize(
	"value, reason",
	[
		("", "empty"),
		(None, "empty"),
		("0100233489", "checksum"),
		("01002", "format"),
		("01002334AB", "format"),
	],
)
def test_invalid_tax_ids_are_refused_with_a_reason(value, reason):
	check = check_tax_id(value, "Hợp tác xã")
	assert not check.ok
	assert check.reason == reason
	assert check.value is None


def test_household_business_may_use_a_citizen_id():
	assert check_tax_id("034185001234", HOUSEHOLD_BUSINESS).value == "034185001234"
	# ...or an ordinary tax id
	assert check_tax_id("0100233488", HOUSEHOLD_BUSINESS).ok


def test_citizen_id_needs_a_real_province_code():
	assert not check_tax_id("099185001234", HOUSEHOLD_BUSINESS).ok  # 099 is no province
	assert check_tax_id("099185001234", HOUSEHOLD_BUSINESS).reason == "citizen_id"


def test_a_company_cannot_use_a_citizen_id():
	assert not check_tax_id("034185001234", "Doanh nghiệp").ok


@pytest.mark.parametrize("value", ["034185001234", "001099000001", "096300123456", "034 185 001 234"])
def test_is_citizen_id(value):
	assert is_citizen_id(value)


@pytest.mark.parametrize("value", ["03418500123", "0341850012345", "03418500123a", "034-185-001-234"])
def test_is_not_citizen_id(value):
	assert not is_citizen_id(value)
