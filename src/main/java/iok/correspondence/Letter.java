package iok.correspondence;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.correspondence.CorrespondenceEvent.About;
import iok.correspondence.CorrespondenceEvent.AttachedFile;
import iok.correspondence.CorrespondenceEvent.LetterOpened;
import iok.correspondence.CorrespondenceEvent.LetterSent;
import iok.correspondence.CorrespondenceEvent.MessageWritten;
import iok.correspondence.CorrespondenceEvent.RepliesRead;
import iok.correspondence.CorrespondenceEvent.ReplyWritten;
import iok.platform.domain.Refusal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * One thread of correspondence: a letter from the cooperative to a resident, or a resident's message to
 * the cooperative, with the replies both sides write in it. Only that resident and the cooperative's
 * staff know it exists.
 */
public class Letter {

  /** An administrator's letter to a resident, with PDF attachments. */
  public record Send(@TargetAggregateIdentifier String threadId, String cooperativeId, String residentId,
                     String subject, String body, List<Upload> uploads) {}

  /** A file as uploaded; {@code contentId} names where its bytes will be kept. */
  public record Upload(String contentId, String name, byte[] bytes) {}

  /** A resident's message to the cooperative; with {@code about}, a report that some information is wrong. */
  public record Write(@TargetAggregateIdentifier String threadId, String cooperativeId, String residentId,
                      String subject, String body, About about) {}

  /** Someone opens the thread; when it is its resident, what they have now seen is recorded. */
  public record Open(@TargetAggregateIdentifier String threadId, String cooperativeId, String readerId, String readerRole) {}

  public record Reply(@TargetAggregateIdentifier String threadId, String cooperativeId, String authorId,
                      String authorRole, String body) {}

  @AggregateIdentifier
  private String threadId;
  private String cooperativeId;
  private String residentId;
  private boolean fromCooperative;
  private boolean opened;
  private boolean unseenReply;
  private long sequence = -1;

  protected Letter() {}

  @CommandHandler
  public Letter(Send command, Clock clock, AttachmentStore store) {
    List<Upload> uploads = command.uploads() == null ? List.of() : command.uploads();
    AttachmentPolicy.count(uploads.size()).ifPresent(p -> { throw AttachmentPolicy.refusal(p, null); });
    for (Upload upload : uploads) {
      AttachmentPolicy.file(upload.bytes().length, upload.bytes())
          .ifPresent(p -> { throw AttachmentPolicy.refusal(p, upload.name()); });
    }
    List<AttachedFile> files = new ArrayList<>();
    for (Upload upload : uploads) {
      store.keep(command.cooperativeId(), upload.contentId(), upload.bytes());
      files.add(new AttachedFile(files.size() + 1, upload.contentId(), upload.name(), upload.bytes().length,
          sha256(upload.bytes())));
    }
    apply(new LetterSent(command.threadId(), command.cooperativeId(), command.residentId(), command.subject(),
        command.body(), List.copyOf(files), clock.instant()));
  }

  @CommandHandler
  public Letter(Write command, Clock clock) {
    apply(new MessageWritten(command.threadId(), command.cooperativeId(), command.residentId(), command.subject(),
        command.body(), command.about(), clock.instant()));
  }

  /** Answers the sequence the read model must reach for the reader to see what they opened. */
  @CommandHandler
  public long handle(Open command, Clock clock) {
    visibleTo(command.cooperativeId(), command.readerId(), command.readerRole());
    if (residentId.equals(command.readerId())) {
      if (fromCooperative && !opened) {
        apply(new LetterOpened(threadId, residentId, clock.instant()));
      } else if (unseenReply) {
        apply(new RepliesRead(threadId, residentId, clock.instant()));
      }
    }
    return sequence;
  }

  @CommandHandler
  public long handle(Reply command, Clock clock) {
    visibleTo(command.cooperativeId(), command.authorId(), command.authorRole());
    boolean resident = residentId.equals(command.authorId());
    if (!resident && !"admin".equals(command.authorRole())) {
      throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", "Only the resident and the administrators write in a thread");
    }
    apply(new ReplyWritten(threadId, command.authorId(), resident ? "resident" : "admin", command.body(),
        clock.instant(), residentId));
    return sequence;
  }

  /** Another cooperative's staff, or another resident, learn nothing: not found. */
  private void visibleTo(String cooperativeId, String accountId, String role) {
    boolean staff = "admin".equals(role) || "auditor".equals(role);
    if (!this.cooperativeId.equals(cooperativeId) || (!staff && !residentId.equals(accountId))) {
      throw Refusal.notFound("Correspondence");
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  @EventSourcingHandler
  void on(CorrespondenceEvent event) {
    sequence++;
    switch (event) {
      case LetterSent e -> {
        threadId = e.threadId();
        cooperativeId = e.cooperativeId();
        residentId = e.residentId();
        fromCooperative = true;
      }
      case MessageWritten e -> {
        threadId = e.threadId();
        cooperativeId = e.cooperativeId();
        residentId = e.residentId();
      }
      case LetterOpened e -> {
        opened = true;
        unseenReply = false;
      }
      case RepliesRead e -> unseenReply = false;
      case ReplyWritten e -> unseenReply = "admin".equals(e.authorRole());
    }
  }
}
