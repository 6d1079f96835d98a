// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.ui.form.on("OCOP Rule Set", {
	setup(frm) {
		frm.set_query("criteria_rule_set", () => ({ filters: { name: ["!=", frm.doc.name] } }));
	},
});
