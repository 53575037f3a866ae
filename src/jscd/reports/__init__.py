"""Staff products generated from the record: read-ahead, draft joint statement, compliance."""
