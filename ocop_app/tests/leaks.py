"""How many records of each kind the site holds, counted by scripts/test before and after a CI run
on a kept test site: a test that commits must remove what it committed, or the site fills up run
after run and a later test meets a leftover (a test fund named like a new one: DuplicateEntryError).
Not a test module."""

import json

import frappe

# what the app's records make beside them in ERPNext and frappe (not the Journal Entries: the one a
# claim posts stays, cancelled with the claim, as ERPNext keeps a cancelled voucher)
ALSO_COUNTED = ("Supplier", "Bank Account", "Payment Entry", "User", "User Permission", "File")


def record_counts() -> dict:
	doctypes = frappe.get_all(
		"DocType", filters={"module": "OCOP App", "istable": 0, "issingle": 0, "is_virtual": 0}, pluck="name"
	)
	counts = {doctype: frappe.db.count(doctype) for doctype in sorted({*doctypes, *ALSO_COUNTED})}
	print("OCOP_COUNTS " + json.dumps(counts, ensure_ascii=False))
	return counts
