frappe.listview_settings["OCOP Inspection"] = {
	add_fields: ["result", "docstatus", "is_overdue", "workflow_state"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		if (doc.is_overdue) return [__("Quá hạn khắc phục"), "red", "is_overdue,=,1"];
		if (doc.workflow_state === "Đã khắc phục") return [__("Đã khắc phục"), "green", "workflow_state,=,Đã khắc phục"];
		if (doc.docstatus === 1) {
			const colour = { "Đạt": "green", "Yêu cầu khắc phục": "orange", "Đề nghị thu hồi": "red" };
			return [__(doc.result), colour[doc.result] || "gray", `result,=,${doc.result}`];
		}
	},
};
