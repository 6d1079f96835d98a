// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.ui.form.on("OCOP Evaluation", {
	setup(frm) {
		frm.set_query("council", () => ({ filters: { level: frm.doc.evaluation_level } }));
		frm.set_query("criteria_set", () => ({ filters: { rule_set: frm.doc.rule_set } }));
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0 && !frm.is_new()) {
			frm.add_custom_button(__("Chấm điểm"), () =>
				frappe.new_doc("OCOP Score Sheet", { evaluation: frm.doc.name })
			);
		}
		if (frm.doc.docstatus === 1 && frm.doc.forward_to_next_level) {
			frm.add_custom_button(__("Tạo đánh giá cấp trên"), () =>
				frappe
					.call({
						method: "ocop_app.ocop_app.doctype.ocop_evaluation.ocop_evaluation.make_next_level_evaluation",
						args: { evaluation: frm.doc.name },
					})
					.then((r) => frappe.set_route("Form", "OCOP Evaluation", r.message))
			);
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("Phiếu chấm"), () =>
				frappe.set_route("List", "OCOP Score Sheet", { evaluation: frm.doc.name })
			);
		}
	},
});
