from django import template

register = template.Library()


@register.filter
def money(value) -> str:
    """1234567 → "1.234.567": Vietnamese thousands separators, whatever the locale's grouping."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return "" if value is None else str(value)
    return f"{number:,}".replace(",", ".")
