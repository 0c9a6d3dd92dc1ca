"""Board papers: a plan's progress written up for a committee, as HTML, PDF and Word."""
