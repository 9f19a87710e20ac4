"""Invoices from the tools freelancers keep them in: one parser per export (Invoice Ninja,
FreshBooks, Stripe, Harvest, Fakturoid, hledger and Beancount journals) giving rows.Imported,
detect (format from content), importer (which client each invoice and payment goes to), merge
(what each changes in a client's invoices, as a typed change of record/invoice_changes.py;
never a hand edit without saying so). app/invoicing.py applies the changes to every client
file in one transaction."""
