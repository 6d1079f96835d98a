// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.ui.form.on("OCOP Subsidy Claim", {
	setup(frm) {
		frm.set_query("product", () => ({ filters: { producer: frm.doc.producer, star_rating: [">=", 3] } }));
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0 && frm.doc.eligible_amount && !frm.doc.approved_amount) {
			frm.set_intro(__("Mức được hưởng theo chính sách: {0}", [format_currency(frm.doc.eligible_amount, "VND")]));
		}
	},
});
