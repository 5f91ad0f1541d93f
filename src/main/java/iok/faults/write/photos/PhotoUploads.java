package iok.faults.write.photos;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import iok.faults.Fault;
import iok.faults.PhotoPolicy;
import iok.platform.http.ApiError;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The photos of a {@code multipart/form-data} request: checked by {@link PhotoPolicy} before anything is
 * kept, then their bytes stored under fresh content ids. When the fault then refuses them, the bytes go
 * again, so a refusal records nothing.
 */
public final class PhotoUploads {

  /** The form field that carries the photos, once per photo. */
  public static final String FIELD = "photos";

  private static final String INSERT = """
      INSERT INTO fault_photo_content (content_id, cooperative_id, fault_id, media_type, bytes) VALUES ($1, $2, $3, $4, $5)""";
  private static final String FORGET = "DELETE FROM fault_photo_content WHERE content_id = ANY($1)";

  /** A photo that passed the checks, with its bytes. */
  public record Checked(String mediaType, String sha256, Buffer bytes) {}

  private final Vertx vertx;
  private final Pool pool;

  public PhotoUploads(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  public static boolean multipart(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
  }

  /** The request's photos, each within size, a picture by its bytes, no more than a fault may have. */
  public Future<List<Checked>> read(RoutingContext ctx) {
    List<FileUpload> files = new ArrayList<>();
    for (FileUpload f : ctx.fileUploads()) {
      if (!FIELD.equals(f.name())) {
        throw ApiError.badRequest("unknown_field", "Unknown field '" + f.name() + "'", Map.of("field", f.name(),
            "allowed", List.of(FIELD)));
      }
      if (f.size() == 0 && (f.fileName() == null || f.fileName().isEmpty())) continue; // a file input left empty
      if (PhotoPolicy.tooLarge(f.size())) {
        throw new ApiError(413, "photo_too_large", "A photo may be at most " + PhotoPolicy.MAX_BYTES / 1024 / 1024 + " MiB",
            Map.of("file", String.valueOf(f.fileName()), "maxBytes", PhotoPolicy.MAX_BYTES));
      }
      files.add(f);
    }
    PhotoPolicy.checkCount(0, files.size());
    List<Future<Checked>> checked = new ArrayList<>();
    for (FileUpload f : files) {
      checked.add(vertx.fileSystem().readFile(f.uploadedFileName())
          .compose(bytes -> vertx.executeBlocking(() -> check(f.fileName(), bytes))));
    }
    return Future.all(checked).map(all -> all.<Checked>list());
  }

  private static Checked check(String fileName, Buffer bytes) throws NoSuchAlgorithmException {
    byte[] raw = bytes.getBytes();
    String type = PhotoPolicy.mediaType(raw).orElseThrow(() -> new ApiError(415, "unsupported_photo_type",
        "A photo is a JPEG, PNG or WebP picture", Map.of("file", String.valueOf(fileName),
        "allowed", List.of("image/jpeg", "image/png", "image/webp"))));
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    return new Checked(type, sha256, bytes);
  }

  /** Stores the photos' bytes, then runs {@code command} with them; forgets the bytes again when it fails. */
  public <T> Future<T> storeThen(String cooperativeId, String faultId, List<Checked> photos,
                                 Function<List<Fault.Photo>, Future<T>> command) {
    if (photos.isEmpty()) return command.apply(List.of());
    List<Fault.Photo> stored = new ArrayList<>();
    List<Tuple> rows = new ArrayList<>();
    for (Checked c : photos) {
      String contentId = UUID.randomUUID().toString();
      stored.add(new Fault.Photo(contentId, c.mediaType(), c.bytes().length(), c.sha256()));
      rows.add(Tuple.of(contentId, cooperativeId, faultId, c.mediaType(), c.bytes()));
    }
    String[] ids = stored.stream().map(Fault.Photo::contentId).toArray(String[]::new);
    return pool.preparedQuery(INSERT).executeBatch(rows)
        .compose(v -> command.apply(stored)
            .recover(refused -> pool.preparedQuery(FORGET).execute(Tuple.of((Object) ids))
                .transform(ignored -> Future.<T>failedFuture(refused))));
  }
}
