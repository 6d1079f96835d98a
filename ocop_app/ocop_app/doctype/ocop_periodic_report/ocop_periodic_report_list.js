frappe.listview_settings["OCOP Periodic Report"] = {
	add_fields: ["docstatus", "is_overdue", "workflow_state", "units_not_reported"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		if (doc.is_overdue && doc.docstatus === 0) return [__("Quá hạn"), "red", "is_overdue,=,1"];
		const colour = { "Dự thảo": "gray", "Đã gửi": "blue", "Trả lại": "orange", "Đã tiếp nhận": "green" };
		const state = doc.workflow_state || "Dự thảo";
		return [__(state), colour[state] || "gray", `workflow_state,=,${state}`];
	},
};
