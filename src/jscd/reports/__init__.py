"""Staff products generated from the record: read-ahead, draft joint statement, compliance.

Each product is built from what one reader may see (``visible_to``) into a ``Document`` and
rendered as Markdown, HTML, DOCX or PDF; its banner is the highest marking inside it.
"""
