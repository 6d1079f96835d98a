// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.ui.form.on("OCOP Producer Account", {
	refresh(frm) {
		if (frm.is_new() || !frm.perm[0]?.write) return;
		const call = (method, args) =>
			frm.call(method, args).then(() => frm.reload_doc());
		const with_reason = (title, method) =>
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Lý do"), reqd: 1 },
				(values) => call(method, values),
				title
			);
		if (frm.doc.status === "Chờ xác nhận") {
			frm.add_custom_button(__("Xác nhận"), () => call("confirm")).addClass("btn-primary");
			frm.add_custom_button(__("Từ chối"), () => with_reason(__("Từ chối tài khoản"), "refuse"));
		} else if (frm.doc.status === "Đã xác nhận") {
			frm.add_custom_button(__("Khóa"), () => with_reason(__("Khóa tài khoản"), "lock_account"));
		} else if (frm.doc.status === "Đã khóa") {
			frm.add_custom_button(__("Mở khóa"), () => call("confirm"));
		}
	},
});
