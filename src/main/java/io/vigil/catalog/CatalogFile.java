package io.vigil.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;

/** The operator's catalog file (YAML), read and checked whole before anything is stored. */
record CatalogFile(List<BusinessService> services, List<ConfigurationItem> configurationItems) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  static CatalogFile read(Resource resource) {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = resource.getInputStream()) {
      CatalogFile file = yaml.readValue(in, CatalogFile.class);
      return file.checked(resource.getDescription());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the service catalog " + resource + ": " + e.getMessage(), e);
    }
  }

  private CatalogFile checked(String source) {
    List<String> problems = new ArrayList<>();
    List<BusinessService> s = services == null ? List.of() : services;
    List<ConfigurationItem> c = configurationItems == null ? List.of() : configurationItems;
    Set<String> serviceIds = new HashSet<>();
    for (BusinessService service : s) {
      requireId("service", service.id(), problems);
      if (!serviceIds.add(service.id())) {
        problems.add("service " + service.id() + " is listed twice");
      }
      if (service.name() == null || service.criticality() == null) {
        problems.add("service " + service.id() + " needs a name and a criticality");
      }
    }
    Set<String> ciIds = new HashSet<>();
    for (ConfigurationItem ci : c) {
      requireId("configuration item", ci.id(), problems);
      if (!ciIds.add(ci.id())) {
        problems.add("configuration item " + ci.id() + " is listed twice");
      }
      if (ci.name() == null || ci.type() == null || ci.criticality() == null) {
        problems.add("configuration item " + ci.id() + " needs a name, a type and a criticality");
      }
      if (!serviceIds.contains(ci.service())) {
        problems.add("configuration item " + ci.id() + " names unknown service " + ci.service());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The service catalog " + source + " is invalid: " + String.join("; ", problems));
    }
    List<BusinessService> normalised =
        s.stream()
            .map(x -> new BusinessService(x.id(), x.name(), x.criticality(), x.keywords() == null ? List.of() : x.keywords()))
            .toList();
    return new CatalogFile(normalised, c);
  }

  private static void requireId(String what, String id, List<String> problems) {
    if (id == null || !ID.matcher(id).matches()) {
      problems.add(what + " id '" + id + "' must be lower-case letters, digits, '.', '_' or '-' (at most 64)");
    }
  }
}
