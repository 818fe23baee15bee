"""The page's parts: panels (HTML), the source and review forms, and the downloads."""
