-- Trigram matching lets searches with typos and the 404 page of an unknown
-- code still find something.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One code of one code system. Codes are stored in their canonical spelling
-- (upper case; ICD-10-CM with its dot), which the import produces.
CREATE TABLE codes (
    system             text NOT NULL CHECK (system IN ('cpt', 'hcpcs', 'icd-10-cm', 'icd-10-pcs')),
    code               text NOT NULL CHECK (code ~ '^[A-Z0-9.]{1,10}$'),
    -- The official descriptor, or for CPT our own wording (the official CPT
    -- descriptors are licensed and arrive only through an import).
    descriptor         text NOT NULL,
    common_description text NOT NULL DEFAULT '',
    -- new and revised mark the annual updates; deleted codes keep their page
    -- because people still look them up.
    status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'new', 'revised', 'deleted')),
    related            text[] NOT NULL DEFAULT '{}',
    specialties        text[] NOT NULL DEFAULT '{}',
    -- What people type: "e119" and "E11.9" are the same code.
    code_key           text GENERATED ALWAYS AS (lower(replace(code, '.', ''))) STORED,
    -- The code is indexed with and without its dot under the simple
    -- configuration, so numbers are never stemmed.
    search             tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', code || ' ' || replace(code, '.', '')), 'A') ||
        setweight(to_tsvector('english', descriptor), 'B') ||
        setweight(to_tsvector('english', common_description), 'C')
    ) STORED,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (system, code)
);

-- Lookups by what was typed, and one code per spelling.
CREATE UNIQUE INDEX codes_system_key_idx ON codes (system, code_key);
-- Prefix search of code numbers across all systems ("2069" finds 20690).
CREATE INDEX codes_key_prefix_idx ON codes (code_key text_pattern_ops);
CREATE INDEX codes_search_idx ON codes USING gin (search);
-- Typo-tolerant search on the words (pg_trgm folds case itself).
CREATE INDEX codes_text_trgm_idx ON codes USING gin ((descriptor || ' ' || common_description) gin_trgm_ops);
-- Nearest codes for an unknown code number.
CREATE INDEX codes_key_trgm_idx ON codes USING gin (code_key gin_trgm_ops);
