"""The page's parts: its HTML (the chrome, the unit panel, the article view), the source and review forms, and
the downloads."""
