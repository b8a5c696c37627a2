package io.vigil.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TextIndexTest {

  private final TextIndex index = new TextIndex(Map.of("title", 3f, "body", 1f));

  @AfterEach
  void close() {
    index.close();
  }

  @Test
  void aMatchInTheTitleOutranksTheSameWordsInTheBody() {
    put("INC-1", "Printer jams on floor 2", "Replication to the standby stalls every night");
    put("INC-2", "Replication stalls", "The standby lags behind the primary every night");
    put("INC-3", "Mail queue grows", "Nothing about it here");

    assertThat(keys("replication stalls")).containsExactly("INC-2", "INC-1");
  }

  @Test
  void moreOfTheWordsAndRarerWordsRankHigher() {
    put("INC-1", "Orders database slow", "");
    put("INC-2", "Orders database deadlock", "");
    put("INC-3", "Portal slow", "");
    put("INC-4", "Export late", "");

    assertThat(keys("database deadlock")).containsExactly("INC-2", "INC-1");
    assertThat(keys("slow deadlock")).as("deadlock is rarer than slow").startsWith("INC-2");
  }

  @Test
  void wordsMatchInAnyCaseAndForm() {
    put("INC-1", "Deadlocks in the ORDERS schema", "Checkout failing since the deploy");

    assertThat(keys("deadlock")).containsExactly("INC-1");
    assertThat(keys("order fails")).containsExactly("INC-1");
    assertThat(keys("the of and")).as("stop words alone").isEmpty();
    assertThat(keys("   ")).isEmpty();
    assertThat(index.search(null, 5)).isEmpty();
  }

  @Test
  void querySyntaxIsReadAsTextAndNeverFails() {
    put("INC-1", "Deadlock in orders", "");
    put("INC-2", "Orders slow", "A deadlock now and then");

    for (String text : List.of("\"deadlock", "deadlock\"", "title:deadlock", "title: deadlock", "deadlock AND", "OR deadlock",
        "NOT", "-deadlock", "+deadlock", "(deadlock", "deadlock)", "dead*", "deadlock~2", "deadlock^10", "[deadlock TO z]",
        "{deadlock}", "deadlock\\", "deadlock && || !", "/dead.*/", "?", ":", "\"\"", "AND", "deadlock/orders")) {
      assertThat(index.search(text, 5)).as(text).allSatisfy(hit -> assertThat(hit.key()).isIn("INC-1", "INC-2"));
    }
    assertThat(keys("deadlock AND nowhere")).as("AND is a word, not a conjunction").containsExactly("INC-1", "INC-2");
    assertThat(keys("NOT deadlock")).as("NOT excludes nothing").containsExactly("INC-1", "INC-2");
    assertThat(keys("-deadlock")).containsExactly("INC-1", "INC-2");
    assertThat(keys("body: slow")).as("a field name is a word").containsExactly("INC-2");
    assertThat(keys("\"orders deadlock\"")).as("quotes make no phrase").containsExactlyInAnyOrder("INC-1", "INC-2");
    assertThat(keys("dead*")).as("no wildcards").isEmpty();
  }

  @Test
  void aLongTextCountsWithItsFirstWords() {
    put("INC-1", "Replication stalls", "");
    String words = IntStream.range(0, 1_000).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));

    assertThat(keys("replication " + words)).containsExactly("INC-1");
    assertThat(keys(words + " replication")).isEmpty();
  }

  @Test
  void putReplacesTheDocumentOfTheSameKey() {
    put("INC-1", "Disk almost full", "");
    put("INC-1", "Certificate expired", "");

    assertThat(keys("disk")).isEmpty();
    assertThat(keys("certificate")).containsExactly("INC-1");
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void removeTakesTheDocumentOut() {
    put("INC-1", "Disk almost full", "");
    put("INC-2", "Disk failed", "");

    index.remove("INC-1");
    index.remove("INC-9");

    assertThat(keys("disk")).containsExactly("INC-2");
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void aKeywordFilterKeepsOnlyItsDocuments() {
    index.put(new TextIndex.Entry("INC-1", Map.of("title", "Login fails"), Map.of("service", "customer-portal")));
    index.put(new TextIndex.Entry("INC-2", Map.of("title", "Login fails again"), Map.of("service", "remote-access")));
    index.put(new TextIndex.Entry("INC-3", Map.of("title", "Login fails"), Map.of()));

    assertThat(index.search("login", new TextIndex.Keyword("service", "remote-access"), 5))
        .extracting(TextIndex.Hit::key).containsExactly("INC-2");
    assertThat(index.search("login", new TextIndex.Keyword("service", "Remote-Access"), 5)).as("exact").isEmpty();
    assertThat(index.search("login", 5)).hasSize(3);
  }

  @Test
  void sizeLimitsTheHits() {
    IntStream.range(0, 20).forEach(i -> put("INC-" + i, "Backup failed", ""));

    assertThat(index.search("backup", 7)).hasSize(7);
    assertThatThrownBy(() -> index.search("backup", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fieldsOutsideTheIndexAreRefused() {
    assertThatThrownBy(() -> index.put(new TextIndex.Entry("INC-1", Map.of("summary", "x"), Map.of())))
        .hasMessageContaining("summary");
    assertThatThrownBy(() -> index.put(new TextIndex.Entry("INC-1", Map.of(), Map.of("title", "x"))))
        .hasMessageContaining("title");
  }

  @Test
  void writersAndReadersMayWorkAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int writer = 0; writer < 2; writer++) {
        int first = writer * 500;
        work.add(pool.submit(() -> IntStream.range(first, first + 500).forEach(i -> put("INC-" + i, "Queue consumers stopped", "n" + i))));
      }
      for (int reader = 0; reader < 2; reader++) {
        work.add(pool.submit(() -> IntStream.range(0, 200).forEach(i -> index.search("consumers", 10))));
      }
      for (Future<?> done : work) {
        done.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(index.size()).isEqualTo(1_000);
    assertThat(index.search("consumers", 2_000)).hasSize(1_000);
  }

  private void put(String key, String title, String body) {
    index.put(new TextIndex.Entry(key, Map.of("title", title, "body", body), Map.of()));
  }

  private List<String> keys(String text) {
    return index.search(text, 10).stream().map(TextIndex.Hit::key).toList();
  }
}
