"""Pure functions with ``as_of`` passed in: statuses, rates, submissions, indicators, indices,
and the consolidation view-model every document is rendered from."""
