package io.vigil.support;

import java.time.Clock;
import java.util.Map;
import org.springframework.context.SmartLifecycle;

/**
 * A node's in-memory search index of one table (ADR 18): a {@link TextIndex} kept caught up by an
 * {@link IndexCatchUp}, started and stopped with the application context and closed with it.
 */
public abstract class SearchIndex implements SmartLifecycle, AutoCloseable {

  protected final TextIndex index;
  protected final IndexCatchUp catchUp;

  /** {@code weights} by field, as {@link TextIndex} takes them; {@code changes} reads the table. */
  protected SearchIndex(String name, Map<String, Float> weights, IndexCatchUp.Changes changes, SearchIndexProperties properties,
      Clock clock) {
    this.index = new TextIndex(weights);
    this.catchUp = new IndexCatchUp(name, index, changes, properties.refreshInterval(), properties.catchUpOverlap(), clock);
  }

  @Override
  public void start() {
    catchUp.start();
  }

  @Override
  public void stop() {
    catchUp.stop();
  }

  @Override
  public boolean isRunning() {
    return catchUp.isRunning();
  }

  @Override
  public void close() {
    index.close();
  }
}
