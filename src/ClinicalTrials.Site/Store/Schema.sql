-- The site's own database (one DuckDB file per site organisation). Nothing row-level leaves it.
-- Times are UTC TIMESTAMPs; a study day is the UTC calendar-day difference from randomization.

CREATE TABLE IF NOT EXISTS participants (
    participant_id VARCHAR PRIMARY KEY,
    sex            VARCHAR,          -- 'F', 'M', or NULL when not known
    birth_date     DATE,             -- NULL when only the age at enrollment is known
    deceased_time  TIMESTAMP,        -- from FHIR Patient.deceasedDateTime, if any
    created_at     TIMESTAMP NOT NULL,
    source         VARCHAR NOT NULL  -- file (and line) or command that created the participant
);

CREATE TABLE IF NOT EXISTS observations (
    participant_id VARCHAR NOT NULL,
    loinc          VARCHAR NOT NULL,
    value          DOUBLE NOT NULL,
    unit           VARCHAR NOT NULL, -- UCUM, normalised to the code's canonical unit where one is known
    effective_time TIMESTAMP NOT NULL,
    device         VARCHAR,
    source_file    VARCHAR NOT NULL,
    source_line    BIGINT NOT NULL
);

-- Coded clinical events (hospital admissions, deaths) for time-to-event endpoints.
CREATE TABLE IF NOT EXISTS clinical_events (
    participant_id VARCHAR NOT NULL,
    system         VARCHAR NOT NULL, -- 'icd10' | 'snomed' | 'loinc'
    code           VARCHAR NOT NULL,
    effective_time TIMESTAMP NOT NULL,
    source_file    VARCHAR NOT NULL,
    source_line    BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS quarantine (
    file           VARCHAR NOT NULL,
    line           BIGINT,           -- 1-based physical line (CSV, NDJSON), row (Parquet), or entry (Bundle)
    field          VARCHAR,
    reason         VARCHAR NOT NULL,
    record         VARCHAR,          -- the offending record as read, for the data manager to fix
    quarantined_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS ingested_files (
    sha256         VARCHAR PRIMARY KEY,
    path           VARCHAR NOT NULL,
    format         VARCHAR NOT NULL,
    ingested_at    TIMESTAMP NOT NULL,
    loaded         BIGINT NOT NULL,
    quarantined    BIGINT NOT NULL,
    duplicates     BIGINT NOT NULL
);

-- Trials this site takes part in, with the registered documents it checks requests against.
CREATE TABLE IF NOT EXISTS trials (
    trial_id       VARCHAR PRIMARY KEY,
    site_number    INTEGER NOT NULL,
    protocol_json  VARCHAR NOT NULL,
    protocol_hash  VARCHAR NOT NULL,
    sap_json       VARCHAR NOT NULL,
    sap_hash       VARCHAR NOT NULL,
    joined_at      TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS consents (
    trial_id       VARCHAR NOT NULL,
    participant_id VARCHAR NOT NULL,
    action         VARCHAR NOT NULL, -- 'grant' | 'withdraw'
    happened_at    TIMESTAMP NOT NULL,
    event_hash     VARCHAR NOT NULL  -- the Merkle leaf's event hash in the site's anchor batches
);

-- The committed allocation list: its hash is anchored before the first enrollment.
CREATE TABLE IF NOT EXISTS allocation_commitments (
    trial_id       VARCHAR PRIMARY KEY,
    seed_hex       VARCHAR NOT NULL, -- secret until unblinding
    commitment     VARCHAR NOT NULL, -- sha256:<hex> of the canonical {seed, lists}
    created_at     TIMESTAMP NOT NULL,
    event_hash     VARCHAR NOT NULL,
    anchored       BOOLEAN NOT NULL DEFAULT FALSE,
    revealed_at    TIMESTAMP
);

CREATE TABLE IF NOT EXISTS allocation_list (
    trial_id       VARCHAR NOT NULL,
    stratum        VARCHAR NOT NULL, -- e.g. 'site=3|hba1c_group=ge_8_5'
    position       INTEGER NOT NULL,
    block          INTEGER NOT NULL,
    arm            VARCHAR NOT NULL,
    PRIMARY KEY (trial_id, stratum, position)
);

CREATE TABLE IF NOT EXISTS randomizations (
    trial_id       VARCHAR NOT NULL,
    participant_id VARCHAR NOT NULL,
    stratum        VARCHAR NOT NULL,
    position       INTEGER NOT NULL,
    arm            VARCHAR NOT NULL,
    randomized_at  TIMESTAMP NOT NULL,
    age_years      DOUBLE NOT NULL,
    sex            VARCHAR NOT NULL,
    strata_json    VARCHAR NOT NULL, -- the non-site stratum levels recorded at enrollment
    event_hash     VARCHAR NOT NULL,
    PRIMARY KEY (trial_id, participant_id)
);

-- Every analysis request answered or refused, with the participants it rested on (never sent out).
CREATE TABLE IF NOT EXISTS query_log (
    request_id     VARCHAR NOT NULL,
    run_id         VARCHAR NOT NULL,
    trial_id       VARCHAR NOT NULL,
    analysis_id    VARCHAR NOT NULL,
    round          INTEGER NOT NULL,
    sap_hash       VARCHAR NOT NULL,
    received_at    TIMESTAMP NOT NULL,
    outcome        VARCHAR NOT NULL, -- 'answered' | 'refused'
    rule           VARCHAR,          -- the refusing rule
    reason         VARCHAR,
    subset_size    INTEGER,
    subset         VARCHAR[],        -- participant ids the released statistic rests on
    answer         VARCHAR NOT NULL  -- the message sent back (signed statement or refusal), replayed to a duplicate request
);

-- Earlier versions of joined trials (a re-join with amended documents keeps the old ones here).
CREATE TABLE IF NOT EXISTS trial_versions (
    trial_id       VARCHAR NOT NULL,
    protocol_json  VARCHAR NOT NULL,
    protocol_hash  VARCHAR NOT NULL,
    sap_json       VARCHAR NOT NULL,
    sap_hash       VARCHAR NOT NULL,
    joined_at      TIMESTAMP NOT NULL,
    replaced_at    TIMESTAMP NOT NULL
);

-- Every site event handed to the anchor batcher (consents, commitments, enrollments, reveals): its
-- canonical JSON (pseudonymous, no arm) and where it went, so its Merkle proof can be produced later.
CREATE TABLE IF NOT EXISTS site_events (
    event_hash     VARCHAR NOT NULL, -- sha256:<hex> of event_json, the hash the leaf commits to
    trial_id       VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL, -- AnchorKind name
    batch_id       BIGINT NOT NULL,  -- the batcher's ticket
    leaf_index     BIGINT NOT NULL,
    event_json     VARCHAR NOT NULL, -- RFC 8785 canonical form
    added_at       TIMESTAMP NOT NULL
);

