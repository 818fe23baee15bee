"""Sources: reading an article into blocks and sentences, bringing bytes in (ingest), and the local store."""
