frappe.listview_settings["OCOP Producer"] = {
	add_fields: ["legal_form", "women_led", "ethnic_minority_led"],
	onload(listview) {
		listview.page.add_menu_item(__("Nhập chủ thể từ Excel"), () => ocop.import_dialog("producers"));
	},
};
