"""Exports that need no window: PDF handouts (ReportLab), CSV and JSON. No Qt."""
