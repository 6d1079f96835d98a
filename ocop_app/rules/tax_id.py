"""Tax ids (mã số thuế) of OCOP producers.

Companies, cooperatives and cooperative groups have a 10-digit tax id with a check digit, or
13 digits for a branch (10 + "-" + 3). python-stdnum's ``stdnum.vn.mst`` validates them.
Since 1/7/2025 household businesses (hộ kinh doanh) and individuals use their 12-digit citizen id
(số định danh cá nhân / CCCD), whose first three digits are a province code (001–096) and the
fourth encodes sex and century.
"""

from dataclasses import dataclass

from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.vn import mst

HOUSEHOLD_BUSINESS = "Hộ kinh doanh"
LEGAL_FORMS = ("Doanh nghiệp", "Hợp tác xã", "Tổ hợp tác", HOUSEHOLD_BUSINESS)

# Province codes used in the first three digits of a citizen id (Thông tư 07/2016/TT-BCA, Phụ lục):
# the 63 pre-2025 provinces, numbered 001–096 with gaps.
CITIZEN_ID_PROVINCE_CODES = frozenset(
	{
		1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36,
		37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74,
		75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
	}
)  # fmt: skip


@dataclass(frozen=True)
class TaxIdCheck:
	"""Outcome of checking a tax id: the normalised value, or the reason it was refused."""

	value: str | None
	reason: str | None = None  # "empty", "format", "checksum", "citizen_id"

	@property
	def ok(self) -> bool:
		return self.reason is None


def compact(value: str | None) -> str:
	return "".join(ch for ch in (value or "") if ch.isdigit())


def is_citizen_id(value: str | None) -> bool:
	"""True for a plausible 12-digit Vietnamese citizen id."""
	digits = compact(value)
	if len(digits) != 12 or digits != (value or "").strip().replace(" ", ""):
		return False
	return int(digits[:3]) in CITIZEN_ID_PROVINCE_CODES


def check_tax_id(value: str | None, legal_form: str | None) -> TaxIdCheck:
	"""Validate a producer's tax id for its legal form and return it in its canonical form.

	A household business may give either a tax id or its owner's 12-digit citizen id.
	"""
	raw = (value or "").strip()
	if not raw:
		return TaxIdCheck(None, "empty")
	if legal_form == HOUSEHOLD_BUSINESS and len(compact(raw)) == 12:
		if is_citizen_id(raw):
			return TaxIdCheck(compact(raw))
		return TaxIdCheck(None, "citizen_id")
	try:
		return TaxIdCheck(mst.format(mst.validate(raw)))
	except StdnumValidationError as e:
		reason = "checksum" if type(e).__name__ == "InvalidChecksum" else "format"
		return TaxIdCheck(None, reason)
