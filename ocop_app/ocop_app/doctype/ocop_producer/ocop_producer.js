// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.ui.form.on("OCOP Producer", {
	setup(frm) {
		frm.set_query("administrative_unit", () => ({
			filters: { level: "Commune", is_legacy: 0 },
		}));
	},
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Sản phẩm"), () =>
				frappe.set_route("List", "OCOP Product", { producer: frm.doc.name })
			);
			frm.add_custom_button(__("Thêm sản phẩm"), () =>
				frappe.new_doc("OCOP Product", { producer: frm.doc.name })
			);
		}
	},
});
