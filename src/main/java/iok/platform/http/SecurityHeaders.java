package iok.platform.http;

import io.vertx.ext.web.RoutingContext;

/** Headers every answer carries: a strict Content-Security-Policy and the usual hardening. */
final class SecurityHeaders {

  private SecurityHeaders() {}

  static void apply(RoutingContext ctx) {
    ctx.response().headers()
        .set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            // the payment form goes to the Autopay gateway (R16); the local gateway double is 'self'
            + "form-action 'self' https://*.autopay.eu https://autopay.eu https://*.bm.pl")
        .set("X-Content-Type-Options", "nosniff")
        .set("Referrer-Policy", "no-referrer")
        .set("X-Frame-Options", "DENY");
    if (ctx.request().path().startsWith("/api/")) ctx.response().headers().set("Cache-Control", "no-store");
    ctx.next();
  }
}
