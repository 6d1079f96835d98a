// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.ui.form.on("OCOP Producer Change Request", {
	refresh(frm) {
		if (frm.is_new() || !frm.perm[0]?.write || frm.doc.status !== "Chờ xử lý") return;
		frm.add_custom_button(__("Áp dụng"), () =>
			frm.call("apply_request").then(() => frm.reload_doc())
		).addClass("btn-primary");
		frm.add_custom_button(__("Từ chối"), () =>
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Lý do"), reqd: 1 },
				(values) => frm.call("refuse_request", values).then(() => frm.reload_doc()),
				__("Từ chối đề nghị")
			)
		);
	},
});
