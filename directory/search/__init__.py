"""Search: the one query model (params), rows -> matching profiles (profiles), the shared
index cache (index_cache) and the search service that ties them to the matching library."""
