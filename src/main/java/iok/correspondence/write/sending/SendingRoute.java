package iok.correspondence.write.sending;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import iok.correspondence.AttachmentPolicy;
import iok.correspondence.AttachmentPolicy.Problem;
import iok.correspondence.Letter;
import iok.correspondence.read.threads.ThreadProjection;
import iok.platform.auth.Session;
import iok.platform.db.ReadYourWrites;
import iok.platform.domain.Refusal;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/admin/correspondence}: the administrator sends a letter to a resident. Plain JSON for a
 * letter without attachments; with PDFs, {@code multipart/form-data} with the letter's JSON in the part
 * {@code letter} and each PDF as a file part. Files are checked here for a quick, precise answer (413,
 * 415) and again by the letter itself before their bytes are kept.
 */
public final class SendingRoute {

  private static final String RESIDENT = """
      SELECT 1 FROM account WHERE account_id = $1 AND cooperative_id = $2 AND role = 'resident'""";

  record LetterBody(String accountId, String subject, String body) {
    LetterBody {
      accountId = Fields.text(accountId, "accountId", 64);
      subject = Fields.text(subject, "subject", 200);
      body = Fields.text(body, "body", 20_000);
    }
  }

  private SendingRoute() {}

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads) {
    api.route(HttpMethod.POST, "/api/admin/correspondence", Access.ADMIN, ctx -> {
      Session s = Api.session(ctx);
      boolean multipart = ctx.request().getHeader("Content-Type") != null
          && ctx.request().getHeader("Content-Type").toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
      LetterBody letter = multipart ? fromForm(ctx) : Bodies.read(ctx, LetterBody.class);
      List<FileUpload> files = multipart ? ctx.fileUploads() : List.of();
      AttachmentPolicy.count(files.size()).ifPresent(p -> { throw refused(p, null); });
      for (FileUpload f : files) {
        if (f.size() > AttachmentPolicy.MAX_BYTES) throw refused(Problem.TOO_LARGE, f.fileName());
      }
      String id = UUID.randomUUID().toString();
      pool.preparedQuery(RESIDENT).execute(Tuple.of(letter.accountId(), s.cooperativeId())).map(rows -> {
            if (!rows.iterator().hasNext()) {
              throw new Refusal(Refusal.Kind.RULE_VIOLATED, "unknown_addressee",
                  "accountId names no resident of this cooperative", Map.of("field", "accountId"));
            }
            return null;
          })
          .compose(v -> uploads(ctx, files))
          .compose(uploads -> commands.send(ctx, new Letter.Send(id, s.cooperativeId(), letter.accountId(),
              letter.subject(), letter.body(), uploads)))
          .compose(v -> reads.await(ThreadProjection.VERSION_QUERY, id, 0))
          .onSuccess(v -> Api.json(ctx, 201, new JsonObject().put("threadId", id).put("attachments", new JsonArray(
              files.stream().map(f -> new JsonObject().put("name", name(f))).toList()))))
          .onFailure(ctx::fail);
    });
  }

  private static LetterBody fromForm(RoutingContext ctx) {
    String json = ctx.request().getFormAttribute("letter");
    if (json == null) {
      throw ApiError.badRequest("missing_field", "The form needs a part 'letter' holding the letter as JSON",
          Map.of("field", "letter"));
    }
    return Bodies.parse(json.getBytes(StandardCharsets.UTF_8), LetterBody.class);
  }

  /** Reads the spooled files, in the order they were sent, refusing any that is not a PDF. */
  private static Future<List<Letter.Upload>> uploads(RoutingContext ctx, List<FileUpload> files) {
    List<Future<Buffer>> reads = files.stream().map(f -> ctx.vertx().fileSystem().readFile(f.uploadedFileName())).toList();
    return Future.all(reads).map(all -> {
      List<Letter.Upload> uploads = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        byte[] bytes = reads.get(i).result().getBytes();
        FileUpload f = files.get(i);
        AttachmentPolicy.file(bytes.length, bytes).ifPresent(p -> { throw refused(p, f.fileName()); });
        uploads.add(new Letter.Upload(UUID.randomUUID().toString(), name(f), bytes));
      }
      return uploads;
    });
  }

  /** The file's own name without any path, as the resident will see it; a safe default when it has none. */
  public static String name(FileUpload f) {
    String raw = f.fileName() == null ? "" : f.fileName();
    raw = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
    String clean = raw.codePoints().filter(c -> !Character.isISOControl(c) && c != '"')
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
    if (clean.isEmpty()) clean = "pismo.pdf";
    if (clean.length() > 200) clean = clean.substring(clean.length() - 200);
    return clean.toLowerCase(Locale.ROOT).endsWith(".pdf") ? clean : clean + ".pdf";
  }

  private static ApiError refused(Problem problem, String name) {
    int status = switch (problem) {
      case TOO_MANY -> 400;
      case TOO_LARGE -> 413;
      case NOT_PDF -> 415;
    };
    Map<String, Object> details = name == null ? Map.of("limit", AttachmentPolicy.MAX_FILES)
        : Map.of("name", name, "limit", AttachmentPolicy.MAX_BYTES);
    return new ApiError(status, AttachmentPolicy.code(problem), AttachmentPolicy.explain(problem), details);
  }
}
