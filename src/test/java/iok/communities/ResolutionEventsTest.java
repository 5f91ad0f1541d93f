package iok.communities;

import static org.assertj.core.api.Assertions.assertThat;

import iok.communities.ResolutionEvent.ResolutionDrafted;
import iok.communities.ResolutionEvent.VoteCast;
import iok.platform.axon.Json;
import org.junit.jupiter.api.Test;

/** Resolutions voted before a premises' votes could be reduced, or names shown, still read from the store. */
class ResolutionEventsTest {

  @Test
  void a_vote_stored_before_reductions_existed_reads_as_reducing_nothing() throws Exception {
    VoteCast old = Json.events().readValue("""
        {"resolutionId":"r-1","key":"P1/ala","premisesId":"P1","premisesNumber":"1","voterId":"ala","choice":"FOR",
         "weight":"1/2","source":"ONLINE","withdrawn":["P1/-"],"at":"2026-11-20T10:00:00Z"}""", VoteCast.class);
    assertThat(old.reduced()).isEmpty();
    assertThat(old.withdrawn()).containsExactly("P1/-");
  }

  @Test
  void a_resolution_drafted_before_owners_could_see_names_keeps_them_hidden() throws Exception {
    ResolutionDrafted old = Json.events().readValue("""
        {"resolutionId":"r-1","cooperativeId":"sm-opole","community":"WM Polna 5","number":"1/2026","title":"Plan",
         "text":"Treść","rule":"SHARES","opensAt":"2026-11-20T10:00:00Z","closesAt":"2026-11-27T10:00:00Z",
         "ownersSeeLiveTally":true,"attachments":[],"at":"2026-11-20T10:00:00Z"}""", ResolutionDrafted.class);
    assertThat(old.ownersSeeNames()).isFalse();
    assertThat(old.ownersSeeLiveTally()).isTrue();
  }
}
