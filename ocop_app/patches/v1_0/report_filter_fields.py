"""Certificates and evaluations carry their product group (and certificates their rule set), fetched
on save from now on, so the reports filter on them; fill the records made before."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabOCOP Certificate` c join `tabOCOP Product` p on p.name = c.product
		set c.product_group = p.product_group where c.product_group is null"""
	)
	frappe.db.sql(
		"""update `tabOCOP Certificate` c join `tabOCOP Evaluation` e on e.name = c.evaluation
		set c.rule_set = e.rule_set where c.rule_set is null"""
	)
	frappe.db.sql(
		"""update `tabOCOP Evaluation` e join `tabOCOP Product` p on p.name = e.product
		set e.product_group = p.product_group where e.product_group is null"""
	)
