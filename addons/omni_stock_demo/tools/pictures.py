"""Pictures of the demo retailer, drawn at load time (no image files to ship).

Flat drawings of each garment of the collection in the variant's colour, and the
company's wordmark: enough for the shop, the POS and the back office to look like a
retailer's, never like "YourLogo".
"""

import base64
import io

from PIL import Image, ImageDraw, ImageFont

COLOURS = {
    "Black": (38, 38, 42), "White": (236, 233, 226), "Navy": (36, 52, 94),
    "Grey": (140, 142, 148), "Indigo": (52, 70, 128), "Camel": (193, 146, 92),
}
BACKGROUND = (247, 244, 238)
OUTLINE = (70, 62, 54)

# garment outlines on a 100 x 100 grid (scaled to the picture)
SHAPES = {
    "TEE": [(30, 20), (42, 16), (50, 22), (58, 16), (70, 20), (86, 34), (76, 44), (70, 38),
            (70, 84), (30, 84), (30, 38), (24, 44), (14, 34)],
    "HOOD": [(30, 24), (38, 12), (50, 8), (62, 12), (70, 24), (88, 56), (78, 62), (70, 44),
             (70, 88), (30, 88), (30, 44), (22, 62), (12, 56)],
    "JEAN": [(32, 12), (68, 12), (72, 90), (56, 90), (50, 36), (44, 90), (28, 90)],
    "COAT": [(32, 14), (44, 10), (50, 22), (56, 10), (68, 14), (84, 40), (76, 94), (70, 94),
             (68, 42), (68, 94), (32, 94), (32, 42), (30, 94), (24, 94), (16, 40)],
    "SNK": [(10, 62), (16, 44), (40, 42), (56, 30), (70, 34), (74, 50), (90, 56), (92, 70),
            (10, 70)],
}


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return base64.b64encode(buffer.getvalue())


def garment(prefix, colour, size=512):
    """The garment of SKU prefix ``prefix`` in ``colour`` (a name of COLOURS), as a
    base64 PNG ready for an image field."""
    image = Image.new("RGB", (size, size), BACKGROUND)
    draw = ImageDraw.Draw(image)
    scale = size / 100
    points = [(x * scale, y * scale) for x, y in SHAPES[prefix]]
    draw.polygon(points, fill=COLOURS[colour], outline=OUTLINE, width=max(2, size // 128))
    if prefix == "SNK":  # the sole
        draw.rectangle([10 * scale, 70 * scale, 92 * scale, 76 * scale], fill=OUTLINE)
    return _png(image)


def wordmark(name, size=(600, 180)):
    """The company's logo: a sun and its name on a dark ground, as a base64 PNG."""
    width, height = size
    image = Image.new("RGB", size, (33, 30, 28))
    draw = ImageDraw.Draw(image)
    radius = height // 4
    centre = (height // 2, height // 2)
    draw.ellipse([centre[0] - radius, centre[1] - radius, centre[0] + radius,
                  centre[1] + radius], fill=(232, 176, 74))
    try:
        font = ImageFont.truetype("DejaVuSerif.ttf", height // 4)
    except OSError:  # no TrueType font on the machine: Pillow's own
        font = ImageFont.load_default()
    draw.text((height, height // 2), name, fill=(247, 244, 238), font=font, anchor="lm")
    return _png(image)
