from ocop_app.setup.workflows import install_workflows


def execute():
	"""Sites installed before the workflows shipped get them (only those missing)."""
	install_workflows()
