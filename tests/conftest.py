import sys
from pathlib import Path

# the pure tier imports ocop_app.rules straight from the checkout, with no bench and no frappe
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
