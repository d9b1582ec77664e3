"""Pages of the reports app, by topic: meetings, agenda items and papers, packs."""
