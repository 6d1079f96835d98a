"""The role × DocType matrix: who may read, write, create, delete, submit and cancel what, and in
which scope. Plain data (no frappe import): ``ocop_app.permissions`` scopes by it, the DocType
JSONs are checked against it (tests/test_security_matrix.py), docs/phan-quyen.md is generated from
it (``python -m ocop_app.security_matrix > docs/phan-quyen.md``) and the HTTP attack suite builds
its cells from it.

Shape:
- ROLES[role] = {"national": bool, "title": Vietnamese name, "modules": desk modules shown}
- DOCTYPES[doctype] = {"scope": "unit" | "link" | "child" | "catalogue", ...}
  - "unit": "unit_field" (the record's unit), optional "read_from_above": True (readable by the
    officials of the units below it, writable only in scope)
  - "link": "via_field", "via_doctype" (a payment batch: its fund's unit)
  - "child": "parents" (read, written and scoped through the parent document)
  - "catalogue": national data every official reads and only the administrator changes
  - "owner": a record of the user who started it (a background import or export): read by its
    owner, and by the national roles
  - "children": the child tables of a parent DocType
- PERMISSIONS[doctype][role] = letters of r(ead) w(rite) c(reate) d(elete) s(ubmit) x (cancel);
  a role not listed has no access. For a national role the letters apply to every unit; for the
  others only to records in their scope (and "r" of a read_from_above DocType to those above too).
- PATHS: every way a user reaches a record, each to be tested own scope vs other scope.
"""

OCOP_ROLES = (
	"OCOP Commune Officer",
	"OCOP District Officer",
	"OCOP Province Officer",
	"OCOP Council Member",
	"OCOP Approver",
	"OCOP Finance Officer",
	"OCOP Ministry Officer",
	"OCOP Administrator",
)
NATIONAL_ROLES = ("System Manager", "OCOP Administrator", "OCOP Ministry Officer")

ROLES = {
	"OCOP Commune Officer": {"national": False, "title": "Cán bộ xã", "modules": ["OCOP App"]},
	"OCOP District Officer": {"national": False, "title": "Cán bộ huyện (cũ)", "modules": ["OCOP App"]},
	"OCOP Province Officer": {"national": False, "title": "Cán bộ tỉnh", "modules": ["OCOP App"]},
	"OCOP Council Member": {"national": False, "title": "Thành viên hội đồng", "modules": ["OCOP App"]},
	"OCOP Approver": {"national": False, "title": "Lãnh đạo phê duyệt (UBND)", "modules": ["OCOP App"]},
	"OCOP Finance Officer": {
		"national": False,
		"title": "Kế toán (văn phòng điều phối)",
		"modules": ["OCOP App", "Accounts"],
	},
	"OCOP Ministry Officer": {"national": True, "title": "Cán bộ Bộ", "modules": ["OCOP App"]},
	"OCOP Administrator": {
		"national": True,
		"title": "Quản trị OCOP",
		"modules": ["OCOP App", "Core", "Workflow", "Automation", "Email"],
	},
}

