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
# the setup wizard writes its own date and number formats: the Vietnamese ones go back on after it
setup_wizard_complete = "ocop_app.setup.vn_conventions.after_setup_wizard"
before_tests = "ocop_app.setup.install.before_tests"

# ------------------------------------------------------------------ fixtures
# what must always match what the app ships: re-imported (overwritten) on every migrate. What
# administrators may edit (workflows, rule sets, criteria, print defaults) is data made only when missing.
_OCOP_MODULE = [["module", "=", "OCOP App"]]
fixtures = [
	{"dt": "Role", "filters": [["name", "like", "OCOP %"]]},
	{"dt": "Custom Field", "filters": _OCOP_MODULE},
	{"dt": "Workspace", "filters": _OCOP_MODULE},
	{"dt": "Number Card", "filters": _OCOP_MODULE},
	{"dt": "Dashboard Chart", "filters": _OCOP_MODULE},
]

# ------------------------------------------------------------------ website
# the public certificate check the certificate's QR code points to
website_route_rules = [
	{"from_route": "/ocop/xac-minh/<certificate_no>", "to_route": "ocop/xac_minh"},
	# the public product page the product's QR code and its stamps point to
	{"from_route": "/ocop/san-pham/<product>", "to_route": "ocop/san_pham"},
	# the producer portal (ocop_app/www/ocop/co_so/): pages of a producer's website users
	{"from_route": "/ocop/co-so", "to_route": "ocop/co_so"},
	{"from_route": "/ocop/co-so/dang-ky", "to_route": "ocop/co_so/dang_ky"},
	{"from_route": "/ocop/co-so/ho-so", "to_route": "ocop/co_so/ho_so"},
	# the producer's products, one product (dossier, evidence, results, certificates, support), claims
	{"from_route": "/ocop/co-so/san-pham", "to_route": "ocop/co_so/san_pham"},
	{"from_route": "/ocop/co-so/san-pham/<product>", "to_route": "ocop/co_so/san_pham_chi_tiet"},
	{"from_route": "/ocop/co-so/ho-tro", "to_route": "ocop/co_so/ho_tro"},
]

# ------------------------------------------------------------------ permissions
# one module (ocop_app.permissions, by the matrix in ocop_app.security_matrix) answers lists,
# documents, child tables and saves alike: User Permissions on the administrative-unit tree
from ocop_app.security_matrix import DOCTYPES as _MATRIX

_SCOPED = [doctype for doctype, spec in _MATRIX.items() if spec["scope"] in ("unit", "link")]
_CHILDREN = [doctype for doctype, spec in _MATRIX.items() if spec["scope"] == "child"]

permission_query_conditions = {
	**{doctype: "ocop_app.permissions.query_conditions" for doctype in _SCOPED},
	**{doctype: "ocop_app.permissions.child_query_conditions" for doctype in _CHILDREN},
	# added to frappe's own: files of scoped records are listed only for records in scope
	"File": "ocop_app.permissions.file_query_conditions",
}
has_permission = {doctype: "ocop_app.permissions.unit_permission" for doctype in _SCOPED}
# records of the user who started them (a background import or export): the owner's, or national
for _doctype in (d for d, spec in _MATRIX.items() if spec["scope"] == "owner"):
	permission_query_conditions[_doctype] = "ocop_app.permissions.owner_query_conditions"
	has_permission[_doctype] = "ocop_app.permissions.owner_permission"

override_whitelisted_methods = {
	"frappe.client.get_count": "ocop_app.api.client.get_count",
	# link search with ignore_user_permissions=1 must not widen the scope of OCOP DocTypes
	"frappe.desk.search.search_link": "ocop_app.api.client.search_link",
	"frappe.desk.search.search_widget": "ocop_app.api.client.search_widget",
	# workflow states move only through actions (ocop_app.workflow_guard)
	"frappe.model.workflow.apply_workflow": "ocop_app.workflow_guard.apply_workflow",
	"frappe.model.workflow.bulk_workflow_approval": "ocop_app.workflow_guard.bulk_workflow_approval",
	# the app's reports export to Excel with whole-đồng amounts and dd/mm/yyyy dates (issue 16)
	"frappe.desk.query_report.export_query": "ocop_app.api.report_export.export_query",
}

