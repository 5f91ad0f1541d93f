package iok.payments;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.finance.Money;
import iok.payments.GatewayEvent.GatewayConfigured;
import iok.payments.GatewayEvent.StrayNotificationReceived;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A cooperative's account at the gateway (one per cooperative): settings changed through events. */
public class PaymentGateway {

  public record Configure(@TargetAggregateIdentifier String gatewayId, String cooperativeId, String serviceId,
                          String gatewayUrl, String keyId, String keyFingerprint, Money maxAmount) {}

  public record RecordStray(@TargetAggregateIdentifier String gatewayId, String cooperativeId, String orderId,
                            String serviceId, String remoteId, String status, String amount, String currency,
                            boolean signed, String refusal) {}

  @AggregateIdentifier
  private String gatewayId;
  private long sequence = -1;

  protected PaymentGateway() {}

  public static String id(String cooperativeId) {
    return cooperativeId + ":payment-gateway";
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public long handle(Configure c, Clock clock) {
    gatewayId = c.gatewayId();
    apply(new GatewayConfigured(c.cooperativeId(), c.serviceId(), c.gatewayUrl(), c.keyId(), c.keyFingerprint(),
        c.maxAmount(), clock.instant()));
    return sequence;
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(RecordStray c, Clock clock) {
    gatewayId = c.gatewayId();
    apply(new StrayNotificationReceived(c.cooperativeId(), c.orderId(), c.serviceId(), c.remoteId(), c.status(),
        c.amount(), c.currency(), c.signed(), c.refusal(), clock.instant()));
  }

  @EventSourcingHandler
  void on(GatewayEvent event) {
    sequence++;
    gatewayId = id(event.cooperativeId());
  }
}
