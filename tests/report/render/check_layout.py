#!/usr/bin/env python3
"""check_layout.py XLSX - what printing or reading the workbook would show badly, one line
each: a text cell wider than its column that neither wraps nor has an empty cell to its
right to run into (LibreOffice and Excel cut it there), text in a font larger than its row
is tall (it runs into the row above), and a sheet not set up to print
A4 landscape, one page wide, with its header row repeated (table sheets). Ends with
"checked N cells"."""
import sys

import openpyxl
from openpyxl.utils import get_column_letter

DEFAULT_WIDTH = 8.43


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    problems, n = [], 0
    for ws in wb.worksheets:
        ps = ws.page_setup
        if ps.orientation != "landscape" or str(ps.paperSize) != "9" or ps.fitToWidth not in (1, "1", None) \
                or not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage:
            problems.append("%s: not A4 landscape fitted to the page width" % ws.title)
        if (ws.auto_filter.ref or "").startswith("A1:") and not ws.print_title_rows:
            problems.append("%s: the header row is not repeated on each page" % ws.title)
        for row in ws.iter_rows():
            for c in row:
                if not isinstance(c.value, str) or "\n" in c.value:
                    continue
                n += 1
                size = c.font.sz or 11
                height = ws.row_dimensions[c.row].height or 15
                if size * 1.2 > height:
                    problems.append("%s!%s: %g pt text in a %g pt row" % (ws.title, c.coordinate, size, height))
                letter = get_column_letter(c.column)
                width = ws.column_dimensions[letter].width if letter in ws.column_dimensions else DEFAULT_WIDTH
                if len(c.value) <= (width or DEFAULT_WIDTH) * 1.1 or c.alignment.wrap_text:
                    continue
                right = ws.cell(row=c.row, column=c.column + 1).value
                merged = any(c.coordinate in r for r in ws.merged_cells.ranges)
                if right is not None and not merged:
                    problems.append("%s!%s cut by the next cell: %r" % (ws.title, c.coordinate, c.value[:60]))
    for p in problems:
        print(p)
    print("checked %d cells" % n)


main()
