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
        .set("X-Frame-Options", "DENY")
        // browsers heed it only over HTTPS (RFC 6797 8.1), so it is sent always and takes effect behind TLS
        .set("Strict-Transport-Security", "max-age=31536000")
        .set("Cross-Origin-Opener-Policy", "same-origin")
        .set("Cross-Origin-Resource-Policy", "same-origin")
        .set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    if (ctx.request().path().startsWith("/api/")) ctx.response().headers().set("Cache-Control", "no-store");
    ctx.next();
  }
}
