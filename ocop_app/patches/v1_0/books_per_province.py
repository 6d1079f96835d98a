"""Books per province on an existing site: each fund, its claims and batches move to the company of
the fund's province where nothing stands in the way. Idempotent: a second run finds them moved.

- Suppliers made for producers get their link back to the producer and its unit; their bank
  accounts lose the company the desk's default gave some of them.
- A fund whose claims have no live payment moves: each approved claim's Journal Entry is cancelled
  and posted again in the province's company. A fund with a paid claim stays where its payments
  are (cancelling payments already made at the bank is for the accountants, not a patch).
- Payment batches get the company their claims are paid from; finance officers get their
  province's company permission.
"""

import frappe

from ocop_app.accounting import companies
from ocop_app.accounting.claims import live_payments, make_journal_entry


def execute():
	companies.ensure_custom_fields()
	link_suppliers()
	for fund in frappe.get_all("OCOP Fund", fields=["name", "administrative_unit", "company"]):
		move_fund(fund)
	set_batch_companies()
	for user in frappe.get_all(
		"Has Role", filters={"role": companies.FINANCE_ROLE, "parenttype": "User"}, pluck="parent"
	):
		companies.sync_company_permissions(user)


def link_suppliers():
	for producer in frappe.get_all(
		"OCOP Producer",
		filters={"supplier": ["is", "set"]},
		fields=["name", "supplier", "administrative_unit"],
	):
		frappe.db.set_value(
			"Supplier",
			producer.supplier,
			{"ocop_producer": producer.name, "ocop_administrative_unit": producer.administrative_unit},
			update_modified=False,
		)
	# a producer's bank account belongs to no company of ours (some got the desk's default one)
	frappe.db.sql(
		"""update `tabBank Account` set company = null
		where is_company_account = 0 and party_type = 'Supplier' and company is not null
		and party in (select name from `tabSupplier` where ocop_producer is not null)"""
	)


def move_fund(fund) -> None:
	province = companies.current_province(fund.administrative_unit)
	if not province:
		print(f"OCOP Fund {fund.name}: unit {fund.administrative_unit} is in no current province, left")
		return
	company = companies.ensure_province_company(province)
	if fund.company == company:
		return
	claims = [
		frappe.get_doc("OCOP Subsidy Claim", name)
		for name in frappe.get_all(
			"OCOP Subsidy Claim", filters={"fund": fund.name, "docstatus": 1}, pluck="name"
		)
	]
	if any(live_payments(claim) for claim in claims):
		print(f"OCOP Fund {fund.name}: has payments in {fund.company}, left there")
		return
	frappe.db.set_value("OCOP Fund", fund.name, "company", company)
	for claim in claims:
		if (
			claim.journal_entry
			and frappe.db.get_value("Journal Entry", claim.journal_entry, "docstatus") == 1
		):
			repost(claim)


def repost(claim) -> None:
	"""The approved claim's Journal Entry cancelled in the old books and posted in the fund's company."""
	je = frappe.get_doc("Journal Entry", claim.journal_entry)
	je.flags.ignore_permissions = True  # a patch, run by the site's administrator
	je.flags.ignore_links = True  # the claim points at it until it gets the new one below
	je.cancel()
	claim.db_set("journal_entry", make_journal_entry(claim), update_modified=False)


def set_batch_companies():
	for batch in frappe.get_all("OCOP Payment Batch", filters={"company": ["is", "not set"]}, pluck="name"):
		claims = frappe.get_all("OCOP Payment Batch Item", filters={"parent": batch}, pluck="claim")
		found = {companies.company_of_claim(claim) for claim in claims}
		if len(found) == 1 and None not in found:
			frappe.db.set_value("OCOP Payment Batch", batch, "company", found.pop(), update_modified=False)
