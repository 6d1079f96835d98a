"""The producer's own record in the portal (/ocop/co-so/ho-so): what it says, and proposals to
change the address, representative, phone or add a bank account (``OCOP Producer Change
Request``, applied or refused by the commune officer; never written straight into the producer)."""

import frappe
from frappe import _

from ocop_app.portal.access import producer_of
from ocop_app.rules import portal

MAX_PENDING_REQUESTS = 5
CHANGE_REQUEST = "OCOP Producer Change Request"


class TooManyPendingRequestsError(frappe.ValidationError):
	pass


def own_record(producer: str) -> dict:
	"""What the page shows of the producer (a producer user may read it: checked by frappe)."""
	doc = frappe.get_doc("OCOP Producer", producer)
	doc.check_permission("read")
	return {
		"name": doc.name,
		"producer_name": doc.producer_name,
		"legal_form": doc.legal_form,
		"tax_id": doc.tax_id,
		"commune": frappe.db.get_value("OCOP Administrative Unit", doc.administrative_unit, "full_name"),
		"address": doc.address,
		"representative": doc.representative,
		"phone": doc.phone,
		"bank_accounts": [
			{
				"bank": row.bank,
				"account_number": row.account_number,
				"account_holder": row.account_holder,
				"is_default": row.is_default,
			}
			for row in doc.bank_accounts
		],
		"requests": frappe.get_list(
			CHANGE_REQUEST,
			filters={"producer": doc.name},
			fields=[
				"name",
				"status",
				"creation",
				"address",
				"representative",
				"phone",
				"account_number",
				"reason",
			],
			order_by="creation desc",
			limit_page_length=20,
		),
	}


@frappe.whitelist(methods=["POST"])
def propose_change(
	address: str | None = None,
	representative: str | None = None,
	phone: str | None = None,
	bank: str | None = None,
	account_number: str | None = None,
	account_holder: str | None = None,
) -> dict:
	"""A change request on the session user's own producer (the only producer it can name)."""
	producer = producer_of()
	current = frappe.db.get_value("OCOP Producer", producer, list(portal.PROPOSABLE_FIELDS), as_dict=True)
	changes = portal.proposed_changes(
		current, {"address": address, "representative": representative, "phone": phone}
	)
	pending = frappe.db.count(CHANGE_REQUEST, {"producer": producer, "status": portal.REQUEST_PENDING})
	if pending >= MAX_PENDING_REQUESTS:
		frappe.throw(
			_("Chủ thể đã có {0} đề nghị đang chờ xử lý; hãy chờ cán bộ xã xử lý trước khi gửi thêm.").format(
				pending
			),
			TooManyPendingRequestsError,
			title=_("Quá nhiều đề nghị"),
		)
	if bank and not frappe.db.exists("Bank", bank):
		from ocop_app.ocop_app.doctype.ocop_producer_change_request.ocop_producer_change_request import (
			InvalidProposedBankAccountError,
		)

		frappe.throw(
			_("Không có ngân hàng {0}.").format(frappe.bold(bank)),
			InvalidProposedBankAccountError,
			title=_("Ngân hàng không đúng"),
		)
	request = frappe.get_doc(
		{
			"doctype": CHANGE_REQUEST,
			"producer": producer,
			"status": portal.REQUEST_PENDING,
			"requested_by": frappe.session.user,
			**changes,
			"bank": bank,
			"account_number": account_number,
			"account_holder": account_holder,
		}
	)
	# a producer user has no create permission: the producer is their own (producer_of above) and
	# the request's rules run on insert
	request.insert(ignore_permissions=True)
	return {"name": request.name, "status": request.status}
