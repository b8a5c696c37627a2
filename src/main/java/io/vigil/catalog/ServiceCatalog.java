package io.vigil.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The services and configuration items Vigil knows. The operator's file is the source: it is
 * loaded at every start (before the workers begin to ask), entries are updated in place and entries
 * removed from the file are removed here; tickets keep the ids they were opened with.
 */
@Repository
@EnableConfigurationProperties(CatalogProperties.class)
public class ServiceCatalog implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(ServiceCatalog.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final CatalogProperties properties;

  public ServiceCatalog(JdbcClient jdbc, TransactionTemplate transaction, CatalogProperties properties) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    CatalogFile file = CatalogFile.read(properties.location());
    try {
      transaction.executeWithoutResult(status -> store(file));
    } catch (DuplicateKeyException anotherNodeLoadedItFirst) {
      transaction.executeWithoutResult(status -> store(file));
    }
    log.info(
        "Service catalog loaded from {}: {} services, {} configuration items",
        properties.location().getDescription(),
        file.services().size(),
        file.configurationItems().size());
  }

  private void store(CatalogFile file) {
    List<String> serviceIds = file.services().stream().map(BusinessService::id).toList();
    List<String> ciIds = file.configurationItems().stream().map(ConfigurationItem::id).toList();
    for (BusinessService s : file.services()) {
      String keywords = String.join(",", s.keywords());
      int updated =
          jdbc.sql("UPDATE business_service SET name = ?, criticality = ?, keywords = ? WHERE id = ?")
              .params(s.name(), s.criticality().name(), keywords, s.id())
              .update();
      if (updated == 0) {
        jdbc.sql("INSERT INTO business_service (id, name, criticality, keywords) VALUES (?, ?, ?, ?)")
            .params(s.id(), s.name(), s.criticality().name(), keywords)
            .update();
      }
    }
    for (ConfigurationItem ci : file.configurationItems()) {
      int updated =
          jdbc.sql("UPDATE configuration_item SET name = ?, type = ?, service_id = ?, criticality = ? WHERE id = ?")
              .params(ci.name(), ci.type(), ci.service(), ci.criticality().name(), ci.id())
              .update();
      if (updated == 0) {
        jdbc.sql("INSERT INTO configuration_item (id, name, type, service_id, criticality) VALUES (?, ?, ?, ?, ?)")
            .params(ci.id(), ci.name(), ci.type(), ci.service(), ci.criticality().name())
            .update();
      }
    }
    configurationItems().stream()
        .filter(ci -> !ciIds.contains(ci.id()))
        .forEach(ci -> jdbc.sql("DELETE FROM configuration_item WHERE id = ?").param(ci.id()).update());
    services().stream()
        .filter(s -> !serviceIds.contains(s.id()))
        .forEach(s -> jdbc.sql("DELETE FROM business_service WHERE id = ?").param(s.id()).update());
  }

  public List<BusinessService> services() {
    return jdbc.sql("SELECT id, name, criticality, keywords FROM business_service ORDER BY id")
        .query((rs, n) -> service(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
  }

  public Optional<BusinessService> service(String id) {
    return jdbc.sql("SELECT id, name, criticality, keywords FROM business_service WHERE id = ?")
        .param(id)
        .query((rs, n) -> service(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .optional();
  }

  public List<ConfigurationItem> configurationItems() {
    return jdbc.sql("SELECT id, name, type, service_id, criticality FROM configuration_item ORDER BY id")
        .query((rs, n) -> ci(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
        .list();
  }

  public Optional<ConfigurationItem> configurationItem(String id) {
    return jdbc.sql("SELECT id, name, type, service_id, criticality FROM configuration_item WHERE id = ?")
        .param(id)
        .query((rs, n) -> ci(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
        .optional();
  }

  /**
   * Holds the configuration item's row until the caller's transaction ends: whoever holds it next
   * sees what this transaction wrote about the item (its open problem, say).
   */
  public void holdItem(String ci) {
    jdbc.sql("SELECT id FROM configuration_item WHERE id = ? FOR UPDATE").param(ci).query(String.class).optional();
  }

  /** Holds the service's row until the caller's transaction ends, as {@link #holdItem} does an item's. */
  public void holdService(String service) {
    jdbc.sql("SELECT id FROM business_service WHERE id = ? FOR UPDATE").param(service).query(String.class).optional();
  }

  /**
   * The service a ticket belongs to, from what its reporter named: the configuration item's service
   * when an item is named (the service, if named too, must be that one), else the service named, or
   * none. What the catalog does not know, or a mismatch, is refused naming the field.
   */
  public String serviceOf(String service, String ci) {
    if (ci != null) {
      ConfigurationItem item = configurationItem(ci)
          .orElseThrow(() -> new NotInCatalog("ci", "ci: unknown configuration item '" + ci + "'"));
      if (service != null && !service.equals(item.service())) {
        throw new NotInCatalog("ci", "ci: configuration item '" + ci + "' belongs to service '" + item.service() + "', not '" + service + "'");
      }
      return item.service();
    }
    if (service != null && service(service).isEmpty()) {
      throw new NotInCatalog("service", "service: unknown service '" + service + "'");
    }
    return service;
  }

  /** A service or configuration item the catalog does not hold, or that do not belong together; the message starts with the field. */
  public static class NotInCatalog extends IllegalArgumentException {

    private final String field;

    NotInCatalog(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  private static BusinessService service(String id, String name, String criticality, String keywords) {
    List<String> words = keywords.isBlank() ? List.of() : Arrays.asList(keywords.split(","));
    return new BusinessService(id, name, Criticality.valueOf(criticality), words);
  }

  private static ConfigurationItem ci(String id, String name, String type, String service, String criticality) {
    return new ConfigurationItem(id, name, type, service, Criticality.valueOf(criticality));
  }
}
