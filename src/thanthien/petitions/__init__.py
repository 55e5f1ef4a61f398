"""The petition core shared by feedback, complaints, denunciations and reception: the tables, the workflow
and its legal time limits, tracking by code, the staff inbox and case page, the confidential store."""
