// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.ui.form.on("OCOP Payment Batch", {
	setup(frm) {
		// the background job publishes frappe's progress on this batch (a bar with the count)
		frappe.realtime.on("progress", (data) => {
			if (frm.doc.payment_status === "Đang chi" && data.percent >= 100 && !frm.is_dirty()) frm.reload_doc();
		});
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0) {
			frm.add_custom_button(__("Lấy các đề nghị đã duyệt"), () =>
				frappe
					.call("ocop_app.ocop_app.doctype.ocop_payment_batch.ocop_payment_batch.get_approved_claims", { fund: frm.doc.fund, company: frm.doc.company })
					.then(({ message }) => {
						const have = new Set((frm.doc.items || []).map((r) => r.claim));
						message.filter((r) => !have.has(r.claim)).forEach((r) => frm.add_child("items", r));
						frm.refresh_field("items");
						frm.save();
					})
			);
		}
		if (frm.doc.docstatus === 1 && frm.doc.payment_status === "Đang chi") {
			// the count stored on the batch: the bar is there again when the user comes back
			const total = frm.doc.payments || 1;
			frm.dashboard.show_progress(__("Đang chi"), ((frm.doc.paid_count || 0) * 100) / total, __("Đã chi {0}/{1} khoản", [frm.doc.paid_count || 0, frm.doc.payments]));
		}
		if (frm.doc.docstatus === 1 && frm.doc.payment_status === "Chi chưa xong") {
			frm.dashboard.set_headline(`<span class="text-danger">${frappe.utils.escape_html(frm.doc.payment_error || "")}</span>`);
			frm.add_custom_button(__("Chi tiếp"), () =>
				frappe
					.call({
						method: "ocop_app.ocop_app.doctype.ocop_payment_batch.ocop_payment_batch.resume_payments",
						args: { batch: frm.doc.name },
						freeze: true,
					})
					.then(() => frm.reload_doc())
			);
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("Tải tệp chuyển khoản"), () =>
				window.open(`/api/method/ocop_app.ocop_app.doctype.ocop_payment_batch.ocop_payment_batch.download_transfer_file?batch=${encodeURIComponent(frm.doc.name)}`)
			);
		}
	},
});
