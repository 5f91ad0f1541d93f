package iok.meters.write;

import iok.meters.MeterKind;
import iok.meters.Volume;
import iok.platform.http.Fields;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The meters' request values: ISO dates, volumes as "123.456", meter kinds; a bad one is a 400 naming the field. */
public final class MeterFields {

  private MeterFields() {}

  public static LocalDate date(String value, String field) {
    try {
      return LocalDate.parse(Fields.required(value, field));
    } catch (DateTimeParseException e) {
      throw Fields.invalid(field, "is a date written like 2026-12-31");
    }
  }

  public static Volume volume(String value, String field) {
    try {
      return Volume.parse(Fields.required(value, field));
    } catch (IllegalArgumentException e) {
      throw Fields.invalid(field, "is cubic metres written like 123.456");
    }
  }

  public static Volume optionalVolume(String value, String field, Volume otherwise) {
    return value == null || value.isBlank() ? otherwise : volume(value, field);
  }

  public static MeterKind kind(String value, String field) {
    try {
      return MeterKind.of(Fields.text(value, field, 10));
    } catch (IllegalArgumentException e) {
      throw Fields.invalid(field, "is cold or hot");
    }
  }
}
