"""The use cases: what a command does, joining the record and the features, as plain functions
the CLI calls (and tests call without a terminal). Each opens the client files it needs, calls
the features and the record's change functions (record/*_changes.py, record/lifecycle.py), and
returns typed values for the CLI to print. Nothing here parses flags or prints."""
