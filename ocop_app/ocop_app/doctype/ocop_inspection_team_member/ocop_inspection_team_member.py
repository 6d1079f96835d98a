# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt

from ocop_app.permissions import ScopedChildRow


class OCOPInspectionTeamMember(ScopedChildRow):
	pass
