// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.ui.form.on("OCOP Fund", {
	administrative_unit(frm) {
		// the fund belongs to its province's office company (made the first time the province has a fund)
		if (!frm.doc.administrative_unit) return;
		frappe
			.call({
				method: "ocop_app.accounting.companies.company_for_fund_unit",
				args: { unit: frm.doc.administrative_unit },
			})
			.then(({ message }) => frm.set_value("company", message));
	},
});
