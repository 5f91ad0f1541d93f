package iok.notifications.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import iok.notifications.Notice;
import iok.platform.config.Config;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * SMS through a provider speaking the SMSAPI.pl protocol, the most common in Poland: a form POST to
 * {@code /sms.do} with a Bearer token, answered with JSON — {@code {"count":1,"list":[...]}} when taken,
 * {@code {"error":<code>,"message":...}} when not. The delivery key travels as {@code idx} with
 * {@code check_idx=1}, so the provider itself refuses a second message with the same key (error 53):
 * a retry after a lost answer cannot send the SMS twice.
 */
public final class SmsApi implements Channel {

  /** SMSAPI's "this idx was already sent": the message went out on an earlier try. */
  static final int ALREADY_SENT = 53;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Config.SmsApi provider;

  public SmsApi(Config.SmsApi provider) {
    this.provider = provider;
  }

  @Override
  public String name() {
    return "sms";
  }

  @Override
  public void send(String address, Notice notice, String key) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("to", address.replaceAll("[\\s+-]", ""));
    form.put("message", notice.sms());
    provider.from().ifPresent(from -> form.put("from", from));
    form.put("encoding", "utf-8");
    form.put("format", "json");
    form.put("idx", key);
    form.put("check_idx", "1");
    HttpRequest request = HttpRequest.newBuilder(URI.create(provider.url().toString()))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + provider.token())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Channel.NotSent("the SMS provider could not be reached: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Channel.NotSent("interrupted while sending an SMS", e);
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new Channel.NotSent("the SMS provider answered " + response.statusCode() + " with no JSON", e);
    }
    if (answer.has("error")) {
      if (answer.get("error").asInt() == ALREADY_SENT) return;
      throw new Channel.NotSent("the SMS provider refused: " + answer.get("error").asInt() + " "
          + answer.path("message").asText(), null);
    }
    if (response.statusCode() != 200 || answer.path("count").asInt() < 1) {
      throw new Channel.NotSent("the SMS provider answered " + response.statusCode() + ": " + response.body(), null);
    }
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
