-- =====================================================================================
-- IOK event store schema for Axon Framework 4.13.0 (JDBC, no Spring, no Axon Server)
-- and db-scheduler 16.x, PostgreSQL 15+.
--
-- IDEMPOTENT: only CREATE ... IF NOT EXISTS statements, so it is safe to run on every
-- application start and usable as a /docker-entrypoint-initdb.d script.
--
-- Table and column names are exactly Axon's DEFAULT EventSchema / TokenSchema /
-- DeadLetterSchema names (DomainEventEntry, globalIndex, ...). Axon issues them
-- unquoted, so PostgreSQL folds them to lower case (domainevententry, globalindex, ...);
-- they are written unquoted here for the same reason. Do NOT quote them.
-- (domain_event_entry / token_entry / dead_letter_entry are the JPA / Spring Boot
-- naming-strategy names; the JDBC components do not use them by default.)
--
-- Timestamps are VARCHAR(255) ISO-8601 strings because that is how the Axon JDBC
-- components write and read them (setString / DateTimeUtils).
-- =====================================================================================


-- -------------------------------------------------------------------------------------
-- Event store: JdbcEventStorageEngine (default EventSchema)
--
-- payload and metaData are TEXT instead of Axon's default BYTEA
-- (PostgresEventTableFactory): the engine is configured with dataType(String.class)
-- and a JacksonSerializer, so every event is stored as readable JSON text and can be
-- inspected / queried with plain SQL (e.g. payload::jsonb ->> 'field').
-- -------------------------------------------------------------------------------------

-- Append-only stream of all domain events. globalIndex gives the global order read by
-- streaming event processors (tracking tokens); (aggregateIdentifier, sequenceNumber)
-- is the optimistic-locking guard: a concurrent append of the same sequence number
-- fails with SQLSTATE 23505.
CREATE TABLE IF NOT EXISTS DomainEventEntry (
    globalIndex         BIGSERIAL    NOT NULL,
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventIdentifier     VARCHAR(255) NOT NULL,
    metaData            TEXT,
    payload             TEXT         NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    -- B-tree on globalIndex: serves "globalIndex > ? AND globalIndex <= ? ORDER BY globalIndex"
    -- (event streaming) and min/max(globalIndex) (tail/head tokens).
    CONSTRAINT domainevententry_pkey PRIMARY KEY (globalIndex),
    -- B-tree on (aggregateIdentifier, sequenceNumber): serves loading an aggregate
    -- ("aggregateIdentifier = ? AND sequenceNumber >= ? ... ORDER BY sequenceNumber")
    -- and max(sequenceNumber) per aggregate. No extra indexes are needed.
    CONSTRAINT domainevententry_aggregate_seq_key UNIQUE (aggregateIdentifier, sequenceNumber),
    CONSTRAINT domainevententry_event_id_key UNIQUE (eventIdentifier)
);

-- Aggregate snapshots (latest state of an aggregate at a sequence number), used to
-- shorten event sourcing. Same TEXT/JSON treatment as the events.
CREATE TABLE IF NOT EXISTS SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventIdentifier     VARCHAR(255) NOT NULL,
    metaData            TEXT,
    payload             TEXT         NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    CONSTRAINT snapshotevententry_pkey PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    CONSTRAINT snapshotevententry_event_id_key UNIQUE (eventIdentifier)
);


-- -------------------------------------------------------------------------------------
-- Token store: JdbcTokenStore (default TokenSchema, as PostgresTokenTableFactory)
--
-- One row per (event processor, segment): the position (tracking token) up to which the
-- processor has handled the event stream, plus the node that currently owns the claim.
-- token is BYTEA as in Axon's PostgresTokenTableFactory (JdbcTokenStore default
-- contentType byte[]; the serialized token is still JSON bytes with a JacksonSerializer).
-- -------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS TokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA        NULL,
    tokenType     VARCHAR(255) NULL,
    timestamp     VARCHAR(255) NULL,
    owner         VARCHAR(255) NULL,
    CONSTRAINT tokenentry_pkey PRIMARY KEY (processorName, segment)
);


-- -------------------------------------------------------------------------------------
-- Dead-letter queue: JdbcSequencedDeadLetterQueue (default DeadLetterSchema)
--
-- Events whose handler failed, parked per processing group and sequence (ordering key)
-- so later events of the same sequence are parked too until the letter is retried.
-- Axon 4.13 ships only GenericDeadLetterTableFactory (no Postgres variant); it uses
-- "BLOB", which PostgreSQL does not have. Its DefaultDeadLetterStatementFactory /
-- DefaultDeadLetterJdbcConverter always use setBytes/getBytes (byte[]), so payload,
-- metaData, token and diagnostics MUST be BYTEA here (TEXT would need a custom
-- statement factory + converter). Column layout and indexes otherwise follow
-- GenericDeadLetterTableFactory (its CREATE INDEX statements are not idempotent and its
-- primary key constraint is named just "PK", hence our own constraint/index names).
-- -------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS DeadLetterEntry (
    deadLetterIdentifier VARCHAR(255)  NOT NULL,
    processingGroup      VARCHAR(255)  NOT NULL,
    sequenceIdentifier   VARCHAR(255)  NOT NULL,
    sequenceIndex        BIGINT        NOT NULL,
    messageType          VARCHAR(255)  NOT NULL,
    eventIdentifier      VARCHAR(255)  NOT NULL,
    timestamp            VARCHAR(255)  NOT NULL,
    payloadType          VARCHAR(255)  NOT NULL,
    payloadRevision      VARCHAR(255),
    payload              BYTEA         NOT NULL,
    metaData             BYTEA,
    type                 VARCHAR(255),
    aggregateIdentifier  VARCHAR(255),
    sequenceNumber       BIGINT,
    tokenType            VARCHAR(255),
    token                BYTEA,
    enqueuedAt           VARCHAR(255)  NOT NULL,
    lastTouched          VARCHAR(255),
    processingStarted    VARCHAR(255),
    causeType            VARCHAR(255),
    causeMessage         VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT deadletterentry_pkey PRIMARY KEY (deadLetterIdentifier),
    CONSTRAINT deadletterentry_sequenceindex_key UNIQUE (processingGroup, sequenceIdentifier, sequenceIndex)
);

CREATE INDEX IF NOT EXISTS deadletterentry_processinggroup_idx
    ON DeadLetterEntry (processingGroup);
CREATE INDEX IF NOT EXISTS deadletterentry_sequenceidentifier_idx
    ON DeadLetterEntry (processingGroup, sequenceIdentifier);


-- -------------------------------------------------------------------------------------
-- db-scheduler (com.github.kagkarlsson:db-scheduler): persistent task table used by
-- Axon's DbSchedulerDeadlineManager / DbSchedulerEventScheduler (deadlines, scheduled
-- events). Verbatim from db-scheduler's postgresql_tables.sql (unchanged from 16.6.0,
-- the version Axon 4.13.0 is built against, to 16.12.0), with IF NOT EXISTS added.
-- -------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
