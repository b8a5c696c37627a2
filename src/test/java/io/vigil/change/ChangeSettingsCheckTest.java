package io.vigil.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.vigil.catalog.BusinessService;
import io.vigil.catalog.ConfigurationItem;
import io.vigil.catalog.Criticality;
import io.vigil.catalog.ServiceCatalog;
import io.vigil.security.VigilGroup;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator's change settings against the catalog and Vigil's groups. */
class ChangeSettingsCheckTest {

  private final ServiceCatalog catalog = mock(ServiceCatalog.class);

  @BeforeEach
  void catalogHoldsTheOrdersDatabaseAndCheckout() {
    when(catalog.configurationItem(anyString())).thenReturn(Optional.empty());
    when(catalog.service(anyString())).thenReturn(Optional.empty());
    when(catalog.configurationItem("pg-orders-01"))
        .thenReturn(Optional.of(new ConfigurationItem("pg-orders-01", "Orders", "DATABASE", "checkout", Criticality.HIGH)));
    when(catalog.service("checkout")).thenReturn(Optional.of(new BusinessService("checkout", "Checkout", Criticality.HIGH, List.of())));
  }

  @Test
  void settingsThatNameWhatExistsPass() {
    ChangeSettingsCheck check = check(template(List.of("pg-orders-01"), "database"), "checkout");
    assertThat(check.mistakes()).isEmpty();
    check.check();
  }

  @Test
  void unknownItemsGroupsAndServicesAreNamedWithTheirProperty() {
    ChangeSettingsCheck check = check(template(List.of("pg-orders-01", "pg-orderz-01"), "cab"), "chekout");
    assertThat(check.mistakes()).containsExactly(
        "vigil.changes.templates[0].cis: 'pg-orderz-01' is not in the service catalog",
        "vigil.changes.templates[0].implementer-group: 'cab' is not a resolver group "
            + VigilGroup.resolverGroupIds(),
        "vigil.changes.calendar.maintenance-windows: 'chekout' is not a service of the catalog");
    assertThatThrownBy(check::check).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Change settings name what does not exist: vigil.changes.templates[0].cis");
  }

  private ChangeSettingsCheck check(ChangeProperties.Template template, String maintainedService) {
    ChangeCalendarProperties calendar = new ChangeCalendarProperties(ZoneOffset.UTC, List.of(), Map.of(maintainedService,
        List.of(new ChangeCalendarProperties.MaintenanceWindow(List.of(DayOfWeek.SUNDAY), LocalTime.of(2, 0), LocalTime.of(6, 0)))));
    return new ChangeSettingsCheck(new ChangeProperties(List.of(template)), calendar, catalog);
  }

  private static ChangeProperties.Template template(List<String> cis, String group) {
    return new ChangeProperties.Template("db-minor-upgrade", "Minor upgrade", "The next minor release.", "Upgrade and restart.",
        "Downgrade and restart.", cis, group, Duration.ofHours(1));
  }
}
