-- The last status change of an application, while its employer may still
-- undo it. The candidate's email about it waits as a scheduled River job
-- until the window closes; undo cancels that job and puts the status back.
CREATE TABLE application_status_undos (
    application_id bigint PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
    from_status    text NOT NULL,
    to_status      text NOT NULL,
    email_job_id   bigint,
    undo_until     timestamptz NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