DOCTYPES = {
	# ---- records of a unit
	"OCOP Producer": {
		"scope": "unit",
		"unit_field": "administrative_unit",
		"children": ["OCOP Producer Bank Account"],
	},
	"OCOP Product": {
		"scope": "unit",
		"unit_field": "administrative_unit",
		"children": ["OCOP Product Dossier Item", "OCOP Product Evidence"],
	},
	"OCOP Council": {
		"scope": "unit",
		"unit_field": "administrative_unit",
		"children": ["OCOP Council Member"],
	},
	"OCOP Evaluation": {"scope": "unit", "unit_field": "administrative_unit", "children": []},
	"OCOP Score Sheet": {
		"scope": "unit",
		"unit_field": "administrative_unit",
		"children": ["OCOP Score Row"],
	},
	"OCOP Certificate": {"scope": "unit", "unit_field": "administrative_unit", "children": []},
	"OCOP Recognition Decision": {
		"scope": "unit",
		"unit_field": "issuing_unit",
		"children": ["OCOP Recognition Item"],
	},
	"OCOP Revocation Decision": {
		"scope": "unit",
		"unit_field": "issuing_unit",
		"children": ["OCOP Revocation Item"],
	},
	"OCOP Subsidy Claim": {"scope": "unit", "unit_field": "administrative_unit", "children": []},
	# a province's fund pays its communes' claims: linkable from below (read only by the roles below)
	"OCOP Fund": {
		"scope": "unit",
		"unit_field": "administrative_unit",
		"read_from_above": True,
		"children": [],
	},
	"OCOP Annual Plan": {
		"scope": "unit",
		"unit_field": "administrative_unit",
		"read_from_above": True,
		"children": ["OCOP Plan Target", "OCOP Plan Activity"],
	},
	"OCOP Cycle": {
		"scope": "unit",
		"unit_field": "administrative_unit",
		"read_from_above": True,
		"children": ["OCOP Cycle Stage"],
	},
	"OCOP Support Policy": {
		"scope": "unit",
		"unit_field": "province",
		"read_from_above": True,
		"children": ["OCOP Support Policy Row"],
	},
	"OCOP Payment Batch": {
		"scope": "link",
		"via_field": "fund",
		"via_doctype": "OCOP Fund",
		"children": ["OCOP Payment Batch Item"],
	},
	"OCOP Inspection Plan": {
		"scope": "unit",
		"unit_field": "administrative_unit",
		"children": ["OCOP Inspection Team Member", "OCOP Inspection Plan Item"],
	},
	"OCOP Inspection": {
		"scope": "unit",
		"unit_field": "administrative_unit",
		"children": ["OCOP Inspection Check", "OCOP Inspection Finding"],
	},
	"OCOP Periodic Report": {
		"scope": "unit",
		"unit_field": "administrative_unit",
		"children": ["OCOP Periodic Report Figure", "OCOP Periodic Report Unit"],
	},
	"OCOP Stamp Batch": {"scope": "unit", "unit_field": "administrative_unit", "children": []},
	# a website user's link to a producer, in the producer's (or the proposed producer's) commune
	"OCOP Producer Account": {"scope": "unit", "unit_field": "administrative_unit", "children": []},
	# a producer's proposed change of its own record, applied or refused by the commune officer
	"OCOP Producer Change Request": {"scope": "unit", "unit_field": "administrative_unit", "children": []},
	# ---- child tables, through their parent
	"OCOP Inspection Team Member": {"scope": "child", "parents": ["OCOP Inspection Plan"]},
	"OCOP Inspection Plan Item": {"scope": "child", "parents": ["OCOP Inspection Plan"]},
	"OCOP Inspection Check": {"scope": "child", "parents": ["OCOP Inspection"]},
	"OCOP Inspection Finding": {"scope": "child", "parents": ["OCOP Inspection"]},
	"OCOP Periodic Report Figure": {"scope": "child", "parents": ["OCOP Periodic Report"]},
	"OCOP Periodic Report Unit": {"scope": "child", "parents": ["OCOP Periodic Report"]},
	"OCOP Inspection Checklist Item": {"scope": "child", "parents": ["OCOP Inspection Checklist"]},
	"OCOP Producer Bank Account": {"scope": "child", "parents": ["OCOP Producer"]},
	"OCOP Product Dossier Item": {"scope": "child", "parents": ["OCOP Product"]},
	"OCOP Product Evidence": {"scope": "child", "parents": ["OCOP Product"]},
	"OCOP Council Member": {"scope": "child", "parents": ["OCOP Council"]},
	"OCOP Score Row": {"scope": "child", "parents": ["OCOP Score Sheet"]},
	"OCOP Recognition Item": {"scope": "child", "parents": ["OCOP Recognition Decision"]},
	"OCOP Revocation Item": {"scope": "child", "parents": ["OCOP Revocation Decision"]},
	"OCOP Plan Target": {"scope": "child", "parents": ["OCOP Annual Plan"]},
	"OCOP Plan Activity": {"scope": "child", "parents": ["OCOP Annual Plan"]},
	"OCOP Cycle Stage": {"scope": "child", "parents": ["OCOP Cycle"]},
	"OCOP Support Policy Row": {"scope": "child", "parents": ["OCOP Support Policy"]},
	"OCOP Payment Batch Item": {"scope": "child", "parents": ["OCOP Payment Batch"]},
	"OCOP Criteria Part": {"scope": "child", "parents": ["OCOP Criteria Set"]},
	"OCOP Criterion": {"scope": "child", "parents": ["OCOP Criteria Set"]},
	"OCOP Criterion Option": {"scope": "child", "parents": ["OCOP Criteria Set"]},
	"OCOP Star Band": {"scope": "child", "parents": ["OCOP Rule Set"]},
	"OCOP Level Rule": {"scope": "child", "parents": ["OCOP Rule Set"]},
	# ---- national catalogues
	"OCOP Administrative Unit": {"scope": "catalogue", "children": []},
	"OCOP Product Group": {"scope": "catalogue", "children": []},
	"OCOP Rule Set": {"scope": "catalogue", "children": ["OCOP Star Band", "OCOP Level Rule"]},
	"OCOP Criteria Set": {
		"scope": "catalogue",
		"children": ["OCOP Criteria Part", "OCOP Criterion", "OCOP Criterion Option"],
	},
	"OCOP Dossier Item Type": {"scope": "catalogue", "children": []},
	"OCOP Support Type": {"scope": "catalogue", "children": []},
	"OCOP Inspection Checklist": {"scope": "catalogue", "children": ["OCOP Inspection Checklist Item"]},
	# ---- records of the user who started them
	# a long import or export run in the background: its status and counts (ocop_app.data_jobs)
	"OCOP Data Job": {"scope": "owner", "children": []},
}

