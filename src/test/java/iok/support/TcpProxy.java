package iok.support;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder between a client and a node, so that a test can cut the network under a live
 * connection (every connection through it is dropped and new ones are refused) and later restore it.
 */
public final class TcpProxy implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final int target;
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private NetServer server;
  private int port;

  public TcpProxy(int target) {
    this.target = target;
    listen(0);
  }

  public int port() {
    return port;
  }

  private void listen(int on) {
    server = vertx.createNetServer().connectHandler(in -> {
      in.pause();
      vertx.createNetClient().connect(target, "localhost").onSuccess(out -> {
        open.add(in);
        open.add(out);
        in.closeHandler(v -> open.remove(in));
        out.closeHandler(v -> open.remove(out));
        in.pipeTo(out);
        out.pipeTo(in);
        in.resume();
      }).onFailure(e -> in.close());
    });
    port = server.listen(on, "localhost").await().actualPort();
  }

  /** The network goes away: open connections are dropped and new ones refused. */
  public void cut() {
    server.close().await();
    for (NetSocket s : open) s.close();
    open.clear();
  }

  /** The network is back on the same address. */
  public void restore() {
    listen(port);
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
