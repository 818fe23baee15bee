"""Names the page's HTML and the map's scripts share: one owner, so that a script and the markup it looks for agree."""

from __future__ import annotations

SELECTED_ATTRIBUTE = "data-claims-selected"
"""The region panel's attribute naming the selected unit: the map outlines that unit (``mapview.SelectionOutline``)."""
ARTICLE_CLASS = "cm-article"
"""The class of the article's text (in its scroll box)."""
SENTENCE_CLASS = "cm-s"
"""The class of a stretch of the article that lies in sentences naming units; its :data:`UNITS_ATTRIBUTE` lists
them, and the page's style for the selected unit (``web.chrome.highlight_css``) highlights those naming it. The
article's markup is thus the same whichever unit is selected, and a click does not send it again."""
UNITS_ATTRIBUTE = "data-u"
"""The units (ISO codes, space-separated) whose sentences cover a :data:`SENTENCE_CLASS` stretch."""
MENTION_CLASS = "cm-mention"
"""The class of a mention's link in the article (chosen in place by ``mention_links.MentionLinks``)."""
