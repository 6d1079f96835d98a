frappe.listview_settings["OCOP Evaluation"] = {
	add_fields: ["result", "docstatus"],
	get_indicator(doc) {
		const colour = { "Đạt": "green", "Không đạt": "red", "Đề nghị cấp trên": "blue", "Chờ chấm lại": "orange", "Chưa đủ số phiếu": "gray" };
		if (doc.result) return [__(doc.result), colour[doc.result] || "gray", `result,=,${doc.result}`];
	},
};
