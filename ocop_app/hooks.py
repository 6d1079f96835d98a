app_name = "ocop_app"
app_title = "OCOP"
app_publisher = "OCOP App contributors"
app_description = "Chương trình Mỗi xã một sản phẩm (OCOP): đăng ký, đánh giá, công nhận, hỗ trợ và chi trả"
app_email = "ocop@example.vn"
app_license = "mit"

# the org/repo form: a bare "erpnext" makes the v15 installer look the org up on the network
required_apps = ["frappe/erpnext"]
export_python_type_annotations = True

# ------------------------------------------------------------------ install and migrate
before_install = "ocop_app.setup.install.before_install"
after_install = "ocop_app.setup.install.after_install"
after_migrate = "ocop_app.setup.install.after_migrate"
before_tests = "ocop_app.setup.install.before_tests"

# ------------------------------------------------------------------ website
# the public certificate check the certificate's QR code points to
website_route_rules = [
	{"from_route": "/ocop/xac-minh/<certificate_no>", "to_route": "ocop/xac_minh"},
	# the public product page the product's QR code and its stamps point to
	{"from_route": "/ocop/san-pham/<product>", "to_route": "ocop/san_pham"},
]

# ------------------------------------------------------------------ permissions
# one scope (User Permissions on the administrative-unit tree) answers lists and documents alike
_SCOPED = (
	"OCOP Producer",
	"OCOP Product",
	"OCOP Council",
	"OCOP Evaluation",
	"OCOP Score Sheet",
	"OCOP Certificate",
	"OCOP Recognition Decision",
	"OCOP Revocation Decision",
	"OCOP Subsidy Claim",
	"OCOP Fund",
	"OCOP Inspection Plan",
	"OCOP Inspection",
	"OCOP Periodic Report",
	"OCOP Stamp Batch",
)
# child tables of unit data: scoped through their parent's unit
_SCOPED_CHILDREN = (
	"OCOP Inspection Plan Item",
	"OCOP Inspection Team Member",
	"OCOP Inspection Check",
	"OCOP Inspection Finding",
	"OCOP Periodic Report Figure",
	"OCOP Periodic Report Unit",
)
permission_query_conditions = {
	doctype: "ocop_app.permissions.query_conditions" for doctype in _SCOPED + _SCOPED_CHILDREN
}
has_permission = {doctype: "ocop_app.permissions.unit_permission" for doctype in _SCOPED}

override_whitelisted_methods = {
	"frappe.client.get_count": "ocop_app.api.client.get_count",
	# workflow states move only through actions (ocop_app.workflow_guard)
	"frappe.model.workflow.apply_workflow": "ocop_app.workflow_guard.apply_workflow",
	"frappe.model.workflow.bulk_workflow_approval": "ocop_app.workflow_guard.bulk_workflow_approval",
}

# the scope is cached per request; Payment Entries keep the subsidy claims they pay true: drop it when who-may-see-what changes
doc_events = {
	"User": {"on_update": "ocop_app.permissions.clear_scope_cache"},
	"Payment Entry": {
		"on_submit": "ocop_app.accounting.claims.on_payment_change",
		"on_cancel": "ocop_app.accounting.claims.on_payment_change",
	},
	**{
		doctype: {
			"validate": "ocop_app.workflow_guard.validate",
			"before_cancel": "ocop_app.workflow_guard.validate",
			"before_update_after_submit": "ocop_app.workflow_guard.validate",
			"on_update": "ocop_app.workflow_notifications.on_change",
			"on_submit": "ocop_app.workflow_notifications.on_change",
			"on_cancel": "ocop_app.workflow_notifications.on_change",
			"on_update_after_submit": "ocop_app.workflow_notifications.on_change",
		}
		for doctype in (
			"OCOP Product",
			"OCOP Evaluation",
			"OCOP Recognition Decision",
			"OCOP Subsidy Claim",
			"OCOP Inspection",
			"OCOP Periodic Report",
		)
	},
	"User Permission": {
		"on_update": "ocop_app.permissions.clear_scope_cache",
		"on_trash": "ocop_app.permissions.clear_scope_cache",
	},
}

scheduler_events = {
	"daily": [
		"ocop_app.ocop_app.doctype.ocop_certificate.ocop_certificate.run_daily",
		"ocop_app.ocop_app.doctype.ocop_evaluation.ocop_evaluation.flag_overdue_evaluations",
		"ocop_app.ocop_app.doctype.ocop_inspection.ocop_inspection.flag_overdue_corrective_actions",
		"ocop_app.ocop_app.doctype.ocop_periodic_report.ocop_periodic_report.flag_overdue_reports",
	],
}

doctype_js = {"Workflow": "public/js/workflow.js"}
app_include_js = ["/assets/ocop_app/js/ocop.js"]

jinja = {
	"methods": [
		"ocop_app.printing.qr_data_uri",
		"ocop_app.printing.certificate_check_url",
		"ocop_app.printing.format_vn_date",
		"ocop_app.printing.stars",
	],
}
