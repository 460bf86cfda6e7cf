-- Development outbox: outside production, mail is kept here and shown at
-- /dev/mail instead of being sent.
CREATE TABLE dev_mails (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    to_addr    text NOT NULL,
    subject    text NOT NULL,
    text_body  text NOT NULL,
    html_body  text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
