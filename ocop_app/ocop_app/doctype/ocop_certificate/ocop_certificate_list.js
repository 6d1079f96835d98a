frappe.listview_settings["OCOP Certificate"] = {
	add_fields: ["status", "star"],
	onload(listview) {
		listview.page.add_menu_item(__("Nhập kết quả công nhận trước đây"), () => ocop.import_dialog("recognitions"));
		listview.page.add_menu_item(__("Xuất danh sách theo mẫu Bộ"), () =>
			frappe.call({ method: "ocop_app.data_exchange.start_recognised_products_export" }).then(({ message: r }) => {
				if (r.download) {
					window.open("/api/method/ocop_app.data_exchange.export_recognised_products");
				} else {
					// a national list: a background job with a progress bar, then a notification with the file
					frappe.show_alert({
						message: __("Đang xuất {0} dòng ở chế độ nền; khi xong, hệ thống gửi thông báo kèm tệp.", [r.rows]) + ` <a href="/app/ocop-data-job/${r.job}">${__("Xem tiến độ")}</a>`,
						indicator: "blue",
					});
				}
			})
		);
	},
	get_indicator(doc) {
		const colour = { "Hiệu lực": "green", "Hết hạn": "orange", "Thu hồi": "red", "Thay thế": "gray", "Hủy": "gray" };
		return [__(doc.status), colour[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
