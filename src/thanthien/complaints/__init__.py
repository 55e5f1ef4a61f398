"""Complaints (khiếu nại; Law on Complaints 2011, Decree 124/2020): filing, acceptance, verification,
dialogue, decision, second complaint — services, forms, pages, documents on the petition core's tables."""
