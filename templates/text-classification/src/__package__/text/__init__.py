"""Text pieces of the text-classification archetype: n-gram vectorizers, the keyword rule and
the optional precomputed-embeddings hook."""
