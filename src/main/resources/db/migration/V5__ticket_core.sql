-- The ticket core that incidents, problems and changes share. Portable SQL: H2 and PostgreSQL.

-- Each kind of ticket is numbered on its own: INC-000042, PRB-000007, CHG-000123.
CREATE SEQUENCE problem_number_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE change_number_seq START WITH 1 INCREMENT BY 1;

-- Comments of any ticket, by its number (as the audit trail is). The incident comments become the
-- first of them, keeping their ids.
ALTER TABLE incident_comment RENAME TO ticket_comment;
ALTER TABLE ticket_comment ADD COLUMN ticket_number VARCHAR(20);
UPDATE ticket_comment SET ticket_number = (SELECT i.number FROM incident i WHERE i.id = ticket_comment.incident_id);
ALTER TABLE ticket_comment ALTER COLUMN ticket_number SET NOT NULL;
ALTER TABLE ticket_comment DROP COLUMN incident_id;
CREATE INDEX ticket_comment_ticket ON ticket_comment (ticket_number);

-- A recovery monitoring reported while the incident was still being classified or routed: taken
-- at routing, which then resolves the incident as recovered instead of queueing it for triage.
ALTER TABLE incident ADD COLUMN recovery_note VARCHAR(4000);
ALTER TABLE incident ADD COLUMN recovered_by VARCHAR(100);
