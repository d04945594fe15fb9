"""The benchmark itself: vendor facts, prospect contexts, task and item generators, scorer, pairs, seal."""
