package io.vigil.web;

/**
 * Request parameters that do not fit together (a period that ends before it starts): answered with
 * 400 problem details naming the parameter, as a malformed one is.
 */
public class BadRequestException extends RuntimeException {

  private final String field;

  public BadRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
