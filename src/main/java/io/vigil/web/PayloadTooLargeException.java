package io.vigil.web;

/** A request that asks for more at once than is accepted: answered with 413 problem details, nothing done. */
public class PayloadTooLargeException extends RuntimeException {

  public PayloadTooLargeException(String message) {
    super(message);
  }
}
