frappe.listview_settings["OCOP Certificate"] = {
	add_fields: ["status", "star"],
	onload(listview) {
		listview.page.add_menu_item(__("Nhập kết quả công nhận trước đây"), () => ocop.import_dialog("recognitions"));
		listview.page.add_menu_item(__("Xuất danh sách theo mẫu Bộ"), () =>
			window.open("/api/method/ocop_app.data_exchange.export_recognised_products")
		);
	},
	get_indicator(doc) {
		const colour = { "Hiệu lực": "green", "Hết hạn": "orange", "Thu hồi": "red", "Thay thế": "gray", "Hủy": "gray" };
		return [__(doc.status), colour[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
