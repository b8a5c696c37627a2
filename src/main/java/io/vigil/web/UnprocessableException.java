package io.vigil.web;

/**
 * Well-formed input that cannot be accepted (an unknown configuration item, a CI of another
 * service): answered with 422 problem details.
 */
public class UnprocessableException extends RuntimeException {

  private final String field;

  public UnprocessableException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
