"""Draw the web app's icons once: `python scripts/make_icons.py`; the PNGs are committed.

A white speech bubble (feedback to the commune) on the site's brand red (``--brand`` in site.css),
kept inside the central 80 % so that platforms which mask icons to a circle do not cut it.
"""

from pathlib import Path

from PIL import Image, ImageDraw

BRAND = "#b3261e"
WHITE = "#ffffff"
SIZES = (192, 512)
OUT = Path(__file__).resolve().parent.parent / "src/thanthien/core/static/thanthien/icons"


def draw(size: int) -> Image.Image:
    scale = 4  # draw large and shrink, for smooth edges
    s = size * scale
    image = Image.new("RGB", (s, s), BRAND)
    pen = ImageDraw.Draw(image)
    left, top, right, bottom = 0.24 * s, 0.27 * s, 0.76 * s, 0.63 * s
    pen.rounded_rectangle((left, top, right, bottom), radius=0.09 * s, fill=WHITE)
    pen.polygon([(0.34 * s, bottom - 1), (0.46 * s, bottom - 1), (0.32 * s, 0.75 * s)], fill=WHITE)
    dot = 0.045 * s
    for x in (0.37, 0.50, 0.63):
        cx, cy = x * s, (top + bottom) / 2
        pen.ellipse((cx - dot, cy - dot, cx + dot, cy + dot), fill=BRAND)
    return image.resize((size, size), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        draw(size).save(OUT / f"icon-{size}.png", optimize=True)
