"""Events, divisions, venues and contests; the sports registry; results and standings."""
