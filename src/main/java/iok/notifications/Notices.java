package iok.notifications;

import iok.announcements.AnnouncementEvent.AnnouncementPublished;
import iok.faults.FaultStatus;
import java.util.Map;

/**
 * What IOK says, in Polish — the language of the cooperatives and their regulations. One method per
 * thing that happens, so the wording of every message a resident can receive is in this one file.
 */
public final class Notices {

  private static final Map<FaultStatus, String> STATUS = Map.of(
      FaultStatus.REPORTED, "zgłoszona",
      FaultStatus.ACCEPTED, "przyjęta do realizacji",
      FaultStatus.IN_PROGRESS, "w trakcie naprawy",
      FaultStatus.RESOLVED, "usunięta",
      FaultStatus.REJECTED, "odrzucona");

  private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("d.MM.yyyy");

  private static final String FOOTER = """


      Szczegóły znajdą Państwo w portalu mieszkańca IOK.

      --
      %s
      Tę wiadomość wysłaliśmy, ponieważ wybrali Państwo takie powiadomienia w swoim profilu w IOK.
      Można je zmienić lub wyłączyć w zakładce Profil → Powiadomienia.""";

  private Notices() {}

  public static Notice faultStatusChanged(String cooperativeName, String faultTitle, FaultStatus to, String comment) {
    String subject = "Usterka „" + faultTitle + "”: " + STATUS.get(to);
    StringBuilder text = new StringBuilder("Dzień dobry,\n\nzgłoszona przez Państwa usterka „").append(faultTitle)
        .append("” ma nowy status: ").append(STATUS.get(to)).append('.');
    if (comment != null && !comment.isBlank()) text.append("\n\nKomentarz administracji: ").append(comment);
    return new Notice("fault-status", subject, text + FOOTER.formatted(cooperativeName));
  }

  public static Notice missingPayment(String cooperativeName, String premises, iok.finance.Money owed) {
    String amount = owed.toString().replace('.', ',') + " zł";
    String subject = "Przypomnienie o zaległej opłacie: " + amount;
    String text = "Dzień dobry,\n\nw księgach spółdzielni za lokal " + premises + " widnieje na dziś zaległość " + amount
        + ".\nJeśli wpłata została już wysłana, prosimy uznać tę wiadomość za nieaktualną: przelew dociera do ksiąg"
        + " z kilkudniowym opóźnieniem.";
    return new Notice("missing-payment", subject, text + FOOTER.formatted(cooperativeName));
  }

  public static Notice readingWindow(String cooperativeName, java.time.LocalDate opensOn, java.time.LocalDate closesOn) {
    String subject = "Odczyt wodomierzy: od " + opensOn.format(DAY) + " do " + closesOn.format(DAY);
    String text = "Dzień dobry,\n\nprosimy o podanie stanów wodomierzy w portalu IOK w dniach od " + opensOn.format(DAY)
        + " do " + closesOn.format(DAY) + ".";
    return new Notice("reading-dates", subject, text + FOOTER.formatted(cooperativeName));
  }

  public static Notice announcementPublished(String cooperativeName, AnnouncementPublished e) {
    if (e.repair() != null) {
      String subject = "Planowany remont: " + e.title() + " (" + e.repair().startsOn().format(DAY) + "–"
          + e.repair().endsOn().format(DAY) + ")";
      String text = "Dzień dobry,\n\n" + cooperativeName + " zapowiada remont w dniach od " + e.repair().startsOn().format(DAY)
          + " do " + e.repair().endsOn().format(DAY) + ".\n\n" + e.title() + "\n\n" + e.body();
      return new Notice("new-announcement", subject, text + FOOTER.formatted(cooperativeName));
    }
    String subject = "Nowe ogłoszenie: " + e.title();
    String text = "Dzień dobry,\n\n" + cooperativeName + " opublikowała ogłoszenie.\n\n" + e.title() + "\n\n" + e.body();
    return new Notice("new-announcement", subject, text + FOOTER.formatted(cooperativeName));
  }

  /** A new document of the owner's housing community (chosen with new announcements: it is the community's news). */
  public static Notice communityDocument(String cooperativeName, String community, String title) {
    String subject = community + ": nowy dokument „" + title + "”";
    String text = "Dzień dobry,\n\nadministrator opublikował dla " + community + " dokument „" + title
        + "”. Można go przeczytać i pobrać w portalu IOK, w zakładce Wspólnota.";
    return new Notice("new-announcement", subject, text + FOOTER.formatted(cooperativeName));
  }

  public static Notice resolutionOpened(String cooperativeName, String community, String number, String title,
                                        java.time.Instant closesAt) {
    String closes = java.time.ZonedDateTime.ofInstant(closesAt, java.time.ZoneId.of("Europe/Warsaw"))
        .format(java.time.format.DateTimeFormatter.ofPattern("d.MM.yyyy, HH:mm"));
    String subject = community + ": głosowanie nad uchwałą nr " + number;
    String text = "Dzień dobry,\n\nrozpoczęło się głosowanie nad uchwałą nr " + number + " „" + title + "” (" + community
        + "). Głos można oddać w portalu IOK do " + closes + ".";
    return new Notice("new-announcement", subject, text + FOOTER.formatted(cooperativeName));
  }

  /**
   * The outcome of a resolution voted by individual collection, which art. 23 ust. 3 of the Act on Ownership of
   * Premises requires every owner to be told of; the weights are the exact fractions counted.
   */
  public static Notice resolutionClosed(String cooperativeName, String community, String number, String title,
                                        iok.communities.ResolutionEvent.Tally tally, boolean adopted) {
    String outcome = adopted ? "została podjęta" : "nie została podjęta";
    String subject = community + ": uchwała nr " + number + " " + outcome;
    String text = "Dzień dobry,\n\nzawiadamiamy, że uchwała nr " + number + " „" + title + "” (" + community + ") "
        + outcome + ".\n\nWynik głosowania (udziały w nieruchomości wspólnej albo głosy):\n"
        + "za: " + tally.forWeight() + "\nprzeciw: " + tally.againstWeight() + "\nwstrzymujące się: "
        + tally.abstainWeight() + "\nogółem właścicieli: " + tally.totalWeight()
        + "\n\nUchwała jest podjęta, gdy głosy za przekraczają połowę udziałów wszystkich właścicieli."
        + " Listę głosów i jej sumę można sprawdzić w portalu IOK.";
    return new Notice("new-announcement", subject, text + FOOTER.formatted(cooperativeName));
  }
}
