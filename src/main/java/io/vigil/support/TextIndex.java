package io.vigil.support;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A full-text index in memory (Apache Lucene) of documents that each have a key: a knowledge
 * article's id, an incident's number. A document has named text fields, weighted when searched, and
 * exact keyword fields to filter on (a service id). Only the key is stored: a caller reads what it
 * shows from the database. Safe for any number of threads; a search sees every write that returned
 * before it began.
 *
 * <p>Words are found as English words: {@link EnglishAnalyzer} lowercases, drops stop words
 * ("the", "of", "and") and stems, so that "deadlock" finds "Deadlocks" and "failing" finds "fails".
 * Tickets are written in English; {@code StandardAnalyzer} would only lowercase, and a user searching
 * "timeout" would miss "timeouts". Relevance is Lucene's BM25.
 */
public final class TextIndex implements Closeable {

  /** One document: its key, its text fields by name, its keyword fields by name (absent or null: none). */
  public record Entry(String key, Map<String, String> texts, Map<String, String> keywords) {}

  /** A document found, and how well it matched: BM25 relevance, comparable within one search only. */
  public record Hit(String key, float score) {}

  /** A keyword field's value that every document found must have. */
  public record Keyword(String field, String value) {}

  /**
   * A long text (an incident's description used as the query) counts with its first words only,
   * so that a query stays well below Lucene's limit of clauses whatever it is given.
   */
  static final int MAX_QUERY_WORDS = 64;

  /** The key's field; no text or keyword field may take its name. */
  private static final String KEY = "_key";

  /** Words and how often they occur: what BM25 needs. No positions (no phrase search), nothing stored. */
  private static final FieldType TEXT = textType();

  private final Map<String, Float> weights;
  private final Analyzer analyzer = new EnglishAnalyzer();
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private final SearcherManager searchers;

  /** An empty index of the text fields named, each weighted at search time by its value (1: plain). */
  public TextIndex(Map<String, Float> weights) {
    if (weights.isEmpty() || weights.containsKey(KEY) || weights.values().stream().anyMatch(w -> !(w > 0))) {
      throw new IllegalArgumentException("text fields need a name other than " + KEY + " and a positive weight each: " + weights);
    }
    this.weights = Map.copyOf(weights);
    try {
      writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
          .setCommitOnClose(false));
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds the document, or replaces the one with its key. */
  public void put(Entry entry) {
    putAll(List.of(entry));
  }

  /** Adds or replaces each document, then makes them searchable at once. */
  public void putAll(Collection<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try {
      for (Entry entry : entries) {
        writer.updateDocument(new Term(KEY, entry.key()), document(entry));
      }
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void remove(String key) {
    try {
      writer.deleteDocuments(new Term(KEY, key));
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The best {@code size} documents for a person's words, best first. */
  public List<Hit> search(String text, int size) {
    return search(text, null, size);
  }

  /**
   * The best {@code size} documents for a person's words among those with the keyword (none: all),
   * best first. The text is only ever analysed as words, never parsed as Lucene's query syntax:
   * quotes, colons, {@code AND}, {@code *} are text like any other and cannot fail a search. A text
   * with no word to search (blank, punctuation, stop words alone) finds nothing.
   */
  public List<Hit> search(String text, Keyword filter, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1: " + size);
    }
    List<String> words = words(text);
    if (words.isEmpty()) {
      return List.of();
    }
    Query query = filtered(relevance(words), filter);
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        StoredFields stored = searcher.storedFields();
        List<Hit> hits = new ArrayList<>();
        for (ScoreDoc found : searcher.search(query, size).scoreDocs) {
          hits.add(new Hit(stored.document(found.doc, Set.of(KEY)).get(KEY), found.score));
        }
        return hits;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many documents the index holds. */
  public int size() {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return searcher.getIndexReader().numDocs();
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes the index's files take in memory (what grows with the documents; the writer's buffers aside). */
  public long bytes() {
    try {
      long bytes = 0;
      for (String file : directory.listAll()) {
        bytes += directory.fileLength(file);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Document document(Entry entry) {
    Document document = new Document();
    document.add(new StringField(KEY, entry.key(), Field.Store.YES));
    if (entry.texts() != null) {
      entry.texts().forEach((field, text) -> {
        if (!weights.containsKey(field)) {
          throw new IllegalArgumentException("no text field '" + field + "' in this index: " + weights.keySet());
        }
        if (text != null) {
          document.add(new Field(field, text, TEXT));
        }
      });
    }
    if (entry.keywords() != null) {
      entry.keywords().forEach((field, value) -> {
        if (weights.containsKey(field) || KEY.equals(field)) {
          throw new IllegalArgumentException("'" + field + "' cannot be a keyword field of this index");
        }
        if (value != null) {
          document.add(new StringField(field, value, Field.Store.NO));
        }
      });
    }
    return document;
  }

  /** Any word in any field counts; a field's matches weigh by the field's weight. */
  private Query relevance(List<String> words) {
    BooleanQuery.Builder anyField = new BooleanQuery.Builder();
    weights.forEach((field, weight) -> {
      BooleanQuery.Builder anyWord = new BooleanQuery.Builder();
      words.forEach(word -> anyWord.add(new TermQuery(new Term(field, word)), Occur.SHOULD));
      anyField.add(new BoostQuery(anyWord.build(), weight), Occur.SHOULD);
    });
    return anyField.build();
  }

  private static Query filtered(Query relevance, Keyword filter) {
    if (filter == null) {
      return relevance;
    }
    return new BooleanQuery.Builder()
        .add(relevance, Occur.MUST)
        .add(new TermQuery(new Term(filter.field(), filter.value())), Occur.FILTER)
        .build();
  }

  /** The text's distinct words as the index holds them (lowercased, stemmed), at most {@link #MAX_QUERY_WORDS}. */
  private List<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    if (text == null) {
      return List.of();
    }
    try (TokenStream tokens = analyzer.tokenStream("", text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (words.size() < MAX_QUERY_WORDS && tokens.incrementToken()) {
        words.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(words);
  }

  private static FieldType textType() {
    FieldType type = new FieldType();
    type.setTokenized(true);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    type.freeze();
    return type;
  }
}
