"""Reports over the whole book of clients: the portfolio view (``clients``) and churn figures.

Pure functions over client summaries; nothing here imports typer or rich. The entries a report
reads (invoices, incidents, deliverables, the lifecycle) are the record layer's (record/).
"""
