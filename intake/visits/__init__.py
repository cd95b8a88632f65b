"""Visits: appointments, their invitation links, and the day's board."""
