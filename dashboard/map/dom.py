"""Names the page's HTML and the map's scripts share: one owner, so that a script and the markup it looks for agree."""

from __future__ import annotations

SELECTED_ATTRIBUTE = "data-claims-selected"
"""The region panel's attribute naming the selected unit: the map outlines that unit (``mapview.SelectionOutline``)."""
ARTICLE_CLASS = "cm-article"
"""The class of the article's text (in its scroll box)."""
HIGHLIGHT_CLASS = "cm-hl"
"""The class of a highlighted sentence in the article (those naming the selected unit)."""
MENTION_CLASS = "cm-mention"
"""The class of a mention's link in the article (chosen in place by ``mention_links.MentionLinks``)."""
