package io.vigil.history;

import io.vigil.incident.contract.Priority;
import io.vigil.ticket.TicketPeriod;
import io.vigil.ticket.TicketType;

/**
 * What an auditor searches tickets by; null means any. {@code state} is a state of the kind asked
 * for, or of any kind that has it ({@code CLOSED}: all three; {@code REJECTED}: problems and
 * changes).
 */
record TicketQuery(String number, TicketType type, TicketPeriod period, String group, Priority priority, String state) {}
