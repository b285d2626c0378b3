-- One row per installation: its latest report, the key pinned to it on first sight and what replay protection
-- needs. Times are milliseconds since 1970 (UTC) so that H2 and PostgreSQL store them alike.
CREATE TABLE installation (
    client_id         VARCHAR(36)     NOT NULL PRIMARY KEY,
    fleet             VARCHAR(64),
    public_key        VARCHAR(1000),
    last_signed_ms    BIGINT,
    last_body_sha256  VARCHAR(64),
    first_seen_ms     BIGINT          NOT NULL,
    last_seen_ms      BIGINT          NOT NULL,
    report_count      BIGINT          NOT NULL,
    openfire_version  VARCHAR(64)     NOT NULL,
    report            VARCHAR(1000000) NOT NULL,
    -- The report's cells of the published tables (ReportCells), worked out once at ingest for fast aggregates.
    cells             VARCHAR(100000)  NOT NULL
);
CREATE INDEX installation_last_seen ON installation (last_seen_ms);
CREATE INDEX installation_fleet ON installation (fleet);

-- Reports per installation and calendar month (UTC), with the Openfire version it last reported that month:
-- the history behind "Openfire versions over time". Removed with its installation.
CREATE TABLE monthly_report_count (
    client_id         VARCHAR(36)     NOT NULL REFERENCES installation (client_id) ON DELETE CASCADE,
    report_month      CHAR(7)         NOT NULL,
    reports           BIGINT          NOT NULL,
    openfire_version  VARCHAR(64)     NOT NULL,
    PRIMARY KEY (client_id, report_month)
);
