-- The notifications sent for each ticket (issue 15): one row per external task, channel and
-- recipient, so that a notify.send task delivered twice mails and posts each recipient once (ADR 26),
-- and an auditor reads what went to whom. Only ever inserted into and marked sent. Portable SQL: H2
-- and PostgreSQL.

CREATE TABLE notification_delivery (
    delivery_key     VARCHAR(64)  NOT NULL PRIMARY KEY,
    ticket_number    VARCHAR(20)  NOT NULL,
    channel          VARCHAR(10)  NOT NULL,
    recipient        VARCHAR(320) NOT NULL,
    template         VARCHAR(64),
    status           VARCHAR(10)  NOT NULL,
    attempts         INTEGER      NOT NULL,
    first_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE
);

CREATE INDEX notification_delivery_ticket ON notification_delivery (ticket_number, first_attempt_at);
