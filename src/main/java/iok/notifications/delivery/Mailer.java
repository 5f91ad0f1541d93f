package iok.notifications.delivery;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import iok.notifications.Notice;
import iok.platform.config.Config.Smtp;
import java.util.concurrent.TimeUnit;

/** E-mail through the cooperative's SMTP server (Vert.x mail client), as plain UTF-8 text. */
public final class Mailer implements Channel {

  private static final long TIMEOUT_SECONDS = 30;

  private final MailClient client;
  private final String from;

  public Mailer(Vertx vertx, Smtp smtp) {
    MailConfig config = new MailConfig().setHostname(smtp.host()).setPort(smtp.port())
        .setStarttls(switch (smtp.tls()) {
          case REQUIRED -> StartTLSOptions.REQUIRED;
          case DISABLED, SSL -> StartTLSOptions.DISABLED;
          case OPTIONAL -> StartTLSOptions.OPTIONAL;
        })
        .setSsl(smtp.tls() == Smtp.Tls.SSL)
        .setLogin(smtp.user().isPresent() ? LoginOption.REQUIRED : LoginOption.DISABLED)
        .setUsername(smtp.user().orElse(null)).setPassword(smtp.password().orElse(null))
        .setConnectTimeout(10_000)
        .setKeepAlive(true);
    this.client = MailClient.createShared(vertx, config, "iok-smtp");
    this.from = smtp.from();
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public void send(String address, Notice notice, String key) {
    MailMessage message = new MailMessage().setFrom(from).setTo(address).setSubject(notice.subject())
        .setText(notice.text())
        .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Message-ID", "<" + key + "@iok>"));
    try {
      client.sendMail(message).toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotSent("interrupted while sending mail", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof SMTPException smtp && smtp.isPermanent()) {
        throw new Refused("the SMTP server refused the mail for good: " + smtp.getReplyCode());
      }
      throw new NotSent("the SMTP server did not take the mail: " + e.getCause(), e);
    } catch (Exception e) {
      throw new NotSent("the SMTP server did not take the mail: " + e.getMessage(), e);
    }
  }
}
