"""Feedback and recommendations (phản ánh, kiến nghị): the citizen's form, entry by an official, the
published answers and monthly figures — pages on the petition core, which owns their workflow and tables."""