# the scope is cached per request; Payment Entries keep the subsidy claims they pay true: drop it when who-may-see-what changes
doc_events = {
	# VND amounts are whole đồng on every OCOP document (ocop_app.money)
	# names and addresses are printed as written: no markup (ocop_app.name_fields)
	# a document saved at a whole second can be saved again by the code holding it (ocop_app.timestamps)
	"*": {
		"validate": ["ocop_app.money.validate_whole_dong", "ocop_app.name_fields.validate_plain_names"],
		"on_change": "ocop_app.timestamps.keep_modified_comparable",
	},
	"User": {
		"before_validate": "ocop_app.setup.roles.assign_module_profile",
		"validate": "ocop_app.setup.roles.keep_officials_out_of_system_manager",
		"on_update": "ocop_app.permissions.clear_scope_cache",
	},
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
			"on_trash": "ocop_app.workflow_guard.on_trash",
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
	# a shared record passes frappe's lists and has_permission: share OCOP records only within scope
	"DocShare": {"validate": "ocop_app.permissions.validate_share"},
	# frappe's upload_file ignores its own write check on the record: attach only within scope
	"File": {"validate": "ocop_app.permissions.validate_file_attachment"},
	"User Permission": {
		"on_update": "ocop_app.permissions.clear_scope_cache",
		"on_trash": "ocop_app.permissions.clear_scope_cache",
	},
}
# every save: the record and the records it links to are in the user's scope
for _doctype in _SCOPED:
	_events = doc_events.setdefault(_doctype, {})
	_events["validate"] = [*filter(None, [_events.get("validate")]), "ocop_app.permissions.validate_scope"]
	# a cancel sent with the unit changed (PUT docstatus 2) runs no validate
	_events["before_cancel"] = [
		*filter(None, [_events.get("before_cancel")]),
		"ocop_app.permissions.check_stored_scope",
	]

scheduler_events = {
	"daily": [
		"ocop_app.ocop_app.doctype.ocop_certificate.ocop_certificate.run_daily",
		"ocop_app.ocop_app.doctype.ocop_evaluation.ocop_evaluation.flag_overdue_evaluations",
		"ocop_app.ocop_app.doctype.ocop_inspection.ocop_inspection.flag_overdue_corrective_actions",
		"ocop_app.ocop_app.doctype.ocop_periodic_report.ocop_periodic_report.flag_overdue_reports",
	],
	# a payment batch whose worker was killed (or the server restarted) is paid on where it stopped
	"cron": {
		"* * * * *": [
			"ocop_app.ocop_app.doctype.ocop_payment_batch.ocop_payment_batch.resume_stopped_payments"
		]
	},
	# production mode (ocop_daily_backup in site config): bench backup --with-files, every day
	"daily_long": ["ocop_app.backups.daily_backup"],
}

doctype_js = {"Workflow": "public/js/workflow.js"}
app_include_js = ["/assets/ocop_app/js/ocop.js"]

jinja = {
	"methods": [
		"ocop_app.printing.qr_data_uri",
		"ocop_app.printing.certificate_check_url",
		"ocop_app.printing.format_vn_date",
		"ocop_app.printing.stars",
		"ocop_app.printing.vnd",
		"ocop_app.printing.vnd_in_words",
		"ocop_app.printing.issuing_office",
	],
}

# ------------------------------------------------------------------ books per province
# each province's office keeps its own Company (ocop_app.accounting.companies); officials see only
# their companies' books and their producers' Suppliers and Bank Accounts (ocop_app.accounting.permissions)
_BOOKS = "ocop_app.accounting.permissions."
_BOOKS_HOOKS = {
	"permission_query_conditions": {
		**{
			dt: _BOOKS + "company_query"
			for dt in ("Journal Entry", "Payment Entry", "GL Entry", "OCOP Payment Batch")
		},
		"Supplier": _BOOKS + "supplier_query",
		"Bank Account": _BOOKS + "bank_account_query",
		**{
			dt: _BOOKS + "child_company_query"
			for dt in (
				"Journal Entry Account",
				"Payment Entry Reference",
				"Payment Entry Deduction",
				"OCOP Payment Batch Item",
			)
		},
	},
	"has_permission": {
		**{
			dt: _BOOKS + "company_permission"
			for dt in ("Journal Entry", "Payment Entry", "GL Entry", "OCOP Payment Batch")
		},
		"Supplier": _BOOKS + "supplier_permission",
		"Bank Account": _BOOKS + "bank_account_permission",
	},
}
for _hook, _methods in _BOOKS_HOOKS.items():
	for _doctype, _method in _methods.items():  # added to, not replacing, any hook above
		_have = globals()[_hook].get(_doctype, [])
		globals()[_hook][_doctype] = [*([_have] if isinstance(_have, str) else _have), _method]
for _doctype, _event, _method in (
	("User", "on_update", "ocop_app.accounting.companies.on_user_update"),
	("User Permission", "on_update", "ocop_app.accounting.companies.on_user_permission_change"),
	("User Permission", "after_delete", "ocop_app.accounting.companies.on_user_permission_change"),
):
	_have = doc_events.setdefault(_doctype, {}).get(_event, [])
	doc_events[_doctype][_event] = [*([_have] if isinstance(_have, str) else _have), _method]

# ------------------------------------------------------------------ read replica
# frappe's read-only path reads the replica (site config read_from_replica); a request or job
# whose replica does not answer reads the primary instead (ocop_app.replica)
before_request = [
	"ocop_app.replica.before_request",
	"ocop_app.ocop_app.doctype.ocop_score_sheet.ocop_score_sheet.recompute_results_at_commit",
]
before_job = ["ocop_app.replica.before_job"]
