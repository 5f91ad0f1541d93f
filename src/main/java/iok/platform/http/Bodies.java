package iok.platform.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a request body into a record, strictly: JSON only, no unknown or duplicate fields, no
 * quietly coerced types, bounded nesting. A record's compact constructor checks its own values with
 * {@link Fields}; whatever fails becomes a 400 that names the field.
 */
public final class Bodies {

  private static final ObjectMapper MAPPER = JsonMapper.builder(
          com.fasterxml.jackson.core.JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(1_000_000).build())
              .build())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  static {
    MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
  }

  private Bodies() {}

  public static <T> T read(RoutingContext ctx, Class<T> type) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      throw new ApiError(415, "unsupported_media_type", "Send JSON with Content-Type: application/json");
    }
    var body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiError.badRequest("malformed_json", "The body is empty; a JSON object is expected", null);
    }
    return parse(body.getBytes(), type);
  }

  /** The same strict reading for JSON that came in another envelope (a part of a multipart form). */
  public static <T> T parse(byte[] json, Class<T> type) {
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) throw ApiError.badRequest("malformed_json", "A JSON object is expected", null);
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw ApiError.badRequest("unknown_field", "Unknown field '" + e.getPropertyName() + "'",
          Map.of("field", e.getPropertyName(), "allowed", e.getKnownPropertyIds().stream().map(String::valueOf)
              .sorted().collect(Collectors.toList())));
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof ApiError error) throw error;
      throw ApiError.badRequest("invalid_field", "The body has an invalid value", null);
    } catch (MismatchedInputException e) {
      String field = path(e);
      if (field.isEmpty()) throw ApiError.badRequest("malformed_json", "A JSON object is expected", null);
      throw ApiError.badRequest("invalid_field_type", "Field '" + field + "' has the wrong type", Map.of("field", field));
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("malformed_json", "The body is not valid JSON", null);
    } catch (IOException e) {
      throw ApiError.badRequest("malformed_json", "The body could not be read", null);
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
