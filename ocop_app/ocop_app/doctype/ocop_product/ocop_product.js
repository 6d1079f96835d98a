// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.ui.form.on("OCOP Product", {
	setup(frm) {
		frm.set_query("administrative_unit", () => ({ filters: { level: "Commune", is_legacy: 0 } }));
		frm.set_query("product_group", () => ({ filters: { is_group: 0 } }));
		frm.set_query("previous_product", () => ({
			filters: { producer: frm.doc.producer, name: ["!=", frm.doc.name] },
		}));
	},
	producer(frm) {
		if (frm.doc.producer) {
			frappe.db.get_value("OCOP Producer", frm.doc.producer, "administrative_unit").then((r) => {
				if (r.message && r.message.administrative_unit) {
					frm.set_value("administrative_unit", r.message.administrative_unit);
				}
			});
		}
	},
});
