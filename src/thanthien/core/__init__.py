"""What every room shares: administrative units, bodies, people and roles, permissions, the working-day
calendar, the audit trail, notifications, the figures registry, official documents and view helpers."""
