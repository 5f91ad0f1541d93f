package iok;

import iok.demo.DemoSeed;
import iok.platform.auth.Passwords;
import iok.platform.config.Config;
import java.util.Arrays;
import java.util.List;

/** Starts one IOK node: {@code java -jar iok.jar [--demo]}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--new-session-key")) {
      // for IOK_JWT_KEY_FILE: a fresh ES256 pair, private key first (README, "Rotating the session key")
      System.out.print(iok.platform.auth.SigningKeys.newPairPem());
      return;
    }
    Config config;
    try {
      config = Config.fromEnvironment();
    } catch (IllegalArgumentException e) {
      System.err.println("IOK cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    // before the first logger exists: logback reads this when it initialises
    System.setProperty("logback.configurationFile", config.jsonLogs() ? "logback-json.xml" : "logback.xml");
    List<String> arguments = Arrays.asList(args);
    if (arguments.contains("--demo")) config = config.withGatewayDouble();
    Passwords passwords = new Passwords();
    Iok iok = Iok.start(config, passwords);
    Runtime.getRuntime().addShutdownHook(new Thread(iok::close, "iok-shutdown"));
    if (arguments.contains("--demo")) {
      List<DemoSeed.Credential> credentials = DemoSeed.seedOnce(iok, config, passwords);
      if (credentials.isEmpty()) {
        System.out.println("Demo data were seeded earlier in this database; their credentials were printed then.");
      } else {
        System.out.println("\nDemo accounts (residents must change the password on first login):");
        System.out.printf("  %-12s %-9s %-10s %s%n", "cooperative", "role", "login", "password");
        for (DemoSeed.Credential c : credentials) {
          System.out.printf("  %-12s %-9s %-10s %s%n", c.cooperative(), c.role(), c.login(), c.password());
        }
      }
    }
    System.out.println("\nIOK is serving on http://localhost:" + iok.port() + "/");
  }
}
