"""Pages of the plans app, split by topic: plans and the report, actions and progress, import and export, SLI."""
