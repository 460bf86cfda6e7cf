-- CMS's National Correct Coding Initiative edits, in the layout CMS
-- publishes. Codes are HCPCS codes in CMS's sense (CPT included), stored in
-- canonical upper case without a system: the code's shape tells which.

-- Procedure-to-procedure edits: column 2 is not paid with column 1 on the
-- same day unless the modifier indicator allows a modifier (1).
CREATE TABLE ncci_edits (
    column1            text NOT NULL,
    column2            text NOT NULL,
    effective_date     date NOT NULL,
    -- NULL while the edit is in force (CMS writes "*").
    deletion_date      date,
    -- 0 not allowed, 1 allowed, 9 not applicable.
    modifier_indicator smallint NOT NULL CHECK (modifier_indicator IN (0, 1, 9)),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (column1, column2)
);
-- A code's page lists the edits where it is column 2 as well.
CREATE INDEX ncci_edits_column2_idx ON ncci_edits (column2);

-- Medically unlikely edits: the most units of a code one provider reports
-- for one patient on one day.
CREATE TABLE mue_limits (
    code                   text PRIMARY KEY,
    mue_value              integer NOT NULL CHECK (mue_value >= 0),
    -- 1 line edit, 2 date of service edit: policy, 3 date of service edit: clinical.
    adjudication_indicator smallint NOT NULL CHECK (adjudication_indicator IN (1, 2, 3)),
    rationale              text NOT NULL DEFAULT '',
    updated_at             timestamptz NOT NULL DEFAULT now()
);
