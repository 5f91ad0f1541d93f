package iok.cooperative;

import java.util.Optional;

/** The rules an account's decisions depend on, as the cooperative has them now. */
public interface CooperativeRules {

  Rules of(String cooperativeId);

  record Rules(String cooperativeId, String name, PasswordPolicy passwordPolicy, LockoutPolicy lockout,
               Optional<String> currentRegulations) {}
}
