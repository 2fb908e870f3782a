"""Users, roles, login sessions, API tokens and permissions."""
