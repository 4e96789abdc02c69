#!/usr/bin/env python3
"""check_client_xlsx.py XLSX FORBIDDEN... - reads a client's XLSX report as the client's
spreadsheet does (openpyxl) and prints one line per cell, sheet name or document property
that contains any of the FORBIDDEN strings (case-insensitive), then the sheet names.
Exit 0 whatever it finds: the calling test compares the output."""
import sys

import openpyxl


def main():
    path, forbidden = sys.argv[1], [f.lower() for f in sys.argv[2:]]
    wb = openpyxl.load_workbook(path)
    found = []
    texts = [("properties", "title", wb.properties.title or ""),
             ("properties", "subject", wb.properties.subject or "")]
    for ws in wb.worksheets:
        texts.append((ws.title, "name", ws.title))
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    texts.append((ws.title, cell.coordinate, str(cell.value)))
    for where, at, text in texts:
        low = text.lower()
        for f in forbidden:
            if f in low:
                found.append("%s!%s holds %r: %r" % (where, at, f, text[:80]))
    for line in found:
        print(line)
    print("sheets:", ", ".join(wb.sheetnames))


main()
