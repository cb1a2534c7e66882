#!/usr/bin/env python3
"""Draws icons/gloss.png (256x256): a page with text lines, one passage highlighted.

Standard library only (zlib + struct PNG writer), anti-aliased by 4x4 supersampling.
Run from the repository root: python3 icons/make_icon.py
"""
import struct
import zlib

SIZE = 256
SAMPLES = 4


def rounded_rect(x, y, x0, y0, x1, y1, r):
    """Is (x, y) inside the rectangle [x0, x1] x [y0, y1] with corner radius r?"""
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def mix(a, b, t):
    return tuple(a[i] + (b[i] - a[i]) * t for i in range(len(a)))


BACKGROUND_TOP = (46, 74, 110)
BACKGROUND_BOTTOM = (30, 48, 78)
PAGE = (250, 247, 240)
LINE = (170, 176, 186)
HIGHLIGHT = (244, 190, 72)
HIGHLIGHT_LINE = (120, 84, 20)
MARGIN_MARK = (214, 69, 69)

# Text lines on the page: (y, x_start, x_end); the third and fourth are highlighted.
LINES = [(78, 82, 176), (100, 82, 174), (122, 82, 178), (144, 82, 150), (166, 82, 170), (188, 82, 140)]
HIGHLIGHTED = {2, 3}


def colour_at(x, y):
    """Colour (r, g, b, a) of the icon at a sample point."""
    if not rounded_rect(x, y, 8, 8, 248, 248, 52):
        return (0, 0, 0, 0)
    base = mix(BACKGROUND_TOP, BACKGROUND_BOTTOM, y / SIZE)
    colour = base
    # Soft shadow of the page.
    if rounded_rect(x, y, 62, 50, 202, 222, 14):
        colour = mix(base, (0, 0, 0), 0.25)
    if rounded_rect(x, y, 58, 44, 198, 216, 14):
        colour = PAGE
        for index, (line_y, x0, x1) in enumerate(LINES):
            if index in HIGHLIGHTED and rounded_rect(x, y, x0 - 6, line_y - 10, x1 + 6, line_y + 10, 5):
                colour = HIGHLIGHT
            if rounded_rect(x, y, x0, line_y - 3, x1, line_y + 3, 3):
                colour = HIGHLIGHT_LINE if index in HIGHLIGHTED else LINE
        # A margin mark beside the highlighted passage.
        if rounded_rect(x, y, 66, 112, 71, 154, 2.5):
            colour = MARGIN_MARK
    return (*colour, 255)


def render():
    rows = []
    for py in range(SIZE):
        row = bytearray([0])  # filter type: none
        for px in range(SIZE):
            total = [0.0, 0.0, 0.0, 0.0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    r, g, b, a = colour_at(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)
                    total[0] += r * a
                    total[1] += g * a
                    total[2] += b * a
                    total[3] += a
            alpha = total[3] / (SAMPLES * SAMPLES)
            if total[3] > 0:
                rgb = [round(total[i] / total[3]) for i in range(3)]
            else:
                rgb = [0, 0, 0]
            row.extend([*rgb, round(alpha)])
        rows.append(bytes(row))
    return b"".join(rows)


def png(width, height, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    with open("icons/gloss.png", "wb") as out:
        out.write(png(SIZE, SIZE, render()))
