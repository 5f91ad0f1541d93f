package iok.demo;

import iok.Iok;
import iok.account.Role;
import iok.announcements.Announcement;
import iok.announcements.AnnouncementEvent.Audience;
import iok.announcements.AnnouncementEvent.RepairDays;
import iok.announcements.AnnouncementEvent.Scope;
import iok.account.write.administration.Registration;
import iok.account.write.administration.Registration.Person;
import iok.cooperative.PasswordPolicy;
import iok.cooperative.Zone;
import iok.cooperative.read.regulations.CooperativeProjection;
import iok.cooperative.write.establish.EstablishCooperative;
import iok.cooperative.write.publishregulations.PublishRegulations;
import iok.platform.auth.Passwords;
import iok.payments.PaymentLimit;
import iok.payments.gatewaydouble.GatewayDouble;
import iok.platform.axon.Metadata;
import iok.platform.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import iok.books.write.importbatch.ImportBatch;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.MetaData;

/**
 * {@code --demo}: once per database, the cooperatives SM Prudnik and SM Opole with the rules of their
 * real regulations (shipped in the jar), an administrator and an auditor in each, and a few residents.
 * Everything goes through the same commands an administrator's requests do, so it is all in the history.
 */
public final class DemoSeed {

  public record Credential(String cooperative, String role, String login, String password) {}

  private record Demo(String id, String name, PasswordPolicy policy, List<Zone> zones, String office,
                      String regulationsVersion, String regulationsFile, List<Person> residents) {}

  private static final List<Demo> COOPERATIVES = List.of(
      // P III.6 a–g, and online payments (P III.7)
      new Demo("sm-prudnik", "Spółdzielnia Mieszkaniowa w Prudniku", PasswordPolicy.PRUDNIK,
          List.of(Zone.FINANCE, Zone.PREMISES, Zone.METERS, Zone.ANNOUNCEMENTS, Zone.FAULTS, Zone.CORRESPONDENCE,
              Zone.MEMBERSHIP, Zone.PAYMENTS),
          "Spółdzielnia Mieszkaniowa w Prudniku, ul. Kardynała Stefana Wyszyńskiego 1A, 48-200 Prudnik", "2019-1",
          "/iok/demo/regulamin-sm-prudnik.txt", List.of(
              new Person("Anna", "Kowalska", "anna.kowalska@example.org", "+48 600 100 200"),
              new Person("Jan", "Nowak", null, null))),
      // O III.2
      new Demo("sm-opole", "Spółdzielnia Mieszkaniowa w Opolu", PasswordPolicy.OPOLE,
          List.of(Zone.FINANCE, Zone.COMMUNITY_FINANCE, Zone.LOANS, Zone.ANNOUNCEMENTS, Zone.COMMUNITY_ANNOUNCEMENTS,
              Zone.METERS, Zone.MEMBERSHIP),
          "Spółdzielnia Mieszkaniowa w Opolu, ul. Sosnkowskiego 40-42, 45-273 Opole", "2012-1",
          "/iok/demo/zasady-sm-opole.txt", List.of(
              new Person("Maria", "Wiśniewska", "maria.wisniewska@example.org", null),
              new Person("Piotr", "Zieliński", null, "+48 77 400 50 60"))));
  private static final int LOCKOUT_THRESHOLD = 3;

  private DemoSeed() {}

