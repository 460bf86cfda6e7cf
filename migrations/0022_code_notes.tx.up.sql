-- Member sections of a code page written per code: coding guidelines and
-- tips, the modifiers commonly used with it, and the crosswalk between
-- procedure codes (CPT, HCPCS) and the ICD-10-CM codes reported with them.
-- None of them refers to codes by a foreign key: a section may be imported
-- before (or without) the code set it mentions.

CREATE TABLE code_guidelines (
    system     text NOT NULL CHECK (system IN ('cpt', 'hcpcs', 'icd-10-cm', 'icd-10-pcs')),
    code       text NOT NULL,
    -- Markdown, sanitised when rendered.
    body       text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (system, code)
);

CREATE TABLE code_modifiers (
    system     text NOT NULL CHECK (system IN ('cpt', 'hcpcs')),
    code       text NOT NULL,
    modifier   text NOT NULL CHECK (modifier ~ '^[A-Z0-9]{2}$'),
    meaning    text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (system, code, modifier)
);

CREATE TABLE code_crosswalk (
    procedure_system text NOT NULL CHECK (procedure_system IN ('cpt', 'hcpcs')),
    procedure_code   text NOT NULL,
    diagnosis_code   text NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (procedure_system, procedure_code, diagnosis_code)
);
-- The diagnosis code's page lists the procedures: the other way round.
CREATE INDEX code_crosswalk_diagnosis_idx ON code_crosswalk (diagnosis_code);
