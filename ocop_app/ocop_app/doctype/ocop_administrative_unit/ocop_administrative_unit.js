// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.ui.form.on("OCOP Administrative Unit", {
	setup(frm) {
		frm.set_query("parent_ocop_administrative_unit", () => ({
			filters: { is_group: 1, is_legacy: frm.doc.is_legacy ? 1 : 0 },
		}));
		frm.set_query("successor_unit", () => ({ filters: { is_legacy: 0 } }));
	},
	refresh(frm) {
		if (frm.doc.is_legacy) {
			frm.dashboard.set_headline_alert(
				__("Đơn vị hành chính cũ, hết hiệu lực từ {0}", [frappe.datetime.str_to_user(frm.doc.valid_to)]),
				"orange"
			);
		}
	},
});
