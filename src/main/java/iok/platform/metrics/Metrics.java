package iok.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import iok.platform.http.Api;
import iok.platform.http.ApiError;
import iok.platform.push.PushHub;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * {@code GET /metrics}: this node's figures in Prometheus' text format, from one Micrometer registry.
 * Vert.x fills in its HTTP server (requests by route, method and status; response time) and its
 * PostgreSQL pool; Hikari its JDBC pool; Axon's command bus monitor the commands by outcome; and IOK adds
 * the projections' lag, the segments this node holds, and the open SSE and WebSocket connections.
 * Every node answers for itself, labelled with its node id; Prometheus scrapes each one.
 */
public final class Metrics {

  /** Buckets of the latency histograms, in milliseconds: around the targets of 25 ms (commands) and 50 ms (push). */
  private static final double[] BUCKETS_MS = {1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final String nodeId;
  private final Optional<String> token;
  private volatile ProjectionLag lag;

  public Metrics(String nodeId, Optional<String> token) {
    this.nodeId = nodeId;
    this.token = token;
    registry.config().commonTags(List.of(Tag.of("node", nodeId)));
    // Vert.x Web names a request's route by every route it passed ("/api/>/api/>/api/admin/regulations"): the last one says it
    registry.config().meterFilter(MeterFilter.replaceTagValues("route", route -> route.substring(route.lastIndexOf('>') + 1)));
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().equals(CommandMetrics.NAME) && !id.getName().startsWith("vertx.http.server.response.time")) {
          return config;
        }
        double[] nanos = new double[BUCKETS_MS.length];
        for (int i = 0; i < nanos.length; i++) nanos[i] = Duration.ofMillis(1).toNanos() * BUCKETS_MS[i];
        return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
      }
    });
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A Vert.x reporting its HTTP server and SQL pool to this registry (by route template, never by raw path). */
  public Vertx vertx() {
    MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true)
        .setRegistryName("iok-" + nodeId)
        .setLabels(java.util.Set.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME))
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
        .addDisabledMetricsCategory(MetricsDomain.NET_SERVER)
        .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET)
        .addDisabledMetricsCategory(MetricsDomain.VERTICLES);
    return Vertx.builder().with(new VertxOptions().setMetricsOptions(options))
        .withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  /** For Axon's command bus. */
  public MessageMonitor<Message<?>> commands() {
    return new CommandMetrics(registry);
  }

  /** Once the node runs: what only a running node can tell. */
  public void observe(Configuration axon, DataSource dataSource, PushHub hub, Duration claimTimeout) {
    Gauge.builder("iok.push.connections", hub, PushHub::openConnections)
        .description("Open SSE and WebSocket connections on this node").register(registry);
    Gauge.builder("iok.push.listening", hub, h -> h.listening() ? 1 : 0)
        .description("1 while this node LISTENs for live updates").register(registry);
    lag = new ProjectionLag(dataSource, axon, registry, Clock.systemUTC(), claimTimeout);
  }

  /**
   * Anyone who can reach the node may read it, like {@code /health}, unless {@code IOK_METRICS_TOKEN} is set:
   * then only a scraper sending {@code Authorization: Bearer <token>}. It names no person and no cooperative.
   */
  public void mount(Api api) {
    api.route(HttpMethod.GET, "/metrics", Api.Access.ANYONE, ctx -> {
      if (token.isPresent() && !presented(ctx.request().getHeader("Authorization"), token.get())) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
        throw new ApiError(401, "metrics_token_required", "Send the metrics token as Authorization: Bearer <token>");
      }
      ctx.vertx().executeBlocking(() -> {
        ProjectionLag current = lag;
        if (current != null) current.refresh();
        return registry.scrape();
      }, false).onSuccess(text -> ctx.response().putHeader("Content-Type", PROMETHEUS_TEXT)
          .putHeader("Cache-Control", "no-store").end(text)).onFailure(ctx::fail);
    });
  }

  private static boolean presented(String header, String expected) {
    if (header == null || !header.startsWith("Bearer ")) return false;
    return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }
}