_ALL_READ = {role: "r" for role in OCOP_ROLES}
_CATALOGUE = {**_ALL_READ, "OCOP Administrator": "rwcd"}

PERMISSIONS = {
	"OCOP Producer": {
		**_ALL_READ,
		"OCOP Commune Officer": "rwc",
		"OCOP District Officer": "rwc",
		"OCOP Province Officer": "rwcd",
		"OCOP Administrator": "rwcd",
	},
	"OCOP Product": {
		**_ALL_READ,
		"OCOP Commune Officer": "rwc",
		"OCOP District Officer": "rwc",
		"OCOP Province Officer": "rwcd",
		"OCOP Administrator": "rwcd",
	},
	"OCOP Council": {
		"OCOP District Officer": "rwc",
		"OCOP Province Officer": "rwcd",
		"OCOP Council Member": "r",
		"OCOP Approver": "r",
		"OCOP Ministry Officer": "r",
		"OCOP Administrator": "rwcd",
	},
	"OCOP Evaluation": {
		**_ALL_READ,
		"OCOP Commune Officer": "rwcs",
		"OCOP District Officer": "rwcsx",
		"OCOP Province Officer": "rwcsx",
		"OCOP Ministry Officer": "rwcsx",
		"OCOP Administrator": "rwcdsx",
	},
	"OCOP Score Sheet": {
		"OCOP District Officer": "r",
		"OCOP Province Officer": "r",
		"OCOP Council Member": "rwcsx",
		"OCOP Approver": "r",
		"OCOP Ministry Officer": "r",
		"OCOP Administrator": "rwcdsx",
	},
	"OCOP Certificate": dict(_ALL_READ),
	"OCOP Recognition Decision": {
		**_ALL_READ,
		"OCOP District Officer": "rwcsx",
		"OCOP Province Officer": "rwcsx",
		"OCOP Approver": "rwcsx",
		"OCOP Ministry Officer": "rwcsx",
		"OCOP Administrator": "rwcdsx",
	},
	"OCOP Revocation Decision": {
		"OCOP Commune Officer": "r",
		"OCOP District Officer": "r",
		"OCOP Province Officer": "rwcsx",
		"OCOP Approver": "rwcsx",
		"OCOP Finance Officer": "r",
		"OCOP Ministry Officer": "rwcsx",
		"OCOP Administrator": "rwcdsx",
	},
	"OCOP Subsidy Claim": {
		"OCOP Commune Officer": "rwc",
		"OCOP Province Officer": "rwc",
		"OCOP Approver": "rws",
		"OCOP Finance Officer": "rwcsx",
		"OCOP Administrator": "rwcdsx",
	},
	"OCOP Fund": {
		"OCOP Province Officer": "rwc",
		"OCOP Approver": "r",
		"OCOP Finance Officer": "rwcd",
		"OCOP Ministry Officer": "r",
		"OCOP Administrator": "rwcd",
	},
	"OCOP Annual Plan": {
		**_ALL_READ,
		"OCOP Commune Officer": "rwc",
		"OCOP District Officer": "rwc",
		"OCOP Province Officer": "rwcd",
		"OCOP Administrator": "rwcd",
	},
	"OCOP Cycle": {**_ALL_READ, "OCOP Province Officer": "rwcd", "OCOP Administrator": "rwcd"},
	"OCOP Support Policy": {**_ALL_READ, "OCOP Province Officer": "rwcd", "OCOP Administrator": "rwcd"},
	"OCOP Payment Batch": {
		"OCOP Approver": "r",
		"OCOP Finance Officer": "rwcsx",
		"OCOP Administrator": "rwcsx",
	},
	"OCOP Inspection Plan": {
		"OCOP Commune Officer": "r",
		"OCOP District Officer": "rwcd",
		"OCOP Province Officer": "rwcd",
		"OCOP Approver": "r",
		"OCOP Ministry Officer": "rwc",
		"OCOP Administrator": "rwcd",
	},
	"OCOP Inspection": {
		"OCOP Commune Officer": "rwc",
		"OCOP District Officer": "rwcdsx",
		"OCOP Province Officer": "rwcdsx",
		"OCOP Approver": "r",
		"OCOP Ministry Officer": "r",
		"OCOP Administrator": "rwcdsx",
	},
	"OCOP Periodic Report": {
		"OCOP Commune Officer": "rwcd",
		"OCOP District Officer": "rwcd",
		"OCOP Province Officer": "rwcdsx",
		"OCOP Approver": "r",
		"OCOP Ministry Officer": "rwcdsx",
		"OCOP Administrator": "rwcdsx",
	},
	"OCOP Stamp Batch": {
		"OCOP Commune Officer": "rwc",
		"OCOP District Officer": "rwc",
		"OCOP Province Officer": "rwcd",
		"OCOP Ministry Officer": "r",
		"OCOP Administrator": "rwcd",
	},
	"OCOP Producer Account": {
		"OCOP Commune Officer": "rw",
		"OCOP District Officer": "r",
		"OCOP Province Officer": "rw",
		"OCOP Ministry Officer": "r",
		"OCOP Administrator": "rwd",
	},
	"OCOP Producer Change Request": {
		"OCOP Commune Officer": "rw",
		"OCOP District Officer": "r",
		"OCOP Province Officer": "rw",
		"OCOP Ministry Officer": "r",
		"OCOP Administrator": "rwd",
	},
	"OCOP Inspection Checklist": {
		**{role: "r" for role in OCOP_ROLES if role not in ("OCOP Council Member", "OCOP Finance Officer")},
		"OCOP Administrator": "rwcd",
	},
	"OCOP Administrative Unit": dict(_CATALOGUE),
	"OCOP Product Group": dict(_CATALOGUE),
	"OCOP Rule Set": dict(_CATALOGUE),
	"OCOP Criteria Set": dict(_CATALOGUE),
	"OCOP Dossier Item Type": dict(_CATALOGUE),
	"OCOP Support Type": dict(_CATALOGUE),
	"OCOP Data Job": dict(_ALL_READ),  # written only by the job itself
}
# a child table is read and written with its parent's permission, through the parent document
for _child, _spec in DOCTYPES.items():
	if _spec["scope"] == "child":
		PERMISSIONS[_child] = dict(PERMISSIONS[_spec["parents"][0]])

