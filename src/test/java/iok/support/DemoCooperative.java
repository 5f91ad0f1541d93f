package iok.support;

import iok.demo.DemoSeed;

/**
 * One of the demo cooperatives as an HTTP test meets it: its administrator signs in, and its demo residents
 * are readied through the forced steps (new password, regulations accepted) so their tokens serve everything.
 * The demo books put SM Opole's first resident (Maria) in B-3 at L-101 and its second (Piotr) in B-12 at L-102;
 * SM Prudnik's are Anna and Jan.
 */
public final class DemoCooperative {

  /** Every resident readied here gets this password; it passes both demo cooperatives' password rules. */
  public static final String RESIDENT_PASSWORD = "Gotowy2026";

  private final TestIok node;
  private final ApiClient api;
  private final String id;

  private DemoCooperative(TestIok node, ApiClient api, String id) {
    this.node = node;
    this.api = api;
    this.id = id;
  }

  public static DemoCooperative opole(TestIok node, ApiClient api) {
    return new DemoCooperative(node, api, "sm-opole");
  }

  public static DemoCooperative prudnik(TestIok node, ApiClient api) {
    return new DemoCooperative(node, api, "sm-prudnik");
  }

  public String id() {
    return id;
  }

  /** Signs the cooperative's administrator in and answers the token. */
  public String admin() {
    return api.login(id, "admin", TestIok.ADMIN_PASSWORD);
  }

  /**
   * The cooperative adds zones its regulations do not list, as it may (P III.8, O III.3): SM Opole's list
   * has no faults zone, and SM Prudnik's no loans, yet tests of those zones use their demo people.
   */
  public DemoCooperative addZones(String... zones) {
    String admin = admin();
    java.util.List<Object> open = new java.util.ArrayList<>(api.get("/api/cooperative", admin).json()
        .getJsonArray("zones").getList());
    for (String zone : zones) if (!open.contains(zone)) open.add(zone);
    ApiClient.Response r = api.put("/api/admin/settings/zones", admin, java.util.Map.of("zones", open));
    if (r.status() != 204) throw new IllegalStateException("zones not set: " + r.body());
    return this;
  }

  /** Readies the demo's resident number {@code index} (from 0) with {@link #RESIDENT_PASSWORD}; answers her token. */
  public String resident(int index) {
    DemoSeed.Credential c = node.resident(id, index);
    return api.readyResident(id, c.login(), c.password(), RESIDENT_PASSWORD);
  }
}
