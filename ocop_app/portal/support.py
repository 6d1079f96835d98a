"""The producer portal's support pages: what the province's policy offers for a product's star,
filing a claim (OCOP Subsidy Claim at its workflow's first step) with its invoice/contract, and
following each claim to payment (amount, date, bank reference).

As in ``ocop_app.portal.products``: ``producer_of()`` and the authorization module first, every
check before anything is written, then trusted writes.
"""

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, today

from ocop_app.accounting.companies import current_province, province_company
from ocop_app.ocop_app.doctype.ocop_certificate.ocop_certificate import active_certificate
from ocop_app.ocop_app.doctype.ocop_support_policy.ocop_support_policy import get_policy_for
from ocop_app.portal.access import producer_of
from ocop_app.portal.products import decode_upload, own_record, refuse
from ocop_app.printing import format_vn_date
from ocop_app.rules import portal_pages as pages
from ocop_app.rules.vn_words import format_vnd

CLAIM = "OCOP Subsidy Claim"
NOT_OPEN = ("Từ chối", "Đã hủy")
MAX_CLAIM = 10_000_000_000  # 10 tỷ đồng: far above any support content


class NoSupportForProductError(frappe.ValidationError):
	"""The product has no valid certificate, or the policy offers nothing of that kind for its star."""


class NoFundError(frappe.ValidationError):
	"""The province has no fund with money left this year."""


class ClaimPendingError(frappe.ValidationError):
	"""A claim of the same content for the same product is already on its way."""


def support_contents(product: str) -> dict:
	"""The contents the province's policy in force offers for the product's current star."""
	_producer, doc = own_record("OCOP Product", product)
	certificate = active_certificate(doc.name)
	star = cint(certificate.star) if certificate else 0
	policy = get_policy_for(doc.province, today()) if certificate else None
	contents = []
	if policy:
		# the province's published policy, read for one of the producer's own products (checked above)
		rows = frappe.get_all(
			"OCOP Support Policy Row",
			filters={"parent": policy, "parenttype": "OCOP Support Policy"},
			fields=["support_type", "star", "amount"],
			order_by="idx asc",
		)
		for row in rows:
			if cint(row.star) in (0, star):
				contents.append(
					{
						"support_type": row.support_type,
						"amount": flt(row.amount),
						"amount_text": format_vnd(row.amount),
						"description": frappe.db.get_value(
							"OCOP Support Type", row.support_type, "description"
						),
					}
				)
	return {
		"certificate": certificate.name if certificate else None,
		"star": star,
		"policy": policy,
		"contents": contents,
	}


def fund_for(doc) -> str | None:
	"""The fund a portal claim starts on: this year's, of the product's commune or a unit above it,
	in its province's books, with money left (the officials may change it before approval)."""
	unit = doc.administrative_unit
	lft, rgt = frappe.db.get_value("OCOP Administrative Unit", unit, ["lft", "rgt"])
	units = frappe.get_all(
		"OCOP Administrative Unit", filters={"lft": ["<=", lft], "rgt": [">=", rgt]}, pluck="name"
	)
	province = current_province(unit)
	funds = frappe.get_all(
		"OCOP Fund",
		filters={
			"administrative_unit": ["in", units],
			"fiscal_year": getdate(today()).year,
			"company": province_company(province) or "",
		},
		fields=["name", "administrative_unit", "allocated_amount", "committed_amount"],
	)
	return pages.choose_fund(
		[
			pages.FundChoice(
				f.name, flt(f.allocated_amount) - flt(f.committed_amount), f.administrative_unit == province
			)
			for f in funds
		]
	)


