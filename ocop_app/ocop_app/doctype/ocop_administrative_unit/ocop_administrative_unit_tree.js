frappe.treeview_settings["OCOP Administrative Unit"] = {
	breadcrumb: "OCOP App",
	title: __("Đơn vị hành chính"),
	get_tree_nodes: "ocop_app.ocop_app.doctype.ocop_administrative_unit.ocop_administrative_unit.get_children",
	filters: [],
	get_label(node) {
		return node.title || node.label;
	},
};
