-- The thresholds each clock has fired (percentages, comma-separated, ascending) and when it breached:
-- the record that makes firing idempotent, written in the transaction that tells the process.
ALTER TABLE sla_clock ADD COLUMN thresholds_fired VARCHAR(200) DEFAULT '' NOT NULL;
ALTER TABLE sla_clock ADD COLUMN breached_at TIMESTAMP WITH TIME ZONE;
