"""The annual children's services self-assessment for the regional peer challenge (issue 13).

- ``models``: the template (sections, statements: mandatory "(M)", new this year, from an outside
  framework, grouped in "Summary and evidence" boxes), each year's document (Part A context, Part B
  summary, Part C sections with their boxes and evidence), and published versions with their SHA-256.
- ``services`` (sections through ``cyp.workflow``, evidence, sign-off, publication), ``documents``
  (a first document from a template, next year's from this year's, Parts A and B, catalogue tables),
  ``actions`` (an area for improvement becomes an improvement-plan action).
- ``selectors``: ``document_outline`` (the one reading every output lays out) and the comparison.
- ``render``: DOCX (python-docx), HTML; the PDF is ``reports.render.pdf_selfassessment``.
- ``seed`` reads the ADCS layout of Part C; ``demo`` loads seed 003 (August 2017).
- ``rules``: who may do what; the director's sign-off is a permission on the person's account.
"""
