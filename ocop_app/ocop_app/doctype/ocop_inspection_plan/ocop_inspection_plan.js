frappe.ui.form.on("OCOP Inspection Plan", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Chọn mẫu sản phẩm"), () =>
			frm.call("sample_products").then((r) => {
				frappe.show_alert({ message: __("Đã thêm {0} sản phẩm", [r.message || 0]), indicator: "green" });
				frm.reload_doc();
			})
		);
		frm.add_custom_button(__("Lập biên bản kiểm tra"), () =>
			frm.call("make_inspections").then((r) => {
				frappe.show_alert({ message: __("Đã lập {0} biên bản", [(r.message || []).length]), indicator: "green" });
				frm.reload_doc();
			})
		);
	},
});
