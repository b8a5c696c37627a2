package io.vigil.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The whole audit trail, for auditors: exported with its hash chain, and verified. */
@RestController
@RequestMapping("/api/audit")
@Validated
@Tag(name = "Audit", description = "Every audit entry of every ticket, sealed in a hash chain")
class AuditController {

  private final AuditChain chain;

  AuditController(AuditChain chain) {
    this.chain = chain;
  }

  @GetMapping("/export")
  @Operation(summary = "Every audit entry of the period, in chain order, with what verifies it offline",
      description = "jsonl: one entry per line, the canonical JSON its hash is taken over with \"hash\" as the last key"
          + " (docs/auditor-guide.md gives the offline check). csv: the same columns for a spreadsheet; a cell that"
          + " would start a formula starts with a quote. The period is from (inclusive) to (exclusive), ISO date-times;"
          + " the export covers the stretch of the chain from the period's first entry to its last.")
  void export(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
      @RequestParam(defaultValue = "jsonl") @Pattern(regexp = "jsonl|csv", message = "must be jsonl or csv") String format,
      HttpServletResponse response) throws IOException {
    period(from, to);
    boolean csv = format.equals("csv");
    response.setContentType((csv ? "text/csv" : "application/x-ndjson") + ";charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"vigil-audit." + format + "\"");
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    if (csv) {
      out.write("seq,id,ticket,occurredAt,actor,action,detail,prev,hash\r\n");
    }
    chain.export(from, to, entry -> {
      try {
        out.write(csv ? AuditCsv.row(entry) : entry.line() + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    out.flush();
  }

  @GetMapping("/verify")
  @Operation(summary = "Check the hash chain over the period: every seal follows the one before it and hashes to what it stores",
      description = "valid is false when any seal does not hold; firstBroken names the first (its entry, and why).")
  ChainVerification verify(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to) {
    period(from, to);
    return chain.verify(from, to);
  }

  private static void period(OffsetDateTime from, OffsetDateTime to) {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "from (" + from.withOffsetSameInstant(ZoneOffset.UTC) + ") must come before to (" + to.withOffsetSameInstant(ZoneOffset.UTC) + ")");
    }
  }
}
