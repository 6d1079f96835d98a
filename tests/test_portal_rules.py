"""The producer portal's pure rules: identity at sign-up, contact, password, who decides, statuses."""

import pytest

from ocop_app.rules import portal as p


@pytest.mark.parametrize(
	("value", "kind", "normalised"),
	[
		("0100233488", "tax_id", "0100233488"),
		("0100233488-001", "tax_id", "0100233488-001"),
		(" 034185001234 ", "citizen_id", "034185001234"),
	],
)
def test_identity_accepted(value, kind, normalised):
	identity = p.check_identity(value)
	assert identity.ok
	assert (identity.kind, identity.value) == (kind, normalised)


@pytest.mark.parametrize(
	("value", "reason"),
	[
		("", "empty"),
		(None, "empty"),
		("0100233489", "checksum"),
		("01002", "format"),
		("099185001234", "citizen_id"),  # 099 is no province code
		("<script>", "format"),
	],
)
def test_identity_refused(value, reason):
	identity = p.check_identity(value)
	assert not identity.ok
	assert identity.reason == reason
	assert identity.kind is None or identity.kind == "citizen_id"


@pytest.mark.parametrize(
	("raw", "phone"),
	[("0912345678", "0912345678"), ("+84 912 345 678", "0912345678"), ("84912345678", "0912345678")],
)
def test_phone_numbers(raw, phone):
	assert p.normalise_phone(raw) == phone


@pytest.mark.parametrize("raw", ["0212345678", "091234567", "09123456789", "09l2345678", "", None])
def test_bad_phone_numbers(raw):
	assert p.normalise_phone(raw) is None


def test_contact_needs_email_or_phone():
	assert p.check_contact("", "")[2] == "empty"
	assert p.check_contact("CoSo@Example.vn ", "") == ("coso@example.vn", None, None)
	assert p.check_contact("", "0912345678") == (None, "0912345678", None)
	assert p.check_contact("not an email", "")[2] == "email"
	assert p.check_contact("", "12345")[2] == "phone"


def test_phone_only_users_get_an_address_that_is_never_delivered():
	email = p.login_email(None, "0912345678")
	assert email == "0912345678@sdt.ocop.invalid"
	assert not p.deliverable(email)
	assert p.deliverable("coso@example.vn")
	assert p.login_email("coso@example.vn", "0912345678") == "coso@example.vn"


@pytest.mark.parametrize(
	("password", "reason"),
	[("", "short"), ("abc12", "short"), ("abcdefgh", "weak"), ("12345678", "weak"), ("coso2025", None)],
)
def test_password(password, reason):
	assert p.check_password(password) == reason


def test_account_status_transitions():
	assert p.may_change_status(None, p.PENDING)
	assert not p.may_change_status(None, p.CONFIRMED)  # nobody signs up confirmed
	assert p.may_change_status(p.PENDING, p.CONFIRMED)
	assert p.may_change_status(p.PENDING, p.REFUSED)
	assert p.may_change_status(p.CONFIRMED, p.LOCKED)
	assert p.may_change_status(p.LOCKED, p.CONFIRMED)
	assert not p.may_change_status(p.REFUSED, p.CONFIRMED)
	assert not p.may_change_status(p.CONFIRMED, p.PENDING)
	assert set(p.ACCOUNT_TRANSITIONS) == set(p.ACCOUNT_STATUSES)


def test_who_decides():
	officer = {"OCOP Commune Officer"}
	assert p.decision_refusal("xa@ocop.vn", "coso@ocop.vn", officer) is None
	assert p.decision_refusal("coso@ocop.vn", "coso@ocop.vn", officer) == "self"
	assert p.decision_refusal("a@ocop.vn", "coso@ocop.vn", {"OCOP Producer User"}) == "role"
	assert p.decision_refusal("a@ocop.vn", "coso@ocop.vn", {"OCOP Council Member"}) == "role"


def test_refusal_needs_a_reason():
	assert not p.refusal_reason_ok("")
	assert not p.refusal_reason_ok("   ")
	assert p.refusal_reason_ok("Sai mã số thuế")


def test_change_request_statuses_and_changes():
	assert p.may_change_request_status(None, p.REQUEST_PENDING)
	assert not p.may_change_request_status(None, p.REQUEST_APPLIED)
	assert p.may_change_request_status(p.REQUEST_PENDING, p.REQUEST_APPLIED)
	assert not p.may_change_request_status(p.REQUEST_REFUSED, p.REQUEST_APPLIED)
	current = {"address": "Thôn 1", "phone": "0912345678", "representative": "Nguyễn Văn A"}
	proposed = {"address": " Thôn 2 ", "phone": "0912345678", "representative": "", "tax_id": "x"}
	assert p.proposed_changes(current, proposed) == {"address": "Thôn 2"}
