package iok.books.write.importbatch;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a batch from the books holds, and the fields of its rows. */
public enum BatchKind {
  BUILDINGS("buildings", List.of("id", "address"), List.of("community")),
  PREMISES("premises", List.of("id", "building", "address", "number", "kind", "area"), List.of("community", "share")),
  TITLES("titles", List.of("id", "premises", "login", "kind", "from"), List.of("until", "share")),
  CHARGES("charges", List.of("id", "title", "component", "month", "dueDate", "amount"), List.of()),
  PAYMENTS("payments", List.of("id", "title", "date", "amount"), List.of("source")),
  CORRECTIONS("corrections", List.of("id", "title", "date", "amount", "description"), List.of()),
  INTEREST("interest", List.of("id", "title", "date", "amount"), List.of()),
  MEMBERSHIP("membership", List.of("id", "login", "number", "joined", "shares", "shareValue"), List.of("left")),
  CONTRIBUTIONS("contributions", List.of("id", "member", "kind", "date", "amount"), List.of("premises")),
  LOANS("loans", List.of("id", "login", "name", "principal", "balance", "asOf"), List.of("rate")),
  INSTALLMENTS("installments", List.of("id", "loan", "dueDate", "amount"), List.of("paidOn"));

  public static final int MAX_ROWS = 20_000;

  private final String path;
  private final List<String> required;
  private final List<String> optional;

  BatchKind(String path, List<String> required, List<String> optional) {
    this.path = path;
    this.required = required;
    this.optional = optional;
  }

  public String path() {
    return path;
  }

  public List<String> required() {
    return required;
  }

  public boolean knows(String field) {
    return required.contains(field) || optional.contains(field);
  }

  public boolean isLedger() {
    return this == CHARGES || this == PAYMENTS || this == CORRECTIONS || this == INTEREST;
  }

  public static Optional<BatchKind> of(String path) {
    return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
  }
}
