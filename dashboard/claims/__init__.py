"""Claims: the closed vocabularies, the seed's curated claims, statements (curated, suggested, reviewed), reviews,
and the view of each source and of a page."""
