frappe.listview_settings["OCOP Producer"] = {
	add_fields: ["legal_form", "women_led", "ethnic_minority_led"],
};
