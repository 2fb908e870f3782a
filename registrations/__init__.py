"""Delegations, entries, people and rosters, approval, waiting list, Excel, photo works."""
