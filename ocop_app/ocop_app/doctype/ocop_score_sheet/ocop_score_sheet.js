// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt
// The scoring form: each criterion with its options as radio buttons and the evidence beside it.

frappe.ui.form.on("OCOP Score Sheet", {
	setup(frm) {
		frm.set_query("evaluation", () => ({ filters: { docstatus: 0 } }));
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0 && frm.doc.evaluation_closed) {
			// the evaluation was concluded while this sheet was still a draft: it can no longer be submitted
			frm.set_intro(__("Đánh giá đã kết thúc khi phiếu này còn nháp; phiếu không thể lưu hay nộp nữa."), "red");
			frm.disable_save();
		}
		frm.trigger("render_scoring");
	},
	evaluation(frm) {
		frm.trigger("render_scoring");
	},
	render_scoring(frm) {
		const wrapper = frm.get_field("scoring_html").$wrapper;
		if (!frm.doc.evaluation) {
			wrapper.html("");
			return;
		}
		frappe
			.call("ocop_app.ocop_app.doctype.ocop_score_sheet.ocop_score_sheet.get_scoring_context", {
				evaluation: frm.doc.evaluation,
			})
			.then(({ message: ctx }) => {
				const chosen = {};
				(frm.doc.scores || []).forEach((r) => (chosen[r.criterion_code] = r.option_no));
				const evidence = {};
				ctx.evidence.forEach((e) => (evidence[e.criterion_code] = evidence[e.criterion_code] || []).push(e));
				const readonly = frm.doc.docstatus !== 0 || !!frm.doc.evaluation_closed;
				let html = "";
				ctx.criteria.forEach((c) => {
					const opts = ctx.options.filter((o) => o.criterion_code === c.criterion_code);
					const ev = (evidence[c.criterion_code] || [])
						.map((e) => `<a href="${e.attachment}" target="_blank">📎 ${frappe.utils.escape_html(e.description || __("Minh chứng"))}</a>`)
						.join("<br>");
					html += `<div class="ocop-criterion" style="border-bottom:1px solid var(--border-color);padding:8px 0">
						<div><b>${c.part}.${frappe.utils.escape_html(c.criterion_code)}</b> ${frappe.utils.escape_html(c.criterion_text)}
						<span class="text-muted">(${__("tối đa")} ${c.max_points})</span></div>
						<div style="display:flex;gap:16px"><div style="flex:3">${opts
							.map(
								(o) => `<label style="display:block;font-weight:normal">
								<input type="radio" name="crit-${c.criterion_code}" value="${o.option_no}"
									${String(chosen[c.criterion_code]) === String(o.option_no) ? "checked" : ""} ${readonly || c.prefill ? "disabled" : ""}>
								${frappe.utils.escape_html(o.option_text)} — <b>${o.points}</b>${o.min_star ? ` <span class="indicator-pill orange">${"★".repeat(o.min_star)}</span>` : ""}
								</label>`
							)
							.join("")}</div><div style="flex:1">${ev}</div></div></div>`;
				});
				wrapper.html(html);
				wrapper.find("input[type=radio]").on("change", function () {
					const code = this.name.slice(5);
					const row = (frm.doc.scores || []).find((r) => r.criterion_code === code);
					if (row) {
						frappe.model.set_value(row.doctype, row.name, "option_no", parseInt(this.value));
					} else {
						const child = frm.add_child("scores", { criterion_code: code, option_no: parseInt(this.value) });
						frm.refresh_field("scores");
					}
					frm.dirty();
				});
			});
	},
});
