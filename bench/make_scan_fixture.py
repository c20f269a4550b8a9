"""Make the corpus' scanned fixture: a text of the corpus printed on A4 pages and "scanned" as an image-only PDF.

Each line of the text is set in DejaVu Serif 14 pt (fonts-dejavu-core) at 300 dpi on an A4 page, 1.5 line
spacing, 2.5 cm margins, a line too long for the page wrapped at a space. Each page is then made to look scanned:
turned by a small angle (0.6° and -0.4°, alternately), given grey Gaussian noise (sigma 18, blended at 6 %) and 150
dark specks (placed from a fixed seed; the noise itself is not seeded), resampled to 200 dpi, and stored as a
greyscale JPEG (quality 70) in a PDF without any text layer.

Needs Pillow, which the app does not use: run it with a Python that has it, e.g.
    python3 -m venv /tmp/scan && /tmp/scan/bin/pip install pillow
    /tmp/scan/bin/python bench/make_scan_fixture.py tests/fixtures/directives/01-langson-kh07-2020.txt \
        tests/fixtures/directives/01-langson-kh07-2020-scan.pdf
"""

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

DPI, OUT_DPI = 300, 200
A4 = (round(8.27 * DPI), round(11.69 * DPI))
MARGIN = round(2.5 / 2.54 * DPI)
FONT = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", round(14 * DPI / 72))
LINE = round(14 * DPI / 72 * 1.5)
ANGLES = (0.6, -0.4)


def _wrap(line: str, width: int) -> list[str]:
    words, out, current = line.split(" "), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and FONT.getlength(candidate) > width:
            out.append(current)
            current = word
        else:
            current = candidate
    return [*out, current]


def _pages(text: str) -> list[list[str]]:
    lines = [part for line in text.splitlines() for part in _wrap(line, A4[0] - 2 * MARGIN)]
    per_page = (A4[1] - 2 * MARGIN) // LINE
    return [lines[i : i + per_page] for i in range(0, len(lines), per_page)]


def _scanned(lines: list[str], angle: float, rng: random.Random) -> Image.Image:
    page = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(page)
    for number, line in enumerate(lines):
        draw.text((MARGIN, MARGIN + number * LINE), line, font=FONT, fill=20)
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    noise = Image.effect_noise(A4, 18)
    page = Image.blend(page, noise, 0.06).filter(ImageFilter.GaussianBlur(0.4))
    draw = ImageDraw.Draw(page)
    for _ in range(150):
        x, y, r = rng.randrange(A4[0]), rng.randrange(A4[1]), rng.choice((1, 1, 2, 3))
        draw.ellipse((x, y, x + r, y + r), fill=rng.randrange(40, 140))
    return page.resize((round(A4[0] * OUT_DPI / DPI), round(A4[1] * OUT_DPI / DPI)), Image.Resampling.LANCZOS)


def main(source: str, target: str) -> None:
    rng = random.Random(13)
    pages = [_scanned(lines, ANGLES[i % 2], rng) for i, lines in enumerate(_pages(Path(source).read_text("utf-8")))]
    pages[0].save(target, "PDF", save_all=True, append_images=pages[1:], resolution=OUT_DPI, quality=70)
    print(f"{target}: {len(pages)} pages, {Path(target).stat().st_size} bytes")


if __name__ == "__main__":
    main(*sys.argv[1:3])
