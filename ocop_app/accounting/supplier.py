"""Keep each OCOP Producer's ERPNext Supplier and Bank Accounts in step with the producer."""

import frappe

from ocop_app.rules.tax_id import HOUSEHOLD_BUSINESS

SUPPLIER_GROUP = "OCOP Producer"


def sync_producer(producer) -> str:
	"""The producer's Supplier and Bank Accounts made or updated to match it; return the Supplier."""
	supplier = sync_supplier(producer)
	if producer.supplier != supplier:
		producer.db_set("supplier", supplier, update_modified=False)
	sync_bank_accounts(producer, supplier)
	return supplier


def sync_producers(names: list[str]) -> None:
	"""Background job after a bulk import: the imported producers' Suppliers and Bank Accounts."""
	for name in names:
		if frappe.db.exists("OCOP Producer", name):
			sync_producer(frappe.get_doc("OCOP Producer", name))


def supplier_of(producer: str) -> str:
	"""The producer's Supplier, made now if the import's background job has not reached it yet."""
	supplier = frappe.db.get_value("OCOP Producer", producer, "supplier")
	return supplier or sync_producer(frappe.get_doc("OCOP Producer", producer))


def sync_supplier(producer) -> str:
	"""Create or update the producer's Supplier; return its name."""
	values = {
		"supplier_name": producer.producer_name,
		"supplier_group": SUPPLIER_GROUP,
		"supplier_type": "Individual" if producer.legal_form == HOUSEHOLD_BUSINESS else "Company",
		"tax_id": producer.tax_id,
		"country": "Vietnam" if frappe.db.exists("Country", "Vietnam") else None,
		# back to the producer: its unit decides who may see the Supplier (ocop_app.accounting.permissions)
		"ocop_producer": producer.name,
		"ocop_administrative_unit": producer.administrative_unit,
	}
	# the producer's own, else one already made for its tax id (a sync that raced this one)
	name = (
		producer.supplier if producer.supplier and frappe.db.exists("Supplier", producer.supplier) else None
	) or (
		frappe.db.get_value("Supplier", {"tax_id": producer.tax_id, "supplier_group": SUPPLIER_GROUP})
		if producer.tax_id
		else None
	)
	if name:
		supplier = frappe.get_doc("Supplier", name)
		supplier.update(values)
		supplier.flags.ignore_permissions = True  # mirrors a producer saved in scope
		supplier.save()
		return supplier.name

	if frappe.db.exists("Supplier", values["supplier_name"]):
		# another party already has this name: keep names unique with the tax id
		values["supplier_name"] = f"{producer.producer_name} ({producer.tax_id})"
	supplier = frappe.get_doc({"doctype": "Supplier", **values})
	supplier.flags.ignore_permissions = True  # mirrors a producer saved in scope
	supplier.insert()
	return supplier.name


def sync_bank_accounts(producer, supplier: str) -> None:
	"""One ERPNext Bank Account (party type Supplier) per bank row of the producer."""
	for row in producer.bank_accounts:
		values = {
			"account_name": f"{row.account_holder} - {row.account_number}",
			"bank": row.bank,
			"bank_account_no": row.account_number,
			"party_type": "Supplier",
			"party": supplier,
			"is_company_account": 0,
			"company": "",  # a producer's account: no company of ours (not the desk's default one)
			"is_default": row.is_default,
		}
		if row.bank_account and frappe.db.exists("Bank Account", row.bank_account):
			account = frappe.get_doc("Bank Account", row.bank_account)
			account.update({k: v for k, v in values.items() if k != "account_name"})
		else:
			existing = frappe.db.get_value(
				"Bank Account",
				{
					"party_type": "Supplier",
					"party": supplier,
					"bank": row.bank,
					"bank_account_no": row.account_number,
				},
			)
			account = (
				frappe.get_doc("Bank Account", existing)
				if existing
				else frappe.get_doc({"doctype": "Bank Account", **values})
			)
		account.flags.ignore_permissions = True  # mirrors the producer's bank row, saved in scope
		account.save()
		if row.bank_account != account.name:
			row.db_set("bank_account", account.name, update_modified=False)


def ensure_supplier_group() -> None:
	if frappe.db.exists("Supplier Group", SUPPLIER_GROUP):
		return
	parent = "All Supplier Groups" if frappe.db.exists("Supplier Group", "All Supplier Groups") else None
	frappe.get_doc(
		{
			"doctype": "Supplier Group",
			"supplier_group_name": SUPPLIER_GROUP,
			"parent_supplier_group": parent,
			"is_group": 0,
		}
	).insert(ignore_permissions=True)  # install step
