"""Producer users ready for the portal, for the demo data and the tests (one place for both).

``make_producer_user(producer, email)`` makes (or brings back) a Website User holding only
``OCOP Producer User`` and a CONFIRMED ``OCOP Producer Account`` on ``producer``, as the
commune officer's confirmation leaves it. Trusted set-up code: it writes with ignore_permissions
(nobody signs in while it runs). ``remove_producer_user`` takes them away again.
"""

import frappe
from frappe.utils import now_datetime
from frappe.utils.password import update_password

from ocop_app.portal.access import ACCOUNT_DOCTYPE, PRODUCER_ROLE, clear_cache
from ocop_app.rules import portal


def make_producer_user(
	producer: str,
	email: str,
	password: str | None = None,
	account_kind: str = portal.OWNER,
	status: str = portal.CONFIRMED,
	full_name: str | None = None,
) -> str:
	"""A website user of ``producer`` whose account has ``status`` (confirmed by default)."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": full_name or email.split("@")[0],
				"user_type": "Website User",
				"send_welcome_email": 0,
				"roles": [{"role": PRODUCER_ROLE}],
			}
		).insert(ignore_permissions=True)  # set-up code: the portal role only
	if password:
		update_password(email, password)
	values = frappe.db.get_value(
		"OCOP Producer", producer, ["administrative_unit", "tax_id", "phone"], as_dict=True
	)
	frappe.db.delete(ACCOUNT_DOCTYPE, {"user": email})
	account = frappe.get_doc(
		{
			"doctype": ACCOUNT_DOCTYPE,
			"user": email,
			"account_kind": account_kind,
			"status": portal.PENDING,
			"email": email,
			"identity": values.tax_id,
			"identity_kind": "Mã số thuế" if len(values.tax_id or "") != 12 else "Số định danh cá nhân",
			"producer": producer,
			"administrative_unit": values.administrative_unit,
		}
	).insert(ignore_permissions=True)  # set-up code, as the sign-up page makes it
	if status != portal.PENDING:
		# as the commune officer's decision leaves it (status, who, when)
		account.db_set(
			{"status": status, "confirmed_by": "Administrator", "confirmed_on": now_datetime()},
			update_modified=False,
		)
	clear_cache()
	return email


def remove_producer_user(email: str) -> None:
	frappe.db.delete(ACCOUNT_DOCTYPE, {"user": email})
	if frappe.db.exists("User", email):
		frappe.delete_doc("User", email, force=True, ignore_permissions=True)
	clear_cache()
