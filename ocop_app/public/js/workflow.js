// "Restore the shipped workflow" on the OCOP workflows (ocop_app.setup.workflows.restore_workflow).
frappe.ui.form.on("Workflow", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.document_type || !frm.doc.document_type.startsWith("OCOP ")) return;
		frm.add_custom_button(__("Khôi phục quy trình gốc"), () => {
			frappe.confirm(
				__("Thay quy trình {0} bằng bản cài đặt của ứng dụng OCOP? Các thay đổi đã làm sẽ mất.", [frm.doc.name]),
				() =>
					frappe
						.call({
							method: "ocop_app.setup.workflows.restore_workflow",
							args: { workflow: frm.doc.name },
						})
						.then(() => frm.reload_doc())
			);
		});
	},
});
