package iok.premises.read.holdings;

import iok.platform.db.Jdbc;
import iok.platform.db.ReadModel;
import iok.premises.PremisesEvent;
import iok.premises.PremisesEvent.Details;
import iok.premises.PremisesEvent.PremisesDetailsChanged;
import iok.premises.PremisesEvent.PremisesRegistered;
import iok.premises.PremisesEvent.Title;
import iok.premises.PremisesEvent.TitleChanged;
import iok.premises.PremisesEvent.TitleGranted;
import java.util.List;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/** Premises and titles as residents see them. Upserts: a replayed event writes the same row again. */
@ProcessingGroup(PremisesProjection.PROCESSOR)
public final class PremisesProjection {

  public static final String PROCESSOR = "premises";
  public static final ReadModel READ_MODEL = new ReadModel(PROCESSOR, 3, "/iok/premises/schema.sql",
      List.of("title_view", "premises_view", "building_view"));

  private static final String UPSERT_PREMISES = """
      INSERT INTO premises_view (cooperative_id, premises_id, building, address, number, kind, area, community, share)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (cooperative_id, premises_id) DO UPDATE SET building = EXCLUDED.building, address = EXCLUDED.address,
        number = EXCLUDED.number, kind = EXCLUDED.kind, area = EXCLUDED.area, community = EXCLUDED.community,
        share = EXCLUDED.share""";
  private static final String UPSERT_TITLE = """
      INSERT INTO title_view (cooperative_id, title_id, premises_id, account_id, kind, valid_from, valid_until, share)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (cooperative_id, title_id) DO UPDATE SET premises_id = EXCLUDED.premises_id,
        account_id = EXCLUDED.account_id, kind = EXCLUDED.kind, valid_from = EXCLUDED.valid_from,
        valid_until = EXCLUDED.valid_until, share = EXCLUDED.share""";

  private final Jdbc jdbc;

  public PremisesProjection(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @EventHandler
  void on(iok.premises.BuildingEvent event) {
    String[] id = event.buildingId().split(":building:", 2);
    iok.premises.BuildingEvent.Details d = switch (event) {
      case iok.premises.BuildingEvent.BuildingRegistered e -> e.details();
      case iok.premises.BuildingEvent.BuildingChanged e -> e.details();
    };
    jdbc.update("""
        INSERT INTO building_view (cooperative_id, building_id, address, community) VALUES (?, ?, ?, ?)
        ON CONFLICT (cooperative_id, building_id) DO UPDATE SET address = EXCLUDED.address, community = EXCLUDED.community""",
        id[0], id[1], d.address(), d.community());
  }

  @EventHandler
  void on(PremisesEvent event) {
    // the aggregate id is "<cooperative>:premises:<books id>"
    String[] id = event.premisesId().split(":premises:", 2);
    switch (event) {
      case PremisesRegistered e -> premises(id, e.details());
      case PremisesDetailsChanged e -> premises(id, e.details());
      case TitleGranted e -> title(id, e.title());
      case TitleChanged e -> title(id, e.title());
    }
  }

  private void premises(String[] id, Details d) {
    jdbc.update(UPSERT_PREMISES, id[0], id[1], d.building(), d.address(), d.number(), code(d.kind()), d.area(), d.community(),
        d.share());
  }

  private void title(String[] id, Title t) {
    jdbc.update(UPSERT_TITLE, id[0], t.booksId(), id[1], t.accountId(), code(t.kind()), t.from(), t.until(), t.share());
  }

  static String code(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @ResetHandler
  void reset() {
    jdbc.update("DELETE FROM building_view");
    jdbc.update("DELETE FROM title_view");
    jdbc.update("DELETE FROM premises_view");
  }
}
