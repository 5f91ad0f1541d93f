package iok.communities.write.documents;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.sqlclient.Pool;
import iok.communities.CommunityDocument;
import iok.communities.DocumentEvent.Kind;
import iok.communities.read.voting.CommunityProjection;
import iok.communities.read.voting.Roll;
import iok.correspondence.AttachmentPolicy;
import iok.correspondence.write.sending.SendingRoute;
import iok.platform.auth.Session;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/admin/communities/documents}: the administrator publishes one PDF to one housing community,
 * as {@code multipart/form-data} with the document's JSON in the part {@code document} and the file as the
 * only file part. The same limits as letters' attachments (5 MiB, a real PDF).
 */
public final class DocumentRoutes {

  record DocumentBody(String community, String kind, String title) {
    DocumentBody {
      community = Fields.text(community, "community", 100);
      String k = Fields.text(kind, "kind", 40).toLowerCase(Locale.ROOT);
      try {
        kind = Kind.valueOf(k.replace('-', '_').toUpperCase(Locale.ROOT)).name();
      } catch (IllegalArgumentException e) {
        throw Fields.invalid("kind", "is financial-plan, annual-report, minutes, resolution or other");
      }
      title = Fields.text(title, "title", 200);
    }
  }

  private DocumentRoutes() {}

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads, Clock clock) {
    api.route(HttpMethod.POST, "/api/admin/communities/documents", Access.ADMIN, ctx -> {
      Session s = Api.session(ctx);
      String type = ctx.request().getHeader("Content-Type");
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
        throw new ApiError(415, "unsupported_media_type", "Send multipart/form-data with a part 'document' and one PDF");
      }
      String json = ctx.request().getFormAttribute("document");
      if (json == null) {
        throw ApiError.badRequest("missing_field", "The form needs a part 'document' holding the document as JSON",
            Map.of("field", "document"));
      }
      DocumentBody b = Bodies.parse(json.getBytes(StandardCharsets.UTF_8), DocumentBody.class);
      List<FileUpload> files = ctx.fileUploads();
      if (files.size() != 1) {
        throw ApiError.badRequest("one_file", "A document is exactly one PDF file", Map.of("files", files.size()));
      }
      FileUpload file = files.getFirst();
      if (file.size() > AttachmentPolicy.MAX_BYTES) {
        throw new ApiError(413, AttachmentPolicy.code(AttachmentPolicy.Problem.TOO_LARGE),
            AttachmentPolicy.explain(AttachmentPolicy.Problem.TOO_LARGE), Map.of("limit", AttachmentPolicy.MAX_BYTES));
      }
      String id = UUID.randomUUID().toString();
      // the file is checked before the books are asked, so a wrong file is refused the same way everywhere
      ctx.vertx().fileSystem().readFile(file.uploadedFileName()).compose(bytes -> {
        byte[] content = bytes.getBytes();
        AttachmentPolicy.file(content.length, content).ifPresent(p -> {
          throw new ApiError(415, AttachmentPolicy.code(p), AttachmentPolicy.explain(p), Map.of("name", file.fileName()));
        });
        return Roll.communities(pool, s, LocalDate.now(clock)).compose(names -> {
          if (!names.contains(b.community())) {
            throw new ApiError(422, "unknown_community", "The books name no such housing community",
                Map.of("field", "community"));
          }
          return commands.send(ctx, new CommunityDocument.Publish(id, s.cooperativeId(), b.community(),
              Kind.valueOf(b.kind()), b.title(), SendingRoute.name(file), UUID.randomUUID().toString(), content));
        });
      }).compose(v -> reads.await(CommunityProjection.DOCUMENT_QUERY, id, 0))
          .onSuccess(v -> Api.json(ctx, 201, new JsonObject().put("documentId", id))).onFailure(ctx::fail);
    });
  }
}
