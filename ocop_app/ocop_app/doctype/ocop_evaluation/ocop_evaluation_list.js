frappe.listview_settings["OCOP Evaluation"] = {
	add_fields: ["result", "docstatus", "is_overdue", "workflow_state"],
	get_indicator(doc) {
		if (doc.is_overdue && doc.docstatus === 0) return [__("Quá hạn"), "red", "is_overdue,=,1"];
		const colour = { "Đạt": "green", "Không đạt": "red", "Đề nghị cấp trên": "blue", "Chờ chấm lại": "orange", "Chưa đủ số phiếu": "gray" };
		if (doc.result) return [__(doc.result), colour[doc.result] || "gray", `result,=,${doc.result}`];
	},
};
