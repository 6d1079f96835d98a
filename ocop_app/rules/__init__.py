"""Pure OCOP domain rules: plain functions over plain values.

Nothing in this package imports frappe, so the rules run (and are tested) in milliseconds
without a site. Controllers load data, call these functions and turn their answers into
Vietnamese errors.
"""