  /** Seeds unless a demo cooperative exists already; answers the credentials it made (empty when it did nothing). */
  public static List<Credential> seedOnce(Iok iok, Config config, Passwords passwords) {
    // replicas started together (docker compose --scale) would each find no demo and seed it twice: the
    // first to take this lock seeds, the others wait and then find it there
    try (Connection lock = iok.database().dataSource().getConnection(); java.sql.Statement s = lock.createStatement()) {
      s.execute("SELECT pg_advisory_lock(hashtext('iok_demo_seed'))");
      try {
        return alreadySeeded(iok) ? List.of() : seed(iok, config, passwords);
      } finally {
        s.execute("SELECT pg_advisory_unlock(hashtext('iok_demo_seed'))");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not take the demo seed lock", e);
    }
  }

  private static List<Credential> seed(Iok iok, Config config, Passwords passwords) {
    MetaData system = MetaData.with(Metadata.ACTOR_ROLE, "system").and(Metadata.ACTOR_LOGIN, "demo-seed");
    List<Credential> credentials = new ArrayList<>();
    for (Demo demo : COOPERATIVES) {
      MetaData meta = system.and(Metadata.COOPERATIVE, demo.id());
      iok.commands().send(meta, new EstablishCooperative(demo.id(), demo.name(), demo.policy(), LOCKOUT_THRESHOLD,
          demo.zones(), demo.office())).await();
      long sequence = iok.commands().<Long>send(meta,
          new PublishRegulations(demo.id(), demo.regulationsVersion(), read(demo.regulationsFile()))).await();
      iok.reads().await(CooperativeProjection.VERSION_QUERY, demo.id(), sequence).await();
      Registration registration = iok.registration();
      String adminPassword = config.adminPassword().orElseGet(passwords::initialPassword);
      String auditorPassword = config.auditorPassword().orElseGet(passwords::initialPassword);
      String adminId = registration.staff(demo.id(), Role.ADMIN, "admin", adminPassword,
          new Person("Administrator", demo.name(), null, null), meta).await().accountId();
      credentials.add(new Credential(demo.id(), "admin", "admin", adminPassword));
      registration.staff(demo.id(), Role.AUDITOR, "auditor", auditorPassword, new Person("Audytor", demo.name(), null, null), meta)
          .await();
      credentials.add(new Credential(demo.id(), "auditor", "auditor", auditorPassword));
      List<String> residents = new ArrayList<>();
      for (Person resident : demo.residents()) {
        Registration.Registered r = registration.resident(demo.id(), resident, meta).await();
        credentials.add(new Credential(demo.id(), "resident", r.login(), r.initialPassword()));
        residents.add(r.accountId());
      }
      LocalDate today = LocalDate.now(ZoneId.of("Europe/Warsaw"));
      for (ImportBatch batch : DemoBooks.year(demo.id(), residents, demo.zones().contains(Zone.COMMUNITY_FINANCE),
          demo.zones().contains(Zone.LOANS), today)) {
        iok.commands().send(meta, batch).await();
      }
      if (demo.zones().contains(Zone.FAULTS)) {
        iok.commands().send(meta, new Announcement.PlanRepair(UUID.randomUUID().toString(), demo.id(),
            new Audience(Scope.BUILDING, "B-3"), "Wymiana pionów wodnych w budynku B-3",
            "W tych dniach od 8:00 do 15:00 nie będzie zimnej ani ciepłej wody. Prosimy o udostępnienie łazienek ekipie.",
            new RepairDays(today.plusDays(14), today.plusDays(16)))).await();
      }
      if (demo.zones().contains(Zone.CORRESPONDENCE)) DemoCorrespondence.seed(iok, meta, demo.id(), adminId, residents);
      DemoMeters.seed(iok, meta, demo.id(), residents, demo.id().equals("sm-opole"), today);
      if (demo.zones().contains(Zone.PAYMENTS) && config.gatewayDouble()) {
        // the gateway double on this very server, so paying works offline; its key is made here and kept sealed
        iok.gateways().change(meta, demo.id(), "100001", UUID.randomUUID().toString().replace("-", ""),
            "http://localhost:" + iok.port() + GatewayDouble.PATH, PaymentLimit.DEFAULT).await();
      }
    }
    return credentials;
  }

  private static boolean alreadySeeded(Iok iok) {
    try (Connection c = iok.database().dataSource().getConnection();
         ResultSet rs = c.createStatement().executeQuery(
             "SELECT 1 FROM domainevententry WHERE aggregateidentifier = 'sm-prudnik' LIMIT 1")) {
      return rs.next();
    } catch (SQLException e) {
      throw new IllegalStateException("could not check for demo data", e);
    }
  }

  private static String read(String resource) {
    try (InputStream in = DemoSeed.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
