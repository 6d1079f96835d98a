frappe.listview_settings["OCOP Certificate"] = {
	add_fields: ["status", "star"],
	get_indicator(doc) {
		const colour = { "Hiệu lực": "green", "Hết hạn": "orange", "Thu hồi": "red", "Thay thế": "gray", "Hủy": "gray" };
		return [__(doc.status), colour[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
