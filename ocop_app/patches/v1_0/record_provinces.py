"""Producers, products and certificates carry the province of their unit; lists of officials whose
scope is whole provinces filter on it. Set it right on every record made before (a unit moved to
another province earlier left its records' province behind)."""

from ocop_app.units import refresh_record_provinces


def execute():
	refresh_record_provinces()