# ---- the producer portal: website users (no desk) of one confirmed producer (ocop_app.portal.access)
PRODUCER_ROLE = "OCOP Producer User"
PRODUCER_ROLE_TITLE = "Người dùng của chủ thể (cổng thông tin)"
# what a producer user reads, and the field naming the producer on it ("name": the producer itself);
# their own producer's records only, nothing else: never a score sheet, a council, a fund
PRODUCER_FIELDS = {
	"OCOP Producer": "name",
	"OCOP Product": "producer",
	"OCOP Evaluation": "producer",
	"OCOP Certificate": "producer",
	"OCOP Subsidy Claim": "producer",
	"OCOP Producer Account": "producer",
	"OCOP Producer Change Request": "producer",
}
# their letters (a producer user writes only through the portal's whitelisted methods)
PRODUCER_PERMISSIONS = {doctype: "r" for doctype in PRODUCER_FIELDS}
for _child, _spec in DOCTYPES.items():
	if _spec["scope"] == "child" and _spec["parents"][0] in PRODUCER_FIELDS:
		PRODUCER_PERMISSIONS[_child] = PRODUCER_PERMISSIONS[_spec["parents"][0]]


def producer_allowed(doctype: str, letter: str) -> bool:
	"""Whether a producer user holds ``letter`` on ``doctype`` (their own producer's records only)."""
	return letter in PRODUCER_PERMISSIONS.get(doctype, "")


