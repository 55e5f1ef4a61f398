"""Denunciations (tố cáo; Law on Denunciations 2018, Decree 31/2019): filing with the identity kept
secret, classification, extensions, conclusion — services, forms, pages, documents on the core's tables."""
