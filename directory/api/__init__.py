"""Machine-readable endpoints: health now, the JSON API later."""
