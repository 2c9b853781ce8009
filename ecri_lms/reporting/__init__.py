"""Dashboards and reports for coordinators: figures per partner from SQL aggregates, the rows behind
each figure, charts, exports, the trainee record and the audit log."""
