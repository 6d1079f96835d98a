frappe.listview_settings["OCOP Administrative Unit"] = {
	add_fields: ["is_legacy", "level"],
	get_indicator(doc) {
		return doc.is_legacy ? [__("Đơn vị cũ"), "orange", "is_legacy,=,1"] : [__("Hiện hành"), "green", "is_legacy,=,0"];
	},
};
