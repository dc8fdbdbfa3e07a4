"""Organization editors: log in, see every listing of their organization, edit them, and
invite co-editors (/organization/…)."""
