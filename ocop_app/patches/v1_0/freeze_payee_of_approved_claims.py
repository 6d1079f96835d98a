"""Claims approved before the payee was frozen on the claim get it now, from the ERPNext Bank
Account they were approved with (the payment checks that account against these fields)."""

import frappe


def execute():
	claims = frappe.get_all(
		"OCOP Subsidy Claim",
		filters={"docstatus": 1, "bank_account": ["is", "set"], "payee_account_number": ["is", "not set"]},
		fields=["name", "bank_account"],
	)
	for claim in claims:
		account = frappe.db.get_value(
			"Bank Account", claim.bank_account, ["bank", "bank_account_no"], as_dict=True
		)
		if not account:
			continue
		holder = frappe.db.get_value(
			"OCOP Producer Bank Account", {"bank_account": claim.bank_account}, "account_holder"
		)
		frappe.db.set_value(
			"OCOP Subsidy Claim",
			claim.name,
			{
				"payee_bank": account.bank,
				"payee_bank_bin": frappe.db.get_value("Bank", account.bank, "ocop_vietqr_bin"),
				"payee_account_number": account.bank_account_no,
				"payee_account_holder": holder,
			},
			update_modified=False,
		)
