package iok.correspondence;

import iok.privacy.DataSubject;
import iok.privacy.PersonalData;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Correspondence between the cooperative and one resident (R13, P I.2a, III.6f): a thread begins with a
 * letter from the cooperative or a message from the resident, and both sides reply in it. A message
 * that names what it is {@link About} is a report that information in a zone is wrong (R17, P III.9, O III.5).
 */
public sealed interface CorrespondenceEvent {

  String threadId();

  /** The zone, and optionally the thing in it (premises, entry, meter), that a resident says is wrong. */
  record About(String zone, String ref) {
    public static final Set<String> ZONES = Set.of("finance", "community-finance", "premises", "meters", "faults",
        "announcements", "community-announcements", "membership", "loans", "profile");
  }

  /** A PDF kept beside the events; the event says only what it is, never holds its bytes. */
  record AttachedFile(int n, String contentId, @PersonalData String name, long size, String sha256) {}

  record LetterSent(String threadId, String cooperativeId, @DataSubject String residentId, @PersonalData String subject,
                    @PersonalData String body,
                    List<AttachedFile> attachments, Instant at) implements CorrespondenceEvent {}

  /** {@code about} is null for an ordinary message, set for a "this information is wrong" report. */
  record MessageWritten(String threadId, String cooperativeId, @DataSubject String residentId,
                        @PersonalData String subject, @PersonalData String body,
                        About about, Instant at) implements CorrespondenceEvent {}

  /** The first time the addressee opened a letter: the moment the cooperative may rely on. */
  record LetterOpened(String threadId, String residentId, Instant at) implements CorrespondenceEvent {}

  /** The resident read the cooperative's replies they had not seen yet. */
  record RepliesRead(String threadId, String residentId, Instant at) implements CorrespondenceEvent {}

  /** {@code authorRole} is admin or resident. */
  /** {@code residentId} names whose thread it is: every text of a thread is sealed under that resident's key. */
  record ReplyWritten(String threadId, String authorId, String authorRole, @PersonalData String body, Instant at,
                      @DataSubject String residentId) implements CorrespondenceEvent {}
}
