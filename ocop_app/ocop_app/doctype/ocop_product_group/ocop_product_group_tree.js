frappe.treeview_settings["OCOP Product Group"] = {
	breadcrumb: "OCOP App",
	title: __("Nhóm sản phẩm OCOP"),
};
