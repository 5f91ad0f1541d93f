package iok.communities;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.communities.DocumentEvent.DocumentPublished;
import iok.correspondence.AttachmentPolicy;
import iok.platform.domain.Refusal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** One published community document: a PDF under the same rules as letters' attachments. */
public class CommunityDocument {

  public record Publish(@TargetAggregateIdentifier String documentId, String cooperativeId, String community,
                        DocumentEvent.Kind kind, String title, String fileName, String contentId, byte[] bytes) {}

  @AggregateIdentifier
  private String documentId;

  protected CommunityDocument() {}

  @CommandHandler
  public CommunityDocument(Publish command, Clock clock, DocumentStore store) {
    AttachmentPolicy.file(command.bytes().length, command.bytes()).ifPresent(p -> {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, AttachmentPolicy.code(p), AttachmentPolicy.explain(p),
          Map.of("name", command.fileName()));
    });
    store.keep(command.cooperativeId(), command.contentId(), command.bytes());
    apply(new DocumentPublished(command.documentId(), command.cooperativeId(), command.community(), command.kind(),
        command.title(), command.fileName(), command.contentId(), command.bytes().length, sha256(command.bytes()),
        clock.instant()));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @EventSourcingHandler
  void on(DocumentEvent event) {
    switch (event) {
      case DocumentPublished e -> documentId = e.documentId();
    }
  }
}
