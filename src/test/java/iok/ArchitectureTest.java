package iok;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layout tells the architecture; these rules keep it telling the truth. */
class ArchitectureTest {

  static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("iok");
  }

  @Test
  void events_aggregates_and_rules_know_nothing_of_http_or_sql() {
    // the *Module classes sit beside the domain only to wire the feature (STYLE.md)
    noClasses().that().resideInAnyPackage("iok.account", "iok.cooperative", "iok.premises", "iok.finance", "iok.meters",
            "iok.platform.domain")
        .and().haveSimpleNameNotEndingWith("Module")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.sql..", "javax.sql..", "iok.platform.http..",
            "iok.platform.db..", "iok.platform.push..")
        .because("the domain decides; HTTP and storage only carry its decisions (STYLE.md rule 8)")
        .check(classes);
  }

  @Test
  void the_platform_knows_nothing_about_housing() {
    noClasses().that().resideInAPackage("iok.platform..")
        .should().dependOnClassesThat().resideInAnyPackage("iok.account..", "iok.cooperative..", "iok.audit..", "iok.demo..")
        .check(classes);
  }

  @Test
  void one_feature_does_not_reach_into_anothers_write_side() {
    noClasses().that().resideInAPackage("iok.cooperative..")
        .should().dependOnClassesThat().resideInAPackage("iok.account..")
        .check(classes);
    noClasses().that().resideInAPackage("iok.account..")
        .should().dependOnClassesThat().resideInAnyPackage("iok.cooperative.write..", "iok.cooperative.read..")
        .check(classes);
  }
}