@frappe.whitelist(methods=["POST"])
def file_claim(
	product: str | None = None,
	support_type: str | None = None,
	claimed_amount: str | None = None,
	invoice_filename: str | None = None,
	invoice_content: str | None = None,
	contract_filename: str | None = None,
	contract_content: str | None = None,
) -> dict:
	"""A support claim of the producer's product, at the workflow's first step, with the invoice
	and/or contract attached (private). Every check comes before anything is written."""
	producer, doc = own_record("OCOP Product", product)
	offered = {c["support_type"]: c for c in support_contents(doc.name)["contents"]}
	if support_type not in offered:
		refuse(
			_(
				"Chính sách hỗ trợ của tỉnh không có nội dung này cho sản phẩm (cần giấy chứng nhận OCOP từ 3 sao còn hiệu lực)."
			),
			NoSupportForProductError,
		)
	amount = cint(flt((claimed_amount or "").replace(".", "").replace(" ", "").replace("đ", "") or 0))
	if amount <= 0 or amount > MAX_CLAIM:
		refuse(_("Số tiền đề nghị phải là số đồng lớn hơn 0 (ví dụ 5000000)."))
	if not (invoice_content or contract_content):
		refuse(_("Cần đính kèm hóa đơn hoặc hợp đồng của khoản chi."))
	files = [
		(field, *decode_upload(filename, content))
		for field, filename, content in (
			("invoice", invoice_filename, invoice_content),
			("contract", contract_filename, contract_content),
		)
		if content
	]
	if frappe.db.exists(
		CLAIM,
		{"product": doc.name, "support_type": support_type, "docstatus": 0, "status": ["not in", NOT_OPEN]},
	):
		refuse(
			_("Đã có một đề nghị {0} của sản phẩm này đang được xử lý.").format(frappe.bold(support_type)),
			ClaimPendingError,
		)
	fund = fund_for(doc)
	if not fund:
		refuse(
			_(
				"Tỉnh chưa bố trí nguồn kinh phí hỗ trợ OCOP năm {0} còn số dư; hãy liên hệ cán bộ OCOP cấp xã."
			).format(getdate(today()).year),
			NoFundError,
		)
	claim = frappe.get_doc(
		{
			"doctype": CLAIM,
			"producer": producer,
			"product": doc.name,
			"support_type": support_type,
			"claim_date": today(),
			"fund": fund,
			"claimed_amount": amount,
		}
	)
	# a producer user has no create permission: their own product (own_record), a content the
	# province's policy offers for its star, the fund chosen by the portal; approval is the officials'
	claim.insert(ignore_permissions=True)
	urls = {}
	for field, stored, data in files:
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": stored,
				"attached_to_doctype": CLAIM,
				"attached_to_name": claim.name,
				"attached_to_field": field,
				"is_private": 1,
				"content": data,
			}
		)
		file.insert(ignore_permissions=True)  # checked PDF/image, attached to the claim just made
		urls[field] = file.file_url
	claim.db_set(urls, update_modified=False)
	return {"name": claim.name, "state": claim.workflow_state}


def my_claims() -> list[dict]:
	"""The producer's claims with their step in plain words and their payments."""
	producer = producer_of()
	rows = frappe.get_list(
		CLAIM,
		filters={"producer": producer},
		fields=[
			"name",
			"product",
			"product_name",
			"support_type",
			"claim_date",
			"claimed_amount",
			"approved_amount",
			"paid_amount",
			"workflow_state",
			"status",
			"remarks",
			"journal_entry",
			"docstatus",
		],
		order_by="claim_date desc, creation desc",
		limit_page_length=500,
	)
	for row in rows:
		row.update(
			pages.step_fields(pages.CLAIM_STEPS, row.workflow_state),
			date_text=format_vn_date(row.claim_date),
			claimed_text=format_vnd(row.claimed_amount),
			approved_text=format_vnd(row.approved_amount) if row.docstatus == 1 else None,
			paid_text=format_vnd(row.paid_amount) if flt(row.paid_amount) else None,
			reason=row.remarks if row.workflow_state == "Từ chối" else None,
			payments=payments_of(row.journal_entry),
		)
		row.pop("journal_entry")
		row.pop("remarks")
	return rows


def payments_of(journal_entry: str | None) -> list[dict]:
	"""Payment date, amount and bank reference of a claim's payments (its approval's Journal Entry)."""
	if not journal_entry:
		return []
	# the payments of one of the producer's own claims (listed through the authorization module)
	rows = frappe.db.sql(
		"""select pe.posting_date, pe.reference_no, pe.reference_date, per.allocated_amount
		from `tabPayment Entry Reference` per join `tabPayment Entry` pe on pe.name = per.parent
		where per.reference_doctype = 'Journal Entry' and per.reference_name = %s and pe.docstatus = 1
		order by pe.posting_date""",
		journal_entry,
		as_dict=True,
	)
	return [
		{
			"date": format_vn_date(r.posting_date),
			"amount_text": format_vnd(r.allocated_amount),
			"reference": r.reference_no,
		}
		for r in rows
	]
