package io.vigil.knowledge;

/**
 * An article found by a search of the knowledge base: what a searcher needs to tell whether it fits
 * and what to do meanwhile. {@code score} is Lucene's BM25 relevance: higher is better, comparable
 * only among the hits of one search.
 */
public record KnowledgeHit(
    long id,
    String title,
    String symptoms,
    String workaround,
    /** The problem whose known error this is; none for an article written directly. */
    String problem,
    float score) {}
