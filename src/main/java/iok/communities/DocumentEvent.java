package iok.communities;

import java.time.Instant;

/** A document the administrator publishes to one housing community's owners: plan, report, minutes, resolution. */
public sealed interface DocumentEvent {

  String documentId();

  enum Kind { FINANCIAL_PLAN, ANNUAL_REPORT, MINUTES, RESOLUTION, OTHER }

  /** The file's bytes are kept apart from the event ({@link DocumentStore}); the event keeps their size and SHA-256. */
  record DocumentPublished(String documentId, String cooperativeId, String community, Kind kind, String title,
                           String fileName, String contentId, long size, String sha256, Instant at)
      implements DocumentEvent {}
}
