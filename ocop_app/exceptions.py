"""Errors shared by several OCOP DocTypes. DocType-specific errors live in their controllers."""

import frappe


class UnitLevelError(frappe.ValidationError):
	"""A record was placed on a unit of the wrong level (e.g. a province instead of a commune)."""


class LegacyUnitError(frappe.ValidationError):
	"""A new record was placed on a unit abolished by the 1/7/2025 reorganisation."""


class OutOfScopeError(frappe.PermissionError):
	"""A record, or a record it links to, belongs to a unit outside the user's scope."""


class OutsideIssuingUnitError(frappe.ValidationError):
	"""A decision names a record (evaluation, certificate) of a unit outside the issuing unit."""


class EvaluationAlreadyRecognisedError(frappe.ValidationError):
	"""An evaluation is already in another recognition decision (one recognition per evaluation)."""


class FractionalDongError(frappe.ValidationError):
	"""An amount of money with a fraction of a đồng: VND amounts are whole numbers."""


class NotConfirmedProducerError(frappe.PermissionError):
	"""A portal request from a user who is not the confirmed user of an OCOP producer."""


class MarkupInNameError(frappe.ValidationError):
	"""A name or address typed with < or > (it would print as markup)."""
