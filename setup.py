# Kept for tools that still call setup.py; the package metadata lives in pyproject.toml.
from setuptools import find_packages, setup

setup(
	name="ocop_app",
	packages=find_packages(exclude=["tests"]),
	include_package_data=True,
	zip_safe=False,
)
