-- Failed logins per username (lower-cased, as typed: unknown names are counted too, so a lockout
-- does not tell whether an account exists). A run of failures locks the name for a while.
CREATE TABLE login_failures (
  username        TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL,
  first_failed_at INTEGER NOT NULL,
  last_failed_at  INTEGER NOT NULL,
  locked_until    INTEGER
);

-- The audit log is append-only: the database itself refuses to change or remove a record.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
