package iok.platform.http;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The address a request came from. {@code X-Forwarded-For} is believed only when the operator says how many
 * proxies of theirs stand in front ({@code IOK_TRUSTED_PROXIES}): each appends the address it saw, so the
 * client is the entry that many places from the right; anything further left was written by the client and
 * could be anything. Without trusted proxies the header is ignored, so nobody picks their own address.
 */
public final class ClientAddress {

  private final int trustedProxies;

  public ClientAddress(int trustedProxies) {
    if (trustedProxies < 0) throw new IllegalArgumentException("IOK_TRUSTED_PROXIES must be 0 or more");
    this.trustedProxies = trustedProxies;
  }

  public String of(RoutingContext ctx) {
    SocketAddress peer = ctx.request().remoteAddress();
    String direct = peer == null || peer.hostAddress() == null ? "unknown" : peer.hostAddress();
    if (trustedProxies == 0) return direct;
    String forwarded = String.join(",", ctx.request().headers().getAll("X-Forwarded-For"));
    String[] hops = forwarded.isBlank() ? new String[0] : forwarded.split(",");
    if (hops.length == 0) return direct;
    String client = hops[Math.max(0, hops.length - trustedProxies)].trim();
    // an address is short and plain; anything else is not one, and counts as the proxy's own
    return client.isEmpty() || client.length() > 64 || !client.matches("[0-9A-Fa-f.:\\[\\]]+") ? direct : client;
  }
}
