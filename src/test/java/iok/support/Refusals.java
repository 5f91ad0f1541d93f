package iok.support;

import iok.platform.domain.Refusal;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;

/** For given / when / then tests: the command was refused with this code. */
public final class Refusals {

  private Refusals() {}

  public static Matcher<Refusal> refused(String code) {
    return new CustomTypeSafeMatcher<>("a refusal '" + code + "'") {
      @Override
      protected boolean matchesSafely(Refusal refusal) {
        return refusal.code().equals(code);
      }
    };
  }
}
