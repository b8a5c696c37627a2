package io.vigil.catalog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.web.NotFoundException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read access to the service catalog, for integrators and for the classification worker. */
@RestController
@RequestMapping("/api")
@Tag(name = "Service catalog")
class CatalogController {

  private final ServiceCatalog catalog;

  CatalogController(ServiceCatalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/services")
  @Operation(summary = "All services")
  List<BusinessService> services() {
    return catalog.services();
  }

  @GetMapping("/services/{id}")
  @Operation(summary = "One service")
  BusinessService service(@PathVariable String id) {
    return catalog.service(id).orElseThrow(() -> new NotFoundException("service", id));
  }

  @GetMapping("/configuration-items")
  @Operation(summary = "All configuration items, or those of one service")
  List<ConfigurationItem> configurationItems(@RequestParam(required = false) String service) {
    return catalog.configurationItems().stream()
        .filter(ci -> service == null || ci.service().equals(service))
        .toList();
  }

  @GetMapping("/configuration-items/{id}")
  @Operation(summary = "One configuration item")
  ConfigurationItem configurationItem(@PathVariable String id) {
    return catalog.configurationItem(id).orElseThrow(() -> new NotFoundException("configuration item", id));
  }
}