# every path a user reaches a record by; (path, what it needs)
PATHS = {
	"list": "r",  # desk list, /api/resource/<DocType>, frappe.client.get_list, reportview
	"get": "r",  # form, /api/resource/<DocType>/<name>, frappe.client.get
	"get_value": "r",  # frappe.client.get_value
	"get_count": "r",  # frappe.client.get_count
	"child_list": "r",  # frappe.client.get_list(<child>, parent=<DocType>)
	"search_link": "r",  # frappe.desk.search.search_link, with and without ignore_user_permissions
	"report": "r",  # query and script reports, reportview export
	"print": "r",  # /printview, download_pdf
	"file": "r",  # /private/files attached to the record
	"set_value": "w",  # frappe.client.set_value
	"save": "w",  # PUT /api/resource, frappe.client.save
	"create": "c",  # POST /api/resource, frappe.client.insert, importers
	"delete": "d",  # DELETE /api/resource, frappe.client.delete
	"submit": "s",  # frappe.client.submit, workflow action
	"cancel": "x",  # frappe.client.cancel, workflow action
}
PERMISSION_LETTERS = {"r": "Xem", "w": "Sửa", "c": "Tạo", "d": "Xóa", "s": "Trình/duyệt (submit)", "x": "Hủy"}
SCOPE_TITLES = {
	"unit": "theo đơn vị của hồ sơ",
	"link": "theo đơn vị của nguồn kinh phí",
	"child": "theo hồ sơ cha",
	"catalogue": "danh mục toàn quốc",
	"owner": "của người chạy tác vụ (vai trò toàn quốc: mọi tác vụ)",
}


def allowed(role: str, doctype: str, letter: str) -> bool:
	"""Whether ``role`` holds ``letter`` on ``doctype`` (in its scope, or everywhere if national)."""
	return letter in PERMISSIONS.get(doctype, {}).get(role, "")


# paths that reach a child row on its own; its other paths go through the parent document
CHILD_PATHS = ("list", "get", "get_value", "get_count", "child_list", "set_value")


def cells():
	"""Every (role, DocType, path, allowed in own scope) the attack suite tests; in another scope the
	answer is always refused or absent (for a national role there is no other scope)."""
	for role in OCOP_ROLES:
		for doctype, spec in DOCTYPES.items():
			paths = CHILD_PATHS if spec["scope"] == "child" else [p for p in PATHS if p != "child_list"]
			for path in paths:
				yield role, doctype, path, allowed(role, doctype, PATHS[path])


