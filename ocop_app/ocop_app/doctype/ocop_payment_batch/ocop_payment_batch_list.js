// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.listview_settings["OCOP Payment Batch"] = {
	add_fields: ["payment_status"],
	get_indicator(doc) {
		const colour = { "Đã chi": "green", "Đang chi": "orange", "Chi chưa xong": "red" }[doc.payment_status];
		if (doc.docstatus === 1 && colour) return [__(doc.payment_status), colour, `payment_status,=,${doc.payment_status}`];
	},
};
