"""Pages for quarterly returns, split by topic: returns (view, edit, live preview, autosave), decisions
(submit, send back, approve, reopen, share), the governance board and "my returns", notifications."""
