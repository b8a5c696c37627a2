-- SLA clocks: the truth of every ticket's response and resolution clock (io.vigil.sla.SlaClock).
-- Written in the engine transaction of the step that starts, pauses, resumes, re-bases or stops it.
CREATE TABLE sla_clock (
    ticket_number     VARCHAR(20)  NOT NULL,
    kind              VARCHAR(20)  NOT NULL,
    target_ms         BIGINT       NOT NULL,
    calendar          VARCHAR(64)  NOT NULL,
    phase             VARCHAR(10)  NOT NULL,
    segment_start     TIMESTAMP WITH TIME ZONE NOT NULL,
    elapsed_before_ms BIGINT       NOT NULL,
    paused_before_ms  BIGINT       NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (ticket_number, kind)
);

CREATE INDEX sla_clock_phase ON sla_clock (phase);