def render_markdown() -> str:
	"""docs/phan-quyen.md, generated from the data above."""
	lines = [
		"# Phân quyền: vai trò × loại hồ sơ",
		"",
		"<!-- Tệp này được sinh từ ocop_app/security_matrix.py: "
		"python -m ocop_app.security_matrix > docs/phan-quyen.md -->",
		"",
		"Mỗi cán bộ được gán **một vai trò OCOP** và **đơn vị hành chính** của mình (User Permission trên "
		"cây đơn vị). Phạm vi gồm đơn vị đó, mọi đơn vị cấp dưới và các đơn vị cũ (trước 01/07/2025) đã "
		"sáp nhập vào. Vai trò toàn quốc (Quản trị OCOP, Cán bộ Bộ) thấy mọi đơn vị; cán bộ chưa được gán "
		"đơn vị không thấy hồ sơ nào. Không cán bộ nào giữ vai trò System Manager: trang web có một "
		"tài khoản quản trị hệ thống riêng (quantri.hethong@ocop.vn), tạo trước mọi người dùng khác.",
		"",
		"Mọi đường truy cập đều hỏi cùng một mô-đun (`ocop_app/permissions.py`): danh sách và biểu mẫu, "
		"`/api/resource`, `frappe.client.*` (kể cả bảng con đọc với `parent=`), tìm kiếm liên kết (kể cả "
		"`ignore_user_permissions=1`), báo cáo, xuất tệp, bản in, tệp đính kèm trong /private/files, "
		"nhập tệp (từng dòng), các hàm whitelisted và việc chạy nền thay cho người dùng. Hồ sơ liên kết "
		"cũng phải trong phạm vi: nguồn kinh phí của đề nghị hỗ trợ, đánh giá trong quyết định công nhận "
		"(mỗi đánh giá chỉ được công nhận một lần), giấy chứng nhận trong quyết định thu hồi, chủ thể và "
		"sản phẩm trước đây của sản phẩm. Hồ sơ chỉ được chia sẻ với người dùng có hồ sơ đó trong phạm vi "
		"(không chia sẻ cho mọi người).",
		"",
		"## Vai trò",
		"",
		"| Vai trò | Tên | Phạm vi | Mô-đun trên desk |",
		"|---|---|---|---|",
	]
	for role in OCOP_ROLES:
		spec = ROLES[role]
		scope = "toàn quốc" if spec["national"] else "đơn vị được gán và cấp dưới"
		lines.append(f"| {role} | {spec['title']} | {scope} | {', '.join(spec['modules'])} |")
	legend = ", ".join(f"{k} = {v}" for k, v in PERMISSION_LETTERS.items())
	lines += [
		"",
		"## Ma trận quyền",
		"",
		f"Ký hiệu: {legend}; «–» = không có quyền. Vai trò toàn quốc: quyền áp dụng cho mọi đơn vị; "
		"vai trò khác: chỉ với hồ sơ trong phạm vi. «↑» = được xem thêm hồ sơ của đơn vị cấp trên "
		"(kế hoạch, chu kỳ, chính sách hỗ trợ, nguồn kinh phí, hội đồng của tỉnh áp dụng cho xã), nhưng "
		"chỉ sửa trong phạm vi.",
		"",
		"| Loại hồ sơ | Phạm vi | " + " | ".join(ROLES[r]["title"] for r in OCOP_ROLES) + " |",
		"|---|---|" + "---|" * len(OCOP_ROLES),
	]
	for doctype, spec in DOCTYPES.items():
		scope = SCOPE_TITLES[spec["scope"]]
		if spec["scope"] == "child":
			scope += f" ({', '.join(spec['parents'])})"
		elif spec["scope"] == "link":
			scope += f" ({spec['via_field']})"
		elif spec["scope"] == "unit":
			scope += f" (`{spec['unit_field']}`)"
		cells = []
		for role in OCOP_ROLES:
			letters = PERMISSIONS[doctype].get(role, "") or "–"
			if spec.get("read_from_above") and "r" in letters and not ROLES[role]["national"]:
				letters += " ↑"
			cells.append(letters)
		lines.append(f"| {doctype} | {scope} | " + " | ".join(cells) + " |")
	lines += [
		"",
		"## Người dùng của chủ thể (cổng thông tin)",
		"",
		f"Vai trò `{PRODUCER_ROLE}` ({PRODUCER_ROLE_TITLE}): người dùng trang web (không vào desk), gắn "
		"với **một chủ thể OCOP** qua tài khoản chủ thể (`OCOP Producer Account`) đã được cán bộ xã của "
		"chủ thể xác nhận. Chưa xác nhận, bị từ chối hoặc bị khóa: không thấy hồ sơ nào. Chỉ xem hồ sơ "
		"của chủ thể mình, qua mọi đường truy cập; không bao giờ xem phiếu chấm của thành viên hội đồng, "
		"không thao tác bước nào của quy trình; mọi thay đổi đi qua các trang của cổng (đề nghị thay "
		"đổi do cán bộ xã áp dụng).",
		"",
		"| Loại hồ sơ | Trường chỉ chủ thể | Quyền |",
		"|---|---|---|",
	]
	for doctype, letters in PRODUCER_PERMISSIONS.items():
		parents = DOCTYPES[doctype].get("parents")
		field = f"qua hồ sơ cha ({parents[0]})" if parents else f"`{PRODUCER_FIELDS[doctype]}`"
		lines.append(f"| {doctype} | {field} | {letters} |")
	lines += [
		"",
		"## Đường truy cập được kiểm thử",
		"",
		"Với mỗi vai trò × loại hồ sơ × đường truy cập: một hồ sơ trong phạm vi (được phép nếu vai trò có "
		"quyền) và một hồ sơ ngoài phạm vi (bị từ chối hoặc không xuất hiện).",
		"",
		"| Đường truy cập | Quyền cần |",
		"|---|---|",
	]
	lines += [f"| {path} | {PERMISSION_LETTERS[letter]} |" for path, letter in PATHS.items()]
	return "\n".join(lines) + "\n"


if __name__ == "__main__":
	print(render_markdown(), end="")
