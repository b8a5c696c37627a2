package io.vigil.ticket;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of ticket Vigil keeps, each numbered on its own: INC-000042, PRB-000007, CHG-000123. */
public enum TicketType {
  INCIDENT("INC", "incident_number_seq"),
  PROBLEM("PRB", "problem_number_seq"),
  CHANGE("CHG", "change_number_seq");

  private final String prefix;
  private final String sequence;

  TicketType(String prefix, String sequence) {
    this.prefix = prefix;
    this.sequence = sequence;
  }

  String sequence() {
    return sequence;
  }

  /** The kind of ticket a number names, by its prefix. */
  public static Optional<TicketType> ofNumber(String number) {
    return Arrays.stream(values()).filter(type -> number.startsWith(type.prefix + "-")).findFirst();
  }

  /** The human number of the n-th ticket of this kind. */
  public String number(long n) {
    return "%s-%06d".formatted(prefix, n);
  }
}
