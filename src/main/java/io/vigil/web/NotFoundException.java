package io.vigil.web;

/** The request names something Vigil does not have: answered with 404 problem details. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String what, String id) {
    super("No " + what + " '" + id + "'");
  }
}
