frappe.listview_settings["OCOP Product"] = {
	add_fields: ["star_rating", "corrective_overdue"],
	onload(listview) {
		listview.page.add_menu_item(__("Nhập sản phẩm từ Excel"), () => ocop.import_dialog("products"));
	},
	get_indicator(doc) {
		if (doc.corrective_overdue) return [__("Quá hạn khắc phục"), "red", "corrective_overdue,=,1"];
		if (doc.star_rating >= 3) {
			return [__("{0} sao", [doc.star_rating]), doc.star_rating >= 5 ? "purple" : "green", `star_rating,=,${doc.star_rating}`];
		}
		return [__("Chưa công nhận"), "gray", "star_rating,<,3"];
	},
};
