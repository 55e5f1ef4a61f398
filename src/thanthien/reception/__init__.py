"""Citizen reception (tiếp công dân; Luật Tiếp công dân 2013, Circular 04/2021/TT-TTCP): the public
schedule and bookings, the reception log (Form 03) and its print and exports; no tables of its own.

Its models, ``ReceptionRule``, ``ReceptionSession``, ``ReceptionBooking`` and ``ReceptionVisit``,
stay registered in ``petitions.models``, the petition core's tables: moving a model to another app
means migrations that rename its table and rewrite its content type and the admin's history, while
the append-only audit trail (``object_type = "petitions.receptionvisit"``) and the migrations of
other apps (``meetings``' link to a session) keep the old label. Nothing a user sees would change.

Dependencies point one way: ``core`` ← ``petitions`` ← ``reception``. The petition core never
imports this package; a visit accepted for handling is filed through the petition services.
"""
