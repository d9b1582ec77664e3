"""Writes for meetings and packs, one module each: ``meetings`` (meetings, agenda, papers), ``assembly``
(building a pack), ``publishing`` (versions and downloads), ``files`` (where the files are kept).
Reads (deadlines, readiness) live in reports.selectors."""
