"""Rules of the producer portal that need no site: who signs up with what, who decides, and which
status may follow which (producer accounts and the change requests producers send).

A producer signs up with an email or a phone number and an identity: the producer's tax id
(mã số thuế, checked by ``ocop_app.rules.tax_id``) or, for a household business, the owner's
12-digit citizen id. The commune officer of the producer's commune confirms or refuses the account
(never the account's own user); a refusal needs a reason.
"""

import re
from dataclasses import dataclass

from ocop_app.rules import tax_id

# ---------------------------------------------------------------- producer accounts
PENDING = "Chờ xác nhận"
CONFIRMED = "Đã xác nhận"
REFUSED = "Từ chối"
LOCKED = "Đã khóa"
ACCOUNT_STATUSES = (PENDING, CONFIRMED, REFUSED, LOCKED)
# which status may follow which (a refused account stays refused: the user signs up again)
ACCOUNT_TRANSITIONS = {
	PENDING: frozenset({CONFIRMED, REFUSED}),
	CONFIRMED: frozenset({LOCKED}),
	LOCKED: frozenset({CONFIRMED}),
	REFUSED: frozenset(),
}
OWNER = "Chủ cơ sở"
ACCOUNTANT = "Kế toán"
ACCOUNT_KINDS = (OWNER, ACCOUNTANT)

# the officials who decide on a producer's account and its change requests (in their scope)
DECIDING_ROLES = frozenset({"OCOP Commune Officer", "OCOP Province Officer", "OCOP Administrator"})

MIN_PASSWORD_LENGTH = 8
MAX_NAME_LENGTH = 140
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$")
# Vietnamese mobile numbers: 0 + 9 digits (prefixes 03, 05, 07, 08, 09), or +84 / 84 + 9 digits
PHONE_RE = re.compile(r"^0[35789]\d{8}$")
# the address of a user who signed up with a phone only: never delivered (RFC 2606 ".invalid")
PHONE_EMAIL_DOMAIN = "sdt.ocop.invalid"


@dataclass(frozen=True)
class Identity:
	"""An identity given at sign-up: kind "tax_id" or "citizen_id", or the reason it was refused."""

	kind: str | None
	value: str | None
	reason: str | None = None  # "empty", "format", "checksum", "citizen_id"

	@property
	def ok(self) -> bool:
		return self.reason is None


def check_identity(value: str | None) -> Identity:
	"""A tax id (10 or 13 digits, with its check digit) or a household owner's 12-digit citizen id."""
	raw = (value or "").strip()
	if len(tax_id.compact(raw)) == 12 and "-" not in raw:
		check = tax_id.check_tax_id(raw, tax_id.HOUSEHOLD_BUSINESS)
		return Identity("citizen_id", check.value, check.reason)
	check = tax_id.check_tax_id(raw, None)
	return Identity("tax_id" if check.ok else None, check.value, check.reason)


def normalise_phone(value: str | None) -> str | None:
	"""A Vietnamese mobile number as 0xxxxxxxxx, or None when it is not one."""
	digits = "".join(ch for ch in (value or "") if ch.isdigit())
	raw = (value or "").strip()
	if raw.startswith("+84") or (digits.startswith("84") and len(digits) == 11):
		digits = "0" + digits[2:]
	if raw and not re.fullmatch(r"[+\d\s.\-()]+", raw):
		return None
	return digits if PHONE_RE.match(digits) else None


def check_contact(email: str | None, phone: str | None) -> tuple[str | None, str | None, str | None]:
	"""(email, phone, reason): at least one of them, each well formed; reason "empty", "email",
	"phone" when refused."""
	email = (email or "").strip().lower()
	phone_raw = (phone or "").strip()
	if not email and not phone_raw:
		return None, None, "empty"
	if email and (len(email) > MAX_NAME_LENGTH or not EMAIL_RE.match(email)):
		return None, None, "email"
	normalised = normalise_phone(phone_raw) if phone_raw else None
	if phone_raw and not normalised:
		return None, None, "phone"
	return email or None, normalised, None


def login_email(email: str | None, phone: str | None) -> str:
	"""The User's id: the email, or for a phone-only sign-up an address that is never delivered."""
	return email or f"{phone}@{PHONE_EMAIL_DOMAIN}"


def deliverable(email: str | None) -> bool:
	return bool(email) and not email.endswith("@" + PHONE_EMAIL_DOMAIN)


def check_password(password: str | None) -> str | None:
	"""None when acceptable, else the reason: "short", "weak" (letters and digits both needed)."""
	password = password or ""
	if len(password) < MIN_PASSWORD_LENGTH:
		return "short"
	if not (any(c.isdigit() for c in password) and any(c.isalpha() for c in password)):
		return "weak"
	return None


def may_change_status(old: str | None, new: str) -> bool:
	"""Whether an account may go from ``old`` to ``new`` (None: a new account, which starts pending)."""
	if old is None:
		return new == PENDING
	return old == new or new in ACCOUNT_TRANSITIONS.get(old, frozenset())


def decision_refusal(user: str, account_user: str, roles) -> str | None:
	"""Why ``user`` (holding ``roles``) may not decide on ``account_user``'s account or request:
	"self" (nobody confirms themselves), "role" (not a deciding official); None when they may.
	The unit scope is checked by the authorization module, not here."""
	if user == account_user:
		return "self"
	if not DECIDING_ROLES & set(roles):
		return "role"
	return None


def refusal_reason_ok(reason: str | None) -> bool:
	"""A refusal says why (a few words at least)."""
	return len((reason or "").strip()) >= 5


# ---------------------------------------------------------------- change requests
REQUEST_PENDING = "Chờ xử lý"
REQUEST_APPLIED = "Đã áp dụng"
REQUEST_REFUSED = "Từ chối"
REQUEST_STATUSES = (REQUEST_PENDING, REQUEST_APPLIED, REQUEST_REFUSED)
# what a producer may propose: the producer's own fields (a bank account is a new row)
PROPOSABLE_FIELDS = ("address", "representative", "phone")
BANK_FIELDS = ("bank", "account_number", "account_holder")


def may_change_request_status(old: str | None, new: str) -> bool:
	if old is None:
		return new == REQUEST_PENDING
	return old == new or (old == REQUEST_PENDING and new in (REQUEST_APPLIED, REQUEST_REFUSED))


def proposed_changes(current: dict, proposed: dict) -> dict:
	"""The proposed values that differ from the current ones (blank proposals are ignored)."""
	changes = {}
	for field in PROPOSABLE_FIELDS:
		value = (proposed.get(field) or "").strip()
		if value and value != (current.get(field) or "").strip():
			changes[field] = value
	return changes
