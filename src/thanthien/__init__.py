"""Thân Thiện: Chính quyền thân thiện, vì Nhân dân phục vụ."""

__version__ = "0.1.0"
