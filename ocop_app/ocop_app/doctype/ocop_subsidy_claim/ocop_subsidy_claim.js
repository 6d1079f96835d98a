// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.ui.form.on("OCOP Subsidy Claim", {
	setup(frm) {
		frm.set_query("product", () => ({ filters: { producer: frm.doc.producer, star_rating: [">=", 3] } }));
	},
	refresh(frm) {
		if (frm.doc.docstatus === 1 && frm.doc.outstanding_amount > 0) {
			frm.add_custom_button(__("Chi trả (chuyển khoản)"), () =>
				frappe.confirm(__("Chi {0} cho {1}?", [format_currency(frm.doc.outstanding_amount, "VND"), frm.doc.producer_name]), () =>
					frappe
						.call({ method: "ocop_app.accounting.claims.pay_claim", args: { claim: frm.doc.name }, freeze: true })
						.then(({ message }) => {
							frm.reload_doc();
							frappe.show_alert({ message: __("Đã lập phiếu chi {0}", [message]), indicator: "green" });
						})
				)
			).addClass("btn-primary");
		}
		if (frm.doc.docstatus === 0 && frm.doc.eligible_amount && !frm.doc.approved_amount) {
			frm.set_intro(__("Mức được hưởng theo chính sách: {0}", [format_currency(frm.doc.eligible_amount, "VND")]));
		}
	},
});
