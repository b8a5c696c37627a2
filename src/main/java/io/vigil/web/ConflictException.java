package io.vigil.web;

/** The request does not fit the state the ticket is in (a priority change on a closed incident): answered with 409 problem details. */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
