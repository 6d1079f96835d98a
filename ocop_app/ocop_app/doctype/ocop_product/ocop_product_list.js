frappe.listview_settings["OCOP Product"] = {
	add_fields: ["star_rating"],
	get_indicator(doc) {
		if (doc.star_rating >= 3) {
			return [__("{0} sao", [doc.star_rating]), doc.star_rating >= 5 ? "purple" : "green", `star_rating,=,${doc.star_rating}`];
		}
		return [__("Chưa công nhận"), "gray", "star_rating,<,3"];
	},
};
