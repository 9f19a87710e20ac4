"""Hours from time trackers: parse an export, map its entries to clients, keep monthly sums.

One module per tracker format (watson, timewarrior, toggl, clockify, harvest, timeclock), all
returning the same ``entries.Parsed``; ``detect`` tells them apart by content, ``mapping`` decides
which client an entry belongs to and whether it is billable, ``importer`` has the record add the
per-month sums (and the keys that make an import idempotent) to the client's file
(record/hours_changes.py), ``report`` turns them into rates. The file's tables are read by the
record layer (record/hours.py). Standard library
only; no typer, no rich; no other feature is imported: assess gets the figures from the CLI.
"""
