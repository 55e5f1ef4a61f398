from django import template

register = template.Library()


@register.filter
def amount(value) -> str:
    """12500000 → "12.500.000" (Vietnamese groups thousands with dots)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return f"{value:,.0f}".replace(",", ".")
