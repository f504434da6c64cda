"""The management dashboard: sections of KPI tiles and tables, their export and API."""
